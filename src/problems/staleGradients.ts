import { checkInteger, checkKeys, describe } from "../core/checks";

/** What `withStaleGradients` needs of a problem (every `Problem` and `QuadraticProblem` has it). */
interface Differentiable {
  readonly dim: number;
  readonly start: ArrayLike<number>;
  readonly name?: string;
  readonly minValue?: number;
  value(x: ArrayLike<number>): number;
  gradient(x: ArrayLike<number>, out?: Float64Array): Float64Array;
}

/**
 * The same problem with gradients τ steps stale, the model of asynchronous data-parallel SGD where a
 * worker's gradient was computed on weights that have since moved: call t of `gradient` (t = 0, 1, …)
 * returns ∇f(x_{t−τ}), the gradient at the point passed to call t − τ (at the first point while t < τ).
 * `minimize` asks for one gradient per update at the current point, so a run of SGD on this problem is
 * x_{t+1} = x_t − η ∇f(x_{t−τ}). Values are exact. Stateful: use a fresh one per run. τ = 0 is the problem.
 * @example minimize(withStaleGradients(quadraticBowl({ condition: 10 }), { staleness: 4 }), sgd({ lr: 0.15 }), { steps: 300 })
 */
export function withStaleGradients<P extends Differentiable>(problem: P, options: { staleness: number }): Differentiable & { readonly staleness: number } {
  checkKeys("withStaleGradients", options, ["staleness"]);
  if (problem === null || typeof problem !== "object" || typeof problem.gradient !== "function") throw new Error(`withStaleGradients: expected a problem with a gradient, got ${describe(problem)}`);
  const tau = checkInteger("staleness", options?.staleness, 0);
  // The last τ + 1 points asked for, oldest first once full (a ring).
  const ring = Array.from({ length: tau + 1 }, () => new Float64Array(problem.dim));
  let calls = 0;
  return {
    dim: problem.dim,
    start: problem.start,
    name: tau === 0 ? problem.name : `${problem.name ?? "problem"} with gradients τ = ${tau} steps stale`,
    minValue: problem.minValue,
    staleness: tau,
    value: (x) => problem.value(x),
    gradient(x, out) {
      if (x.length !== problem.dim) throw new Error(`withStaleGradients: x must have length ${problem.dim}, got ${x.length}`);
      ring[calls % (tau + 1)].set(x);
      const old = ring[Math.max(0, calls - tau) % (tau + 1)];
      calls += 1;
      return problem.gradient(old, out ?? new Float64Array(problem.dim));
    },
  };
}
