/** Paths on a contour plot of a 2-D problem, and the contour and path traces other figures reuse. See ./index.ts for what every builder promises. */
import { checkInteger, checkKeys, describe } from "../../core/checks";
import type { Figure } from "../figure";
import { axis, color, layout, named, round, roundAll, sampleIndices } from "../figures-common";
import { BELOW, windowOf } from "./shared";

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
