import { checkBoolean, checkInteger, checkKeys, checkNumber, describe } from "../core/checks";
import type { Figure } from "./figure";
import { axis, color, decadeTicks, layout, named, round, roundAll, sampleIndices } from "./figures-common";

/**
 * Plot builders: pure functions from results to plotly figures (`plot(fig)` shows one). Every figure
 * has a title and axis titles, numbers rounded to 6 significant digits and long series thinned, so
 * the JSON embedded in a page stays small. Runs that diverged end with an ✕ marker; their arrays
 * hold no NaN or Infinity, so no axis is spoiled.
 *
 * Each run contributes the same traces whatever happened to it (a line and an end marker), so figures
 * built from different runs can become the frames of `sliderFigure`.
 */

/** A horizontal legend under the plot, clear of a colorbar. */
const BELOW = { legend: { orientation: "h", x: 0, y: -0.25, yanchor: "top" } };

/** A loss history: `MinimizeResult` has this shape; so does `{ losses: history.trainLoss }`. */
export interface LossSeries {
  losses: ArrayLike<number>;
  diverged?: { step: number } | null;
  /** x values (default 0, 1, 2, ...). */
  x?: ArrayLike<number>;
}

export interface LossCurvesOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  /** Log-scale y axis (default true); values ≤ 0 are left out. */
  log?: boolean;
  /** Subtract this from every loss, e.g. the problem's minValue, to plot f − f* (default 0). */
  minus?: number;
  /** Most points drawn per run (default 400). */
  maxPoints?: number;
}

function lossSeries(name: string, run: LossSeries | ArrayLike<number>): LossSeries {
  if (run !== null && typeof run === "object" && "losses" in run) return run;
  if (run !== null && typeof run === "object" && typeof (run as ArrayLike<number>).length === "number") return { losses: run as ArrayLike<number> };
  throw new Error(`run "${name}" must be an array of losses or have a losses array, got ${describe(run)}`);
}

/**
 * Loss against step for several runs, log-scale y by default.
 * @example plot(lossCurves({ GD: minimize(p, sgd({ lr: 0.1 }), { steps: 100 }), Adam: runB }, { minus: p.minValue }))
 */
export function lossCurves(runs: Record<string, LossSeries | ArrayLike<number>> | (LossSeries & { name: string })[], options: LossCurvesOptions = {}): Figure {
  checkKeys("lossCurves", options, ["title", "xTitle", "yTitle", "log", "minus", "maxPoints"]);
  const log = checkBoolean("log", options.log ?? true);
  const minus = checkNumber("minus", options.minus ?? 0);
  const maxPoints = checkInteger("maxPoints", options.maxPoints ?? 400, 2);
  const entries = named("runs", runs);
  if (entries.length === 0) throw new Error("lossCurves: runs is empty");
  const data: Record<string, unknown>[] = [];
  entries.forEach(([name, raw], r) => {
    const run = lossSeries(name, raw);
    const n = run.losses.length;
    if (n === 0) throw new Error(`run "${name}" has no losses`);
    if (run.x !== undefined && run.x.length !== n) throw new Error(`run "${name}": x has ${run.x.length} values but losses has ${n}`);
    const show = (v: number) => {
      const y = v - minus;
      return log && !(y > 0) ? null : round(y);
    };
    const idx = sampleIndices(n, maxPoints);
    const xs = idx.map((i) => round(run.x ? run.x[i] : i));
    const ys = idx.map((i) => show(run.losses[i]));
    // A loss that is not finite cannot be drawn: say so in the legend rather than leave a silent gap.
    let bad = 0;
    let firstBad = -1;
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(run.losses[i])) {
        bad++;
        if (firstBad < 0) firstBad = i;
      }
    }
    const gaps = bad > 0 ? ` (${bad} loss${bad > 1 ? "es" : ""} not finite, from index ${firstBad}: not drawn)` : "";
    const label = (run.diverged ? `${name} (diverged at step ${run.diverged.step})` : name) + gaps;
    data.push({ type: "scatter", mode: "lines", name: label, x: xs, y: ys, line: { color: color(r), width: 2 } });
    data.push({
      type: "scatter",
      mode: "markers",
      name: `${name}: diverged`,
      showlegend: false,
      x: run.diverged ? [xs[xs.length - 1]] : [],
      y: run.diverged ? [ys[ys.length - 1]] : [],
      marker: { symbol: "x", size: 12, color: color(r), line: { width: 2 } },
    });
  });
  const yTitle = options.yTitle ?? (minus !== 0 ? "loss − f*" : "loss");
  return {
    data,
    layout: layout(options.title ?? "Loss", axis(options.xTitle ?? "step"), axis(yTitle, log ? { type: "log", exponentformat: "power" } : {})),
  };
}

/** A path in the plane: `MinimizeResult` has this shape (trajectory flat, 2 values per point). */
export interface PathSeries {
  trajectory: ArrayLike<number>;
  diverged?: { step: number } | null;
}

/** What `trajectoriesOnContour` needs of a problem (every 2-D `Problem` has it). */
export interface ContourProblem {
  name?: string;
  dim: number;
  value(x: ArrayLike<number>): number;
  xRange: [number, number];
  yRange: [number, number];
  minima?: number[][];
  minValue?: number;
  variables?: string[];
}

export interface ContourOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  /** Grid points per axis (default 80). */
  resolution?: number;
  /** About how many contour levels, log-spaced in f − f* (default 20). */
  levels?: number;
  /** Override the problem's window. */
  xRange?: [number, number];
  yRange?: [number, number];
  /** Most points drawn per path (default 400). */
  maxPoints?: number;
}

function pathSeries(name: string, run: PathSeries | number[][]): PathSeries {
  if (Array.isArray(run)) {
    const flat: number[] = [];
    run.forEach((p, i) => {
      if (!Array.isArray(p) || p.length !== 2) throw new Error(`path "${name}"[${i}] must be a point [x, y], got ${describe(p)}`);
      flat.push(p[0], p[1]);
    });
    return { trajectory: flat };
  }
  if (run === null || typeof run !== "object" || !("trajectory" in run)) throw new Error(`path "${name}" must be an array of points or have a trajectory, got ${describe(run)}`);
  if (run.trajectory.length % 2 !== 0 || run.trajectory.length === 0) {
    throw new Error(`path "${name}": trajectory must hold 2 values per point (a 2-D problem), got length ${run.trajectory.length}`);
  }
  return run;
}

/**
 * Paths of optimizers over the contour plot of a 2-D problem. Contour levels are log-spaced in
 * f − f* (f* the problem's minValue, or the least value on the grid), so valleys show their floor.
 * @example plot(trajectoriesOnContour(rosenbrock(), { Adam: runA, "SGD + momentum": runB }))
 */
export function trajectoriesOnContour(problem: ContourProblem, runs: Record<string, PathSeries | number[][]> | (PathSeries & { name: string })[], options: ContourOptions = {}): Figure {
  checkKeys("trajectoriesOnContour", options, ["title", "xTitle", "yTitle", "resolution", "levels", "xRange", "yRange", "maxPoints"]);
  const maxPoints = checkInteger("maxPoints", options.maxPoints ?? 400, 2);
  const surface = contourTraces(problem, options);
  const data: Record<string, unknown>[] = [surface.contour];
  named("runs", runs).forEach(([name, raw], r) => data.push(...pathTraces(name, raw, r, maxPoints)));
  data.push(surface.minima);
  const [x0, x1] = surface.xRange;
  const [y0, y1] = surface.yRange;
  const [vx, vy] = problem.variables ?? ["x", "y"];
  return {
    data,
    layout: layout(
      options.title ?? `Paths on ${problem.name ?? "the problem"}`,
      axis(options.xTitle ?? vx ?? "x", { range: [x0, x1] }),
      axis(options.yTitle ?? vy ?? "y", { range: [y0, y1] }),
      BELOW,
    ),
  };
}

/**
 * The parts of `trajectoriesOnContour` that do not depend on the runs: the contour trace (levels
 * log-spaced in f − f*), the minima's star markers and the window. Live figures compute them once and
 * redraw only the paths.
 */
export function contourTraces(problem: ContourProblem, options: Pick<ContourOptions, "resolution" | "levels" | "xRange" | "yRange"> = {}): { contour: Record<string, unknown>; minima: Record<string, unknown>; xRange: [number, number]; yRange: [number, number] } {
  if (problem === null || typeof problem !== "object" || typeof problem.value !== "function") throw new Error(`problem must have a value function, got ${describe(problem)}`);
  if (problem.dim !== 2) throw new Error(`trajectoriesOnContour needs a 2-D problem, got dim = ${problem.dim}`);
  const resolution = checkInteger("resolution", options.resolution ?? 80, 2);
  const levels = checkInteger("levels", options.levels ?? 20, 1);
  const [x0, x1] = windowOf("xRange", options.xRange ?? problem.xRange);
  const [y0, y1] = windowOf("yRange", options.yRange ?? problem.yRange);
  const xs = Array.from({ length: resolution }, (_, j) => x0 + ((x1 - x0) * j) / (resolution - 1));
  const ys = Array.from({ length: resolution }, (_, i) => y0 + ((y1 - y0) * i) / (resolution - 1));
  const p = new Float64Array(2);
  const f = ys.map((y) =>
    xs.map((x) => {
      p[0] = x;
      p[1] = y;
      return problem.value(p);
    }),
  );
  let lo = Infinity;
  let hi = -Infinity;
  for (const row of f) for (const v of row) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (!Number.isFinite(lo)) throw new Error(`problem "${problem.name ?? "problem"}" has no finite value in the window`);
  const floor = problem.minValue !== undefined && problem.minValue <= lo ? problem.minValue : lo;
  const eps = Math.max((hi - floor) * 1e-6, 1e-12);
  const z = f.map((row) => row.map((v) => round(Math.log10(v - floor + eps))));
  const contour = {
    type: "contour",
    x: roundAll(xs),
    y: roundAll(ys),
    z,
    ncontours: levels,
    contours: { coloring: "lines" },
    line: { width: 1 },
    colorscale: "Viridis",
    colorbar: { title: { text: problem.minValue !== undefined ? "log₁₀(f − f*)" : "log₁₀(f − min f)" } },
    hoverinfo: "skip",
    showlegend: false,
  };
  const points = problem.minima ?? [];
  const minima = {
    type: "scatter",
    mode: "markers",
    name: points.length === 1 ? "minimum" : "minima",
    showlegend: points.length > 0,
    x: points.map((m) => round(m[0])),
    y: points.map((m) => round(m[1])),
    marker: { symbol: "star", size: 14, color: "black" },
  };
  return { contour, minima, xRange: [x0, x1], yRange: [y0, y1] };
}

/**
 * The two traces of one run on a contour plot: its path (at most `maxPoints` points, evenly sampled)
 * and its end marker (✕ if it diverged), in color number `r`.
 */
export function pathTraces(name: string, raw: PathSeries | number[][], r: number, maxPoints = 400): Record<string, unknown>[] {
  const run = pathSeries(name, raw);
  const count = run.trajectory.length / 2;
  const idx = sampleIndices(count, maxPoints);
  const px = idx.map((i) => round(run.trajectory[2 * i]));
  const py = idx.map((i) => round(run.trajectory[2 * i + 1]));
  return [
    {
      type: "scatter",
      mode: "lines+markers",
      name: run.diverged ? `${name} (diverged at step ${run.diverged.step})` : name,
      x: px,
      y: py,
      line: { color: color(r), width: 2 },
      marker: { color: color(r), size: 4 },
    },
    {
      type: "scatter",
      mode: "markers",
      name: `${name}: end`,
      showlegend: false,
      x: [px[px.length - 1]],
      y: [py[py.length - 1]],
      marker: run.diverged ? { symbol: "x", size: 12, color: color(r), line: { width: 2 } } : { symbol: "circle", size: 8, color: color(r) },
    },
  ];
}

function windowOf(name: string, range: unknown): [number, number] {
  if (!Array.isArray(range) || range.length !== 2 || !(Number.isFinite(range[0]) && Number.isFinite(range[1]) && range[0] < range[1])) {
    throw new Error(`${name} must be [low, high] with low < high, got ${describe(range)}`);
  }
  return [range[0], range[1]];
}

export interface LrCurvesOptions {
  /** Steps to draw (required for schedule functions; default: the longest array). */
  steps?: number;
  title?: string;
  xTitle?: string;
  yTitle?: string;
  /** Log-scale y axis (default false). */
  log?: boolean;
  /** Most points drawn per curve (default 500). */
  maxPoints?: number;
}

/**
 * Learning rate against step for schedules (functions of the 0-based step) or arrays of rates.
 * @example plot(lrCurves({ cosine: cosineDecay({ lr: 0.1, totalSteps: 1000 }), step: stepDecay({ lr: 0.1, stepSize: 300 }) }, { steps: 1000 }))
 */
export function lrCurves(schedules: Record<string, ((step: number) => number) | ArrayLike<number>>, options: LrCurvesOptions = {}): Figure {
  checkKeys("lrCurves", options, ["steps", "title", "xTitle", "yTitle", "log", "maxPoints"]);
  const entries = named("schedules", schedules);
  if (entries.length === 0) throw new Error("lrCurves: schedules is empty");
  const maxPoints = checkInteger("maxPoints", options.maxPoints ?? 500, 2);
  const arrays = entries.map(([, s]) => (typeof s === "function" ? 0 : s.length));
  const steps = options.steps !== undefined ? checkInteger("steps", options.steps, 1) : Math.max(...arrays);
  if (!(steps > 0)) throw new Error("lrCurves: steps is required when the schedules are functions");
  const log = options.log ?? false;
  const data = entries.map(([name, s], r) => {
    if (typeof s !== "function" && (s === null || typeof s !== "object" || typeof s.length !== "number")) {
      throw new Error(`schedule "${name}" must be a function of the step or an array of rates, got ${describe(s)}`);
    }
    const n = typeof s === "function" ? steps : Math.min(s.length, steps);
    const idx = sampleIndices(n, maxPoints);
    const ys = idx.map((i) => {
      const v = typeof s === "function" ? s(i) : s[i];
      if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`schedule "${name}" gave ${describe(v)} at step ${i}`);
      return round(v);
    });
    return { type: "scatter", mode: "lines", name, x: idx, y: ys, line: { color: color(r), width: 2 } };
  });
  return {
    data,
    layout: layout(options.title ?? "Learning rate", axis(options.xTitle ?? "step"), axis(options.yTitle ?? "learning rate", log ? { type: "log", exponentformat: "power" } : {})),
  };
}

/** The grid of a sweep: `SweepResult` has this shape. */
export interface SweepGrid {
  x: number[];
  y: number[];
  /** y.length × x.length row-major. */
  final: ArrayLike<number>;
  /** Non-zero where the run diverged (drawn blank). */
  divergedAt?: ArrayLike<number>;
  xName?: string;
  yName?: string;
  steps?: number;
  problem?: string;
  best?: { x: number; y: number; loss: number } | null;
}

export interface SweepHeatmapOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  /** Log-scale x (default: when all x > 0 and they span a factor of 100 or more). */
  logX?: boolean;
  logY?: boolean;
  /** Color by log₁₀ of the loss (default true). */
  logZ?: boolean;
  /** Color range, in the units drawn (log₁₀ loss with logZ). */
  zRange?: [number, number];
}

function wantsLog(values: number[]): boolean {
  return values.every((v) => v > 0) && Math.max(...values) / Math.min(...values) >= 100;
}

/**
 * The final loss of every run of a sweep as a heatmap: x across, y up, color log₁₀(loss). Diverged runs
 * are blank; the best run is starred. Log axes are drawn as log₁₀ coordinates with decade ticks
 * (plotly's own log axes drop a heatmap's first row and column).
 * @example plot(sweepHeatmap(sweep(p, (lr, beta) => sgd({ lr, momentum: beta }), { x: lrs, y: betas, steps: 500 })))
 */
export function sweepHeatmap(result: SweepGrid, options: SweepHeatmapOptions = {}): Figure {
  checkKeys("sweepHeatmap", options, ["title", "xTitle", "yTitle", "logX", "logY", "logZ", "zRange"]);
  if (result === null || typeof result !== "object" || !Array.isArray(result.x) || !Array.isArray(result.y)) {
    throw new Error(`sweepHeatmap needs a sweep result with x, y and final, got ${describe(result)}`);
  }
  const { x, y, final } = result;
  if (final.length !== x.length * y.length) throw new Error(`final has ${final.length} values but x × y is ${x.length} × ${y.length}`);
  const logX = options.logX ?? wantsLog(x);
  const logY = options.logY ?? wantsLog(y);
  const logZ = options.logZ ?? true;
  if (logX && !x.every((v) => v > 0)) throw new Error("logX needs every x > 0");
  if (logY && !y.every((v) => v > 0)) throw new Error("logY needs every y > 0");
  const tx = (v: number) => (logX ? Math.log10(v) : v);
  const ty = (v: number) => (logY ? Math.log10(v) : v);
  let smallest = Infinity;
  for (let c = 0; c < final.length; c++) if (final[c] > 0 && final[c] < smallest) smallest = final[c];
  let diverged = 0;
  const z = y.map((_, i) =>
    x.map((__, j) => {
      const c = i * x.length + j;
      if (result.divergedAt && result.divergedAt[c]) {
        diverged++;
        return null;
      }
      const v = final[c];
      if (!logZ) return round(v);
      return round(Math.log10(v > 0 ? v : Number.isFinite(smallest) ? smallest : 1e-300));
    }),
  );
  const xName = options.xTitle ?? result.xName ?? "x";
  const yName = options.yTitle ?? result.yName ?? "y";
  const heat: Record<string, unknown> = {
    type: "heatmap",
    x: x.map((v) => round(tx(v))),
    y: y.map((v) => round(ty(v))),
    z,
    colorscale: "Viridis",
    hoverongaps: false,
    colorbar: { title: { text: logZ ? "log₁₀ loss" : "loss" } },
    hovertemplate: `${xName} = ${logX ? "10^%{x:.3f}" : "%{x}"}<br>${yName} = ${logY ? "10^%{y:.3f}" : "%{y}"}<br>${logZ ? "log₁₀ loss" : "loss"} = %{z:.4g}<extra></extra>`,
  };
  if (options.zRange) {
    const [zmin, zmax] = windowOf("zRange", options.zRange);
    Object.assign(heat, { zmin, zmax });
  }
  const data: Record<string, unknown>[] = [heat];
  const best = result.best;
  data.push({
    type: "scatter",
    mode: "markers",
    name: best ? `best: ${xName} = ${round(best.x)}, ${yName} = ${round(best.y)}` : "best",
    showlegend: !!best,
    x: best ? [round(tx(best.x))] : [],
    y: best ? [round(ty(best.y))] : [],
    marker: { symbol: "star", size: 14, color: "white", line: { color: "black", width: 1 } },
  });
  const xAxis = axis(logX ? `${xName} (log scale)` : xName, logX ? decadeTicks(x.map(tx)) : {});
  const yAxis = axis(logY ? `${yName} (log scale)` : yName, logY ? decadeTicks(y.map(ty)) : {});
  const annotations = diverged > 0
    ? [{ text: `${diverged} of ${final.length} runs diverged (blank)`, xref: "paper", yref: "paper", x: 0, y: 1.02, xanchor: "left", yanchor: "bottom", showarrow: false }]
    : [];
  const title = options.title ?? `Final loss${result.steps ? ` after ${result.steps} steps` : ""}${result.problem ? ` on ${result.problem}` : ""}`;
  return { data, layout: layout(title, xAxis, yAxis, { annotations, ...BELOW }) };
}

/** A classifier of 2-D points: a model with `predict`, or a function; either maps n × 2 inputs to n × k outputs. */
export type Classifier = { predict(x: Float64Array): Float64Array } | ((x: Float64Array) => Float64Array);

/** The labelled points drawn over the boundary: a `Dataset` with d = 2. */
export interface LabelledPoints {
  x: Float64Array;
  y: Float64Array;
  n: number;
  d: number;
}

export interface DecisionBoundaryOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  /** Grid points per axis (default 60). */
  resolution?: number;
  /** Window (default: the data's range plus `padding`). */
  xRange?: [number, number];
  yRange?: [number, number];
  /** Margin around the data (default 0.5). */
  padding?: number;
}

/**
 * What a 2-D classifier predicts over the plane, with the data on top: for one output, the probability
 * of class 1 and the 0.5 contour (the decision boundary); for several, the predicted class (argmax).
 * @example plot(decisionBoundary(net, data))
 */
export function decisionBoundary(model: Classifier, data: LabelledPoints, options: DecisionBoundaryOptions = {}): Figure {
  checkKeys("decisionBoundary", options, ["title", "xTitle", "yTitle", "resolution", "xRange", "yRange", "padding"]);
  const predict = typeof model === "function" ? model : model !== null && typeof model === "object" && typeof model.predict === "function" ? (x: Float64Array) => model.predict(x) : undefined;
  if (!predict) throw new Error(`model must be a function or have a predict method, got ${describe(model)}`);
  if (data === null || typeof data !== "object" || !(data.x instanceof Float64Array)) throw new Error(`data must be a Dataset, got ${describe(data)}`);
  if (data.d !== 2) throw new Error(`decisionBoundary needs 2-D inputs, got d = ${data.d}`);
  if (!(data.n > 0)) throw new Error(`data is empty (n = ${data.n})`);
  const resolution = checkInteger("resolution", options.resolution ?? 60, 2);
  const padding = checkNumber("padding", options.padding ?? 0.5, "nonNegative");
  const bounds = (axisIndex: number): [number, number] => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let s = 0; s < data.n; s++) {
      lo = Math.min(lo, data.x[2 * s + axisIndex]);
      hi = Math.max(hi, data.x[2 * s + axisIndex]);
    }
    return lo === hi ? [lo - padding - 1, hi + padding + 1] : [lo - padding, hi + padding];
  };
  const [x0, x1] = options.xRange ? windowOf("xRange", options.xRange) : bounds(0);
  const [y0, y1] = options.yRange ? windowOf("yRange", options.yRange) : bounds(1);
  const xs = Array.from({ length: resolution }, (_, j) => x0 + ((x1 - x0) * j) / (resolution - 1));
  const ys = Array.from({ length: resolution }, (_, i) => y0 + ((y1 - y0) * i) / (resolution - 1));
  const grid = new Float64Array(resolution * resolution * 2);
  for (let i = 0; i < resolution; i++) {
    for (let j = 0; j < resolution; j++) {
      grid[2 * (i * resolution + j)] = xs[j];
      grid[2 * (i * resolution + j) + 1] = ys[i];
    }
  }
  const out = predict(grid);
  const cells = resolution * resolution;
  if (!out || out.length === 0 || out.length % cells !== 0) throw new Error(`the model returned ${describe(out)} for ${cells} grid points`);
  const k = out.length / cells;
  const data2: Record<string, unknown>[] = [];
  const classColors = k === 1 ? ["#1f77b4", "#d62728"] : Array.from({ length: k }, (_, c) => color(c));
  if (k === 1) {
    const z = ys.map((_, i) => xs.map((__, j) => round(out[i * resolution + j])));
    data2.push({ type: "heatmap", x: roundAll(xs), y: roundAll(ys), z, zmin: 0, zmax: 1, colorscale: "RdBu", opacity: 0.55, colorbar: { title: { text: "P(class 1)" } }, hovertemplate: "P(class 1) = %{z:.3f}<extra></extra>" });
    data2.push({ type: "contour", x: roundAll(xs), y: roundAll(ys), z, contours: { start: 0.5, end: 0.5, size: 1, coloring: "lines" }, colorscale: [[0, "black"], [1, "black"]], line: { width: 2 }, showscale: false, hoverinfo: "skip", name: "boundary", showlegend: false });
  } else {
    const z = ys.map((_, i) =>
      xs.map((__, j) => {
        const o = (i * resolution + j) * k;
        let best = 0;
        for (let c = 1; c < k; c++) if (out[o + c] > out[o + best]) best = c;
        return best;
      }),
    );
    const colorscale: [number, string][] = [];
    classColors.forEach((c, idx) => {
      colorscale.push([idx / k, c], [(idx + 1) / k, c]);
    });
    data2.push({ type: "heatmap", x: roundAll(xs), y: roundAll(ys), z, zmin: -0.5, zmax: k - 0.5, colorscale, opacity: 0.35, showscale: false, hovertemplate: "predicted class %{z}<extra></extra>" });
  }
  let classes = k === 1 ? 2 : k;
  for (let s = 0; s < data.n; s++) if (data.y[s] + 1 > classes) classes = data.y[s] + 1;
  for (let c = 0; c < classes; c++) {
    const px: (number | null)[] = [];
    const py: (number | null)[] = [];
    for (let s = 0; s < data.n; s++) {
      if (data.y[s] === c) {
        px.push(round(data.x[2 * s]));
        py.push(round(data.x[2 * s + 1]));
      }
    }
    data2.push({ type: "scatter", mode: "markers", name: `class ${c}`, x: px, y: py, marker: { color: classColors[c % classColors.length], size: 6, line: { color: "white", width: 1 } } });
  }
  return {
    data: data2,
    layout: layout(options.title ?? "Decision boundary", axis(options.xTitle ?? "x₁", { range: [x0, x1] }), axis(options.yTitle ?? "x₂", { range: [y0, y1] }), BELOW),
  };
}

/** One position of a slider: its label and the figure shown there. */
export interface SliderFrame {
  label: string | number;
  figure: Figure;
}

export interface SliderFigureOptions {
  title?: string;
  /** Text before the current label, e.g. "lr = " (default ""). */
  prefix?: string;
  /** Index of the frame shown first (default 0). */
  active?: number;
}

/**
 * One figure with a slider over precomputed figures (plotly frames), so a reader can scrub a
 * hyperparameter without running anything. Every figure must have the same number of traces (the
 * builders of this module keep that constant). Traces equal in every frame (a contour, say) are
 * stored once; axes get the union of all frames' ranges unless the first layout fixes them.
 * @example
 * plot(sliderFigure(lrs.map((lr) => ({ label: lr, figure: trajectoriesOnContour(p, { GD: minimize(p, sgd({ lr }), { steps: 50 }) }) })), { prefix: "lr = " }))
 */
export function sliderFigure(frames: SliderFrame[], options: SliderFigureOptions = {}): Figure {
  checkKeys("sliderFigure", options, ["title", "prefix", "active"]);
  if (!Array.isArray(frames) || frames.length === 0) throw new Error(`frames must be a non-empty array of { label, figure }, got ${describe(frames)}`);
  const active = checkInteger("active", options.active ?? 0, 0);
  if (active >= frames.length) throw new Error(`active = ${active} is beyond the last frame ${frames.length - 1}`);
  const names = frames.map((f, i) => {
    if (f === null || typeof f !== "object" || !f.figure || !Array.isArray(f.figure.data)) throw new Error(`frames[${i}] must be { label, figure }, got ${describe(f)}`);
    return String(f.label);
  });
  if (new Set(names).size !== names.length) throw new Error(`frame labels must be distinct, got ${names.join(", ")}`);
  const traceCount = frames[0].figure.data.length;
  frames.forEach((f, i) => {
    if (f.figure.data.length !== traceCount) throw new Error(`frames[${i}] has ${f.figure.data.length} traces but frames[0] has ${traceCount}: every frame needs the same traces`);
  });
  const json = frames.map((f) => f.figure.data.map((t) => JSON.stringify(t)));
  const varying: number[] = [];
  for (let t = 0; t < traceCount; t++) if (json.some((j) => j[t] !== json[0][t])) varying.push(t);
  const base = frames[active].figure;
  const baseLayout = { ...(base.layout ?? {}) };
  const legendBelow = (baseLayout.legend as { orientation?: string } | undefined)?.orientation === "h";
  for (const key of ["xaxis", "yaxis"] as const) {
    const ax = { ...((baseLayout[key] as Record<string, unknown> | undefined) ?? {}) };
    if (ax.range === undefined) {
      const range = unionRange(frames.map((f) => f.figure), key === "xaxis" ? "x" : "y", ax.type === "log");
      if (range) Object.assign(ax, { range, autorange: false });
    }
    baseLayout[key] = ax;
  }
  const steps = names.map((name) => ({
    label: name,
    method: "animate",
    args: [[name], { mode: "immediate", frame: { duration: 0, redraw: true }, transition: { duration: 0 } }],
  }));
  return {
    data: base.data,
    layout: {
      height: 540, // room for the slider under the plot
      ...baseLayout,
      title: { text: options.title ?? titleOf(base) },
      // Below the axis title and a legend under the plot (plotly widens the bottom margin to fit it).
      sliders: [{ active, currentvalue: { prefix: options.prefix ?? "" }, x: 0, len: 1, y: legendBelow ? -0.4 : -0.15, yanchor: "top", pad: { t: 10 }, steps }],
    },
    frames: frames.map((f, i) => ({ name: names[i], traces: varying, data: varying.map((t) => f.figure.data[t]) })),
  };
}

function titleOf(figure: Figure): string {
  const t = figure.layout?.title;
  if (typeof t === "string") return t;
  if (t && typeof t === "object" && typeof (t as { text?: unknown }).text === "string") return (t as { text: string }).text;
  return "";
}

/** The range covering every finite coordinate of every scatter trace (log10 units on log axes), padded 5%. */
function unionRange(figures: Figure[], key: "x" | "y", log: boolean): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const fig of figures) {
    for (const trace of fig.data) {
      const values = trace[key];
      if (!Array.isArray(values)) continue;
      for (const v of values) {
        if (typeof v !== "number" || !Number.isFinite(v) || (log && v <= 0)) continue;
        const u = log ? Math.log10(v) : v;
        lo = Math.min(lo, u);
        hi = Math.max(hi, u);
      }
    }
  }
  if (!Number.isFinite(lo)) return undefined;
  const pad = hi > lo ? 0.05 * (hi - lo) : 0.5;
  return [round(lo - pad)!, round(hi + pad)!];
}
