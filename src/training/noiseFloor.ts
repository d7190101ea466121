import { checkInteger, checkKeys, checkNumber, describe } from "../data/checks";
import type { LeastSquaresLine } from "../problems/leastSquaresLine";

/**
 * Σ* = (1/n) Σᵢ ∇ℓᵢ(θ*) ∇ℓᵢ(θ*)ᵀ = 4·mean(rᵢ² x̃ᵢ x̃ᵢᵀ), x̃ = (x, 1), rᵢ the residual at the optimum:
 * the covariance of the per-example gradients of the least-squares line at θ* (their mean is 0 there),
 * 2 × 2 row-major.
 */
export function gradientCovarianceAtOptimum(problem: LeastSquaresLine): number[] {
  const { n, x, y } = problem;
  const [w, b] = problem.minima[0];
  let s00 = 0, s01 = 0, s11 = 0;
  for (let i = 0; i < n; i++) {
    const r = y[i] - w * x[i] - b;
    s00 += 4 * r * r * x[i] * x[i];
    s01 += 4 * r * r * x[i];
    s11 += 4 * r * r;
  }
  return [s00 / n, s01 / n, s01 / n, s11 / n];
}

const mul = (a: number[], b: number[]) => [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3]];

/**
 * The exact noise floor of constant-step mini-batch SGD on the least-squares line (batches drawn with
 * replacement): the stationary E[f(θ) − f(θ*)] = ½ tr(HP), where P = E[eeᵀ] (e = θ − θ*) is the fixed point of
 *
 *   P ← (I − ηH) P (I − ηH) + (η²/B)·E[C(e)],   E[C(e)] = Σ* + 4·mean(x̃x̃ᵀ (x̃ᵀP x̃)) − HPH,
 *
 * C(e) the covariance of the per-example gradients at θ* + e (it grows with the error). For small η it
 * is ≈ η tr Σ* / (4B). Derived in lesson 03; the recursion is iterated until P changes by < 1e-18.
 * Throws when η is beyond the stability limit (the recursion has no fixed point).
 */
export function sgdNoiseFloor(problem: LeastSquaresLine, options: { lr: number; batchSize: number }): number {
  checkKeys("sgdNoiseFloor", options, ["lr", "batchSize"]);
  if (problem === null || typeof problem !== "object" || !(problem.x instanceof Float64Array) || !Array.isArray(problem.H)) throw new Error(`sgdNoiseFloor: problem must be a leastSquaresLine(), got ${describe(problem)}`);
  const lr = checkNumber("lr", options?.lr, "positive");
  const B = checkInteger("batchSize", options.batchSize, 1);
  const { n, x, H } = problem;
  const m = { x: 0, xx: 0, x3: 0, x4: 0 };
  for (let i = 0; i < n; i++) {
    m.x += x[i]; m.xx += x[i] ** 2; m.x3 += x[i] ** 3; m.x4 += x[i] ** 4;
  }
  m.x /= n; m.xx /= n; m.x3 /= n; m.x4 /= n;
  const sigma = gradientCovarianceAtOptimum(problem);
  const A = [1 - lr * H[0], -lr * H[1], -lr * H[2], 1 - lr * H[3]];
  let P = [0, 0, 0, 0];
  for (let it = 0; it < 1_000_000; it++) {
    const [p, q, , s] = P; // mean of x̃x̃ᵀ(x̃ᵀPx̃) over the data, from the moments of x
    const q00 = p * m.x4 + 2 * q * m.x3 + s * m.xx, q01 = p * m.x3 + 2 * q * m.xx + s * m.x;
    const quartic = [q00, q01, q01, p * m.xx + 2 * q * m.x + s];
    const HPH = mul(mul(H, P), H), APA = mul(mul(A, P), A);
    const next = APA.map((v, k) => v + ((lr * lr) / B) * (sigma[k] + 4 * quartic[k] - HPH[k]));
    const change = Math.abs(next[0] - P[0]) + Math.abs(next[3] - P[3]);
    P = next;
    if (!Number.isFinite(P[0] + P[3])) break;
    if (change < 1e-18) return 0.5 * (H[0] * P[0] + H[1] * P[2] + H[2] * P[1] + H[3] * P[3]); // ½ tr(HP)
  }
  throw new Error(`sgdNoiseFloor: no stationary floor at lr = ${lr}, batchSize = ${B} (the second moment grows without bound)`);
}
