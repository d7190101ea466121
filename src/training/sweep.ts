import { describe } from "../core/checks";
import { Minimizable, runSettings, runSteps, startingLoss, stepBuffers } from "./minimize";
import { StepOptimizer, wantsHessian } from "./optimizer";

/** Options of `sweep`. */
export interface SweepOptions {
  /** Values of the first hyperparameter (the heatmap's columns), e.g. learning rates. */
  x: number[];
  /** Values of the second (the rows), e.g. momentum β; leave out for a 1-D sweep (the factory then gets 0). */
  y?: number[];
  /** Updates per run. */
  steps: number;
  /** Names for plots (default "x" and "y"). */
  xName?: string;
  yName?: string;
  /** Starting point (default: the problem's start). */
  start?: ArrayLike<number>;
  /** Pass the Hessian to `step` (default: only for Newton's method, as in `minimize`). */
  hessian?: boolean;
  /** Bound beyond which a run counts as diverged (default 1e12). */
  limit?: number;
}

/** The final losses of a grid of runs. Cell (i, j) is the run with y = y[i] and x = x[j], at index i·x.length + j. */
export interface SweepResult {
  readonly problem: string;
  readonly x: number[];
  readonly y: number[];
  readonly xName: string;
  readonly yName: string;
  readonly steps: number;
  /**
   * Loss after the last update, y.length × x.length row-major. A diverged run holds its last finite
   * loss here (never NaN or Infinity): check `divergedAt` before trusting a cell, or use `best`.
   */
  readonly final: Float64Array;
  /** 0 where the run finished, else the update k (1-based) at which it diverged or failed; same layout as `final`. */
  readonly divergedAt: Int32Array;
  /** Why each run that failed stopped (what its update threw), null where it did not fail; same layout as `final`. */
  readonly failures: (string | null)[];
  /** The run with the lowest final loss among those that did not diverge, or null if all diverged. */
  readonly best: { x: number; y: number; loss: number } | null;
  /** `final` as rows (one per y value) with null for diverged runs: a plotly heatmap's z. */
  rows(): (number | null)[][];
}

/**
 * Runs one optimizer per grid point, `factory(x[j], y[i])`, on `problem` for `steps` updates each, and
 * keeps each final loss: the data of a learning-rate × β heatmap. Loops allocate nothing but the
 * optimizers the factory makes, so a 50 × 50 grid of 500 steps takes a fraction of a second.
 * @example
 * const s = sweep(rosenbrock(), (lr, beta) => sgd({ lr, momentum: beta }), {
 *   x: logspace(-4, -2, 50), y: linspace(0, 0.99, 50), steps: 500, xName: "lr", yName: "β" });
 * s.best // { x, y, loss }
 */
export function sweep(problem: Minimizable, factory: (x: number, y: number) => StepOptimizer, options: SweepOptions): SweepResult {
  if (typeof factory !== "function") throw new Error(`sweep: factory must be a function (x, y) => optimizer, got ${describe(factory)}`);
  const { steps, limit, start } = runSettings("sweep", problem, undefined, options as SweepOptions, ["x", "y", "xName", "yName"]);
  let hessian: Float64Array | undefined;
  const startLoss = startingLoss("sweep", problem, start, limit);
  const xs = gridValues("x", options.x);
  const ys = options.y === undefined ? [0] : gridValues("y", options.y);
  const buffers = stepBuffers(problem.dim, false);
  const final = new Float64Array(xs.length * ys.length);
  const divergedAt = new Int32Array(xs.length * ys.length);
  const failures: (string | null)[] = new Array(xs.length * ys.length).fill(null);
  for (let i = 0; i < ys.length; i++) {
    for (let j = 0; j < xs.length; j++) {
      let optimizer: StepOptimizer;
      try {
        optimizer = factory(xs[j], ys[i]);
      } catch (error) {
        throw new Error(`sweep: factory(${xs[j]}, ${ys[i]}) threw: ${(error as Error).message}`);
      }
      if (optimizer === null || typeof optimizer !== "object" || typeof optimizer.step !== "function") {
        throw new Error(`sweep: factory(${xs[j]}, ${ys[i]}) must return an optimizer with step(), got ${describe(optimizer)}`);
      }
      const needsHessian = wantsHessian(optimizer, options.hessian);
      if (needsHessian && typeof problem.hessian !== "function") throw new Error("sweep: the optimizer needs a Hessian but the problem has no hessian function");
      if (needsHessian) hessian ??= new Float64Array(problem.dim * problem.dim);
      buffers.h = needsHessian ? hessian : undefined;
      buffers.x.set(start);
      const { failed, loss, error } = runSteps(problem, optimizer, steps, limit, startLoss, buffers);
      final[i * xs.length + j] = loss;
      divergedAt[i * xs.length + j] = failed;
      if (error) failures[i * xs.length + j] = `x = ${xs[j]}, y = ${ys[i]}: update ${error.step} threw: ${error.reason}`;
    }
  }
  let best: SweepResult["best"] = null;
  for (let c = 0; c < final.length; c++) {
    if (divergedAt[c] === 0 && (best === null || final[c] < best.loss)) {
      best = { x: xs[c % xs.length], y: ys[Math.floor(c / xs.length)], loss: final[c] };
    }
  }
  return {
    problem: problem.name ?? "problem",
    x: xs,
    y: ys,
    xName: options.xName ?? "x",
    yName: options.yName ?? "y",
    steps,
    final,
    divergedAt,
    failures,
    best,
    rows() {
      return ys.map((_, i) => xs.map((__, j) => (divergedAt[i * xs.length + j] ? null : final[i * xs.length + j])));
    },
  };
}

function gridValues(name: string, values: unknown): number[] {
  if (!Array.isArray(values) || values.length === 0) throw new Error(`${name} must be a non-empty array of numbers, got ${describe(values)}`);
  values.forEach((v, i) => {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`${name}[${i}] must be a finite number, got ${describe(v)}`);
  });
  return values.slice();
}

/** n numbers evenly spaced from `start` to `stop` inclusive. */
export function linspace(start: number, stop: number, n: number): number[] {
  if (!Number.isInteger(n) || n < 1) throw new Error(`n must be a positive integer, got ${describe(n)}`);
  if (n === 1) return [start];
  return Array.from({ length: n }, (_, i) => start + ((stop - start) * i) / (n - 1));
}

/** n numbers evenly spaced in log scale from 10^startExp to 10^stopExp inclusive. */
export function logspace(startExp: number, stopExp: number, n: number): number[] {
  return linspace(startExp, stopExp, n).map((e) => 10 ** e);
}
