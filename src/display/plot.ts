import { createHash } from "node:crypto";
import type { Figure } from "./figure";
import { inNotebook, nextDisplayId, sendBundle } from "./jupyter";
import { escapeHtml, scriptJson } from "./htmlText";
import { liveNotebookHtml } from "./live/notebook";
import type { LiveFigure } from "./live/session";
import { checkLiveSpec } from "./live/spec";
import { assetUrlOnServer, plotlyUrlOnServer } from "./serverAssets";

/** The MIME type of a plotly figure, rendered natively by VS Code and by JupyterLab's plotly extension. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** The class of the text shown where a figure is until a script draws it (the site puts an image there). */
export const STATIC_FIGURE_CLASS = "optimlab-plot-static";

const DEFAULT_LAYOUT = {
  height: 420,
  margin: { l: 60, r: 20, t: 50, b: 50 },
  font: { family: "Helvetica, Arial, sans-serif", size: 13 },
};
const DEFAULT_CONFIG = { responsive: true, displaylogo: false };

/**
 * Shows a plotly figure in the notebook (or prints its title outside one), as one MIME bundle:
 * - `application/vnd.plotly.v1+json`, drawn by JupyterLab's and Notebook 7's plotly renderer (which
 *   the project's environment installs) and by VS Code, in trusted and untrusted notebooks alike;
 * - `text/html`, for front ends without that renderer: a script draws the figure with the page's
 *   plotly.js, loading it from the Jupyter server when the page has none (after a reload, too);
 * - `text/plain`, the figure's title.
 *
 * A live figure (from `liveFigure` or a live builder) is that static figure followed by a second
 * output, its live version (`live/notebook.ts`): in a trusted notebook on the course's Jupyter server
 * it replaces the static one and recomputes as the reader moves its sliders or drags its start point.
 * The second output carries the metadata `{ optimlab: { live: true } }`; the course site, which makes
 * the static figure live itself, leaves it out.
 */
export function plot(figure: Figure | LiveFigure): void {
  checkFigure("plot", figure);
  const full = withDefaults(figure);
  const bundle = {
    [PLOTLY_MIME]: full,
    "text/html": figureHtml(full, plotlyUrlOnServer()),
    "text/plain": `<plot: ${figureTitle(full)}>`,
  };
  sendBundle(bundle);
  if ("live" in full && inNotebook()) {
    const live = full as LiveFigure;
    const html = liveNotebookHtml(live, nextDisplayId("optimlab-live"), { plotly: plotlyUrlOnServer(), bundle: assetUrlOnServer("optimlab.js") });
    sendBundle({ "text/html": html, "text/plain": `<live version of: ${figureTitle(full)}>` }, { metadata: { optimlab: { live: true } } });
  }
}

const FIGURE_KEYS = ["data", "layout", "frames", "config", "live"];

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
  if (f.live !== undefined) {
    if (!isObject(f.live)) throw new TypeError(`${owner}: figure.live must be a live figure's description (made by liveFigure), got ${what(f.live)}`);
    checkLiveSpec(f.live as LiveFigure["live"]);
  }
}

/** The figure with the course's default size, margins, font and config filled in. */
export function withDefaults(figure: Figure): Figure {
  return {
    ...figure,
    layout: { ...DEFAULT_LAYOUT, ...figure.layout },
    config: { ...DEFAULT_CONFIG, ...figure.config },
  };
}

function figureTitle(figure: Figure): string {
  const title = figure.layout?.title;
  if (typeof title === "string") return title;
  if (title && typeof title === "object" && typeof (title as { text?: unknown }).text === "string") {
    return (title as { text: string }).text;
  }
  return "untitled figure";
}


/**
 * The HTML fallback: a div and a script that draws the figure with the page's plotly.js. Figures
 * drawn before plotly.js is there wait in `window.optimlabPlotQueue`; the first of them asks for
 * plotly.js from `plotlyUrl` (the course site loads it itself). Until a script draws it (an untrusted
 * notebook runs none), the div says what the figure is and how to see it. The element id comes from
 * the figure and a counter (no clock, no randomness), so outputs are identical run to run.
 */
export function figureHtml(figure: Figure, plotlyUrl: string | null = null): string {
  const json = scriptJson(figure);
  const hash = createHash("sha1").update(json).digest("hex").slice(0, 10);
  const id = `${nextDisplayId("optimlab-plot")}-${hash}`;
  const height = Number(figure.layout?.height ?? DEFAULT_LAYOUT.height);
  return (
    `<div class="optimlab-plot" id="${id}" style="width:100%;min-height:${height}px">` +
    `<div class="${STATIC_FIGURE_CLASS}">Figure: ${escapeHtml(figureTitle(figure))}. ` +
    `It is drawn by a script: run the cell, or trust the notebook, to see it.</div></div>\n` +
    `<script type="text/javascript">(function () {\n` +
    `var figure = ${json};\n` +
    `function draw() {\n` +
    `  var el = document.getElementById(${JSON.stringify(id)});\n` +
    `  if (!el || el.getAttribute("data-drawn")) return;\n` +
    `  el.setAttribute("data-drawn", "1"); el.innerHTML = "";\n` +
    `  window.Plotly.newPlot(el, figure);\n` +
    `}\n` +
    `if (window.Plotly) { draw(); return; }\n` +
    `(window.optimlabPlotQueue = window.optimlabPlotQueue || []).push(draw);\n` +
    (plotlyUrl ? loadPlotly(plotlyUrl) : "") +
    `})();</script>`
  );
}

/**
 * Loads plotly.js once per page, then draws the waiting figures. plotly.js is a UMD bundle: an AMD
 * `define` (classic Notebook's require.js) is hidden while it loads so that it sets `window.Plotly`.
 */
function loadPlotly(url: string): string {
  return (
    `if (window.optimlabPlotlyLoading) return;\n` +
    `window.optimlabPlotlyLoading = true;\n` +
    `var script = document.createElement("script"), savedDefine = window.define;\n` +
    `window.define = undefined;\n` +
    `script.src = ${JSON.stringify(url)};\n` +
    `script.onload = function () {\n` +
    `  window.define = savedDefine;\n` +
    `  var queue = window.optimlabPlotQueue || []; window.optimlabPlotQueue = [];\n` +
    `  queue.forEach(function (d) { d(); });\n` +
    `};\n` +
    `script.onerror = function () { window.define = savedDefine; window.optimlabPlotlyLoading = false; };\n` +
    `document.head.appendChild(script);\n`
  );
}
