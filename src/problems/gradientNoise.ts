import { checkInteger, checkKeys, checkNumber, describe } from "../core/checks";
import { rng } from "../data/rng";

/** What `withGradientNoise` needs of a problem (every `Problem` and `QuadraticProblem` has it). */
interface Differentiable {
  readonly dim: number;
  readonly start: ArrayLike<number>;
  readonly name?: string;
  value(x: ArrayLike<number>): number;
  gradient(x: ArrayLike<number>, out?: Float64Array): Float64Array;
}

/**
 * The same problem with noisy gradients: every gradient gets independent N(0, std²) noise added in
 * each coordinate, a model of mini-batch noise with a known variance. Values are exact. The noise is
 * seeded, so a run is reproducible; each call of `gradient` draws new noise.
 */
export function withGradientNoise<P extends Differentiable>(problem: P, options: { std: number; seed?: number }): Differentiable & { readonly std: number } {
  checkKeys("withGradientNoise", options, ["std", "seed"]);
  if (problem === null || typeof problem !== "object" || typeof problem.gradient !== "function") throw new Error(`withGradientNoise: expected a problem with a gradient, got ${describe(problem)}`);
  const std = checkNumber("std", options?.std, "nonNegative");
  const noise = rng(checkInteger("seed", options.seed ?? 0));
  return {
    dim: problem.dim,
    start: problem.start,
    name: `${problem.name ?? "problem"} with gradient noise s = ${std}`,
    std,
    value: (x) => problem.value(x),
    gradient(x, out) {
      const g = problem.gradient(x, out ?? new Float64Array(problem.dim));
      for (let i = 0; i < g.length; i++) g[i] += noise.normal(0, std);
      return g;
    },
  };
}
