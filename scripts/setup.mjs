#!/usr/bin/env node
// Runs after `npm install` (the package's `prepare` step, after the build):
// 1. makes the package importable by its own name from any notebook (`import { adam } from "optimlab"`),
//    by linking notebooks/node_modules/optimlab to the project folder (npm prunes a link it did not make
//    from the root node_modules on every install, but never looks inside notebooks/);
// 2. registers the tslab TypeScript kernel with Jupyter, writing kernel.json directly (no Python needed).
import { existsSync, lstatSync, mkdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { homedir, platform } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

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

/** Jupyter's per-user data directory, as `jupyter --data-dir` reports it. */
export function jupyterDataDir() {
  if (process.env.JUPYTER_DATA_DIR) return process.env.JUPYTER_DATA_DIR;
  if (platform() === "darwin") return join(homedir(), "Library", "Jupyter");
  if (platform() === "win32") return join(process.env.APPDATA ?? join(homedir(), "AppData", "Roaming"), "jupyter");
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), ".local", "share"), "jupyter");
}

function installKernel() {
  const dir = join(jupyterDataDir(), "kernels", "tslab");
  mkdirSync(dir, { recursive: true });
  const spec = {
    argv: [process.execPath, join(root, "node_modules", "tslab", "bin", "tslab"), "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript",
    language: "typescript",
  };
  writeFileSync(join(dir, "kernel.json"), JSON.stringify(spec, null, 2) + "\n");
  return dir;
}

if (!existsSync(join(root, "node_modules", "tslab"))) {
  console.error("optimlab setup: node_modules/tslab is missing; run `npm install` first.");
  process.exit(1);
}
linkSelf();
const dir = installKernel();
console.log(`optimlab: "optimlab" is importable from notebooks; Jupyter kernel "tslab" (TypeScript) registered in ${dir}`);
