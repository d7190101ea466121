/**
 * Live figures: the time one update takes (every run recomputed at new knob values and the figure
 * rebuilt) for each live figure builder, against the 16.7 ms of a 60 Hz animation frame; in Node, and in
 * headless Chromium with the browser bundle, where the plotly call that moves the drawing is timed too.
 */
import { join } from "node:path";
import {
  liveGradientDescent, liveInitScale, liveMomentum, liveMoonsNetwork, liveNesterov, liveNoiseFloor, liveOptimizers, liveRegularization, liveSchedules, liveSession,
  liveStaleGradients, networkSession, type LiveFigure, type LiveSpec, type NetworkFigure,
} from "../src/display/live";
import { compare, formatMs, markdownTable, median, type Section } from "./harness";

const FRAME_MS = 1000 / 60;

function figures(): Record<string, LiveFigure> {
  return {
    "GD: η and 2/L": liveGradientDescent(),
    "momentum: (η, β), regions": liveMomentum(),
    "Nesterov vs heavy ball": liveNesterov(),
    "Adagrad, RMSprop, Adam on Rosenbrock (1500 steps)": liveOptimizers({ problem: "rosenbrock", optimizers: ["Adagrad", "RMSprop", "Adam"], eta: 0.03, steps: 1500 }),
    "Adam family on Beale (1000 steps)": liveOptimizers({ problem: "beale", optimizers: ["Adam", "AMSGrad", "Adamax", "Nadam"], eta: 0.01, steps: 1000 }),
    "schedules, mini-batch SGD": liveSchedules(),
    "SGD noise floor": liveNoiseFloor(),
    "stale gradients: τ and η (lesson 14)": liveStaleGradients(),
  };
}

/** The network figures of live.html, in its order after the 2-D ones. */
function networkFigures(): Record<string, NetworkFigure> {
  return {
    "two moons, 2-16-16-1, Adam (lesson 09)": liveMoonsNetwork(),
    "L2 strength λ (lesson 11)": liveRegularization({ regularizer: "l2" }),
    "dropout rate p (lesson 11)": liveRegularization({ regularizer: "dropout" }),
    "weight scale s at initialization (lesson 12)": liveInitScale(),
  };
}

/**
 * Milliseconds in Node for a network figure: a restart (new knob value, first epoch), one more epoch,
 * building the figure of a state (decision boundary and loss curves), and the whole retraining; medians of `reps`.
 */
function networkTimes(fig: NetworkFigure, reps: number): { restart: number; epoch: number; render: number; all: number; epochs: number } {
  const session = networkSession(fig.live);
  const k = fig.live.knobs[0];
  const other = k.values ? k.values[Math.max(0, k.values.indexOf(k.value) - 1)] : k.value * 0.9;
  const restart: number[] = [];
  const epoch: number[] = [];
  const render: number[] = [];
  const all: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    const { figure } = session.update({ [k.name]: r % 2 ? other : k.value });
    const t1 = performance.now();
    void figure;
    if (session.state.done) {
      restart.push(t1 - t0);
      continue;
    }
    restart.push(t1 - t0);
    let last = t1;
    while (!session.state.done) {
      session.advance({ epochs: 1 });
      const now = performance.now();
      epoch.push(now - last);
      last = now;
    }
    all.push(last - t0);
    const t2 = performance.now();
    void session.advance({ epochs: 0 }).figure;
    render.push(performance.now() - t2);
  }
  return { restart: median(restart), epoch: epoch.length ? median(epoch) : NaN, render: render.length ? median(render) : NaN, all: all.length ? median(all) : NaN, epochs: session.state.epochs };
}

/** In headless Chromium, per network figure: frames to retrain after a slider step, median compute per frame, median plotly redraw. */
async function networksInChromium(page: { evaluate(script: string): Promise<unknown> }, first: number, count: number): Promise<{ frames: number; compute: number; draw: number; wall: number }[]> {
  return (await page.evaluate(`(async () => {
    const med = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
    const out = [];
    for (const view of window.optimlabLive.slice(${first}, ${first + count})) {
      const rows = [];
      for (let rep = 0; rep < 3; rep++) {
        const k = view.session.spec.knobs[0];
        const other = k.values ? k.values[Math.max(0, k.values.indexOf(k.value) - 1)] : Number((k.value * 0.9).toPrecision(3));
        const from = view.timings.length;
        const t0 = performance.now();
        view.set({ [k.name]: rep % 2 ? k.value : other });
        await new Promise((resolve) => { const poll = () => (view.timings.length > from && view.idle() ? resolve() : requestAnimationFrame(poll)); requestAnimationFrame(poll); });
        const t = view.timings.slice(from);
        rows.push({ frames: t.length, compute: med(t.map((q) => q.compute)), draw: med(t.filter((q) => q.draw > 0).map((q) => q.draw)), wall: performance.now() - t0 });
      }
      out.push({ frames: med(rows.map((r) => r.frames)), compute: med(rows.map((r) => r.compute)), draw: med(rows.map((r) => r.draw)), wall: med(rows.map((r) => r.wall)) });
    }
    return out;
  })()`)) as { frames: number; compute: number; draw: number; wall: number }[];
}

/** Knob values alternating between two settings of the first knob (its initial value and 10% of the way up). */
function alternate(spec: LiveSpec): () => Record<string, number> {
  const k = spec.knobs[0];
  const other = k.values ? k.values[Math.min(k.values.indexOf(k.value) + 1, k.values.length - 1)] : k.value + 0.1 * (k.max - k.value);
  let flip = false;
  return () => {
    flip = !flip;
    return { [k.name]: flip ? other : k.value };
  };
}

/** Median milliseconds per update in headless Chromium: the bundle's recompute, and the plotly call. */
async function inChromium(specs: LiveSpec[], networks: number): Promise<{ updates: { compute: number; draw: number }[]; networks: { frames: number; compute: number; draw: number; wall: number }[] } | string> {
  const { chromiumPath, launchChromium } = await import("../scripts/lib/browser.mjs");
  if (!chromiumPath()) return "no Chromium on this machine";
  const { renderInteractivePages } = await import("../scripts/site.mjs");
  const dir = join(__dirname, "..", "build", "bench-live");
  await renderInteractivePages(dir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(`file://${join(dir, "live.html")}`);
    await page.waitForFunction(`window.optimlabLive?.length === ${specs.length + networks}`, null, { timeout: 60000 });
    // A string, not a function: the TypeScript loader would wrap the function's helpers in its own `__name`.
    const updates = (await page.evaluate(`(async () => {
      const views = window.optimlabLive.slice(0, ${specs.length});
      const med = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
      const out = [];
      for (const view of views) {
        const k = view.session.spec.knobs[0];
        const other = k.values ? k.values[Math.min(k.values.indexOf(k.value) + 1, k.values.length - 1)] : k.value + 0.1 * (k.max - k.value);
        for (let i = 0; i < 21; i++) {
          view.set({ [k.name]: i % 2 ? other : k.value });
          await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        }
        const t = view.timings.slice(1); // the first update redraws the whole figure once
        out.push({ compute: med(t.map((q) => q.compute)), draw: med(t.map((q) => q.draw)) });
      }
      return out;
    })()`)) as { compute: number; draw: number }[];
    return { updates, networks: await networksInChromium(page, specs.length, networks) };
  } finally {
    await browser.close();
  }
}

export async function liveSection(quick: boolean): Promise<Section> {
  const figs = figures();
  const contenders: Record<string, () => unknown> = {};
  for (const [name, fig] of Object.entries(figs)) {
    const session = liveSession(fig.live);
    session.update();
    const next = alternate(fig.live);
    contenders[name] = () => session.update(next());
  }
  const timings = await compare(contenders, { rounds: quick ? 3 : 7, minMs: quick ? 50 : 200 });
  const nets = networkFigures();
  let inPage: Awaited<ReturnType<typeof inChromium>>;
  try {
    inPage = await inChromium(Object.values(figs).map((f) => f.live), Object.keys(nets).length);
  } catch (error) {
    inPage = `not measured: ${(error as Error).message.split("\n")[0]}`;
  }
  const browser = typeof inPage === "string" ? inPage : inPage.updates;
  const rows = timings.map((t, i) => {
    const b = typeof browser === "string" ? undefined : browser[i];
    const total = b ? b.compute + b.draw : NaN;
    return [
      t.name,
      formatMs(t.medianMs),
      `${((100 * t.medianMs) / FRAME_MS).toFixed(0)}%`,
      b ? formatMs(b.compute) : "–",
      b ? formatMs(b.draw) : "–",
      b ? `${((100 * total) / FRAME_MS).toFixed(0)}%` : "–",
    ];
  });
  const worst = Math.max(...timings.map((t) => t.medianMs));
  const netRows = Object.entries(nets).map(([name, fig], i) => {
    const n = networkTimes(fig, quick ? 3 : 5);
    const b = typeof inPage === "string" ? undefined : inPage.networks[i];
    const pct = (ms: number) => `${((100 * ms) / FRAME_MS).toFixed(0)}%`;
    return [
      name,
      fig.live.training ? `${formatMs(n.restart)} (${pct(n.restart)})` : `${formatMs(n.restart)} (${pct(n.restart)}), all of it`,
      Number.isFinite(n.epoch) ? `${formatMs(n.epoch)} (${pct(n.epoch)})` : "–",
      Number.isFinite(n.render) ? formatMs(n.render) : "–",
      Number.isFinite(n.all) ? `${formatMs(n.all)} for ${n.epochs} epochs` : "–",
      b ? `${b.frames} frames, ${formatMs(b.wall)}` : "–",
      b ? `${formatMs(b.compute)} (${pct(b.compute)})` : "–",
      b ? formatMs(b.draw) : "–",
    ];
  });
  return {
    title: "Live figures: one update against the 16.7 ms frame",
    body:
      markdownTable(["live figure", "recompute, Node", "of a frame", "recompute, Chromium", "plotly call, Chromium", "update, Chromium, of a frame"], rows) +
      `\n\nAn update recomputes every run of the figure at new knob values (here the first slider, alternating between two ` +
      `settings) and rebuilds the figure; in the page the drawing is then moved by one plotly call (paths and markers only: ` +
      `the contour and theory maps are drawn once). Medians over interleaved rounds in Node; over 20 updates in headless ` +
      `Chromium${typeof browser === "string" ? ` (${browser})` : ""}. The slowest recompute in Node takes ${formatMs(worst)}, ` +
      `${((100 * worst) / FRAME_MS).toFixed(0)}% of a frame. ` +
      `Median of the per-update samples: ${formatMs(median(timings.map((t) => t.medianMs)))}.\n\n` +
      markdownTable(["network figure", "restart, Node (of a frame)", "one more epoch, Node (of a frame)", "figure of a state, Node", "whole retraining, Node", "retraining in Chromium", "compute per frame, Chromium (of a frame)", "plotly redraw, Chromium"], netRows) +
      `\n\nThe network figures (lessons 09, 11, 12) train, which does not fit in a frame: a slider move restarts training ` +
      `(building the network and training its first epoch: "restart") and the page then trains for ${8} ms per animation ` +
      `frame (at least one epoch), redrawing with plotly at most every 150 ms and at the end. The profile at initialization ` +
      `(lesson 12) is recomputed whole on every update. Node: medians of ${quick ? 3 : 5} retrainings after a step of the first ` +
      `slider; Chromium: medians of 3 such retrainings (frames and wall time from the slider step to the last epoch drawn).`,
  };
}
