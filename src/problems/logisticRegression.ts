import { checkKeys, checkNumber, describe } from "../core/checks";
import type { Dataset } from "../data/dataset";

/**
 * L2-regularized logistic regression on a binary dataset, a smooth convex finite sum:
 *
 *   f(θ) = (1/n) Σᵢ ln(1 + exp(−sᵢ aᵢᵀθ)) + (λ/2)‖θ‖²,   sᵢ = 2yᵢ − 1 ∈ {−1, +1},
 *
 * where aᵢ is sample i's features followed by a constant 1 (the bias). Its Hessian is
 * (1/n) Σ σ(1 − σ) aᵢaᵢᵀ + λI, and since σ(1 − σ) ≤ 1/4 every eigenvalue lies in [λ, L] with
 * L = λ + λ_max(AᵀA/n)/4: f is L-smooth and (for λ > 0) λ-strongly convex. One sample's gradient
 * −sᵢ σ(−sᵢaᵢᵀθ) aᵢ + λθ has norm at most ‖aᵢ‖ + λ‖θ‖.
 */
export interface LogisticRegressionProblem {
  readonly name: string;
  /** Parameters: one weight per feature, then the bias. */
  readonly dim: number;
  /** Samples in the sum. */
  readonly n: number;
  readonly l2: number;
  /** Smoothness constant L = λ + λ_max(AᵀA/n)/4 (an upper bound on the Hessian's eigenvalues). */
  readonly L: number;
  /** Strong-convexity constant μ = λ (a lower bound on the Hessian's eigenvalues). */
  readonly mu: number;
  /** max ‖aᵢ‖: one sample's loss gradient (without the λθ term) is never longer. */
  readonly maxFeatureNorm: number;
  /** The origin. */
  readonly start: number[];
  value(theta: ArrayLike<number>): number;
  gradient(theta: ArrayLike<number>, out?: Float64Array): Float64Array;
  /** The Hessian (1/n) Σ σᵢ(1 − σᵢ) aᵢaᵢᵀ + λI, dim × dim row-major (for Newton's method, and to check convexity). */
  hessian(theta: ArrayLike<number>, out?: Float64Array): Float64Array;
  /** The gradient of sample i's term (loss of sample i plus the L2 term), into `out`. */
  sampleGradient(theta: ArrayLike<number>, i: number, out?: Float64Array): Float64Array;
}

/** ln(1 + eᶻ) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** The largest eigenvalue of the symmetric positive semidefinite `m` (dim × dim), by power iteration. */
function largestEigenvalue(m: Float64Array, dim: number): number {
  let v = new Float64Array(dim).fill(1 / Math.sqrt(dim));
  let lambda = 0;
  for (let iter = 0; iter < 1000; iter++) {
    const w = new Float64Array(dim);
    for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) w[i] += m[i * dim + j] * v[j];
    const norm = Math.hypot(...w);
    if (norm === 0) return 0;
    const next = norm;
    v = w.map((x) => x / norm);
    if (Math.abs(next - lambda) <= 1e-13 * next) return next;
    lambda = next;
  }
  return lambda;
}

/**
 * Logistic regression on `data` (binary: `classes = 2`, `k = 1`, labels 0 and 1) with L2 coefficient
 * `l2` (λ, default 0) as an objective the training loops accept.
 * @example
 * const p = logisticRegression(mnistDigits({ digits: [3, 5], side: 7 }).train, { l2: 0.01 });
 * minimize(p, sgd({ lr: 1 / p.L }), { steps: 500 })
 */
export function logisticRegression(data: Dataset, options: { l2?: number } = {}): LogisticRegressionProblem {
  checkKeys("logisticRegression", options, ["l2"]);
  if (data === null || typeof data !== "object" || !(data.x instanceof Float64Array)) throw new Error(`logisticRegression: expected a Dataset, got ${describe(data)}`);
  if (data.classes !== 2 || data.k !== 1) throw new Error(`logisticRegression: "${data.name}" must be binary (classes = 2, k = 1), got classes = ${data.classes}, k = ${data.k}`);
  const l2 = checkNumber("l2", options.l2 ?? 0, "nonNegative");
  const { n, d } = data;
  const dim = d + 1;
  const a = new Float64Array(n * dim);
  const sign = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    a.set(data.x.subarray(i * d, (i + 1) * d), i * dim);
    a[i * dim + d] = 1;
    sign[i] = data.y[i] === 1 ? 1 : -1;
  }
  const gram = new Float64Array(dim * dim);
  let maxFeatureNorm = 0;
  for (let i = 0; i < n; i++) {
    let norm2 = 0;
    for (let p = 0; p < dim; p++) {
      norm2 += a[i * dim + p] ** 2;
      for (let q = 0; q < dim; q++) gram[p * dim + q] += (a[i * dim + p] * a[i * dim + q]) / n;
    }
    maxFeatureNorm = Math.max(maxFeatureNorm, Math.sqrt(norm2));
  }
  const margin = (theta: ArrayLike<number>, i: number) => {
    let z = 0;
    const row = i * dim;
    for (let p = 0; p < dim; p++) z += a[row + p] * theta[p];
    return sign[i] * z;
  };
  const check = (theta: ArrayLike<number>) => {
    if (theta === null || typeof theta !== "object" || theta.length !== dim) throw new Error(`θ must have length ${dim}, got ${describe(theta)}`);
  };
  const squaredNorm = (theta: ArrayLike<number>) => {
    let s = 0;
    for (let p = 0; p < dim; p++) s += theta[p] * theta[p];
    return s;
  };
  return {
    name: `logistic regression on ${data.name}${l2 > 0 ? `, λ = ${l2}` : ""}`,
    dim,
    n,
    l2,
    L: l2 + largestEigenvalue(gram, dim) / 4,
    mu: l2,
    maxFeatureNorm,
    start: new Array<number>(dim).fill(0),
    value(theta) {
      check(theta);
      let sum = 0;
      for (let i = 0; i < n; i++) sum += softplus(-margin(theta, i));
      return sum / n + (l2 / 2) * squaredNorm(theta);
    },
    gradient(theta, out) {
      check(theta);
      const g = out ?? new Float64Array(dim);
      for (let p = 0; p < dim; p++) g[p] = l2 * theta[p];
      for (let i = 0; i < n; i++) {
        const c = (-sign[i] * sigmoid(-margin(theta, i))) / n;
        const row = i * dim;
        for (let p = 0; p < dim; p++) g[p] += c * a[row + p];
      }
      return g;
    },
    hessian(theta, out) {
      check(theta);
      const h = out ?? new Float64Array(dim * dim);
      h.fill(0);
      for (let p = 0; p < dim; p++) h[p * dim + p] = l2;
      for (let i = 0; i < n; i++) {
        const s = sigmoid(margin(theta, i));
        const c = (s * (1 - s)) / n;
        const row = i * dim;
        for (let p = 0; p < dim; p++) {
          const cp = c * a[row + p];
          for (let q = 0; q < dim; q++) h[p * dim + q] += cp * a[row + q];
        }
      }
      return h;
    },
    sampleGradient(theta, i, out) {
      check(theta);
      if (!(Number.isInteger(i) && i >= 0 && i < n)) throw new Error(`sample index must be an integer in 0..${n - 1}, got ${describe(i)}`);
      const g = out ?? new Float64Array(dim);
      const c = -sign[i] * sigmoid(-margin(theta, i));
      for (let p = 0; p < dim; p++) g[p] = c * a[i * dim + p] + l2 * theta[p];
      return g;
    },
  };
}
