#!/usr/bin/env node
/**
 * Checks the library's import graph: no import cycles between files of src/, and the folders layered
 * as the architecture is (a folder imports only from folders below it). Imports are read with the
 * TypeScript compiler's own pre-processor (type-only imports count too: a type cycle is a design
 * cycle). Exits 1 and prints each cycle and each upward import; part of `npm test` through
 * test/unit/imports.test.ts. Run it with `node scripts/check-imports.mjs [root]` (root
 * defaults to src).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/**
 * Layers, bottom to top. A file may import from its own folder and from folders on lower layers.
 * `src/index.ts` and the other entry files at the top of src/ may import anything.
 */
export const LAYERS = [
  ["kernels", "math", "kernel"], // WebAssembly kernels and their memory, portable math, the worker kernel
  ["core"], // argument checks, the learning-rate type: what every layer above shares
  ["transforms", "schedules", "data"], // gradient transforms, learning-rate schedules, seeded data
  ["optimizers", "problems", "networks"], // update rules (with transforms), test functions, the MLP
  ["training", "tfjs"], // loops over optimizers, problems and networks; the TF.js bridge
  ["display"], // notebook output: figures, tables, live figures
  ["exercises"], // lesson exercises and their keys
  ["browser"], // the site's bundles
];

/**
 * Upward imports that are known and scheduled to go, each with its reason. Anything else upward fails.
 */
export const KNOWN_UPWARD = new Map([]);

function sourceFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(p));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) out.push(p);
  }
  return out;
}

/** The import graph of `root`: each file (relative to the repo, with "/") to the files it imports. */
export function importGraph(root) {
  const files = sourceFiles(root).map((f) => f.split(path.sep).join("/"));
  const known = new Set(files);
  const graph = new Map();
  for (const file of files) {
    const info = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
    const deps = [];
    for (const { fileName } of info.importedFiles) {
      if (!fileName.startsWith(".")) continue;
      const base = path.posix.join(path.posix.dirname(file), fileName);
      const target = [`${base}.ts`, `${base}/index.ts`, base].find((c) => known.has(c));
      if (target !== undefined) deps.push(target);
    }
    graph.set(file, deps);
  }
  return graph;
}

/** Strongly connected components with more than one file (or a file importing itself): the cycles. */
export function cycles(graph) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

function layerOf(root, file) {
  const parts = path.posix.relative(root, file).split("/");
  if (parts.length < 2) return Infinity; // src/index.ts and other entry files: the top
  const folder = parts[0];
  const layer = LAYERS.findIndex((names) => names.includes(folder));
  if (layer < 0) throw new Error(`check-imports: folder src/${folder} is in no layer; add it to LAYERS in scripts/check-imports.mjs`);
  return layer;
}

/** Imports that go to a folder on a higher layer, or sideways to another folder of the same layer. */
export function upwardImports(root, graph) {
  const bad = [];
  const folder = (file) => path.posix.relative(root, file).split("/")[0];
  for (const [file, deps] of graph) {
    for (const dep of deps) {
      if (folder(file) === folder(dep)) continue;
      if (layerOf(root, dep) >= layerOf(root, file) && !KNOWN_UPWARD.has(`${file} -> ${dep}`)) bad.push(`${file} -> ${dep}`);
    }
  }
  return bad;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = (process.argv[2] ?? "src").replace(/\/$/, "");
  const graph = importGraph(root);
  const loops = cycles(graph);
  const upward = upwardImports(root, graph);
  for (const loop of loops) console.log(`cycle: ${loop.join(" ↔ ")}`);
  for (const edge of upward) console.log(`upward import: ${edge}`);
  const edges = [...graph.values()].reduce((n, d) => n + d.length, 0);
  console.log(`${graph.size} files, ${edges} imports: ${loops.length} cycle(s), ${upward.length} upward import(s)`);
  process.exit(loops.length + upward.length > 0 ? 1 : 0);
}
