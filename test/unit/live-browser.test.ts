/**
 * The library's browser bundle in headless Chromium: the same trajectories as Node, bit for bit; the
 * live figures of live.html and the playground respond to synthetic slider keys and pointer drags by
 * drawing exactly the library's runs for the new settings; no page error, nothing fetched from outside.
 */
import assert from "node:assert/strict";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import {
  adadelta, adagrad, adam, adamax, adamw, beale, cosineDecay, d2lQuadratic, defineProblem, emaMomentum, heavyBall, himmelblau, leastSquaresLine, minimize, nadam,
  quadratic, rastrigin, rmsprop, rosenbrock, saddle, sgd, stepDecay, yogi,
} from "../../src";
import { isNetworkSpec, liveSession, networkSession, panelAxes, type LiveNetworkSpec, type LiveSpec } from "../../src/display/live";
import { miniBatchRun } from "../../src/display/live/compute";
import { parseState, stateSpec } from "../../src/browser/playgroundState";
import { chromiumPath, launchChromium } from "../../scripts/lib/browser.mjs";

const root = join(__dirname, "..", "..");
const siteDir = join(root, "build", "site-live");
const shots = join(root, "build", "screenshots");

// The optimizers of the comparison, built the same way in Node and in the page (`lib` is the library there).
const OPTIMIZERS = `({
  "sgd": (lib) => lib.sgd({ lr: 1e-3 }),
  "sgd nesterov": (lib) => lib.sgd({ lr: 1e-3, momentum: 0.9, nesterov: true }),
  "sgd cosine": (lib) => lib.sgd({ lr: lib.cosineDecay({ lr: 2e-3, totalSteps: 150 }), momentum: 0.5, dampening: 0.1 }),
  "heavyBall": (lib) => lib.heavyBall({ lr: 1e-3, beta: 0.9 }),
  "emaMomentum": (lib) => lib.emaMomentum({ lr: 1e-2, beta: 0.8 }),
  "adagrad": (lib) => lib.adagrad({ lr: 0.1, lrDecay: 0.01 }),
  "rmsprop centered": (lib) => lib.rmsprop({ lr: 1e-2, centered: true, momentum: 0.5 }),
  "adadelta": (lib) => lib.adadelta({ lr: 1 }),
  "adam": (lib) => lib.adam({ lr: 0.05 }),
  "adam amsgrad step decay": (lib) => lib.adam({ lr: lib.stepDecay({ lr: 0.05, stepSize: 40, gamma: 0.5 }), amsgrad: true, weightDecay: 1e-3 }),
  "adamw": (lib) => lib.adamw({ lr: 0.05, weightDecay: 0.1 }),
  "adamax": (lib) => lib.adamax({ lr: 0.05 }),
  "nadam": (lib) => lib.nadam({ lr: 0.05 }),
  "yogi": (lib) => lib.yogi({ lr: 0.05 }),
})`;
const PROBLEMS = `({
  d2lQuadratic: (lib) => lib.d2lQuadratic(),
  rosenbrock: (lib) => lib.rosenbrock(),
  beale: (lib) => lib.beale(),
  himmelblau: (lib) => lib.himmelblau(),
  saddle: (lib) => lib.saddle(),
  rastrigin: (lib) => lib.rastrigin(),
  typed: (lib) => lib.defineProblem({ name: "typed", expression: "log(1 + x^2) + exp(y / 2) * cos(x) + y^2", start: [1.5, -1] }),
  "64-D quadratic (kernels)": (lib) => lib.quadratic({ eigenvalues: Array.from({ length: 64 }, (_, i) => 0.05 * (i + 1)), rotate: true, seed: 2 }),
})`;
const STEPS = 150;
/** Figures on live.html: seven 2-D ones, stale gradients, four network figures. */
const LIVE_FIGURES = 12;

/** Every optimizer on every problem: trajectories and losses as plain arrays. */
function runAll(lib: Record<string, unknown>, optimizersSource: string, problemsSource: string, steps: number) {
  const optimizers = (0, eval)(optimizersSource) as Record<string, (l: unknown) => unknown>;
  const problems = (0, eval)(problemsSource) as Record<string, (l: unknown) => unknown>;
  const minimizeIn = lib.minimize as (p: unknown, o: unknown, opts: unknown) => { trajectory: Float64Array; losses: Float64Array };
  const out: Record<string, number[]> = {};
  for (const [p, makeProblem] of Object.entries(problems)) {
    for (const [o, makeOptimizer] of Object.entries(optimizers)) {
      const run = minimizeIn(makeProblem(lib), makeOptimizer(lib), { steps });
      out[`${o} on ${p}`] = [...run.trajectory, ...run.losses];
    }
  }
  return out;
}

const nodeLibrary = { adadelta, adagrad, adam, adamax, adamw, beale, cosineDecay, d2lQuadratic, defineProblem, emaMomentum, heavyBall, himmelblau, minimize, nadam, quadratic, rastrigin, rmsprop, rosenbrock, saddle, sgd, stepDecay, yogi };

interface Drawn {
  values: Record<string, number>;
  start: [number, number];
  updates: number;
  error: string | null;
  traces: { name: string; x: unknown[]; y: unknown[] }[];
}

/** The state of live figure i of the page: its knob values, start, update count and drawn scatter traces. */
async function drawn(page: Page, i: number, playground = false): Promise<Drawn> {
  return page.evaluate(
    ([index, pg]) => {
      const w = window as unknown as { optimlabLive: any[]; optimlabPlayground: any };
      const view = pg ? w.optimlabPlayground.view : w.optimlabLive[index];
      return {
        values: view.values(),
        start: view.start(),
        updates: view.timings.length,
        error: view.error,
        traces: (view.plot.data as any[]).filter((t) => t.type === "scatter").map((t) => ({ name: t.name, x: Array.from(t.x), y: Array.from(t.y) })),
      };
    },
    [i, playground] as const,
  );
}

/** The scatter traces the library draws for `spec` at these values and start, computed in Node. */
function expected(spec: LiveSpec, state: Drawn) {
  const { figure } = liveSession(spec).update(state.values, state.start);
  return figure.data.filter((t) => t.type === "scatter").map((t) => ({ name: t.name, x: t.x, y: t.y }));
}

async function nextUpdate(page: Page, i: number, after: number, playground = false): Promise<void> {
  await page.waitForFunction(
    ([index, n, pg]) => {
      const w = window as unknown as { optimlabLive: any[]; optimlabPlayground: any };
      const view = pg ? w.optimlabPlayground?.view : w.optimlabLive?.[index];
      return view && (view.timings.length > n || view.error);
    },
    [i, after, playground] as const,
    { timeout: 10000 },
  );
}

/** A page of the site, with every error and every request that leaves the site collected. */
async function open(browser: Browser, file: string, problems: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
  page.on("request", (r) => !r.url().startsWith("file://") && !r.url().startsWith("data:") && problems.push(`request outside the site: ${r.url()}`));
  page.on("requestfailed", (r) => problems.push(`failed to load ${r.url()}`));
  await page.goto(`file://${join(siteDir, file)}`, { waitUntil: "load" });
  return page;
}

describe("the library in Chromium", { skip: chromiumPath() ? false : "no Chromium (install Debian's chromium)" }, () => {
  let browser: Browser;
  before(async () => {
    rmSync(siteDir, { recursive: true, force: true });
    // site.mjs has top-level await, so it is imported, not required.
    const { renderInteractivePages } = await import("../../scripts/site.mjs");
    await renderInteractivePages(siteDir);
    mkdirSync(shots, { recursive: true });
    browser = await launchChromium();
  });
  after(async () => browser?.close());

  it("runs every optimizer on the 2-D problems (and a 64-D one, on the kernels) bit for bit as Node does", async () => {
    const problems: string[] = [];
    const page = await open(browser, "live.html", problems);
    const inPage: Record<string, number[]> = await page.evaluate(
      ([fn, o, p, steps]) => (0, eval)(`(${fn})`)((window as unknown as { optimlab: unknown }).optimlab, o, p, steps),
      [runAll.toString(), OPTIMIZERS, PROBLEMS, STEPS] as const,
    );
    const inNode = runAll(nodeLibrary, OPTIMIZERS, PROBLEMS, STEPS);
    assert.deepEqual(Object.keys(inPage), Object.keys(inNode));
    const differ = Object.keys(inNode).filter((key) => inPage[key].some((v, i) => !Object.is(v, inNode[key][i])));
    assert.deepEqual(differ, [], `the browser's numbers differ from Node's for ${differ.join("; ")}`);
    // Mini-batch SGD on the seeded least-squares line: the data, the shuffles and the steps.
    const batchInPage = await page.evaluate(() => {
      const lib = (window as unknown as { optimlab: any }).optimlab;
      const ls = lib.liveProblem({ leastSquares: { n: 512, noise: 0.5, seed: 3 } });
      return lib.computeLive({ title: "", problem: { leastSquares: { n: 512, noise: 0.5, seed: 3 } }, runs: [{ name: "sgd", optimizer: "sgd", options: { lr: 0.1 }, batchSize: 8 }], steps: 300, knobs: [], panels: ["loss"] }, ls, {}).runs[0].trajectory;
    });
    const ls = leastSquaresLine({ n: 512, noise: 0.5, seed: 3 });
    assert.deepEqual(Object.values(batchInPage), [...miniBatchRun(ls, sgd({ lr: 0.1 }), 300, 8, 0, [0, 0]).trajectory]);
    await page.close();
    assert.deepEqual(problems, [], problems.join("\n"));
  });

  it("live.html: each figure follows its sliders and a dragged start, drawing the library's runs for the new settings", async (t) => {
    const problems: string[] = [];
    const page = await open(browser, "live.html", problems);
    await page.waitForFunction((n) => (window as unknown as { optimlabLive?: unknown[] }).optimlabLive?.length === n, LIVE_FIGURES, { timeout: 20000 });
    const specs = await page.evaluate(() => (window as unknown as { optimlabLive: any[] }).optimlabLive.map((v) => v.session.spec)) as LiveSpec[];
    for (const [i, spec] of specs.entries()) {
      if (isNetworkSpec(spec)) continue; // the next test
      const figure = page.locator(".optimlab-live").nth(i);
      await figure.scrollIntoViewIfNeeded();
      const initial = await drawn(page, i);
      assert.deepEqual(initial.traces, expected(spec, initial), `figure ${i + 1}: the static figure is not the library's`);
      if (i === 0) await figure.screenshot({ path: join(shots, "live-1-before.png") });
      // Move the first slider with the keyboard: the browser fires real input events.
      const slider = figure.locator("input[type=range]").first();
      await slider.focus();
      for (let k = 0; k < 3; k++) await page.keyboard.press(i === 0 ? "PageUp" : "PageDown");
      await nextUpdate(page, i, initial.updates);
      const slid = await drawn(page, i);
      assert.equal(slid.error, null, `figure ${i + 1}: ${slid.error}`);
      assert.notDeepEqual(slid.values, initial.values, `figure ${i + 1}: the slider changed no knob`);
      assert.notDeepEqual(slid.traces, initial.traces, `figure ${i + 1}: the drawing did not change`);
      assert.deepEqual(slid.traces, expected(spec, slid), `figure ${i + 1}: after the slider, the drawn runs are not the library's`);
      if (!spec.panels.includes("contour")) continue;
      // Drag the start point across the contour panel: pointer down, moves, up.
      const axes = panelAxes(spec.panels.indexOf("contour"));
      const box = (await figure.locator(`.optimlab-plot .nsewdrag[data-subplot="${axes.x}${axes.y}"]`).boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
      await page.mouse.down();
      for (const f of [0.4, 0.5, 0.6]) await page.mouse.move(box.x + box.width * f, box.y + box.height * 0.7, { steps: 3 });
      await page.mouse.up();
      await page.waitForFunction(([index]) => (window as any).optimlabLive[index].idle(), [i] as const);
      const dragged = await drawn(page, i);
      assert.equal(dragged.error, null, `figure ${i + 1}: ${dragged.error}`);
      assert.notDeepEqual(dragged.start, slid.start, `figure ${i + 1}: the drag did not move the start`);
      const [x0, x1] = (await page.evaluate(([index, key]) => (window as any).optimlabLive[index].plot._fullLayout[key].range, [i, axes.xKey] as const)) as number[];
      const expectedX = x0 + 0.6 * (x1 - x0);
      assert.ok(Math.abs(dragged.start[0] - expectedX) < 0.02 * (x1 - x0), `figure ${i + 1}: start x ${dragged.start[0]} is not under the pointer (${expectedX})`);
      assert.deepEqual(dragged.traces, expected(spec, dragged), `figure ${i + 1}: after the drag, the drawn runs are not the library's`);
      if (i === 0) await figure.screenshot({ path: join(shots, "live-1-after.png") });
      const timings = await page.evaluate(([index]) => (window as any).optimlabLive[index].timings, [i] as const) as { compute: number; draw: number }[];
      const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
      t.diagnostic(`figure ${i + 1} (${spec.title}): ${timings.length} updates, median recompute ${median(timings.map((q) => q.compute)).toFixed(1)} ms, draw ${median(timings.map((q) => q.draw)).toFixed(1)} ms`);
    }
    await page.close();
    assert.deepEqual(problems, [], problems.join("\n"));
  });

  it("live.html: the network figures retrain progressively after a slider move, a slice of epochs per frame, ending where the library's fit ends", async (t) => {
    const problems: string[] = [];
    const page = await open(browser, "live.html", problems);
    await page.waitForFunction((n) => (window as unknown as { optimlabLive?: unknown[] }).optimlabLive?.length === n, LIVE_FIGURES, { timeout: 20000 });
    const specs = (await page.evaluate(() => (window as unknown as { optimlabLive: any[] }).optimlabLive.map((v) => v.session.spec))) as (LiveSpec | LiveNetworkSpec)[];
    const networks = specs.map((spec, i) => [i, spec] as const).filter(([, spec]) => isNetworkSpec(spec)) as [number, LiveNetworkSpec][];
    assert.equal(networks.length, 4, "live.html has four network figures (lessons 09, 11 twice, 12)");
    /** Every trace as drawn (plotly's data), in JSON form, and the title. */
    const drawnFull = (i: number) =>
      page.evaluate(([index]) => {
        const view = (window as any).optimlabLive[index];
        return { values: view.values(), error: view.error, timings: view.timings, title: view.plot.layout.title.text, data: JSON.parse(JSON.stringify(view.plot.data.map((t: any) => ({ type: t.type, name: t.name, x: t.x, y: t.y, z: t.z })))), history: view.session.state.history ? { trainLoss: view.session.state.history.trainLoss, testLoss: view.session.state.history.testLoss } : null, profile: view.session.state.profile ?? null, params: view.session.state.net ? Array.from(view.session.state.net.params) : null };
      }, [i] as const);
    const nodeFigure = (spec: LiveNetworkSpec, values: Record<string, number>) => {
      const session = networkSession(spec);
      session.update(values);
      const { figure, state } = session.advance({ epochs: Infinity });
      return { title: (figure.layout!.title as { text: string }).text, data: JSON.parse(JSON.stringify(figure.data.map((t) => ({ type: t.type, name: t.name, x: t.x, y: t.y, z: t.z })))), history: state.history ? { trainLoss: state.history.trainLoss, testLoss: state.history.testLoss } : null, profile: state.profile ?? null, params: state.net ? Array.from(state.net.params) : null };
    };
    /**
     * Weights and losses agree with Node's to 1e-10 relative, not to the bit: after 200 epochs they differ
     * around the 15th digit (the cross-entropy goes through Math.log1p, whose last bit differs between
     * Node's and Chromium's V8, and the weights drift by an ulp somewhere in training). The lessons print 3 digits.
     */
    const close = (gotValues: readonly unknown[], wantValues: readonly unknown[], what: string) => {
      const [got, want] = [gotValues.map(Number), wantValues.map(Number)];
      assert.equal(got.length, want.length, `${what}: ${got.length} values, not ${want.length}`);
      got.forEach((v, k) => assert.ok(Math.abs(v - want[k]) <= 1e-10 * Math.max(1e-3, Math.abs(want[k])), `${what}[${k}] = ${v}, Node ${want[k]}`));
    };
    for (const [i, spec] of networks) {
      const figure = page.locator(".optimlab-live").nth(i);
      await figure.scrollIntoViewIfNeeded();
      const initial = await drawnFull(i);
      const atStart = nodeFigure(spec, initial.values);
      assert.deepEqual(initial.data, atStart.data, `network figure ${i + 1}: the static figure is not the library's`);
      if (spec.training) await figure.screenshot({ path: join(shots, `live-${i + 1}-network-before.png`) });
      const slider = figure.locator("input[type=range]").first();
      await slider.focus();
      for (let k = 0; k < 2; k++) await page.keyboard.press("ArrowLeft");
      await page.waitForFunction(([index]) => (window as any).optimlabLive[index].timings.length > 0, [i] as const, { timeout: 20000 });
      if (spec.training) {
        // Mid-training: a frame showing an epoch short of the end.
        const mid = await drawnFull(i);
        assert.match(mid.title, /epoch \d+ of /, `network figure ${i + 1}: the title shows the epoch`);
      }
      await page.waitForFunction(([index]) => (window as any).optimlabLive[index].idle(), [i] as const, { timeout: 60000 });
      const end = await drawnFull(i);
      assert.equal(end.error, null, `network figure ${i + 1}: ${end.error}`);
      assert.notDeepEqual(end.values, initial.values, `network figure ${i + 1}: the slider changed no knob`);
      assert.notDeepEqual(end.data, initial.data, `network figure ${i + 1}: the drawing did not change`);
      const want = nodeFigure(spec, end.values);
      assert.equal(end.title, want.title, `network figure ${i + 1}: the final title`);
      if (want.history) {
        close(end.params!, want.params!, `network figure ${i + 1}: weights`);
        close(end.history!.trainLoss, want.history.trainLoss, `network figure ${i + 1}: training loss`);
        close(end.history!.testLoss!, want.history.testLoss!, `network figure ${i + 1}: held-out loss`);
      }
      if (want.profile) {
        close(end.profile!.grad, want.profile.grad, `network figure ${i + 1}: gradient norms`);
        close(end.profile!.zStd, want.profile.zStd, `network figure ${i + 1}: std(z)`);
      }
      assert.deepEqual(end.data, want.data, `network figure ${i + 1}: the final drawing is not the library's for the new settings`);
      const frames = end.timings as { compute: number; draw: number; epoch?: number }[];
      if (spec.training) {
        // Each key press restarted training (epoch 1); from the last restart on, every frame trains on.
        const last = frames.slice(frames.map((f) => f.epoch).lastIndexOf(1));
        assert.ok(last.length > 2, `network figure ${i + 1}: training took ${last.length} frames, not several`);
        assert.ok(last.every((f, k) => k === 0 || (f.epoch ?? 0) > (last[k - 1].epoch ?? 0)), `network figure ${i + 1}: each frame trains at least one epoch`);
        assert.equal(last[last.length - 1].epoch, spec.training.epochs, `network figure ${i + 1}: training ends at the last epoch`);
        await figure.screenshot({ path: join(shots, `live-${i + 1}-network-after.png`) });
      }
      const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
      t.diagnostic(`network figure ${i + 1} (${spec.title}): ${frames.length} frames, median compute ${median(frames.map((q) => q.compute)).toFixed(1)} ms, draw ${median(frames.map((q) => q.draw)).toFixed(1)} ms`);
    }
    await page.close();
    assert.deepEqual(problems, [], problems.join("\n"));
  });

  it("playground.html: the state comes from the URL, sliders retune it and write it back, a typed formula runs", async () => {
    const problems: string[] = [];
    const fragment = "problem=beale&steps=300&start=-1,1.5&run=adam:lr=0.02,beta1=0.9,beta2=0.999,amsgrad=false&run=sgd:lr=0.001,momentum=0.9,nesterov=true&schedule=cosineDecay:minLr=0";
    const page = await open(browser, `playground.html#${fragment}`, problems);
    await page.waitForFunction(() => (window as any).optimlabPlayground?.view?.plot?.data, null, { timeout: 20000 });
    const first = await drawn(page, 0, true);
    const firstSpec = stateSpec(parseState(fragment));
    assert.deepEqual(first.start, [-1, 1.5]);
    assert.deepEqual(first.traces, expected(firstSpec, first), "the playground's first figure is not the library's");
    const slider = page.locator('input[data-knob="r0_lr"]');
    await slider.focus();
    for (let k = 0; k < 2; k++) await page.keyboard.press("PageUp");
    await nextUpdate(page, 0, first.updates, true);
    await page.waitForFunction(() => (window as any).optimlabPlayground.view.idle());
    const retuned = await drawn(page, 0, true);
    const hash = await page.evaluate(() => location.hash);
    const state = parseState(hash);
    assert.equal(state.runs[0].options.lr, retuned.values.r0_lr, "the URL does not hold the new η");
    assert.notEqual(retuned.values.r0_lr, first.values.r0_lr);
    assert.deepEqual(retuned.traces, expected(stateSpec(state), retuned), "after the slider, the drawn runs are not the library's");
    await page.screenshot({ path: join(shots, "playground.png") });
    // A typed formula: mathjs differentiates it in the page.
    await page.selectOption('select[aria-label="problem"]', "expression");
    await page.fill('input[aria-label="f(x, y)"]', "(x - 1)^2 + 5*(y + x/2)^2");
    await page.click("text=plot f");
    await page.waitForFunction(() => (window as any).optimlabPlayground.view?.session.spec.problem.expression === "(x - 1)^2 + 5*(y + x/2)^2");
    await nextUpdate(page, 0, 0, true);
    const typed = await drawn(page, 0, true);
    const typedState = parseState(await page.evaluate(() => location.hash));
    assert.equal(typedState.expression, "(x - 1)^2 + 5*(y + x/2)^2");
    assert.deepEqual(typed.traces, expected(stateSpec(typedState), typed), "on the typed formula, the drawn runs are not the library's");
    // A formula mathjs cannot parse is reported on the page, without a page error.
    await page.fill('input[aria-label="f(x, y)"]', "x^2 + (y");
    await page.click("text=plot f");
    await page.waitForFunction(() => document.querySelector(".playground-error")?.textContent);
    await page.close();
    assert.deepEqual(problems, [], problems.join("\n"));
  });
});
