/**
 * Live figures: the time one update takes (every run recomputed at new knob values and the figure
 * rebuilt) for each live figure builder, against the 16.7 ms of a 60 Hz animation frame; in Node, and in
 * headless Chromium with the browser bundle, where the plotly call that moves the drawing is timed too.
 */
import { join } from "node:path";
import { liveGradientDescent, liveMomentum, liveNesterov, liveNoiseFloor, liveOptimizers, liveSchedules, liveSession, type LiveFigure, type LiveSpec } from "../src/display/live";
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
  };
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
async function inChromium(specs: LiveSpec[]): Promise<{ compute: number; draw: number }[] | string> {
  const { chromiumPath, launchChromium } = await import("../scripts/lib/browser.mjs");
  if (!chromiumPath()) return "no Chromium on this machine";
  const { renderInteractivePages } = await import("../scripts/site.mjs");
  const dir = join(__dirname, "..", "build", "bench-live");
  await renderInteractivePages(dir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(`file://${join(dir, "live.html")}`);
    await page.waitForFunction(`window.optimlabLive?.length === ${specs.length}`, null, { timeout: 60000 });
    // A string, not a function: the TypeScript loader would wrap the function's helpers in its own `__name`.
    return await page.evaluate(`(async () => {
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
    })()`);
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
  let browser: { compute: number; draw: number }[] | string;
  try {
    browser = await inChromium(Object.values(figs).map((f) => f.live));
  } catch (error) {
    browser = `not measured: ${(error as Error).message.split("\n")[0]}`;
  }
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
  return {
    title: "Live figures: one update against the 16.7 ms frame",
    body:
      markdownTable(["live figure", "recompute, Node", "of a frame", "recompute, Chromium", "plotly call, Chromium", "update, Chromium, of a frame"], rows) +
      `\n\nAn update recomputes every run of the figure at new knob values (here the first slider, alternating between two ` +
      `settings) and rebuilds the figure; in the page the drawing is then moved by one plotly call (paths and markers only: ` +
      `the contour and theory maps are drawn once). Medians over interleaved rounds in Node; over 20 updates in headless ` +
      `Chromium${typeof browser === "string" ? ` (${browser})` : ""}. The slowest recompute in Node takes ${formatMs(worst)}, ` +
      `${((100 * worst) / FRAME_MS).toFixed(0)}% of a frame. ` +
      `Median of the per-update samples: ${formatMs(median(timings.map((t) => t.medianMs)))}.`,
  };
}
