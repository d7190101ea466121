// Lessons as text: every lesson converts to jupytext's Markdown and back without losing a cell, a
// cell's type, its source or its tags (what `npm run jupytext` promises a lesson writer).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { listNotebooks } from "../scripts/lib/notebooks.mjs";
import { environmentReady, jupyterEnv, venvPython } from "../scripts/lib/python-env.mjs";

const ROUND_TRIP = `
import json, sys, jupytext
out = []
for path in sys.argv[1:]:
    nb = jupytext.read(path)
    back = jupytext.reads(jupytext.writes(nb, fmt="md"), fmt="md")
    problems = []
    if len(nb.cells) != len(back.cells):
        problems.append(f"{len(nb.cells)} cells became {len(back.cells)}")
    for i, (a, b) in enumerate(zip(nb.cells, back.cells)):
        if a.cell_type != b.cell_type or a.source != b.source or a.metadata.get("tags") != b.metadata.get("tags"):
            problems.append(f"cell {i} changed")
    if back.metadata.get("kernelspec", {}).get("name") != nb.metadata.get("kernelspec", {}).get("name"):
        problems.append("kernelspec lost")
    out.append({"path": path, "problems": problems})
print(json.dumps(out))
`;

test("every lesson round-trips through jupytext's Markdown unchanged", { skip: environmentReady() ? false : "no .venv: run npm install" }, () => {
  const results = JSON.parse(execFileSync(venvPython, ["-c", ROUND_TRIP, ...listNotebooks()], { encoding: "utf8", env: jupyterEnv() }));
  assert.ok(results.length > 0);
  const broken = results.filter((r) => r.problems.length).map((r) => `${r.path}: ${r.problems.join(", ")}`);
  assert.deepEqual(broken, []);
});
