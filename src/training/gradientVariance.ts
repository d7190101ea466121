import { checkBoolean, checkInteger, checkKeys, describe } from "../data/checks";
import { rng } from "../data/rng";

/** A finite-sum objective f(θ) = (1/n) Σ ℓᵢ(θ) whose mini-batch gradients can be taken (e.g. `leastSquaresLine()`). */
export interface FiniteSum {
  readonly n: number;
  readonly dim: number;
  /** The full gradient ∇f(θ) = (1/n) Σ ∇ℓᵢ(θ). */
  gradient(p: ArrayLike<number>, out?: Float64Array): Float64Array;
  /** The mean gradient over the examples order[from..to), into `out`. */
  batchGradient(p: ArrayLike<number>, order: ArrayLike<number>, from: number, to: number, out: Float64Array): Float64Array;
}

function checkFiniteSum(problem: FiniteSum): void {
  if (problem === null || typeof problem !== "object" || typeof problem.batchGradient !== "function" || !Number.isInteger(problem.n)) {
    throw new Error(`problem must be a finite sum with n and batchGradient (e.g. leastSquaresLine()), got ${describe(problem)}`);
  }
}

/**
 * The full gradient ∇f(θ) and tr Σ(θ) = (1/n) Σᵢ ‖∇ℓᵢ(θ) − ∇f(θ)‖², the total variance of the
 * per-example gradients at θ: the numerator of the mini-batch gradient's variance tr Σ / B.
 */
export function gradientSpread(problem: FiniteSum, theta: ArrayLike<number>): { gradient: Float64Array; trace: number } {
  checkFiniteSum(problem);
  const gradient = problem.gradient(theta, new Float64Array(problem.dim));
  const one = new Int32Array(1);
  const gi = new Float64Array(problem.dim);
  let trace = 0;
  for (let i = 0; i < problem.n; i++) {
    one[0] = i;
    problem.batchGradient(theta, one, 0, 1, gi);
    for (let j = 0; j < gi.length; j++) trace += (gi[j] - gradient[j]) ** 2;
  }
  return { gradient, trace: trace / problem.n };
}

/**
 * The mean of ‖g_B − ∇f(θ)‖² over `draws` random batches of `batchSize` examples, drawn with
 * replacement (independent indices: expected tr Σ / B) or without (a partial Fisher–Yates shuffle:
 * expected tr Σ / B · (n − B)/(n − 1)). Seeded: the same options give the same number.
 */
export function miniBatchGradientVariance(problem: FiniteSum, theta: ArrayLike<number>, options: { batchSize: number; draws: number; replace: boolean; seed?: number }): number {
  checkKeys("miniBatchGradientVariance", options, ["batchSize", "draws", "replace", "seed"]);
  checkFiniteSum(problem);
  const { n } = problem;
  const B = checkInteger("batchSize", options?.batchSize, 1);
  const draws = checkInteger("draws", options.draws, 1);
  const replace = checkBoolean("replace", options.replace);
  if (!replace && B > n) throw new Error(`batchSize = ${B} exceeds n = ${n}, which drawing without replacement cannot do`);
  const r = rng(checkInteger("seed", options.seed ?? 0));
  const full = problem.gradient(theta, new Float64Array(problem.dim));
  const pool = Int32Array.from({ length: n }, (_, i) => i);
  const batch = new Int32Array(B);
  const g = new Float64Array(problem.dim);
  let total = 0;
  for (let d = 0; d < draws; d++) {
    for (let k = 0; k < B; k++) {
      if (replace) batch[k] = Math.floor(r.uniform() * n);
      else {
        const j = k + Math.floor(r.uniform() * (n - k)); // pool[0..k) holds the distinct draws so far
        const i = pool[j];
        pool[j] = pool[k];
        pool[k] = i;
        batch[k] = i;
      }
    }
    problem.batchGradient(theta, batch, 0, B, g);
    for (let j = 0; j < g.length; j++) total += (g[j] - full[j]) ** 2;
  }
  return total / draws;
}
