// Every lesson executed top to bottom on a fresh kernel (the project's, through nbclient), twice, with
// identical outputs; then the course site built from them and every page checked in headless Chromium.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import { cellSource, describeFailure, executeAll, findPython, listNotebooks, readNotebook, root } from "../scripts/lib/notebooks.mjs";
import { chromiumPath, launchChromium } from "../scripts/lib/browser.mjs";
import { executedDir, renderSite, siteDir } from "../scripts/site.mjs";

const notebooks = listNotebooks();
const python = findPython();
const againDir = join(root, "build", "executed-again");
const shotsDir = join(root, "build", "screenshots");

test("the lessons are committed clean, on the tslab kernel", () => {
  assert.ok(notebooks.length > 0, "no notebooks under notebooks/");
  for (const path of notebooks) {
    const nb = readNotebook(path);
    assert.equal(nb.metadata?.kernelspec?.name, "tslab", `${basename(path)}: kernelspec must be tslab`);
    for (const [i, cell] of nb.cells.entries()) {
      if (cell.cell_type !== "code") continue;
      assert.deepEqual(cell.outputs, [], `${basename(path)} cell ${i} was committed with outputs`);
      assert.equal(cell.execution_count, null, `${basename(path)} cell ${i} was committed with an execution count`);
    }
  }
});

if (!python) {
  const message =
    "LESSONS NOT EXECUTED: the project's Python environment (.venv/) is missing, so no notebook ran and no page was checked. " +
    "Run `npm install` with Python 3.9+ on the machine (see .ci/run).";
  console.error(`\n*** ${message} ***\n`);
  test("lessons execute on the tslab kernel", { skip: process.env.CI ? false : message }, () => {
    assert.fail(message);
  });
} else {
  describe("lessons", () => {
    let first = [];
    let second = [];
    before(async () => {
      rmSync(executedDir, { recursive: true, force: true });
      rmSync(againDir, { recursive: true, force: true });
      // The second run starts as the first ends, so the two never share the machine's two cores unevenly.
      [first, second] = await Promise.all([
        executeAll(python, notebooks, executedDir, { concurrency: 1 }),
        executeAll(python, notebooks, againDir, { concurrency: 1 }),
      ]);
    });

    for (const [i, path] of notebooks.entries()) {
      const name = basename(path);
      test(`${name} executes without error`, (t) => {
        const result = first[i];
        assert.ok(result.ok, describeFailure(result));
        const slowest = [...result.cells].sort((a, b) => b.seconds - a.seconds)[0];
        t.diagnostic(`${name}: ${result.seconds.toFixed(1)} s in all; slowest cell #${slowest?.index} ${slowest?.seconds.toFixed(2)} s`);
      });
      test(`${name} gives identical outputs when executed again`, () => {
        assert.ok(second[i].ok, describeFailure(second[i]));
        const a = readNotebook(first[i].output).cells;
        const b = readNotebook(second[i].output).cells;
        for (const [j, cell] of a.entries()) {
          assert.deepEqual(b[j].outputs, cell.outputs, `${name} cell ${j} differs between runs:\n${cellSource(cell).slice(0, 300)}`);
        }
      });
    }

    describe("course site in headless Chromium", { skip: chromiumPath() ? false : "no Chromium (install Debian's chromium)" }, () => {
      let pages = [];
      let browser;
      before(async () => {
        assert.ok(first.every((r) => r.ok), "a lesson failed to execute; the site is not built");
        pages = await renderSite(notebooks.map((p) => join(executedDir, basename(p))));
        mkdirSync(shotsDir, { recursive: true });
        browser = await launchChromium();
      });
      after(async () => browser?.close());

      test("index.html links every lesson", async () => {
        const page = await browser.newPage();
        await page.goto(`file://${join(siteDir, "index.html")}`);
        const links = await page.$$eval("ol.lessons > li > a", (as) => as.map((a) => a.getAttribute("href")));
        assert.deepEqual(links, pages.map((p) => `${p.name}.html`));
        await page.close();
      });

      for (const path of notebooks) {
        const name = basename(path, ".ipynb");
        test(`${name}.html: every plot drawn, all math typeset, no errors, nothing fetched from outside`, async (t) => {
          const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
          const problems = [];
          page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
          page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
          page.on("request", (r) => !r.url().startsWith("file://") && !r.url().startsWith("data:") && problems.push(`request outside the site: ${r.url()}`));
          page.on("requestfailed", (r) => problems.push(`failed to load ${r.url()}`));
          await page.goto(`file://${join(siteDir, `${name}.html`)}`, { waitUntil: "load" });
          const plotCount = await page.$$eval(".optimlab-plot", (els) => els.length);
          await page.waitForFunction(() => [...document.querySelectorAll(".optimlab-plot")].every((el) => el.querySelector(".main-svg")), null, { timeout: 20000 }).catch(() => {});
          const blank = await page.$$eval(".optimlab-plot", (els) =>
            els
              .map((el, i) => {
                const svg = el.querySelector(".main-svg");
                const box = svg?.getBoundingClientRect();
                // Something drawn in the plot area: a line, marker, bar, contour or heatmap of some trace.
                const marks = [...el.querySelectorAll(".cartesianlayer path, .cartesianlayer image, .polarlayer path")].filter(
                  (m) => !m.closest(".gridlayer, .zerolinelayer") && (m.tagName === "image" || (m.getAttribute("d") ?? "").length > 8),
                ).length;
                return !svg || !box || box.width < 100 || box.height < 100 || marks === 0 ? `plot #${i + 1} (${el.id}) is blank` : null;
              })
              .filter(Boolean),
          );
          const math = await page.evaluate(() => {
            const errors = [...document.querySelectorAll(".katex-error")].map((e) => e.getAttribute("title") || e.textContent);
            const clone = document.querySelector("main").cloneNode(true);
            clone.querySelectorAll("pre, code, script, .katex, .js-plotly-plot, .optimlab-plot").forEach((e) => e.remove());
            const rawTex = clone.textContent.match(/\$\$|\$[^$\s][^$]*\$|\\(frac|sum|alpha|beta|eta|theta|nabla|mathbf|sqrt|left|right|hat|partial|odot|cdot|epsilon)\b/g) ?? [];
            return { errors, rawTex, typeset: document.querySelectorAll(".katex").length };
          });
          await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: true });
          await page.close();
          t.diagnostic(`${name}.html: ${plotCount} plots, ${math.typeset} formulas`);
          assert.deepEqual(problems, [], problems.join("\n"));
          assert.deepEqual(blank, [], blank.join("\n"));
          assert.deepEqual(math.errors, [], `KaTeX could not typeset: ${math.errors.join(" | ")}`);
          assert.deepEqual(math.rawTex, [], `raw LaTeX left on the page: ${math.rawTex.join(" | ")}`);
        });
      }
    });
  });
}
