#!/usr/bin/env node
// Converts between a lesson notebook and a plain-text form that is easy to write and review:
// cells separated by lines `// %%` (code) and `// %% [markdown]` (markdown).
//   node scripts/nbtext.mjs to-ipynb lesson.txt notebooks/NN-name.ipynb
//   node scripts/nbtext.mjs to-text notebooks/NN-name.ipynb [lesson.txt]
// Notebooks are written without outputs, with the tslab kernelspec, as the lessons are committed.
import { readFileSync, writeFileSync } from "node:fs";

const MARKER = /^\/\/ %%( \[markdown\])?\s*$/;

export function textToNotebook(text) {
  const cells = [];
  let current = null;
  for (const line of text.split("\n")) {
    const m = line.match(MARKER);
    if (m) {
      current = { type: m[1] ? "markdown" : "code", lines: [] };
      cells.push(current);
    } else if (current) {
      current.lines.push(line);
    }
  }
  return {
    cells: cells.map(({ type, lines }) => {
      while (lines.length && lines[lines.length - 1].trim() === "") lines.pop();
      while (lines.length && lines[0].trim() === "") lines.shift();
      const source = lines.map((l, i) => (i < lines.length - 1 ? `${l}\n` : l));
      return type === "markdown"
        ? { cell_type: "markdown", metadata: {}, source }
        : { cell_type: "code", execution_count: null, metadata: {}, outputs: [], source };
    }),
    metadata: {
      kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" },
      language_info: { codemirror_mode: { mode: "typescript", name: "javascript", typescript: true }, file_extension: ".ts", mimetype: "text/typescript", name: "typescript" },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

export function notebookToText(nb) {
  return nb.cells
    .map((c) => `// %%${c.cell_type === "markdown" ? " [markdown]" : ""}\n${Array.isArray(c.source) ? c.source.join("") : c.source}\n`)
    .join("\n");
}

/** Stable cell ids (nbformat 4.5 requires them): the notebook's name and the cell's position. */
function withIds(nb, name) {
  nb.cells.forEach((c, i) => (c.id = `${name.replace(/[^A-Za-z0-9-]/g, "").slice(0, 40)}-${i}`));
  return nb;
}

const [command, input, output] = process.argv.slice(2);
if (command === "to-ipynb" && input && output) {
  const name = output.split("/").pop().replace(/\.ipynb$/, "");
  writeFileSync(output, JSON.stringify(withIds(textToNotebook(readFileSync(input, "utf8")), name), null, 1) + "\n");
} else if (command === "to-text" && input) {
  const text = notebookToText(JSON.parse(readFileSync(input, "utf8")));
  if (output) writeFileSync(output, text);
  else process.stdout.write(text);
} else {
  console.error("usage: nbtext.mjs to-ipynb LESSON.txt NOTEBOOK.ipynb | to-text NOTEBOOK.ipynb [LESSON.txt]");
  process.exit(2);
}
