import { checkInteger, checkKeys, checkNumber, describe } from "../core/checks";
import { rng } from "../data/rng";

/** A finite sum f = (1/n) Σ fᵢ whose terms' gradients can be drawn one at a time. */
export interface SampledObjective {
  readonly dim: number;
  readonly n: number;
  readonly start: ArrayLike<number>;
  sampleGradient(theta: ArrayLike<number>, i: number, out?: Float64Array): Float64Array;
}

export interface AveragedSgdOptions {
  /** Constant step size η. */
  lr: number;
  /** Updates T. */
  steps: number;
  /** Seed of the sample drawn at each update (uniform, with replacement; default 0). */
  seed?: number;
  /** Starting point (default: the problem's). */
  start?: ArrayLike<number>;
  /** Called on θ after every update, to project it back onto a convex set (projected SGD). */
  project?: (theta: Float64Array) => void;
  /** Also keep the iterates θ_t and running averages θ̄_t every `every` updates (default: keep none). */
  every?: number;
}

export interface AveragedSgdResult {
  /** The last iterate θ_T. */
  last: Float64Array;
  /** The averaged iterate θ̄_T = (1/T) Σ_{t<T} θ_t, the point the O(1/√T) bound is about. */
  average: Float64Array;
  /** With `every`: the step t, θ_t and θ̄_t (average of θ_0 … θ_{t−1}; θ_0 at t = 0) every `every` steps. */
  history: { t: number; theta: Float64Array; average: Float64Array }[];
}

/**
 * Stochastic gradient descent with one sample per update, θ_{t+1} = P(θ_t − η ∇f_{i_t}(θ_t)) with i_t
 * uniform, that also keeps the running average of the iterates, θ̄_{t+1} = θ̄_t + (θ_t − θ̄_t)/(t + 1)
 * (Polyak–Ruppert averaging). For convex f with E‖∇f_i‖² ≤ G² and ‖θ_0 − θ*‖ ≤ R the averaged iterate
 * satisfies E f(θ̄_T) − f* ≤ (R² + η²G²T)/(2ηT), which is RG/√T at η = R/(G√T) (Nemirovski et al.,
 * "Robust stochastic approximation approach to stochastic programming", 2009).
 */
export function averagedSgd(problem: SampledObjective, options: AveragedSgdOptions): AveragedSgdResult {
  checkKeys("averagedSgd", options, ["lr", "steps", "seed", "start", "project", "every"]);
  if (problem === null || typeof problem !== "object" || typeof problem.sampleGradient !== "function") {
    throw new Error(`averagedSgd: problem must have sampleGradient(θ, i), got ${describe(problem)}`);
  }
  const lr = checkNumber("lr", options?.lr, "positive");
  const steps = checkInteger("steps", options.steps, 1);
  const every = options.every === undefined ? 0 : checkInteger("every", options.every, 1);
  const { dim, n } = problem;
  const start = options.start ?? problem.start;
  if (start.length !== dim) throw new Error(`averagedSgd: start must have length ${dim}, got ${describe(start)}`);
  if (options.project !== undefined && typeof options.project !== "function") throw new Error(`averagedSgd: project must be a function (θ) => void, got ${describe(options.project)}`);
  const draw = rng(checkInteger("seed", options.seed ?? 0));
  const theta = Float64Array.from(start);
  const average = new Float64Array(dim);
  const g = new Float64Array(dim);
  const history: AveragedSgdResult["history"] = [];
  for (let t = 0; t < steps; t++) {
    if (every && t % every === 0) history.push({ t, theta: theta.slice(), average: t === 0 ? theta.slice() : average.slice() });
    for (let p = 0; p < dim; p++) average[p] += (theta[p] - average[p]) / (t + 1);
    problem.sampleGradient(theta, draw.int(n), g);
    for (let p = 0; p < dim; p++) theta[p] -= lr * g[p];
    options.project?.(theta);
    if (!theta.every(Number.isFinite)) throw new Error(`averagedSgd: θ became non-finite at update ${t + 1} (η = ${lr} is too large)`);
  }
  if (every && steps % every === 0) history.push({ t: steps, theta: theta.slice(), average: average.slice() });
  return { last: theta, average, history };
}
