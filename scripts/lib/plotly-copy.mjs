// A copy of plotly.js beside the lessons, for the figures' HTML fallback in front ends without a plotly
// renderer: a real file, because Jupyter serves no file behind a link that leads outside its root.
// src/display/plotlySource.ts finds it at node_modules/optimlab-assets/plotly.min.js.
import { copyFileSync, existsSync, mkdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export function copyPlotly(notebooksFolder) {
  const target = join(notebooksFolder, "node_modules", "optimlab-assets", "plotly.min.js");
  const source = createRequire(import.meta.url).resolve("plotly.js-dist-min");
  mkdirSync(dirname(target), { recursive: true });
  if (!existsSync(target) || statSync(target).size !== statSync(source).size) copyFileSync(source, target);
}
