#!/usr/bin/env node
// `npm run class:lock`: resolves requirements-class.in (constrained by requirements.txt) in a scratch
// environment and writes the packages it adds, pinned, to requirements-class.txt.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findBasePython, root } from "../scripts/lib/python-env.mjs";

const base = findBasePython();
if (!base) {
  console.error("class:lock needs Python 3.9+ (python3 or $OPTIMLAB_PYTHON).");
  process.exit(1);
}
const scratch = mkdtempSync(join(tmpdir(), "optimlab-class-lock-"));
const python = join(scratch, "bin", "python");
function run(command, args) {
  const r = spawnSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], cwd: root });
  if (r.status !== 0) throw new Error(`class:lock: ${command} ${args.join(" ")} failed (exit ${r.status})`);
  return r.stdout;
}
const name = (line) => line.split("==")[0].toLowerCase().replace(/[-_.]+/g, "-");
try {
  run(base.python, ["-m", "venv", scratch]);
  run(python, ["-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", "requirements.txt", "-r", "requirements-class.in"]);
  const basePins = new Set(readFileSync(join(root, "requirements.txt"), "utf8").split("\n").filter((l) => l.includes("==")).map(name));
  const added = run(python, ["-m", "pip", "freeze", "--all"])
    .split("\n")
    .filter((line) => line.includes("==") && !/^(pip|setuptools|wheel)==/.test(line) && !basePins.has(name(line)));
  const header = "# Generated from requirements-class.in by `npm run class:lock`: what it adds to requirements.txt, pinned. Do not edit by hand.";
  writeFileSync(join(root, "requirements-class.txt"), [header, ...added].join("\n") + "\n");
  console.log(`requirements-class.txt: ${added.length} packages pinned (Python ${base.version}).`);
} catch (e) {
  console.error(e.message);
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
