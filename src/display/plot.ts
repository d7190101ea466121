import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Figure } from "./figure";
import { escapeHtml, inNotebook, nextDisplayId, sendBundle } from "./jupyter";

/** The MIME type of a plotly figure, rendered natively by VS Code and by JupyterLab's plotly extension. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** Marks the script that loads plotly.js into a notebook page; the site build swaps it for a file. */
export const PLOTLY_LOADER_ATTRIBUTE = "data-optimlab-plotly";

const DEFAULT_LAYOUT = {
  height: 420,
  margin: { l: 60, r: 20, t: 50, b: 50 },
  font: { family: "Helvetica, Arial, sans-serif", size: 13 },
};
const DEFAULT_CONFIG = { responsive: true, displaylogo: false };

let plotlyLoaded = false;

/** Shows a plotly figure in the notebook (or prints its title outside one). */
export function plot(figure: Figure): void {
  checkFigure("plot", figure);
  const full = withDefaults(figure);
  const bundle = {
    [PLOTLY_MIME]: full,
    "text/html": (needsLoader() ? plotlyLoader() : "") + figureHtml(full),
    "text/plain": `<plot: ${figureTitle(full)}>`,
  };
  sendBundle(bundle);
}

const FIGURE_KEYS = ["data", "layout", "frames", "config"];

/** Throws unless `figure` is a plotly figure: `data` an array of trace objects; layout, config, frames as plotly has them. */
function checkFigure(owner: string, figure: unknown): asserts figure is Figure {
  const isObject = (v: unknown) => v !== null && typeof v === "object" && !Array.isArray(v);
  const what = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "string" ? JSON.stringify(v) : typeof v);
  if (!isObject(figure)) throw new TypeError(`${owner}: figure must be a plotly figure { data, layout }, got ${what(figure)}`);
  const f = figure as Record<string, unknown>;
  for (const key of Object.keys(f)) {
    if (!FIGURE_KEYS.includes(key)) throw new TypeError(`${owner}: unknown figure field "${key}" (known: ${FIGURE_KEYS.join(", ")})`);
  }
  if (!Array.isArray(f.data)) throw new TypeError(`${owner}: figure.data must be an array of traces, got ${what(f.data)}`);
  f.data.forEach((trace, i) => {
    if (!isObject(trace)) throw new TypeError(`${owner}: figure.data[${i}] must be a trace object, got ${what(trace)}`);
  });
  for (const key of ["layout", "config"]) {
    if (f[key] !== undefined && !isObject(f[key])) throw new TypeError(`${owner}: figure.${key} must be an object, got ${what(f[key])}`);
  }
  if (f.frames !== undefined && !Array.isArray(f.frames)) throw new TypeError(`${owner}: figure.frames must be an array, got ${what(f.frames)}`);
}

/** The figure with the course's default size, margins, font and config filled in. */
export function withDefaults(figure: Figure): Figure {
  return {
    ...figure,
    layout: { ...DEFAULT_LAYOUT, ...figure.layout },
    config: { ...DEFAULT_CONFIG, ...figure.config },
  };
}

function needsLoader(): boolean {
  if (plotlyLoaded || !inNotebook()) return false;
  plotlyLoaded = true;
  return true;
}

function figureTitle(figure: Figure): string {
  const title = figure.layout?.title;
  if (typeof title === "string") return title;
  if (title && typeof title === "object" && typeof (title as { text?: unknown }).text === "string") {
    return (title as { text: string }).text;
  }
  return "untitled figure";
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/**
 * The HTML fallback: a div and a script that draws the figure with the page's plotly.js, waiting in
 * a queue until the loader has run. The element id is derived from the figure and a counter (no
 * clock, no randomness), so outputs are identical run to run.
 */
export function figureHtml(figure: Figure): string {
  const json = scriptJson(figure);
  const hash = createHash("sha1").update(json).digest("hex").slice(0, 10);
  const id = `${nextDisplayId("optimlab-plot")}-${hash}`;
  const height = Number(figure.layout?.height ?? DEFAULT_LAYOUT.height);
  return (
    `<div class="optimlab-plot" id="${id}" style="width:100%;min-height:${height}px">` +
    `<noscript>Interactive plot: ${escapeHtml(figureTitle(figure))}</noscript></div>\n` +
    `<script type="text/javascript">(function () {\n` +
    `var figure = ${json};\n` +
    `function draw() {\n` +
    `  var el = document.getElementById(${JSON.stringify(id)});\n` +
    `  if (!el || el.getAttribute("data-drawn")) return;\n` +
    `  el.setAttribute("data-drawn", "1"); el.innerHTML = "";\n` +
    `  window.Plotly.newPlot(el, figure);\n` +
    `}\n` +
    `if (window.Plotly) draw(); else (window.optimlabPlotQueue = window.optimlabPlotQueue || []).push(draw);\n` +
    `})();</script>`
  );
}

/**
 * plotly.js itself, sent once per kernel session with the first figure. It hides an AMD `define`
 * (classic Notebook has require.js) so that plotly installs itself as `window.Plotly`, then draws
 * the figures that were waiting for it.
 */
function plotlyLoader(): string {
  const source = readFileSync(require.resolve("plotly.js-dist-min"), "utf8").replace(/<\/script/gi, "<\\/script");
  return (
    `<script type="text/javascript" ${PLOTLY_LOADER_ATTRIBUTE}="1">(function () {\n` +
    `if (!window.Plotly) {\n` +
    `var savedDefine = window.define; window.define = undefined;\n` +
    `try {\n${source}\n} finally { window.define = savedDefine; }\n` +
    `}\n` +
    `var queue = window.optimlabPlotQueue || []; window.optimlabPlotQueue = [];\n` +
    `queue.forEach(function (draw) { draw(); });\n` +
    `})();</script>\n`
  );
}
