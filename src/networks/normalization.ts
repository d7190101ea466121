import { checkInteger, checkKeys, checkNumber, describe } from "../core/checks";

/**
 * Batch and layer normalization of a batch stored flat row-major (n samples × d features), forward and
 * backward. Both standardize groups of m values, then scale and shift each feature j:
 *   μ = (1/m) Σ x,   σ² = (1/m) Σ (x − μ)²   (biased, as PyTorch and Keras use in training),
 *   x̂ = (x − μ) / √(σ² + ε),   y = γ_j x̂ + β_j.
 * - Batch normalization (Ioffe & Szegedy, 2015): a group is one feature over the n samples (m = n).
 * - Layer normalization (Ba, Kiros & Hinton, 2016): a group is one sample's d features (m = d).
 *
 * Backward, with g = ∂C/∂x̂ = γ ⊙ ∂C/∂y, within each group:
 *   ∂C/∂x = (g − mean(g) − x̂ · mean(g ⊙ x̂)) / √(σ² + ε),
 *   ∂C/∂γ_j = Σ_s ∂C/∂y[s, j] · x̂[s, j],   ∂C/∂β_j = Σ_s ∂C/∂y[s, j]   (summed over the batch for both).
 * The two subtracted terms are what the gradient loses through μ and σ: within each group it is
 * orthogonal to the constant vector, and (for ε = 0) to x̂.
 *
 * This is training-mode batch normalization, with the batch's own statistics. At inference, libraries
 * normalize with running averages of μ and σ² collected during training instead (not done here).
 */

export type NormalizationKind = "batch" | "layer";

export interface NormalizationOptions {
  /** Scale per feature, length d (default all 1). */
  gamma?: ArrayLike<number>;
  /** Shift per feature, length d (default all 0). */
  beta?: ArrayLike<number>;
  /** Added to the variance before the square root (default 1e-5, PyTorch's). */
  eps?: number;
  /** Where to write y (n × d); a new array by default. */
  out?: Float64Array;
}

/** The output of a forward pass and what its backward pass needs. */
export interface Normalized {
  readonly kind: NormalizationKind;
  readonly n: number;
  readonly d: number;
  readonly eps: number;
  /** γ x̂ + β, n × d. */
  readonly y: Float64Array;
  /** The standardized values x̂, n × d. */
  readonly xhat: Float64Array;
  /** μ and σ² of each group: length d for batch normalization, n for layer normalization. */
  readonly mean: Float64Array;
  readonly variance: Float64Array;
  /** 1/√(σ² + ε) of each group. */
  readonly invStd: Float64Array;
  /** The γ used (a copy), or undefined for all ones. */
  readonly gamma: Float64Array | undefined;
}

/** The gradients of a normalization's inputs and parameters. */
export interface NormalizationGradients {
  /** ∂C/∂x, n × d. */
  dx: Float64Array;
  /** ∂C/∂γ and ∂C/∂β, length d. */
  dgamma: Float64Array;
  dbeta: Float64Array;
}

/** Group layout: group g's k-th value sits at g·groupStride + k·elementStride. */
function layout(kind: NormalizationKind, n: number, d: number) {
  return kind === "batch"
    ? { groups: d, size: n, groupStride: 1, elementStride: d }
    : { groups: n, size: d, groupStride: d, elementStride: 1 };
}

function perFeature(name: string, values: ArrayLike<number> | undefined, d: number): Float64Array | undefined {
  if (values === undefined) return undefined;
  if (values === null || typeof values !== "object" || values.length !== d) throw new Error(`${name} must have d = ${d} values, got ${describe(values)}`);
  const copy = Float64Array.from(values);
  copy.forEach((v, j) => checkNumber(`${name}[${j}]`, v));
  return copy;
}

function normalize(kind: NormalizationKind, x: ArrayLike<number>, n: number, d: number, options: NormalizationOptions = {}): Normalized {
  const what = kind === "batch" ? "batchNorm" : "layerNorm";
  checkKeys(what, options, ["gamma", "beta", "eps", "out"]);
  checkInteger("n", n, 1);
  checkInteger("d", d, 1);
  if (x === null || typeof x !== "object" || x.length !== n * d) throw new Error(`${what}: x must have n·d = ${n * d} values, got ${describe(x)}`);
  const eps = checkNumber("eps", options.eps ?? 1e-5, "nonNegative");
  const gamma = perFeature("gamma", options.gamma, d);
  const beta = perFeature("beta", options.beta, d);
  const y = options.out ?? new Float64Array(n * d);
  if (!(y instanceof Float64Array) || y.length !== n * d) throw new Error(`out must be a Float64Array of n·d = ${n * d} values, got ${describe(y)}`);
  const xhat = new Float64Array(n * d);
  const { groups, size, groupStride, elementStride } = layout(kind, n, d);
  const mean = new Float64Array(groups);
  const variance = new Float64Array(groups);
  const invStd = new Float64Array(groups);
  for (let g = 0; g < groups; g++) {
    const start = g * groupStride;
    let sum = 0;
    for (let k = 0; k < size; k++) sum += x[start + k * elementStride];
    const mu = sum / size;
    let squares = 0;
    for (let k = 0; k < size; k++) squares += (x[start + k * elementStride] - mu) ** 2;
    const v = squares / size;
    const inv = 1 / Math.sqrt(v + eps);
    mean[g] = mu;
    variance[g] = v;
    invStd[g] = inv;
    for (let k = 0; k < size; k++) {
      const i = start + k * elementStride;
      xhat[i] = (x[i] - mu) * inv;
    }
  }
  for (let i = 0; i < n * d; i++) {
    const j = i % d;
    y[i] = (gamma ? gamma[j] : 1) * xhat[i] + (beta ? beta[j] : 0);
  }
  return { kind, n, d, eps, y, xhat, mean, variance, invStd, gamma };
}

/**
 * Batch normalization (training mode): each feature standardized over the batch, then γ x̂ + β.
 * @example const bn = batchNorm(z, n, d); … const { dx } = normalizationBackward(dy, bn);
 */
export function batchNorm(x: ArrayLike<number>, n: number, d: number, options?: NormalizationOptions): Normalized {
  return normalize("batch", x, n, d, options);
}

/** Layer normalization: each sample's d features standardized, then γ x̂ + β. */
export function layerNorm(x: ArrayLike<number>, n: number, d: number, options?: NormalizationOptions): Normalized {
  return normalize("layer", x, n, d, options);
}

/** The backward pass of `batchNorm` or `layerNorm`: from ∂C/∂y (n × d) to ∂C/∂x, ∂C/∂γ, ∂C/∂β. */
export function normalizationBackward(dy: ArrayLike<number>, forward: Normalized, dxOut?: Float64Array): NormalizationGradients {
  if (forward === null || typeof forward !== "object" || !(forward.xhat instanceof Float64Array)) {
    throw new Error(`normalizationBackward needs the result of batchNorm or layerNorm, got ${describe(forward)}`);
  }
  const { kind, n, d, xhat, invStd, gamma } = forward;
  if (dy === null || typeof dy !== "object" || dy.length !== n * d) throw new Error(`dy must have n·d = ${n * d} values, got ${describe(dy)}`);
  const dx = dxOut ?? new Float64Array(n * d);
  if (!(dx instanceof Float64Array) || dx.length !== n * d) throw new Error(`dxOut must be a Float64Array of n·d = ${n * d} values, got ${describe(dx)}`);
  const dgamma = new Float64Array(d);
  const dbeta = new Float64Array(d);
  const g = new Float64Array(n * d);
  for (let i = 0; i < n * d; i++) {
    const j = i % d;
    dgamma[j] += dy[i] * xhat[i];
    dbeta[j] += dy[i];
    g[i] = (gamma ? gamma[j] : 1) * dy[i];
  }
  const { groups, size, groupStride, elementStride } = layout(kind, n, d);
  for (let q = 0; q < groups; q++) {
    const start = q * groupStride;
    let meanG = 0;
    let meanGX = 0;
    for (let k = 0; k < size; k++) {
      const i = start + k * elementStride;
      meanG += g[i];
      meanGX += g[i] * xhat[i];
    }
    meanG /= size;
    meanGX /= size;
    for (let k = 0; k < size; k++) {
      const i = start + k * elementStride;
      dx[i] = (g[i] - meanG - xhat[i] * meanGX) * invStd[q];
    }
  }
  return { dx, dgamma, dbeta };
}
