#!/usr/bin/env node
// `npm start`: opens the lessons (notebooks/) in JupyterLab 4 from the project's environment (.venv/),
// on this checkout's TypeScript kernel. `npm start -- --notebook` opens Jupyter Notebook 7 instead.
// Other arguments go to Jupyter: `npm start -- --no-browser --port 8899`.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { copyAssets } from "./lib/assets-copy.mjs";
import { ensureEnvironment, jupyterEnv, registerKernel, root, venvBin } from "./lib/python-env.mjs";

const args = process.argv.slice(2);
const notebook = args.includes("--notebook");
const extra = args.filter((a) => a !== "--notebook");

const env = ensureEnvironment();
if (!env.ok) {
  console.error(`optimlab: cannot open the lessons: ${env.reason}`);
  process.exit(1);
}
// Registers the kernel again, in case this checkout moved since `npm install`; refreshes the page's
// scripts beside the lessons, in case the library was rebuilt since.
registerKernel();
copyAssets(join(root, "notebooks"));

if (process.getuid?.() === 0 && !extra.includes("--allow-root")) extra.push("--allow-root");
const name = notebook ? "Jupyter Notebook 7" : "JupyterLab";
console.log(`Opening the lessons in ${name} (kernel: TypeScript) ...`);
const child = spawn(venvBin("jupyter"), [notebook ? "notebook" : "lab", `--ServerApp.root_dir=${join(root, "notebooks")}`, ...extra], {
  stdio: "inherit",
  env: jupyterEnv(),
});
child.on("exit", (code) => process.exit(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
