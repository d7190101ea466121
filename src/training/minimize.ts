import { checkInteger, checkKeys, checkNumber, describe } from "../core/checks";
import { NonFiniteStepError } from "../optimizers/checked";
import { DEFAULT_LIMIT, Divergence, Failure, StepOptimizer, allFinite, failure, wantsHessian } from "./optimizer";

/** What `minimize` and `sweep` need of a problem (every `Problem` of the library has it). */
export interface Minimizable {
  readonly name?: string;
  readonly dim: number;
  readonly start: ArrayLike<number>;
  value(x: ArrayLike<number>): number;
  gradient(x: ArrayLike<number>, out: Float64Array): Float64Array;
  hessian?(x: ArrayLike<number>, out: Float64Array): Float64Array;
}

/** Options of `minimize`. */
export interface MinimizeOptions {
  /** Number of optimizer updates (a positive integer). */
  steps: number;
  /** Starting point (default: the problem's `start`). */
  start?: ArrayLike<number>;
  /** Pass the Hessian to `step` (default: only for Newton's method, see `wantsHessian`). */
  hessian?: boolean;
  /** A run whose loss or any parameter leaves [−limit, limit] (or is NaN) counts as diverged (default 1e12). */
  limit?: number;
}

/** A run of `minimize`: every point visited and the loss at each. */
export interface MinimizeResult {
  /** The problem's name. */
  readonly problem: string;
  readonly dim: number;
  /** Updates completed: `steps` unless the run diverged (then the diverging update is not counted). */
  readonly steps: number;
  /** The points, (steps + 1) × dim row-major: the start, then the point after each update. */
  readonly trajectory: Float64Array;
  /** f at each point of the trajectory (length steps + 1). */
  readonly losses: Float64Array;
  /** The last point of the trajectory (dim values). */
  readonly final: Float64Array;
  readonly finalLoss: number;
  /** Set when update `step` made the loss or the parameters non-finite or beyond `limit`; the arrays stop before it. */
  readonly diverged: Divergence | null;
  /**
   * Set when update `step` threw (a singular Hessian, a rejected step, a gradient that failed): the run
   * stops there, keeps the updates before it and says why. A throw at update 1 is thrown instead.
   */
  readonly failed: Failure | null;
  /** Point i of the trajectory as a plain array. */
  point(i: number): number[];
}

export interface RunSettings {
  steps: number;
  limit: number;
  hessian: boolean;
  start: Float64Array;
}

/** Validates the options shared by `minimize` and `sweep` (`hessian` is decided per optimizer, so only with one). */
export function runSettings(what: string, problem: Minimizable, optimizer: StepOptimizer | undefined, options: MinimizeOptions, extraKeys: readonly string[] = []): RunSettings {
  if (problem === null || typeof problem !== "object" || typeof problem.gradient !== "function" || typeof problem.value !== "function") {
    throw new Error(`${what}: problem must have value and gradient functions, got ${describe(problem)}`);
  }
  checkKeys(what, options, ["steps", "start", "hessian", "limit", ...extraKeys]);
  if (options === undefined) throw new Error(`${what}: options with steps are required`);
  const steps = checkInteger("steps", options.steps, 1);
  const limit = checkNumber("limit", options.limit ?? DEFAULT_LIMIT, "positive");
  const source = options.start ?? problem.start;
  if (source === undefined || source.length !== problem.dim) {
    throw new Error(`start must have length ${problem.dim}, got ${describe(source)}`);
  }
  const start = Float64Array.from(source);
  for (let i = 0; i < start.length; i++) checkNumber(`start[${i}]`, start[i]);
  const hessian = optimizer !== undefined && wantsHessian(optimizer, options.hessian);
  if (hessian && typeof problem.hessian !== "function") throw new Error(`${what}: the optimizer needs a Hessian but the problem has no hessian function`);
  return { steps, limit, hessian, start };
}

/** Scratch space of `runSteps`, allocated once per call of `minimize` or `sweep`. */
export interface StepBuffers {
  /** The parameters, updated in place (set them to the start first). */
  x: Float64Array;
  g: Float64Array;
  /** The Hessian, when the optimizer takes one. */
  h: Float64Array | undefined;
  /** x before the current update, so a diverged run can report its last finite point. */
  previous: Float64Array;
}

/**
 * The one optimization loop of `minimize` and `sweep`: up to `steps` updates from `buffers.x` (whose
 * loss is `startLoss`), writing the point and loss after update k into `record` when given. Stops at
 * the first update whose gradient (or Hessian) is non-finite, or after which the loss or a parameter is
 * NaN or beyond ±limit, or that throws; then `buffers.x` is put back to the last good point. Returns the
 * updates done, the diverging or failing update (0 if none), what the failing update threw, and the loss
 * at `buffers.x`.
 */
export function runSteps(
  problem: Minimizable,
  optimizer: StepOptimizer,
  steps: number,
  limit: number,
  startLoss: number,
  buffers: StepBuffers,
  record?: { trajectory: Float64Array; losses: Float64Array },
): { done: number; failed: number; loss: number; error?: Failure } {
  const { x, g, h, previous } = buffers;
  const dim = x.length;
  let loss = startLoss;
  for (let k = 1; k <= steps; k++) {
    for (let q = 0; q < dim; q++) previous[q] = x[q];
    let f: number;
    try {
      problem.gradient(x, g);
      if (!allFinite(g, Infinity)) return { done: k - 1, failed: k, loss };
      if (h) {
        problem.hessian!(x, h);
        if (!allFinite(h, Infinity)) return { done: k - 1, failed: k, loss };
        optimizer.step(x, g, h);
      } else {
        optimizer.step(x, g);
      }
      f = problem.value(x);
    } catch (error) {
      for (let q = 0; q < dim; q++) x[q] = previous[q];
      // A step the optimizer refused because it would overflow is divergence; anything else is a failure.
      return { done: k - 1, failed: k, loss, error: error instanceof NonFiniteStepError ? undefined : failure(k, error) };
    }
    if (!(Math.abs(f) <= limit) || !allFinite(x, limit)) {
      for (let q = 0; q < dim; q++) x[q] = previous[q];
      return { done: k - 1, failed: k, loss };
    }
    loss = f;
    if (record) {
      record.trajectory.set(x, k * dim);
      record.losses[k] = f;
    }
  }
  return { done: steps, failed: 0, loss };
}

/** The loss at the start, which must be finite and within the limit. */
export function startingLoss(what: string, problem: Minimizable, start: Float64Array, limit: number): number {
  const f = problem.value(start);
  if (!(Math.abs(f) <= limit) || !allFinite(start, limit)) throw new Error(`${what}: the loss at the start is ${f}, not finite or beyond limit = ${limit}`);
  return f;
}

/** Buffers for a problem of `dim` variables. */
export function stepBuffers(dim: number, hessian: boolean): StepBuffers {
  return { x: new Float64Array(dim), g: new Float64Array(dim), h: hessian ? new Float64Array(dim * dim) : undefined, previous: new Float64Array(dim) };
}

/**
 * Runs `optimizer` on `problem` for `steps` updates from its start, recording every point and loss.
 * Allocates its result arrays once; the loop itself allocates nothing.
 * @example
 * const run = minimize(rosenbrock(), adam({ lr: 0.01 }), { steps: 10000 });
 * run.losses[run.steps]; run.point(run.steps); run.diverged // null, or { step: k }
 */
export function minimize(problem: Minimizable, optimizer: StepOptimizer, options: MinimizeOptions): MinimizeResult {
  if (optimizer === null || typeof optimizer !== "object" || typeof optimizer.step !== "function") {
    throw new Error(`minimize: optimizer must have a step(params, grads) method, got ${describe(optimizer)}`);
  }
  const { steps, limit, hessian, start } = runSettings("minimize", problem, optimizer, options);
  const dim = problem.dim;
  const f0 = startingLoss("minimize", problem, start, limit);
  const buffers = stepBuffers(dim, hessian);
  buffers.x.set(start);
  const trajectory = new Float64Array((steps + 1) * dim);
  const losses = new Float64Array(steps + 1);
  trajectory.set(start, 0);
  losses[0] = f0;
  const { done, failed, error } = runSteps(problem, optimizer, steps, limit, f0, buffers, { trajectory, losses });
  if (error && done === 0) throw error.error; // nothing to keep: a broken setup should fail loudly
  const diverged: Divergence | null = failed && !error ? { step: failed } : null;
  const points = failed ? trajectory.slice(0, (done + 1) * dim) : trajectory;
  const fs = failed ? losses.slice(0, done + 1) : losses;
  return {
    problem: problem.name ?? "problem",
    dim,
    steps: done,
    trajectory: points,
    losses: fs,
    final: points.slice(done * dim, (done + 1) * dim),
    finalLoss: fs[done],
    diverged,
    failed: error ?? null,
    point(i: number): number[] {
      checkInteger("i", i, 0);
      if (i > done) throw new Error(`point ${i} is beyond the last point ${done}`);
      return Array.from(points.subarray(i * dim, (i + 1) * dim));
    },
  };
}
