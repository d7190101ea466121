#!/usr/bin/env node
// `npm start`: opens the lessons in JupyterLab if it is installed, else in Jupyter Notebook, rooted at
// notebooks/, with the tslab kernel registered. Extra arguments go to Jupyter: `npm start -- --no-browser`.
import { execFileSync, spawn } from "node:child_process";
import { join } from "node:path";
import { root } from "./lib/notebooks.mjs";

const FRONT_ENDS = [
  { name: "JupyterLab", command: ["jupyter-lab"] },
  { name: "JupyterLab", command: ["jupyter", "lab"] },
  { name: "Jupyter Notebook", command: ["jupyter-notebook"] },
  { name: "Jupyter Notebook", command: ["jupyter", "notebook"] },
];

function works([program, ...args]) {
  try {
    execFileSync(program, [...args, "--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const frontEnd = FRONT_ENDS.find((f) => works(f.command));
if (!frontEnd) {
  console.error(`No Jupyter found. Install one of:
  pip install jupyterlab                 (JupyterLab, any system with Python)
  sudo apt-get install jupyter-notebook  (Debian/Ubuntu's Jupyter Notebook)
then run \`npm start\` again. (The TypeScript kernel is already registered by \`npm install\`.)`);
  process.exit(1);
}

// Registers the kernel again, in case this checkout moved since `npm install`.
execFileSync(process.execPath, [join(root, "scripts", "setup.mjs")], { stdio: "inherit" });

const [program, ...args] = frontEnd.command;
const extra = process.argv.slice(2);
if (process.getuid?.() === 0 && !extra.includes("--allow-root")) extra.push("--allow-root");
console.log(`Opening the lessons in ${frontEnd.name} (kernel: TypeScript) ...`);
const child = spawn(program, [...args, `--notebook-dir=${join(root, "notebooks")}`, ...extra], { stdio: "inherit" });
child.on("exit", (code) => process.exit(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
