#!/usr/bin/env node
// `npm run jupytext -- ARGS`: jupytext from the project environment, for writing and reviewing lessons
// as text. The lessons' text form is jupytext's Markdown (prose as is, code cells as ```typescript
// fences, cell tags and raw cells kept):
//   npm run jupytext -- --to md notebooks/02-gradient-descent.ipynb -o lesson.md
//   npm run jupytext -- --to ipynb lesson.md -o notebooks/NN-topic.ipynb
// In JupyterLab, a .md lesson opens as a notebook too (right-click → Open With → Notebook).
import { spawnSync } from "node:child_process";
import { environmentReady, jupyterEnv, venvBin } from "./lib/python-env.mjs";

if (!environmentReady()) {
  console.error("jupytext: the project's Python environment (.venv/) is missing or out of date; run `npm install`.");
  process.exit(1);
}
const result = spawnSync(venvBin("jupytext"), process.argv.slice(2), { stdio: "inherit", env: jupyterEnv() });
process.exit(result.status ?? 1);
