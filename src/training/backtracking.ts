import { checkInteger, checkKeys, checkNumber, describe } from "../core/checks";
import type { Minimizable } from "./minimize";

/** Options of `backtrackingStep` and `backtrackingDescent`. */
export interface BacktrackingOptions {
  /** The first step size tried at every step, η₀ (default 1). */
  initialStep?: number;
  /** The factor a rejected step size is multiplied by, in (0, 1) (default 0.5; Nocedal & Wright's ρ). */
  shrink?: number;
  /** The sufficient-decrease constant c, in (0, 1) (default 1e-4, Nocedal & Wright's suggestion). */
  c?: number;
  /** Trials before giving up on a step (default 60); giving up throws. */
  maxTrials?: number;
}

function settings(what: string, options: BacktrackingOptions | undefined, extra: readonly string[] = []) {
  checkKeys(what, options, ["initialStep", "shrink", "c", "maxTrials", ...extra]);
  const initialStep = checkNumber("initialStep", options?.initialStep ?? 1, "positive");
  const shrink = checkNumber("shrink", options?.shrink ?? 0.5, "positive");
  if (!(shrink < 1)) throw new Error(`${what}: shrink must be in (0, 1), got ${shrink}`);
  const c = checkNumber("c", options?.c ?? 1e-4, "positive");
  if (!(c < 1)) throw new Error(`${what}: c must be in (0, 1), got ${c}`);
  return { initialStep, shrink, c, maxTrials: checkInteger("maxTrials", options?.maxTrials ?? 60, 1) };
}

/**
 * One step of gradient descent with a backtracking (Armijo) line search: try η = η₀, η₀·shrink,
 * η₀·shrink², … and accept the first η with sufficient decrease,
 *
 *   f(θ − η g) ≤ f(θ) − c · η · ‖g‖²,   g = ∇f(θ)
 *
 * (the Armijo condition for the direction p = −g, whose slope is ∇f·p = −‖g‖²). Nocedal & Wright,
 * *Numerical Optimization* (2nd ed., 2006), Algorithm 3.1. For an L-smooth f every η ≤ 2(1 − c)/L
 * passes, so the accepted η is at least min(η₀, 2·shrink·(1 − c)/L): no L needs to be known.
 * On a quadratic the condition is exactly η ≤ 2(1 − c)·gᵀg/(gᵀHg), where gᵀg/(gᵀHg) is the exact
 * (minimizing) step along −g; so with c ≥ ½ the accepted step never exceeds the exact one.
 * Writes the new point into `theta` and returns the accepted η and the number of values computed.
 */
export function backtrackingStep(problem: Pick<Minimizable, "dim" | "value" | "gradient">, theta: Float64Array, options?: BacktrackingOptions): { eta: number; evaluations: number; value: number } {
  const { initialStep, shrink, c, maxTrials } = settings("backtrackingStep", options);
  if (problem === null || typeof problem !== "object" || typeof problem.value !== "function" || typeof problem.gradient !== "function") throw new Error(`backtrackingStep: problem must have value and gradient, got ${describe(problem)}`);
  const g = problem.gradient(theta, new Float64Array(theta.length));
  const f0 = problem.value(theta);
  const slope = g.reduce((s, v) => s + v * v, 0); // ‖g‖² = −∇f·p
  const trial = new Float64Array(theta.length);
  let eta = initialStep;
  for (let k = 1; k <= maxTrials; k++) {
    for (let i = 0; i < theta.length; i++) trial[i] = theta[i] - eta * g[i];
    const f = problem.value(trial);
    if (f <= f0 - c * eta * slope) {
      theta.set(trial);
      return { eta, evaluations: k, value: f };
    }
    eta *= shrink;
  }
  throw new Error(`backtrackingStep: no step size down to ${(eta / shrink).toExponential(2)} gave sufficient decrease in ${maxTrials} trials (is the gradient right?)`);
}

/** What `backtrackingDescent` returns: the path, the loss and the accepted η of every step, and the work done. */
export interface BacktrackingResult {
  /** (steps + 1) × dim row-major: the start, then the point after each step. */
  trajectory: Float64Array;
  /** f at each point (steps + 1 values). */
  losses: Float64Array;
  /** The accepted step size of each step (steps values). */
  stepSizes: Float64Array;
  /** Function values computed by the line searches, in all (gradients: one per step). */
  evaluations: number;
  final: Float64Array;
  finalLoss: number;
  point(i: number): number[];
}

/**
 * `steps` steps of gradient descent with the backtracking line search of `backtrackingStep` (Armijo's
 * condition, Nocedal & Wright Alg. 3.1), from the problem's start or `start`.
 * @example backtrackingDescent(d2lQuadratic(), { steps: 50 }).finalLoss
 */
export function backtrackingDescent(problem: Minimizable, options: BacktrackingOptions & { steps: number; start?: ArrayLike<number> }): BacktrackingResult {
  const search = settings("backtrackingDescent", options, ["steps", "start"]);
  const steps = checkInteger("steps", options.steps, 1);
  const dim = problem?.dim;
  const theta = Float64Array.from(options.start ?? problem.start);
  if (theta.length !== dim) throw new Error(`backtrackingDescent: start must have ${dim} coordinates, got ${theta.length}`);
  const trajectory = new Float64Array((steps + 1) * dim);
  const losses = new Float64Array(steps + 1);
  const stepSizes = new Float64Array(steps);
  trajectory.set(theta, 0);
  losses[0] = problem.value(theta);
  let evaluations = 0;
  for (let t = 0; t < steps; t++) {
    const { eta, evaluations: k, value } = backtrackingStep(problem, theta, search);
    stepSizes[t] = eta;
    evaluations += k;
    trajectory.set(theta, (t + 1) * dim);
    losses[t + 1] = value;
  }
  return {
    trajectory, losses, stepSizes, evaluations, final: theta, finalLoss: losses[steps],
    point: (i) => Array.from(trajectory.subarray(i * dim, (i + 1) * dim)),
  };
}
