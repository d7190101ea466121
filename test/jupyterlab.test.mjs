// The lessons as a student uses them: opened in JupyterLab 4 (and Notebook 7) from the project's
// environment, driven in headless Chromium. Every lesson: Run All, every cell finishes, no error,
// every plot drawn, math typeset, no page errors, nothing fetched from outside. Then the cases that
// break plots in notebooks (page reload, kernel restart, two lessons at once, a saved notebook opened
// untrusted, JupyterLab without its plotly renderer), a failing cell stopping Run All with its error
// shown, and the contextual help and completion students look for.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { cellSource, listNotebooks, readNotebook, root } from "../scripts/lib/notebooks.mjs";
import { chromiumPath, launchChromium } from "../scripts/lib/browser.mjs";
import { environmentReady } from "../scripts/lib/python-env.mjs";
import { startJupyter } from "../scripts/lib/jupyter-server.mjs";

// OPTIMLAB_LESSONS=00,02 limits the per-lesson runs to lessons whose names start so (for development).
const only = process.env.OPTIMLAB_LESSONS?.split(",").filter(Boolean);
const allNotebooks = listNotebooks();
const notebooks = only ? allNotebooks.filter((p) => only.some((prefix) => basename(p).startsWith(prefix))) : allNotebooks;
const shotsDir = join(root, "build", "screenshots", "jupyterlab");
const missing = !environmentReady() ? "the project's Python environment (.venv/) is missing: run `npm install`" : !chromiumPath() ? "no Chromium (Debian: apt-get install chromium)" : null;
if (missing && process.env.CI) throw new Error(`JupyterLab tests cannot run in CI: ${missing}`);

/** Shuts down the server's kernels (a closed page leaves its kernel running, as a closed tab does). */
async function shutdownKernels(server) {
  const kernels = await fetch(`${server.url}/api/kernels?token=${server.token}`).then((r) => r.json()).catch(() => []);
  for (const k of kernels) await fetch(`${server.url}/api/kernels/${k.id}?token=${server.token}`, { method: "DELETE" }).catch(() => {});
}

/**
 * Page errors of Jupyter's own front end that are known upstream bugs, not ours: each names its report.
 * Notebook 7 reads the shortcuts plugin's schema before the settings registry holds it, a race that
 * throws while the page loads and changes nothing a student sees (jupyter/notebook#7862).
 */
const upstreamPageErrors = [
  { message: "Cannot read properties of undefined (reading 'schema')", stack: /notebook_core\./, report: "https://github.com/jupyter/notebook/issues/7862" },
];

/** A page that records what a student would see go wrong. */
async function openPage(browser, server) {
  const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
  const problems = [];
  page.on("pageerror", (e) => {
    const known = upstreamPageErrors.find((k) => e.message === k.message && k.stack.test(e.stack ?? ""));
    if (known) console.error(`# known upstream page error (${known.report}): ${e.message}`);
    else problems.push(`page error: ${e.message}`);
    if (process.env.OPTIMLAB_DEBUG) console.error(e.stack);
  });
  page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
  page.on("request", (r) => {
    const url = r.url();
    if (!url.startsWith(server.url) && !url.startsWith("data:") && !url.startsWith("blob:")) problems.push(`request outside the server: ${url}`);
  });
  page.on("dialog", (d) => d.accept()); // "leave the page?" on reload with unsaved changes
  page.optimlabServer = server;
  return { page, problems };
}

/** Every kernel of the server is started and idle (asked of the server's REST API, as any front end shows it). */
async function idle(page) {
  const server = page.optimlabServer;
  const deadline = Date.now() + 120_000;
  for (;;) {
    const kernels = await fetch(`${server.url}/api/kernels?token=${server.token}`).then((r) => r.json()).catch(() => []);
    if (kernels.length > 0 && kernels.every((k) => k.execution_state === "idle")) return;
    if (Date.now() > deadline) throw new Error(`kernels not idle after 120 s: ${JSON.stringify(kernels.map((k) => k.execution_state))}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/**
 * When its kernel list arrives late (a busy server), JupyterLab may ask which kernel to start instead of
 * starting the notebook's own: answer it as a student would, with TypeScript.
 */
async function answerKernelDialog(page) {
  const select = await page.$(".jp-Dialog select");
  if (!select) return;
  const value = await select.$$eval("option", (os) => os.find((o) => /TypeScript/.test(o.textContent ?? ""))?.value);
  if (value !== undefined) await select.selectOption(value);
  await page.click(".jp-Dialog .jp-mod-accept");
}

async function openNotebook(page, server, name, app = "lab") {
  // `reset`: a fresh workspace, not the notebooks an earlier page of the same server left open.
  const path = app === "lab" ? `lab/tree/${name}?reset&` : `notebooks/${name}?`;
  await page.goto(`${server.url}/${path}token=${server.token}`);
  await page.waitForSelector(`${VISIBLE} .jp-Cell`, { timeout: 90_000 });
  await page.waitForTimeout(500);
  await answerKernelDialog(page);
  await idle(page);
}

async function menu(page, top, item) {
  await page.click(`li.lm-MenuBar-item >> text="${top}"`);
  await page.click(`li.lm-Menu-item >> text="${item}"`);
}

/** The notebook on screen (JupyterLab keeps the other open ones hidden in the page). */
const VISIBLE = ".jp-NotebookPanel:not(.lm-mod-hidden)";

/** The input prompts of the visible notebook's code cells ("[3]:", "[*]:", "[ ]:"). */
const prompts = (page) => page.$$eval(`${VISIBLE} .jp-CodeCell .jp-InputArea-prompt`, (els) => els.map((e) => (e.textContent ?? "").trim()));

/**
 * Does `action` (Run All, Shift+Enter, …) and waits until it has run: some cell shows a higher
 * execution count than before, no cell is queued or running, and the kernel is idle. Returns the prompts.
 */
async function runAndSettle(page, action, timeout = 600_000) {
  const initial = await prompts(page);
  await action();
  if (initial.length === 0) return initial; // a page of prose (the notation table): nothing to run
  // Done when the prompts have changed (a cell got a new execution count: a re-run kernel may count
  // from 1 again) and no cell is queued or running.
  await page.waitForFunction(
    ({ selector, before }) => {
      const ps = [...document.querySelectorAll(selector)].map((e) => (e.textContent ?? "").trim());
      return ps.join(" ") !== before && ps.every((p) => p !== "[*]:");
    },
    { selector: `${VISIBLE} .jp-CodeCell .jp-InputArea-prompt`, before: initial.join(" ") },
    { timeout, polling: 250 },
  );
  await idle(page);
  return prompts(page);
}

const runAll = (page) => runAndSettle(page, () => menu(page, "Run", "Run All Cells"));

/** What the visible notebook shows (once its figures are drawn, or 30 s have passed): plots, errors, math. */
async function inspectNotebook(page) {
  // The plotly renderer draws a figure when it comes into view: bring each one there first.
  for (const plot of await page.$$(`${VISIBLE} .jp-RenderedPlotly, ${VISIBLE} .optimlab-plot`)) {
    await plot.scrollIntoViewIfNeeded().catch(() => {});
    await page.waitForTimeout(200);
  }
  await page
    .waitForFunction(
      () => {
        const panel = document.querySelector(".jp-NotebookPanel:not(.lm-mod-hidden)") ?? document;
        const image = (el) => [...el.querySelectorAll("img.plot-img")].some((img) => img.style.display !== "none" && img.complete && img.naturalWidth > 0);
        return [...panel.querySelectorAll(".jp-RenderedPlotly, .optimlab-plot[data-drawn]")].every((el) => el.querySelector(".main-svg") || image(el));
      },
      null,
      { timeout: 30_000, polling: 250 },
    )
    .catch(() => {});
  return page.evaluate(() => {
    const panel = document.querySelector(".jp-NotebookPanel:not(.lm-mod-hidden)") ?? document;
    // The plotly renderer keeps a PNG of each figure it drew in the output (image/png) and shows that
    // image, not a new plot, when the output comes back from a saved file: that counts as drawn.
    const image = (el) => {
      const img = [...el.querySelectorAll("img.plot-img")].find((i) => i.style.display !== "none");
      const box = img?.getBoundingClientRect();
      return Boolean(img && img.complete && img.naturalWidth > 100 && box && box.width > 100 && box.height > 100);
    };
    // A live figure's static version, hidden once its live version (the next output) has started.
    const shown = (el) => !el.closest(".jp-OutputArea-child")?.matches("[style*='display: none']");
    const drawn = (el) => {
      if (image(el)) return true;
      const svg = el.querySelector(".main-svg");
      const box = svg?.getBoundingClientRect();
      const marks = [...el.querySelectorAll(".cartesianlayer path, .cartesianlayer image, .polarlayer path")].filter(
        (m) => !m.closest(".gridlayer, .zerolinelayer") && (m.tagName === "image" || (m.getAttribute("d") ?? "").length > 8),
      ).length;
      return Boolean(svg && box && box.width > 100 && box.height > 100 && marks > 0);
    };
    const renderer = [...panel.querySelectorAll(".jp-RenderedPlotly")].filter(shown);
    const fallback = [...panel.querySelectorAll(".optimlab-plot")].filter(shown);
    const live = [...panel.querySelectorAll(".optimlab-live .optimlab-plot")];
    const markdown = [...panel.querySelectorAll(".jp-MarkdownOutput")];
    const rawTex = markdown.flatMap((m) => {
      const clone = m.cloneNode(true);
      clone.querySelectorAll("pre, code, mjx-container").forEach((e) => e.remove());
      return clone.textContent.match(/\$\$|\\(frac|sum|alpha|beta|eta|theta|nabla|mathbf|sqrt|hat|partial|odot|cdot|epsilon)\b/g) ?? [];
    });
    return {
      plots: renderer.length + fallback.length,
      blank: [...renderer, ...fallback].filter((el) => !drawn(el)).length,
      blankWhich: [...renderer, ...fallback].map((el, i) => (drawn(el) ? null : `#${i + 1} ${el.className} ${el.closest(".jp-Cell")?.querySelector(".jp-InputArea-prompt")?.textContent ?? ""} ${(el.textContent ?? "").slice(0, 60)}`)).filter(Boolean),
      fallbackPlots: fallback.length - live.length,
      livePlots: live.length,
      liveNotes: [...panel.querySelectorAll(".optimlab-live-note")].map((e) => e.textContent),
      images: renderer.filter(image).length,
      placeholders: [...panel.querySelectorAll(".optimlab-plot-static")].map((e) => e.textContent),
      // JupyterLab shows error outputs and stderr streams alike, as application/vnd.jupyter.stderr.
      errors: [...panel.querySelectorAll(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")].map((e) => e.textContent.slice(0, 500)),
      math: panel.querySelectorAll("mjx-container").length,
      mathErrors: panel.querySelectorAll("mjx-merror").length,
      rawTex,
      tables: panel.querySelectorAll(".jp-OutputArea-output table").length,
    };
  });
}

/** Number of code cells that call plot(…) in a lesson's source: each draws at least one figure. */
function plottingCells(path) {
  return readNotebook(path).cells.filter((c) => c.cell_type === "code" && /\bplot\(/.test(cellSource(c))).length;
}

async function screenshotFirstPlot(page, file) {
  const first = await page.$(`${VISIBLE} .jp-RenderedPlotly, ${VISIBLE} .optimlab-plot`);
  await first?.scrollIntoViewIfNeeded();
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: join(shotsDir, file) });
}

/** Runs one code cell of the notebook at `path` on disk: the first whose source matches `pattern`. */
async function runCell(page, path, pattern) {
  const cells = JSON.parse(readFileSync(path, "utf8")).cells;
  const index = cells.findIndex((c) => c.cell_type === "code" && pattern.test(Array.isArray(c.source) ? c.source.join("") : c.source));
  assert.ok(index >= 0, `no code cell of ${basename(path)} matches ${pattern}`);
  const cell = (await page.$$(`${VISIBLE} .jp-Cell`))[index];
  await cell.scrollIntoViewIfNeeded();
  await cell.click({ position: { x: 5, y: 5 } }); // the cell's margin: selects it in command mode
  await page.keyboard.press("Shift+Enter");
  // After a page reload JupyterLab may leave the re-run cell's prompt at "[ ]" (seen here), so this
  // waits for the kernel, and the caller for what the student looks for: the figure drawn.
  await page.waitForTimeout(1000);
  await idle(page);
}

function scratchNotebook(dir, name, sources) {
  const nb = {
    cells: sources.map((s) => ({ cell_type: "code", execution_count: null, metadata: {}, outputs: [], source: s })),
    metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" }, language_info: { name: "typescript" } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  writeFileSync(join(dir, name), JSON.stringify(nb, null, 1));
}

describe("JupyterLab 4", { skip: missing ?? false, concurrency: false }, () => {
  let server;
  let browser;
  before(async () => {
    server = await startJupyter({ app: "lab", notebooks: allNotebooks });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const path of notebooks) {
    const name = basename(path);
    test(`${name}: Run All finishes, every plot drawn, math typeset, no errors`, async (t) => {
      const { page, problems } = await openPage(browser, server);
      try {
        await openNotebook(page, server, name);
        const started = Date.now();
        const ps = await runAll(page);
        const seen = await inspectNotebook(page);
        await screenshotFirstPlot(page, `${basename(name, ".ipynb")}.png`);
        t.diagnostic(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s, ${seen.plots} plots, ${seen.math} formulas, ${seen.tables} tables`);
        assert.deepEqual(seen.errors, [], "no cell failed or wrote to stderr");
        assert.deepEqual(ps.filter((p) => !/^\[\d+\]:$/.test(p)), [], `every code cell ran: ${ps.join(" ")}`);
        assert.ok(seen.plots >= plottingCells(path), `${seen.plots} plots shown, ${plottingCells(path)} cells call plot()`);
        assert.equal(seen.blank, 0, `${seen.blank} of ${seen.plots} plots were not drawn`);
        assert.equal(seen.fallbackPlots, 0, "JupyterLab's plotly renderer draws the figures (not the HTML fallback)");
        assert.equal(seen.mathErrors, 0, "MathJax reported errors");
        assert.deepEqual(seen.rawTex, [], "raw LaTeX left in the rendered text");
        if (readNotebook(path).cells.some((c) => c.cell_type === "markdown" && cellSource(c).includes("$"))) assert.ok(seen.math > 0, "math typeset");
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
        await shutdownKernels(server);
      }
    });
  }

  test("a reloaded page draws a re-run plot cell; a saved notebook stays small and draws when opened untrusted", async (t) => {
    const { page, problems } = await openPage(browser, server);
    try {
      await openNotebook(page, server, "00-welcome.ipynb");
      await runAll(page);
      await page.keyboard.press("Control+s");
      await page.waitForTimeout(1500);
      const saved = join(server.rootDir, "00-welcome.ipynb");
      const size = statSync(saved).size;
      assert.ok(size < 1_000_000, `the saved lesson is ${size} bytes`);
      assert.ok(!readFileSync(saved, "utf8").includes("plotly.js v"), "the saved lesson must not carry plotly.js");

      await page.reload();
      await page.waitForSelector(`${VISIBLE} .jp-Cell`, { timeout: 90_000 });
      await idle(page);
      await runCell(page, saved, /\bplot\(/);
      const seen = await inspectNotebook(page);
      await screenshotFirstPlot(page, "after-reload.png");
      // The re-run cell's figure is drawn anew; the figures restored from the saved file show the PNG
      // the plotly renderer kept of them.
      assert.equal(seen.blank, 0, `after a reload every plot is drawn (${seen.plots} plots, blank: ${seen.blankWhich.join(", ")})`);
      assert.ok(seen.plots >= plottingCells(saved), `${seen.plots} plots after the reload`);

      // Another user's copy: the same notebook, changed on disk, so its signature no longer matches.
      const nb = JSON.parse(readFileSync(saved, "utf8"));
      nb.metadata.optimlab_test = "untrusted copy";
      writeFileSync(join(server.rootDir, "untrusted-copy.ipynb"), JSON.stringify(nb));
      await openNotebook(page, server, "untrusted-copy.ipynb");
      const copy = await inspectNotebook(page);
      await screenshotFirstPlot(page, "untrusted-copy.png");
      // Untrusted, the renderer shows each figure as the image it kept when the figure was drawn.
      assert.ok(copy.plots >= plottingCells(saved) && copy.fallbackPlots === 0, `the untrusted copy keeps its figures in the plotly renderer (${copy.plots} plots)`);
      assert.equal(copy.blank, 0, `every figure of the untrusted copy is shown (blank: ${copy.blankWhich.join(", ")})`);
      assert.equal(copy.images, copy.plots, "shown as the images the renderer kept");
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  test("a live figure moves with its slider in a trusted notebook; untrusted it shows its static image and says how to make it live", async () => {
    await shutdownKernels(server);
    scratchNotebook(server.rootDir, "live.ipynb", ['import { plot, liveMomentum } from "optimlab";', "plot(liveMomentum({ eta: 0.3, beta: 0.5 }));"]);
    const { page, problems } = await openPage(browser, server);
    try {
      await openNotebook(page, server, "live.ipynb");
      await runAll(page);
      await page.waitForSelector(`${VISIBLE} .optimlab-live .optimlab-live-controls input[type=range]`, { timeout: 60_000 });
      const before = await inspectNotebook(page);
      assert.equal(before.livePlots, 1, "the live version is mounted");
      assert.equal(before.plots, 1, "one figure shows: the static version above it is hidden");
      assert.equal(before.blank, 0);
      const paths = () => page.$eval(`${VISIBLE} .optimlab-live .optimlab-plot`, (el) => JSON.stringify(el.data.map((trace) => [trace.x, trace.y])));
      const drawnBefore = await paths();
      // The student moves the momentum slider (β) as far as it goes.
      const sliders = await page.$$(`${VISIBLE} .optimlab-live input[type=range]`);
      const labels = await page.$$eval(`${VISIBLE} .optimlab-live .optimlab-live-controls label`, (els) => els.map((e) => e.textContent ?? ""));
      const which = labels.findIndex((l) => /β/.test(l));
      assert.ok(which >= 0, `a β slider among ${labels.join(" | ")}`);
      await sliders[which].evaluate((input) => {
        input.value = input.max;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      });
      await page.waitForFunction((json) => {
        const el = document.querySelector(".jp-NotebookPanel:not(.lm-mod-hidden) .optimlab-live .optimlab-plot");
        return el && JSON.stringify(el.data.map((trace) => [trace.x, trace.y])) !== json;
      }, drawnBefore, { timeout: 30_000 });
      const view = await page.evaluate(() => ({ values: window.optimlabLive.at(-1).values(), error: window.optimlabLive.at(-1).error }));
      assert.equal(view.error, null);
      assert.ok(view.values.beta > 0.9, `β moved to ${view.values.beta}`);
      mkdirSync(shotsDir, { recursive: true });
      await page.screenshot({ path: join(shotsDir, "live-trusted.png") });

      await page.keyboard.press("Control+s");
      await page.waitForTimeout(1500);
      const nb = JSON.parse(readFileSync(join(server.rootDir, "live.ipynb"), "utf8"));
      nb.metadata.optimlab_test = "untrusted copy";
      writeFileSync(join(server.rootDir, "live-untrusted.ipynb"), JSON.stringify(nb));
      await openNotebook(page, server, "live-untrusted.ipynb");
      const copy = await inspectNotebook(page);
      await page.screenshot({ path: join(shotsDir, "live-untrusted.png") });
      assert.equal(copy.livePlots, 0, "no script ran in the untrusted copy");
      assert.equal(copy.plots, 1, "the static figure shows");
      assert.equal(copy.images, 1, "as the image the renderer kept");
      assert.equal(copy.liveNotes.length, 1);
      assert.match(copy.liveNotes[0], /Trust Notebook/);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
      await shutdownKernels(server);
    }
  });

  test("a live network figure retrains in the notebook page when its slider moves, to its last epoch, with no error", async () => {
    await shutdownKernels(server);
    scratchNotebook(server.rootDir, "live-network.ipynb", ['import { plot, liveMoonsNetwork } from "optimlab";', "plot(liveMoonsNetwork({ eta: 0.01, batchSize: 32, epochs: 30 }));"]);
    const { page, problems } = await openPage(browser, server);
    try {
      await openNotebook(page, server, "live-network.ipynb");
      await runAll(page);
      await page.waitForSelector(`${VISIBLE} .optimlab-live .optimlab-live-controls input[type=range]`, { timeout: 60_000 });
      const before = await inspectNotebook(page);
      assert.equal(before.livePlots, 1, "the live version is mounted");
      assert.equal(before.plots, 1, "one figure shows: the static version above it is hidden");
      const drawn = () => page.$eval(`${VISIBLE} .optimlab-live .optimlab-plot`, (el) => JSON.stringify(el.data.map((trace) => [trace.x, trace.y, trace.z])));
      const drawnBefore = await drawn();
      // The student moves the learning-rate slider (η) as far as it goes: the network retrains from the same start.
      const labels = await page.$$eval(`${VISIBLE} .optimlab-live .optimlab-live-controls label`, (els) => els.map((e) => e.textContent ?? ""));
      const which = labels.findIndex((l) => /η/.test(l));
      assert.ok(which >= 0, `an η slider among ${labels.join(" | ")}`);
      const sliders = await page.$$(`${VISIBLE} .optimlab-live input[type=range]`);
      await sliders[which].evaluate((input) => {
        input.value = input.max;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      });
      await page.waitForFunction(() => {
        const view = window.optimlabLive?.at(-1);
        return view && view.values().eta > 0.2 && view.idle();
      }, undefined, { timeout: 60_000 });
      const view = await page.evaluate(() => {
        const v = window.optimlabLive.at(-1);
        return { error: v.error, epoch: v.session.state.epoch, epochs: v.session.state.epochs, frames: v.timings.length };
      });
      assert.equal(view.error, null);
      assert.equal(view.epoch, 30, "trained to the last epoch");
      assert.ok(view.frames >= 1, "training drew frames");
      assert.notEqual(await drawn(), drawnBefore, "the drawn boundary and losses changed");
      mkdirSync(shotsDir, { recursive: true });
      await page.screenshot({ path: join(shotsDir, "live-network-trusted.png") });
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
      await shutdownKernels(server);
    }
  });

  test("a failing cell shows its error and stops Run All; nbclient sees the error too", async () => {
    scratchNotebook(server.rootDir, "failing.ipynb", ['import { adam } from "optimlab";', "const optimizer = adam({ lr: -1 });", 'console.log("after the error");']);
    const { page } = await openPage(browser, server);
    try {
      await openNotebook(page, server, "failing.ipynb");
      const ps = await runAll(page);
      const seen = await inspectNotebook(page);
      await page.screenshot({ path: join(shotsDir, "failing-cell.png") });
      assert.match(ps[0], /^\[\d+\]:$/);
      assert.match(ps[1], /^\[\d+\]:$/);
      assert.equal(ps[2], "[ ]:", "the cell after the error did not run");
      assert.equal(seen.errors.length, 1);
      assert.match(seen.errors[0], /RangeError/);
      assert.match(seen.errors[0], /adam: lr must be/);
    } finally {
      await page.close();
    }
  });

  test("progress updates one output in place while a cell runs; tables render", async () => {
    const loop = [
      'import { progress, table } from "optimlab";',
      "function work(): number {",
      '  const bar = progress(20, "epochs");',
      "  let x = 0;",
      "  for (let epoch = 1; epoch <= 20; epoch++) {",
      "    const until = Date.now() + 150;",
      "    while (Date.now() < until) x += Math.sqrt(epoch);",
      "    bar.update(epoch);",
      "  }",
      "  bar.close();",
      "  return x;",
      "}",
      "work();",
      'table([{ optimizer: "sgd", loss: 0.5 }, { optimizer: "adam", loss: 0.25 }]);',
    ].join("\n");
    scratchNotebook(server.rootDir, "progress.ipynb", [loop]);
    const { page, problems } = await openPage(browser, server);
    try {
      await openNotebook(page, server, "progress.ipynb");
      const seen = new Set();
      await runAndSettle(page, async () => {
        await menu(page, "Run", "Run All Cells");
        const until = Date.now() + 60_000;
        while (Date.now() < until) {
          const state = await page.$$eval(`${VISIBLE} .optimlab-progress`, (els) => els.map((e) => e.textContent?.trim()));
          if (state.length === 1) seen.add(state[0]);
          if (state[0]?.includes("20/20")) break;
          await page.waitForTimeout(100);
        }
      });
      const bars = await page.$$eval(`${VISIBLE} .optimlab-progress`, (els) => els.map((e) => e.textContent?.trim()));
      const rows = await page.$$eval(`${VISIBLE} .jp-OutputArea-output table tr`, (els) => els.length);
      assert.deepEqual(bars, ["epochs: 20/20"], "one progress output, ending at 20/20");
      assert.ok(seen.size >= 3, `the bar was seen at ${seen.size} states while the cell ran: ${[...seen].join(" | ")}`);
      assert.equal(rows, 3, "the table has a header and two rows");
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  test("Shift+Tab shows an optimizer's update rule and defaults; Tab completes the library's exports", async () => {
    scratchNotebook(server.rootDir, "help.ipynb", ['import { adam, cosineDecay } from "optimlab";', "adam"]);
    const { page } = await openPage(browser, server);
    try {
      await openNotebook(page, server, "help.ipynb");
      await runAll(page);
      const editors = await page.$$(`${VISIBLE} .jp-CodeCell .cm-content`);
      await editors[1].click();
      await page.keyboard.press("End");
      await page.keyboard.press("Shift+Tab");
      const tooltip = await page.waitForSelector(".jp-Tooltip", { timeout: 30_000 });
      await page.waitForTimeout(500);
      const help = await tooltip.textContent();
      mkdirSync(shotsDir, { recursive: true });
      await page.screenshot({ path: join(shotsDir, "contextual-help.png") });
      assert.match(help, /function adam/);
      assert.match(help, /m_t ← β₁ m_{t−1}/);
      assert.match(help, /Defaults: lr 0.001/);
      await page.keyboard.press("Escape");

      // A new cell below, typed as a student would: the library's namespace, a prefix, then Tab.
      await page.keyboard.press("Escape");
      await page.keyboard.press("b");
      await page.keyboard.press("Enter");
      await page.keyboard.type('import * as optimlab from "optimlab";', { delay: 20 });
      await page.keyboard.press("Enter");
      await page.keyboard.type("optimlab.ada", { delay: 20 });
      // The completer asks the kernel; on a busy machine the first Tab may come before the editor is wired.
      for (let attempt = 0; attempt < 3; attempt++) {
        await page.waitForTimeout(1000);
        await page.keyboard.press("Tab");
        if (await page.waitForSelector(".jp-Completer:not(.lm-mod-hidden)", { timeout: 10_000 }).catch(() => null)) break;
      }
      const completer = await page.waitForSelector(".jp-Completer:not(.lm-mod-hidden)", { timeout: 30_000 });
      await page.waitForTimeout(500);
      const items = await completer.$$eval(".jp-Completer-item", (els) => els.map((e) => e.getAttribute("data-value")));
      await page.screenshot({ path: join(shotsDir, "completion.png") });
      assert.ok(items.includes("adam") && items.includes("adagrad") && items.includes("adadelta"), `completions: ${items.join(", ")}`);
    } finally {
      await page.close();
    }
  });
});

describe("JupyterLab 4 without its plotly renderer (the HTML fallback)", { skip: missing ?? false, concurrency: false }, () => {
  let server;
  let browser;
  const two = allNotebooks.filter((p) => /^0[02]/.test(basename(p))).slice(0, 2);
  before(async () => {
    server = await startJupyter({ app: "lab", notebooks: two, disabledExtensions: ["jupyterlab-plotly"] });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("plots draw on the first run, after a page reload, after a kernel restart, with two lessons open", async () => {
    const { page, problems } = await openPage(browser, server);
    try {
      const [first, second] = two.map((p) => basename(p));
      await openNotebook(page, server, first);
      await runAll(page);
      let seen = await inspectNotebook(page);
      assert.ok(seen.fallbackPlots >= 1 && seen.blank === 0, `first run: ${seen.plots} plots, ${seen.blank} blank`);
      await screenshotFirstPlot(page, "fallback-first-run.png");

      await page.reload();
      await page.waitForSelector(`${VISIBLE} .jp-Cell`, { timeout: 90_000 });
      await idle(page);
      await runCell(page, join(server.rootDir, first), /\bplot\(/);
      seen = await inspectNotebook(page);
      assert.ok(seen.fallbackPlots >= 1 && seen.blank === 0, `after a reload: ${seen.plots} plots, ${seen.blank} blank`);
      await screenshotFirstPlot(page, "fallback-after-reload.png");

      await runAndSettle(page, async () => {
        await menu(page, "Kernel", "Restart Kernel and Run All Cells…");
        await page.click(".jp-Dialog-button.jp-mod-accept");
      });
      seen = await inspectNotebook(page);
      assert.ok(seen.fallbackPlots >= 1 && seen.blank === 0, `after a restart: ${seen.plots} plots, ${seen.blank} blank`);

      await openNotebook(page, server, second);
      await runAll(page);
      seen = await inspectNotebook(page);
      assert.ok(seen.fallbackPlots >= 1 && seen.blank === 0, `second lesson open beside the first: ${seen.plots} plots, ${seen.blank} blank`);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  test("a saved notebook opened untrusted names each figure instead of showing an empty box", async () => {
    const { page } = await openPage(browser, server);
    try {
      const name = basename(two[0]);
      await openNotebook(page, server, name);
      await runAll(page);
      await page.keyboard.press("Control+s");
      await page.waitForTimeout(1500);
      const nb = JSON.parse(readFileSync(join(server.rootDir, name), "utf8"));
      nb.metadata.optimlab_test = "untrusted copy";
      writeFileSync(join(server.rootDir, "untrusted-copy.ipynb"), JSON.stringify(nb));
      await openNotebook(page, server, "untrusted-copy.ipynb");
      const seen = await inspectNotebook(page);
      await screenshotFirstPlot(page, "fallback-untrusted.png");
      assert.ok(seen.placeholders.length >= 1, "the figure's placeholder is shown");
      assert.match(seen.placeholders[0], /^Figure: .+ run the cell, or trust the notebook/);
    } finally {
      await page.close();
    }
  });
});

describe("Jupyter Notebook 7", { skip: missing ?? false }, () => {
  test("00-welcome: Run All finishes, plots drawn, math typeset", async () => {
    const server = await startJupyter({ app: "notebook", notebooks: allNotebooks.slice(0, 1) });
    const browser = await launchChromium();
    try {
      const { page, problems } = await openPage(browser, server);
      await openNotebook(page, server, basename(allNotebooks[0]), "notebook");
      const ps = await runAll(page);
      const seen = await inspectNotebook(page);
      await screenshotFirstPlot(page, "notebook7.png");
      assert.deepEqual(ps.filter((p) => !/^\[\d+\]:$/.test(p)), []);
      assert.deepEqual(seen.errors, []);
      assert.ok(seen.plots >= 1 && seen.blank === 0, `${seen.plots} plots, ${seen.blank} blank`);
      assert.ok(seen.math > 0, "math typeset");
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
      await server.stop();
    }
  });
});
