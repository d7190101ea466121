/**
 * A failed cell as Jupyter reports it: the `ename`, `evalue` and `traceback` of an iopub `error`
 * message and of the `execute_reply`. Tracebacks use ANSI colours, as IPython's do; JupyterLab,
 * Notebook and nbconvert render them.
 */
import { sep } from "node:path";

export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}

const RED = "\u001b[0;31m";
const BOLD_RED = "\u001b[1;31m";
const RESET = "\u001b[0m";

/** Stack frames that say nothing to the cell's author: Node's internals, tslab, the cell wrapper. */
function isNoise(frame: string): boolean {
  return (
    frame.includes("node:internal") ||
    frame.includes(`${sep}tslab${sep}dist${sep}`) ||
    frame.includes(`${sep}dist${sep}kernel${sep}`) ||
    frame.includes("evalmachine.<anonymous>") ||
    /\(node:[a-z_]+/.test(frame)
  );
}

/** An exception thrown by a cell (an Error, or any other thrown value). */
export function formatError(thrown: unknown): ErrorContent {
  if (thrown instanceof Error || (typeof thrown === "object" && thrown !== null && "message" in thrown)) {
    const error = thrown as Error;
    const ename = error.name || error.constructor?.name || "Error";
    const evalue = String(error.message ?? "");
    const frames = String(error.stack ?? "")
      .split("\n")
      .filter((line) => /^\s+at /.test(line) && !isNoise(line))
      .map((line) => line.replace(/^\s+/, "    "));
    return { ename, evalue, traceback: [`${BOLD_RED}${ename}${RESET}: ${evalue}`, ...frames] };
  }
  const evalue = typeof thrown === "string" ? thrown : safeString(thrown);
  return { ename: "Error", evalue, traceback: [`${BOLD_RED}Uncaught${RESET}: ${evalue}`] };
}

/** TypeScript's compile errors for a cell, one line each ("3:5 - Cannot find name 'x'."). */
export function formatDiagnostics(lines: string[]): ErrorContent {
  const found = lines.length > 0 ? lines : ["the cell failed to compile"];
  const evalue = found.length === 1 ? found[0] : `${found[0]} (and ${found.length - 1} more)`;
  return {
    ename: "CompileError",
    evalue,
    traceback: [`${BOLD_RED}CompileError${RESET}: the cell did not compile, so nothing in it ran`, ...found.map((line) => `${RED}${line}${RESET}`)],
  };
}

function safeString(value: unknown): string {
  try {
    return typeof value === "object" ? JSON.stringify(value) : String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
