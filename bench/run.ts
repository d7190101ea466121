/**
 * `npm run bench`: every performance figure of the project, measured side by side in one run.
 * Prints each section as it finishes and writes BENCHMARKS.md.
 *   npm run bench                 full run (a few minutes)
 *   npm run bench -- --quick      fewer sizes and rounds (about a minute), for a quick look
 *   npm run bench -- --only=lessons,optimizers
 */
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import type { Section } from "./harness";
import { lessonsSection } from "./lessons";

const quick = process.argv.includes("--quick");
const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length).split(",");

const SECTIONS: Record<string, () => Promise<Section>> = {
  lessons: () => lessonsSection(quick ? 1 : 3),
};

async function main() {
  const started = new Date();
  const names = Object.keys(SECTIONS).filter((n) => !only || only.includes(n));
  const sections: Section[] = [];
  for (const name of names) {
    console.log(`bench: ${name} ...`);
    const section = await SECTIONS[name]();
    console.log(`\n## ${section.title}\n\n${section.body}\n`);
    sections.push(section);
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}/${process.arch}`;
  const command = `npm run bench${quick ? " -- --quick" : ""}${only ? ` -- --only=${only.join(",")}` : ""}`;
  const doc =
    `# Benchmarks\n\nMeasured by \`${command}\` on ${started.toISOString().slice(0, 10)}.\n\n` +
    `Machine: ${machine}.\n\nEvery figure is a median over interleaved rounds measured in the same run; ratios compare figures of that one run. ` +
    `Re-run the command to reproduce them on your machine.\n\n` +
    sections.map((s) => `## ${s.title}\n\n${s.body}\n`).join("\n");
  writeFileSync(join(__dirname, "..", "BENCHMARKS.md"), doc);
  console.log("bench: wrote BENCHMARKS.md");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
