#!/usr/bin/env node
// `npm run site`: executes every lesson on a fresh tslab kernel and writes a static, offline course
// site to site/: index.html, one page per lesson, the executed notebooks (with a PNG of every plot,
// for viewers that run no scripts), and the assets (plotly.js, KaTeX, highlight.js styles).
// Live figures (outputs whose plotly JSON carries a `live` description) recompute in the reader's
// browser with the library's bundle (assets/optimlab.js); live.html shows every live figure builder and
// playground.html lets the reader compose a run (both work without executing any lesson).
// Options: --no-execute renders the notebooks already executed into build/executed/.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { createRequire } from "node:module";
import { Marked } from "marked";
import markedKatex from "marked-katex-extension";
import katex from "katex";
import hljs from "highlight.js/lib/core";
import typescript from "highlight.js/lib/languages/typescript";
import { cellSource, describeFailure, executeAll, findPython, listNotebooks, readNotebook, root } from "./lib/notebooks.mjs";
import { chromiumPath, launchChromium } from "./lib/browser.mjs";
import { buildBrowserBundle } from "./build-browser.mjs";

const require = createRequire(import.meta.url);
hljs.registerLanguage("typescript", typescript);

export const executedDir = join(root, "build", "executed");
export const siteDir = join(root, "site");
const PLOTLY_MIME = "application/vnd.plotly.v1+json";
const LOADER = /<script type="text\/javascript" data-optimlab-plotly="1">[\s\S]*?<\/script>\n?/;

const marked = new Marked(markedKatex({ throwOnError: false, nonStandard: true }));
marked.setOptions({ gfm: true });

const escape = (s) => String(s).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const text = (v) => (Array.isArray(v) ? v.join("") : String(v ?? ""));

/** The lesson's title (its first `# ` heading) and the first paragraph after it. */
export function lessonInfo(nb, file) {
  const markdown = nb.cells.filter((c) => c.cell_type === "markdown").map(cellSource).join("\n\n");
  const title = markdown.match(/^#\s+(.+)$/m)?.[1].trim() ?? basename(file, ".ipynb");
  const afterTitle = markdown.split(/^#\s+.+$/m)[1] ?? "";
  const summary = afterTitle.split(/\n\s*\n/).map((p) => p.trim()).find((p) => p && !p.startsWith("#")) ?? "";
  return { title, summary };
}

/** The library as compiled to dist/ (live figures are built and their HTML written with it). */
const library = () => require("../dist/index.js");
/** The HTML of a live figure, an internal of the display layer (not exported from "optimlab"). */
const liveHtml = (figure, id) => require("../dist/display/live/html.js").liveHtml(figure, id);
/** The live figures' stylesheet, from the same internal module. */
const liveCss = () => require("../dist/display/live/html.js").LIVE_CSS;

let liveCount = 0;

/** A lesson's link to another lesson (`02a-gradient-descent.ipynb`) points at that lesson's page on the site. */
function lessonLinks(html) {
  return html.replace(/href="([\w.-]+)\.ipynb(#[^"]*)?"/g, (_, name, hash) => `href="${name}.html${hash ?? ""}"`);
}

function renderOutput(output) {
  if (output.output_type === "stream") {
    return `<pre class="stream ${escape(output.name)}">${escape(text(output.text))}</pre>`;
  }
  if (output.output_type === "error") {
    return `<pre class="stream stderr">${escape(`${output.ename}: ${output.evalue}\n${(output.traceback ?? []).join("\n")}`)}</pre>`;
  }
  const data = output.data ?? {};
  // A live figure's notebook version (src/display/live/notebook.ts): the page makes the static figure live itself.
  if (output.metadata?.optimlab?.live) return "";
  if (data[PLOTLY_MIME]?.live) return liveHtml(data[PLOTLY_MIME], `optimlab-live-${++liveCount}`);
  if (data["text/html"] !== undefined) return `<div class="html-output">${text(data["text/html"]).replace(LOADER, "")}</div>`;
  if (data["image/png"]) return `<img class="image-output" alt="figure" src="data:image/png;base64,${text(data["image/png"]).trim()}">`;
  if (data["image/svg+xml"]) return `<div class="image-output">${text(data["image/svg+xml"])}</div>`;
  if (data["text/markdown"] !== undefined) return `<div class="markdown-output">${marked.parse(text(data["text/markdown"]))}</div>`;
  if (data["text/latex"] !== undefined) {
    const latex = text(data["text/latex"]).trim().replace(/^\$\$?|\$\$?$/g, "");
    return `<div class="latex-output">${katex.renderToString(latex, { displayMode: true, throwOnError: false })}</div>`;
  }
  if (data["text/plain"] !== undefined) return `<pre class="plain-output">${escape(text(data["text/plain"]))}</pre>`;
  return "";
}

function renderCell(cell) {
  if (cell.cell_type === "markdown") return `<section class="cell markdown">${lessonLinks(marked.parse(cellSource(cell)))}</section>`;
  if (cell.cell_type !== "code") return "";
  const code = hljs.highlight(cellSource(cell), { language: "typescript" }).value;
  const outputs = (cell.outputs ?? []).map(renderOutput).join("\n");
  return (
    `<section class="cell code"><pre class="source"><code class="hljs language-typescript">${code}</code></pre>` +
    (outputs ? `<div class="outputs">${outputs}</div>` : "") +
    `</section>`
  );
}

function page({ title, body, nav = "" }) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · optimlab</title>
<link rel="stylesheet" href="assets/katex/katex.min.css">
<link rel="stylesheet" href="assets/highlight.css">
<link rel="stylesheet" href="assets/course.css">
<script defer src="assets/plotly.min.js"></script>
<script defer src="assets/draw-plots.js"></script>
<script defer src="assets/optimlab.js"></script>
</head>
<body>
<header><a href="index.html">optimlab</a> · how neural networks are trained${nav ? ` · ${nav}` : ""}</header>
<main>
${body}
</main>
<footer>${nav}</footer>
</body>
</html>
`;
}

const COURSE_CSS = `
body { font-family: Georgia, "Times New Roman", serif; line-height: 1.55; color: #1d1d1f; margin: 0; background: #fdfdfb; }
header, footer { font-family: Helvetica, Arial, sans-serif; font-size: 14px; padding: 10px 24px; background: #f1f0ea; }
header a, footer a { color: #23527c; }
main { max-width: 960px; margin: 0 auto; padding: 12px 24px 48px; }
h1, h2, h3 { font-family: Helvetica, Arial, sans-serif; }
.cell.code { margin: 14px 0; }
pre.source { background: #f6f8fa; border-left: 3px solid #8aa4c8; padding: 8px 12px; overflow-x: auto; font-size: 13px; margin: 0; }
.outputs { border-left: 3px solid #d9d9d9; padding: 4px 12px; overflow-x: auto; }
pre.stream, pre.plain-output { font-size: 13px; margin: 4px 0; white-space: pre-wrap; }
pre.stderr { background: #fff0f0; }
table.optimlab-table { border-collapse: collapse; font-family: Helvetica, Arial, sans-serif; font-size: 13px; margin: 6px 0; }
table.optimlab-table th, table.optimlab-table td { border-bottom: 1px solid #ddd; padding: 3px 10px; }
table.optimlab-table caption { text-align: left; font-weight: bold; padding-bottom: 4px; }
.markdown table { border-collapse: collapse; } .markdown th, .markdown td { border: 1px solid #ddd; padding: 3px 8px; }
img.image-output { max-width: 100%; }
.playground-row { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 18px; font-family: Helvetica, Arial, sans-serif; font-size: 14px; margin: 4px 0; }
.playground-run { border-left: 3px solid #8aa4c8; padding-left: 8px; }
@media print { .playground-form { display: none; } }
ol.lessons li { margin: 10px 0; } ol.lessons .summary { color: #555; font-size: 15px; }
`;

// Deferred after plotly.js: draws the figures whose inline scripts ran before plotly had loaded.
const DRAW_PLOTS_JS = `(function () {
  var queue = window.optimlabPlotQueue || []; window.optimlabPlotQueue = [];
  queue.forEach(function (draw) { draw(); });
})();
`;

async function writeAssets(dir = siteDir) {
  const assets = join(dir, "assets");
  mkdirSync(assets, { recursive: true });
  cpSync(require.resolve("plotly.js-dist-min"), join(assets, "plotly.min.js"));
  const katexDist = join(require.resolve("katex/package.json"), "..", "dist");
  mkdirSync(join(assets, "katex"), { recursive: true });
  cpSync(join(katexDist, "katex.min.css"), join(assets, "katex", "katex.min.css"));
  cpSync(join(katexDist, "fonts"), join(assets, "katex", "fonts"), { recursive: true });
  cpSync(join(require.resolve("highlight.js/package.json"), "..", "styles", "github.min.css"), join(assets, "highlight.css"));
  writeFileSync(join(assets, "course.css"), COURSE_CSS + liveCss());
  writeFileSync(join(assets, "draw-plots.js"), DRAW_PLOTS_JS);
  await buildBrowserBundle(join(assets, "optimlab.js"));
}

/** live.html: every live figure builder of the library, with what to try. */
function liveFiguresPage() {
  const lib = library();
  const sections = [
    ["Gradient descent: the learning rate against 2/L", "Move η past 2/L and the path starts to zigzag outwards: the rate max|1 − ηλ| (right) passes 1. The star marks the best constant η = 2/(μ + L).", lib.liveGradientDescent()],
    ["Momentum: η and β on an ill-conditioned quadratic", "Heavy ball's rate over the (η, β) plane, with Distill's regions for the steep direction λ = L: monotone left of the dotted line, ripples up to the dashed one, oscillation beyond, divergence past the solid one. The star is Polyak's optimal (η*, β*).", lib.liveMomentum()],
    ["Nesterov against heavy ball: stability", "At the same η and β, Nesterov's method is stable only for ηL < 2(1 + β)/(1 + 2β), heavy ball up to ηL < 2(1 + β). Raise η until one of them blows up.", lib.liveNesterov()],
    ["Adagrad, RMSprop and Adam on Rosenbrock", "One learning rate for all three (log slider); drag the start anywhere on the contour plot.", lib.liveOptimizers({ problem: "rosenbrock", optimizers: ["Adagrad", "RMSprop", "Adam"], eta: 0.03, steps: 1500 })],
    ["Adam's family on Beale's function", "The same experiment on Beale's plateaus and walls.", lib.liveOptimizers({ problem: "beale", optimizers: ["Adam", "AMSGrad", "Adamax", "Nadam"], eta: 0.01, steps: 1000 })],
    ["Learning-rate schedules on mini-batch SGD", "With a constant η₀, SGD stalls at its noise floor; the decaying schedules go below it. γ is the decay factor of the step and exponential schedules.", lib.liveSchedules()],
    ["SGD's noise floor against the batch size", "The excess loss of constant-step SGD levels off near η tr Σ*/(4B) (dotted): halve η or double B to halve it.", lib.liveNoiseFloor()],
    ["Stale gradients: SGD τ steps behind", "Asynchronous workers apply gradients computed on weights τ steps old: x_{t+1} = x_t − η∇f(x_{t−τ}). On this κ = 10 bowl (L = 1) the run is stable only while ηL < 2 sin(π/(2(2τ + 1))); raise τ and watch the path spiral out.", lib.liveStaleGradients()],
    ["Training a network on two moons", "The 2-16-16-1 ReLU network of lesson 9, trained by Adam from the same initialization on the same batches; move η or the batch size B and it trains again in your browser, a few epochs per frame. The figure first shows the end of training at η = 0.01, B = 32.", lib.liveMoonsNetwork()],
    ["L2 regularization against overfitting", "Lesson 11's over-sized network on 30 noisy points, retrained for each L2 coefficient λ: too little and the boundary wraps single points, too much and it underfits.", lib.liveRegularization({ regularizer: "l2" })],
    ["Dropout against overfitting", "The same network with dropout rate p on its hidden layers: the validation loss (orange) stops climbing.", lib.liveRegularization({ regularizer: "dropout" })],
    ["Initialization scale: vanishing and exploding gradients", "A 10-layer ReLU network with N(0, s²) weights at initialization: the gradient norm per layer and the spread of the pre-activations shrink geometrically for small s and grow for large s; He's s = √(2/32) = 0.25 keeps them level.", lib.liveInitScale()],
  ];
  const body = sections
    .map(([title, text, figure], i) => `<section class="cell markdown"><h2>${escape(title)}</h2><p>${escape(text)}</p></section>\n${liveHtml(figure, `live-${i + 1}`)}`)
    .join("\n");
  return page({
    title: "Live figures",
    body: `<h1>Live figures</h1>\n<p>Each figure below is recomputed in your browser by the course's own library (the same code the lessons run) whenever you move a slider or drag the start point on a contour plot. Compose your own runs in the <a href="playground.html">playground</a>.</p>\n${body}`,
    nav: `<a href="index.html">contents</a> · <a href="playground.html">playground</a>`,
  });
}

/** playground.html: the page the bundle's playground fills in. */
function playgroundPage() {
  return page({
    title: "Playground",
    body: `<h1>Playground</h1>
<p>Choose a problem (or type a formula in x and y: mathjs differentiates it), add optimizers, set their options and a learning-rate schedule; the paths and losses are recomputed by the course's library as you move the sliders, and you can drag the start point on the contour plot. The address of this page holds the whole configuration: copy it to link it from a slide.</p>
<div data-optimlab-playground="1"></div>`,
    nav: `<a href="index.html">contents</a> · <a href="live.html">live figures</a>`,
  });
}

/** Writes the assets, live.html and playground.html to `dir`: the site's pages that need no lesson executed. */
export async function renderInteractivePages(dir = siteDir) {
  mkdirSync(dir, { recursive: true });
  await writeAssets(dir);
  writeFileSync(join(dir, "live.html"), liveFiguresPage());
  writeFileSync(join(dir, "playground.html"), playgroundPage());
  return { live: join(dir, "live.html"), playground: join(dir, "playground.html") };
}

/**
 * Adds a PNG of every plotly figure to the executed notebook, as `image/png` beside the plotly JSON
 * and as an <img> inside the HTML fallback: viewers that run no scripts (an untrusted notebook in
 * JupyterLab, GitHub) show the image.
 */
async function addFigureImages(notebooks) {
  if (!chromiumPath()) {
    console.warn("site: no Chromium, so the executed notebooks carry no PNG of their figures");
    return;
  }
  const browser = await launchChromium();
  try {
    const pageInBrowser = await browser.newPage();
    await pageInBrowser.setContent("<!DOCTYPE html><html><body></body></html>");
    await pageInBrowser.addScriptTag({ path: require.resolve("plotly.js-dist-min") });
    for (const { nb } of notebooks) {
      for (const cell of nb.cells) {
        for (const output of cell.outputs ?? []) {
          const figure = output.data?.[PLOTLY_MIME];
          if (!figure) continue;
          const png = await pageInBrowser.evaluate(async (fig) => {
            const div = document.createElement("div");
            document.body.appendChild(div);
            await window.Plotly.newPlot(div, fig.data, { ...fig.layout, width: 760 }, { staticPlot: true });
            const url = await window.Plotly.toImage(div, { format: "png", width: 760, height: fig.layout?.height ?? 420 });
            window.Plotly.purge(div);
            div.remove();
            return url.slice(url.indexOf(",") + 1);
          }, figure);
          output.data["image/png"] = png;
          const html = text(output.data["text/html"]);
          // The copy keeps no plotly.js (megabytes): the image stands in until the cell is re-run.
          output.data["text/html"] = html
            .replace(LOADER, "")
            .replace(/<div class="optimlab-plot-static">[\s\S]*?<\/div>/, `<img alt="figure" style="max-width:100%" src="data:image/png;base64,${png}">`);
        }
      }
    }
  } finally {
    await browser.close();
  }
}

/** Renders executed notebooks (paths in teaching order) into the site. */
export async function renderSite(executedPaths) {
  rmSync(siteDir, { recursive: true, force: true });
  mkdirSync(join(siteDir, "notebooks"), { recursive: true });
  await renderInteractivePages(siteDir);
  const lessons = executedPaths.map((path) => {
    const nb = readNotebook(path);
    const name = basename(path, ".ipynb");
    return { path, nb, name, ...lessonInfo(nb, path) };
  });
  lessons.forEach((lesson, i) => {
    const prev = lessons[i - 1];
    const next = lessons[i + 1];
    const nav = [
      prev ? `<a href="${prev.name}.html">← ${escape(prev.title)}</a>` : "",
      `<a href="index.html">contents</a>`,
      `<a href="notebooks/${lesson.name}.ipynb">notebook</a>`,
      next ? `<a href="${next.name}.html">${escape(next.title)} →</a>` : "",
    ].filter(Boolean).join(" · ");
    const body = lesson.nb.cells.map(renderCell).join("\n");
    writeFileSync(join(siteDir, `${lesson.name}.html`), page({ title: lesson.title, body, nav }));
  });
  const toc = lessons
    .map((l) => `<li><a href="${l.name}.html">${escape(l.title)}</a><div class="summary">${lessonLinks(marked.parseInline(l.summary))}</div></li>`)
    .join("\n");
  const intro = `<h1>optimlab: how neural networks are trained</h1>
<p>A course in TypeScript notebooks: gradient descent, momentum, adaptive methods, Adam, learning-rate schedules,
backpropagation, regularization and normalization, each derived, implemented and measured. These pages were
executed on the tslab kernel when the site was built; open the notebooks in Jupyter to change and re-run them.</p>
<p>Try the <a href="live.html">live figures</a>, recomputed in your browser as you move their sliders, or compose your own runs in the <a href="playground.html">playground</a>.</p>
<ol class="lessons" start="0">
${toc}
</ol>`;
  writeFileSync(join(siteDir, "index.html"), page({ title: "Contents", body: intro }));
  await addFigureImages(lessons);
  for (const lesson of lessons) writeFileSync(join(siteDir, "notebooks", `${lesson.name}.ipynb`), JSON.stringify(lesson.nb, null, 1) + "\n");
  return lessons.map((l) => ({ name: l.name, title: l.title, page: join(siteDir, `${l.name}.html`) }));
}

async function main() {
  const execute = !process.argv.includes("--no-execute");
  const notebooks = listNotebooks();
  if (execute) {
    const python = findPython();
    if (!python) {
      process.exit(1);
    }
    rmSync(executedDir, { recursive: true, force: true });
    const results = await executeAll(python, notebooks, executedDir, {
      onResult: (r) => console.log(`${r.ok ? "executed" : "FAILED  "} ${r.name} in ${r.seconds.toFixed(1)} s`),
    });
    const failed = results.filter((r) => !r.ok);
    if (failed.length) {
      for (const r of failed) console.error(describeFailure(r));
      process.exit(1);
    }
  } else if (!existsSync(executedDir)) {
    console.error("site: --no-execute, but build/executed/ does not exist yet");
    process.exit(1);
  }
  const pages = await renderSite(notebooks.map((p) => join(executedDir, basename(p))));
  console.log(`site: ${pages.length} lessons written to ${siteDir}/ (open site/index.html)`);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  await main();
}
