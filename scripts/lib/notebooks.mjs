// Finding and executing the lessons: shared by `npm run site` and the lesson tests.
import { spawn } from "node:child_process";
import { environmentReady, jupyterEnv, venvPython } from "./python-env.mjs";
import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const notebooksDir = join(root, "notebooks");
const executor = join(root, "scripts", "lib", "execute_notebook.py");

/** The lesson notebooks, in teaching order (their file names start with a number). */
export function listNotebooks(dir = notebooksDir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb") && !f.startsWith("."))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * The project environment's Python (it has nbclient and sees this checkout's kernel), or null with
 * the reason printed. `npm install` creates it.
 */
export function findPython() {
  if (environmentReady()) return venvPython;
  console.error("optimlab: the project's Python environment (.venv/) is missing or out of date; run `npm install` (it needs Python 3.9+).");
  return null;
}

/**
 * Executes one notebook on a fresh kernel; resolves to the executor's summary plus the notebook's name.
 * `env` is the executor's environment (the project's Jupyter environment unless given).
 */
export function executeNotebook(python, path, output, env = jupyterEnv()) {
  return new Promise((resolvePromise) => {
    const child = spawn(python, [executor, path, output], { stdio: ["ignore", "pipe", "pipe"], env });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => {
      const name = basename(path);
      const line = out.trim().split("\n").pop() ?? "";
      try {
        resolvePromise({ name, path, output, ...JSON.parse(line) });
      } catch {
        resolvePromise({ name, path, output, ok: false, seconds: 0, cells: [], error: { kind: `executor exited ${code}`, message: (out + err).slice(-4000) } });
      }
    });
  });
}

/** Executes notebooks `concurrency` at a time into `outDir`, calling `onResult` as each finishes. */
export async function executeAll(python, paths, outDir, { concurrency = 2, onResult = () => {} } = {}) {
  const results = new Array(paths.length);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const i = next++;
      results[i] = await executeNotebook(python, paths[i], join(outDir, basename(paths[i])));
      onResult(results[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, paths.length) }, worker));
  return results;
}

/** A readable account of a failed execution: the cell, its source and what it printed. */
export function describeFailure(result) {
  const e = result.error ?? {};
  return [
    `${result.name}: ${e.kind ?? "failed"} in cell ${e.cell ?? "?"}`,
    e.source ? `--- source ---\n${e.source}` : "",
    e.stdout ? `--- stdout ---\n${e.stdout}` : "",
    e.ename ? `--- error ---\n${e.ename}: ${e.evalue}\n${(e.traceback ?? []).join("\n").replace(/\u001b\[[0-9;]*m/g, "")}` : "",
    e.stderr ? `--- stderr ---\n${e.stderr}` : "",
    !e.stderr && e.message ? `--- message ---\n${e.message}` : "",
  ].filter(Boolean).join("\n");
}

/** Reads a notebook's JSON. */
export function readNotebook(path) {
  return JSON.parse(readFileSync(path, "utf8"));
}

/** The text of a cell's source, whether stored as one string or a list of lines. */
export function cellSource(cell) {
  return Array.isArray(cell.source) ? cell.source.join("") : String(cell.source ?? "");
}
