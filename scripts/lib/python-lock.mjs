// Resolving pinned requirement files: install into a scratch environment, freeze, write the pins.
// Shared by `npm run python:lock` (requirements.txt) and `npm run class:lock` (requirements-class.txt).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findBasePython, root } from "./python-env.mjs";

/** A requirement line's package name, normalized as pip compares names. */
const packageName = (line) => line.split("==")[0].toLowerCase().replace(/[-_.]+/g, "-");

/**
 * Installs `install` (requirement files, relative to the checkout) into a fresh environment and writes
 * every package it holds, pinned, to `output`, leaving out those already pinned in the `excludePinsOf`
 * files. Returns the number of pins written; throws with the failing command.
 */
export function lockRequirements({ command, install, output, excludePinsOf = [], header }) {
  const base = findBasePython();
  if (!base) throw new Error(`${command} needs Python 3.9+ (python3 or $OPTIMLAB_PYTHON).`);
  const scratch = mkdtempSync(join(tmpdir(), "optimlab-lock-"));
  const python = join(scratch, "bin", "python");
  const run = (program, args) => {
    const r = spawnSync(program, args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], cwd: root });
    if (r.status !== 0) throw new Error(`${command}: ${program} ${args.join(" ")} failed (exit ${r.status})`);
    return r.stdout;
  };
  try {
    run(base.python, ["-m", "venv", scratch]);
    run(python, ["-m", "pip", "install", "--disable-pip-version-check", "-q", ...install.flatMap((file) => ["-r", file])]);
    const excluded = new Set(
      excludePinsOf.flatMap((file) => readFileSync(join(root, file), "utf8").split("\n").filter((l) => l.includes("==")).map(packageName)),
    );
    const pins = run(python, ["-m", "pip", "freeze", "--all"])
      .split("\n")
      .filter((line) => line.includes("==") && !/^(pip|setuptools|wheel)==/.test(line) && !excluded.has(packageName(line)));
    writeFileSync(join(root, output), [header, ...pins].join("\n") + "\n");
    console.log(`${output}: ${pins.length} packages pinned (Python ${base.version}).`);
    return pins.length;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
