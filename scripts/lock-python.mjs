#!/usr/bin/env node
// `npm run python:lock`: resolves requirements.in in a scratch environment and writes every installed
// package, pinned, to requirements.txt (what `npm install` installs into .venv/).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findBasePython, root } from "./lib/python-env.mjs";

const base = findBasePython();
if (!base) {
  console.error("python:lock needs Python 3.9+ (python3 or $OPTIMLAB_PYTHON).");
  process.exit(1);
}
const scratch = mkdtempSync(join(tmpdir(), "optimlab-lock-"));
const python = join(scratch, "bin", "python");
const run = (command, args, options = {}) => {
  const r = spawnSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], ...options });
  if (r.status !== 0) {
    rmSync(scratch, { recursive: true, force: true });
    console.error(`python:lock: ${command} ${args.join(" ")} failed (exit ${r.status})`);
    process.exit(1);
  }
  return r.stdout;
};
try {
  run(base.python, ["-m", "venv", scratch]);
  run(python, ["-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", join(root, "requirements.in")]);
  const frozen = run(python, ["-m", "pip", "freeze", "--all"])
    .split("\n")
    .filter((line) => line && !/^(pip|setuptools|wheel)==/.test(line));
  const header = "# Generated from requirements.in by `npm run python:lock` (pip freeze of a fresh environment). Do not edit by hand.";
  writeFileSync(join(root, "requirements.txt"), [header, ...frozen].join("\n") + "\n");
  console.log(`requirements.txt: ${frozen.length} packages pinned (Python ${base.version}).`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
