#!/usr/bin/env node
// Runs after `npm install` (the package's `prepare` step, after the build):
// 1. makes the package importable by its own name from any notebook (`import { adam } from "optimlab"`),
//    by linking notebooks/node_modules/optimlab to the project folder (npm prunes a link it did not make
//    from the root node_modules on every install, but never looks inside notebooks/);
// 2. creates the project's Python environment .venv/ with the Jupyter side pinned in requirements.txt;
// 3. registers this checkout's TypeScript kernel inside .venv/, not in the user's Jupyter data directory.
// Without Python, steps 2 and 3 are skipped with a message that says what is missing; the library
// itself is built and usable either way.
import { existsSync, lstatSync, mkdirSync, readlinkSync, rmSync, symlinkSync } from "node:fs";
import { copyAssets } from "./lib/assets-copy.mjs";
import { platform } from "node:os";
import { dirname, join, resolve } from "node:path";
import { ensureEnvironment, registerKernel, removeOldUserKernel, root } from "./lib/python-env.mjs";

function linkSelf() {
  const link = join(root, "notebooks", "node_modules", "optimlab");
  mkdirSync(dirname(link), { recursive: true });
  const target = platform() === "win32" ? root : join("..", "..");
  try {
    const stat = lstatSync(link);
    if (stat.isSymbolicLink() && resolve(dirname(link), readlinkSync(link)) === root) return;
    rmSync(link, { recursive: true, force: true });
  } catch {
    // no link yet
  }
  symlinkSync(target, link, platform() === "win32" ? "junction" : "dir");
}

if (!existsSync(join(root, "node_modules", "tslab")) || !existsSync(join(root, "dist", "kernel", "main.js"))) {
  console.error("optimlab setup: node_modules/tslab or dist/ is missing; run `npm install` first.");
  process.exit(1);
}
linkSelf();
copyAssets(join(root, "notebooks"));
const removed = removeOldUserKernel();
if (removed) console.log(`optimlab: removed the kernelspec an earlier version of optimlab wrote to ${removed}; the kernel now lives in .venv/`);
if (process.env.OPTIMLAB_SKIP_PYTHON === "1") {
  console.log('optimlab: library built; "optimlab" importable from notebooks/. OPTIMLAB_SKIP_PYTHON=1: Jupyter not installed.');
  process.exit(0);
}
const env = ensureEnvironment();
if (!env.ok) {
  const lines = [
    "",
    "optimlab: the library is built and importable, but the Jupyter side is NOT installed:",
    `  ${env.reason}`,
    "  Until then `npm start` cannot open the lessons and `npm test` cannot execute them.",
    "",
  ];
  console.error(lines.join("\n"));
  process.exit(env.fatal ? 1 : 0);
}
const dir = registerKernel();
console.log(`optimlab: ready. "optimlab" is importable from notebooks/; Jupyter is in .venv/ and the TypeScript kernel in ${dir}. Next: npm start`);
