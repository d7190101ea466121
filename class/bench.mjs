#!/usr/bin/env node
// `npm run bench:class`: how many students this machine holds. Starts the class hub on 127.0.0.1, then for
// N = 1, 2, 4, … students: starts N servers at once (time to ready), has all N execute the same lesson at
// the same moment through the hub (the worst case: a whole class pressing "run all" together), and samples
// the memory of every student's kernel and server while they run. A lesson is within its budget while the
// slowest of the N finishes within BUDGET × the time one student alone needs on this machine (nbclient,
// no hub). Prints a Markdown table and writes build/bench-class.json.
//
// Options: --lesson 02 (number prefix; default the first lesson), --max 8 (largest N), --budget 2.
import { cpus, freemem, loadavg, totalmem } from "node:os";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { executeNotebook, listNotebooks, root } from "../scripts/lib/notebooks.mjs";
import { venvPython } from "../scripts/lib/python-env.mjs";
import { commandLine, cpuSecondsOf, executeRemote, memoryOf, startHub } from "./lib/hub.mjs";

const args = process.argv.slice(2);
const option = (flag, fallback) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : fallback);
const lessonArg = option("--lesson", null);
const lesson = lessonArg ? listNotebooks().find((p) => basename(p).split("-")[0] === lessonArg) : listNotebooks()[0];
if (!lesson) throw new Error(`no lesson ${lessonArg}`);
const maxStudents = Number(option("--max", 8));
const budget = Number(option("--budget", 2));
const name = basename(lesson);
const work = join(root, "build", "bench-class");
rmSync(work, { recursive: true, force: true });
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const MiB = (b) => b / 2 ** 20;
const load = () => loadavg().map((l) => l.toFixed(1)).join(" / ");

console.log(`bench:class on ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB (${(freemem() / 2 ** 30).toFixed(1)} GiB free); load ${load()} (1/5/15 min)`);
const startedAt = new Date();
const loadBefore = loadavg();

// One student alone, no hub: the budget's yardstick (median of two runs).
const alone = [];
for (let i = 0; i < 2; i++) {
  const r = await executeNotebook(venvPython, lesson, join(work, "alone", `${i}-${name}`));
  if (!r.ok) throw new Error(`${name} failed when run alone: ${JSON.stringify(r.error).slice(0, 1000)}`);
  alone.push(r.seconds);
}
const aloneSeconds = median(alone);
console.log(`${name} alone (nbclient, no hub): ${alone.map((s) => s.toFixed(1)).join(", ")} s; budget ${budget}× = ${(budget * aloneSeconds).toFixed(1)} s`);

const rows = [];
const hub = await startHub({ stateDir: join(work, "hub"), log: console.log });
try {
  for (let n = 1; n <= maxStudents; n *= 2) {
    const students = Array.from({ length: n }, (_, i) => `n${n}s${i + 1}`);
    const tokens = await hub.addUsers(students);
    const loadAtStart = loadavg()[0];
    const starts = await Promise.all(students.map((s) => hub.startServer(s)));
    // Peak memory of every process of the run while the lessons execute.
    const peak = new Map();
    const sample = () => {
      for (const pid of hub.processes()) {
        const m = memoryOf(pid);
        if (!m) continue;
        const seen = peak.get(pid) ?? { rss: 0, pss: 0, cpu: 0, cmd: commandLine(pid) };
        peak.set(pid, { ...seen, rss: Math.max(seen.rss, m.rss), pss: Math.max(seen.pss, m.pss), cpu: Math.max(seen.cpu, cpuSecondsOf(pid) ?? 0) });
      }
    };
    const sampler = setInterval(sample, 500);
    const runs = await Promise.all(students.map((s) => executeRemote(venvPython, hub.serverUrl(s), tokens[s], `lessons/${name}`, join(work, s, name))));
    clearInterval(sampler);
    sample(); // the kernels' CPU time up to the end of the lesson (they are shut down when their run ends)
    const failed = runs.filter((r) => !r.ok);
    if (failed.length) throw new Error(`${failed.length} of ${n} runs failed: ${JSON.stringify(failed[0].error).slice(0, 1000)}`);
    const kernels = [...peak.values()].filter((p) => p.cmd.includes(join("dist", "kernel", "main.js")));
    const servers = [...peak.values()].filter((p) => p.cmd.includes("jupyterhub-singleuser"));
    const seconds = runs.map((r) => r.seconds);
    const row = {
      students: n,
      serverStartMedian: median(starts),
      serverStartMax: Math.max(...starts),
      lessonMedian: median(seconds),
      lessonMax: Math.max(...seconds),
      slowdown: Math.max(...seconds) / aloneSeconds,
      withinBudget: Math.max(...seconds) <= budget * aloneSeconds,
      kernelCpuSeconds: median(kernels.map((k) => k.cpu)),
      kernelRssMiB: median(kernels.map((k) => MiB(k.rss))),
      kernelPssMiB: median(kernels.map((k) => MiB(k.pss))),
      serverRssMiB: median(servers.map((k) => MiB(k.rss))),
      serverPssMiB: median(servers.map((k) => MiB(k.pss))),
      kernelsSeen: kernels.length,
      kernelRestarts: runs.reduce((n, r) => n + (r.kernelRestarts ?? 0), 0),
      loadAtStart,
    };
    rows.push(row);
    console.log(
      `N = ${n}: servers ready in ${row.serverStartMedian.toFixed(1)} s (max ${row.serverStartMax.toFixed(1)}); lesson ${row.lessonMedian.toFixed(1)} s (max ${row.lessonMax.toFixed(1)}, ${row.slowdown.toFixed(2)}× alone; kernel CPU ${row.kernelCpuSeconds.toFixed(1)} s) ${row.withinBudget ? "within" : "OVER"} budget; ` +
        `kernel ${row.kernelRssMiB.toFixed(0)} MiB RSS / ${row.kernelPssMiB.toFixed(0)} MiB PSS, server ${row.serverRssMiB.toFixed(0)} MiB RSS; load ${row.loadAtStart.toFixed(1)}`,
    );
    for (const s of students) await hub.stopServer(s);
    for (let i = 0; i < 120 && hub.processes().some((pid) => /singleuser|kernel\/main\.js/.test(commandLine(pid))); i++) await new Promise((r) => setTimeout(r, 500));
    if (!row.withinBudget) break;
  }
} finally {
  await hub.stop();
}

const capacity = rows.filter((r) => r.withinBudget).map((r) => r.students).pop() ?? 0;
const perStudentMiB = Math.max(...rows.map((r) => r.kernelPssMiB + r.serverPssMiB));
const memoryCapacity = Math.floor((0.8 * totalmem()) / (perStudentMiB * 2 ** 20));
const result = {
  date: startedAt.toISOString(),
  machine: { cores: cpus().length, memoryGiB: totalmem() / 2 ** 30, loadBefore, loadAfter: loadavg() },
  lesson: name,
  aloneSeconds: alone,
  budget,
  rows,
  capacitySimultaneous: capacity,
  perStudentMiB,
  memoryCapacity,
};
mkdirSync(join(root, "build"), { recursive: true });
writeFileSync(join(root, "build", "bench-class.json"), JSON.stringify(result, null, 2) + "\n");

const table = [
  `Measured by \`npm run bench:class\` on ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
    `load average ${loadBefore.map((l) => l.toFixed(1)).join(" / ")} before and ${loadavg().map((l) => l.toFixed(1)).join(" / ")} after (1/5/15 min; other work shared the machine). ` +
    `Lesson ${name}: ${aloneSeconds.toFixed(1)} s for one student alone (nbclient, no hub); budget ${budget}× that.`,
  "",
  "| students at once | server ready (median / max) | lesson (median / max) | slowest ÷ alone | within budget | kernel CPU per student | kernel RSS / PSS | server RSS / PSS |",
  "| --- | --- | --- | --- | --- | --- | --- | --- |",
  ...rows.map(
    (r) =>
      `| ${r.students} | ${r.serverStartMedian.toFixed(1)} s / ${r.serverStartMax.toFixed(1)} s | ${r.lessonMedian.toFixed(1)} s / ${r.lessonMax.toFixed(1)} s | ${r.slowdown.toFixed(2)}× | ${r.withinBudget ? "yes" : "no"} | ${r.kernelCpuSeconds.toFixed(1)} s | ` +
      `${r.kernelRssMiB.toFixed(0)} / ${r.kernelPssMiB.toFixed(0)} MiB | ${r.serverRssMiB.toFixed(0)} / ${r.serverPssMiB.toFixed(0)} MiB |`,
  ),
  "",
  `Simultaneous whole-lesson runs within budget: ${capacity} students. Memory per student (kernel + server PSS, peak): ${perStudentMiB.toFixed(0)} MiB, ` +
    `so 80% of this machine's memory holds ${memoryCapacity} students' servers and kernels.`,
];
console.log("\n" + table.join("\n"));
