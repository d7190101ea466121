/**
 * `npm run bench`: every performance figure of the project, measured side by side in one run.
 * Prints each section as it finishes and writes BENCHMARKS.md.
 *   npm run bench                 full run (a few minutes)
 *   npm run bench -- --quick      fewer sizes and rounds (about a minute), for a quick look
 *   npm run bench -- --only=lessons,optimizers
 * PyTorch's columns come from requirements-bench.txt in .venv, installed on the first run that needs it
 * (bench/pytorch.ts); OPTIMLAB_BENCH_TORCH=0 leaves them out.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { formatMs, type Section } from "./harness";
import { lessonsSection } from "./lessons";
import { liveSection } from "./live";
import { mlpSection } from "./mlp";
import { optimizersSection } from "./optimizers";
import { closeTorch } from "./pytorch";
import { trajectoriesSection } from "./trajectories";

const quick = process.argv.includes("--quick");
const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length).split(",");

/** Notebook executions per lesson: each takes seconds, so the full run does 2 (medians of 2 = means) to stay within a few minutes. */
const LESSON_RUNS = quick ? 1 : 2;

const SECTIONS: Record<string, () => Promise<Section>> = {
  optimizers: () => optimizersSection(quick),
  trajectories: () => trajectoriesSection(quick),
  mlp: () => mlpSection(quick),
  live: () => liveSection(quick),
  lessons: () => lessonsSection(LESSON_RUNS),
};

/**
 * Sections of the old BENCHMARKS.md that other commands measure (the class sizing of
 * `npm run bench:class`): carried over unchanged, so a bench run does not lose them.
 */
function keptSections(): string {
  const path = join(__dirname, "..", "BENCHMARKS.md");
  if (!existsSync(path)) return "";
  const old = readFileSync(path, "utf8");
  const start = old.indexOf("\n## Teaching a class");
  if (start < 0) return "";
  const end = old.indexOf("\n## ", start + 4);
  return "\n" + old.slice(start + 1, end < 0 ? undefined : end + 1).trimEnd() + "\n";
}

/**
 * The CPU's family and model numbers and its vector extensions, from /proc/cpuinfo on Linux (the model name a
 * virtual machine reports, such as "AMD EPYC", does not say which generation of core runs the code), or "".
 */
function cpuDetails(): string {
  let info: string;
  try {
    info = readFileSync("/proc/cpuinfo", "utf8");
  } catch {
    return "";
  }
  const field = (name: string) => new RegExp(`^${name}\\s*:\\s*(.*)$`, "m").exec(info)?.[1]?.trim();
  const flags = new Set((field("flags") ?? "").split(/\s+/));
  const vectors = ["avx2", "fma", "avx512f"].filter((f) => flags.has(f)).map((f) => f.toUpperCase());
  const family = field("cpu family");
  const model = field("model");
  return family && model ? ` (family ${family}, model ${model}${vectors.length ? `; ${vectors.join(", ")}` : ""})` : "";
}

async function main() {
  const started = new Date();
  const load = loadavg()[0];
  const unknown = only?.filter((n) => !(n in SECTIONS)) ?? [];
  if (unknown.length) throw new Error(`bench: unknown section(s) ${unknown.join(", ")}; sections are ${Object.keys(SECTIONS).join(", ")}`);
  const names = Object.keys(SECTIONS).filter((n) => !only || only.includes(n));
  const sections: Section[] = [];
  const took: string[] = [];
  const seconds: Record<string, number> = {};
  let failed = false;
  for (const name of names) {
    console.log(`bench: ${name} ...`);
    const t0 = performance.now();
    let section: Section;
    try {
      section = await SECTIONS[name]();
    } catch (error) {
      // One broken section (a notebook that fails to execute, say) should not lose the others' figures.
      failed = true;
      console.error(error);
      section = { title: name, body: `Not measured: the section failed (${(error as Error).message.split("\n")[0]}).` };
    }
    seconds[name] = (performance.now() - t0) / 1000;
    took.push(`${name} ${formatMs(seconds[name] * 1000)}`);
    console.log(`\n## ${section.title}\n\n${section.body}\n`);
    sections.push(section);
  }
  const total = (Date.now() - started.getTime()) / 1000;
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}${cpuDetails()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}/${process.arch}`;
  const command = `npm run bench${quick ? " -- --quick" : ""}${only ? ` -- --only=${only.join(",")}` : ""}`;
  const doc =
    `# Benchmarks\n\nMeasured by \`${command}\` on ${started.toISOString().slice(0, 10)} ` +
    `(the run took ${(total / 60).toFixed(1)} min: ${took.join(", ")}).\n\n` +
    `Machine: ${machine}; load average ${load.toFixed(1)} when the run started` +
    `${load > cpus().length / 2 ? " (a shared, busy machine: absolute times are noisy, ratios measured in the same rounds much less so)" : ""}.\n\n` +
    `Every figure is a median over interleaved rounds measured in the same run; ratios compare figures of that one run. ` +
    `Re-run the command to reproduce them on your machine.\n\n` +
    (seconds.lessons !== undefined && !quick
      ? `The lessons section executes every notebook ${LESSON_RUNS}× (not 3×) because it dominates the run: ` +
        `${formatMs(seconds.lessons * 1000)} of the ${(total / 60).toFixed(1)} min.\n\n`
      : "") +
    sections.map((s) => `## ${s.title}\n\n${s.body}\n`).join("\n") +
    keptSections();
  writeFileSync(join(__dirname, "..", "BENCHMARKS.md"), doc);
  console.log(`bench: wrote BENCHMARKS.md (${took.join(", ")})`);
  await closeTorch();
  if (failed) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
