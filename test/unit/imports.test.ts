/**
 * The import graph of src/ has no cycles and its folders are layered (scripts/check-imports.mjs), and
 * the checker itself finds a cycle and an upward import when they are there.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const script = path.resolve(__dirname, "../../scripts/check-imports.mjs");

function check(root: string) {
  return spawnSync(process.execPath, [script, root], { encoding: "utf8", cwd: path.dirname(root) === "." ? process.cwd() : path.dirname(root) });
}

test("src/ has no import cycle and no import from a higher layer", () => {
  const run = spawnSync(process.execPath, [script, "src"], { encoding: "utf8", cwd: path.resolve(__dirname, "../..") });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /: 0 cycle\(s\), 0 upward import\(s\)/);
});

test("the checker reports a planted cycle and an upward import", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "imports-"));
  try {
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    };
    write("lib/core/a.ts", 'import { b } from "./b";\nexport const a = () => b;\n');
    write("lib/core/b.ts", 'import { a } from "./a";\nimport type { X } from "../optimizers/x";\nexport const b = () => a;\n');
    write("lib/optimizers/x.ts", "export type X = number;\n");
    const run = check(path.join(dir, "lib"));
    assert.equal(run.status, 1);
    assert.match(run.stdout, /cycle: .*core\/a\.ts ↔ .*core\/b\.ts/);
    assert.match(run.stdout, /upward import: .*core\/b\.ts -> .*optimizers\/x\.ts/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
