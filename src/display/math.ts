import { sendBundle } from "./jupyter";

/**
 * Shows display math. Sent as markdown with `$$…$$` (rendered by JupyterLab, Notebook, VS Code and
 * the course site) and as `text/latex` for front ends that prefer it.
 */
export function tex(latex: string): void {
  if (typeof latex !== "string") throw new TypeError(`tex: latex must be a string, got ${typeof latex}`);
  const block = `$$${latex}$$`;
  sendBundle({ "text/markdown": block, "text/latex": block, "text/plain": latex });
}

/** Shows markdown (with `$…$` and `$$…$$` math) as a cell output. */
export function md(markdown: string): void {
  if (typeof markdown !== "string") throw new TypeError(`md: markdown must be a string, got ${typeof markdown}`);
  sendBundle({ "text/markdown": markdown, "text/plain": markdown });
}
