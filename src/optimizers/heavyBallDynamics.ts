import { checkNumber } from "../core/checks";

/**
 * The heavy ball (and PyTorch's SGD momentum, the same iterates) on one eigendirection of a quadratic,
 * where the curvature is h: with a = ηh the error obeys x_{t+1} = (1 + β − a) x_t − β x_{t−1}, a
 * linear system on (x_t, x_{t−1}) with matrix [[1 + β − a, −β], [1, 0]]. Its eigenvalues are the roots
 * of z² − (1 + β − a) z + β = 0; the error shrinks like the larger root's modulus to the power t.
 * Source: Goh, "Why Momentum Really Works", Distill (2017), "The dynamics of momentum".
 */
export interface HeavyBallRoots {
  /** The two roots as [re, im] pairs (complex conjugates when im ≠ 0). */
  roots: [[number, number], [number, number]];
  /** The larger modulus: the per-step contraction of the error (the rate q); < 1 means convergence. */
  rate: number;
  /** "complex" (oscillating, |z| = √β), "double" (critically damped), "real" (overdamped, or sign-flipping when a root is negative). */
  kind: "complex" | "double" | "real";
}

function checkArgs(a: number, beta: number): void {
  checkNumber("a (= ηh)", a, "nonNegative");
  checkNumber("beta", beta, "nonNegative");
}

/** The roots of z² − (1 + β − a) z + β for a = ηh ≥ 0 and β ≥ 0. */
export function heavyBallRoots(a: number, beta: number): HeavyBallRoots {
  checkArgs(a, beta);
  const s = 1 + beta - a;
  const disc = s * s - 4 * beta;
  const scale = Math.max(1, s * s);
  if (Math.abs(disc) <= 1e-14 * scale) return { roots: [[s / 2, 0], [s / 2, 0]], rate: Math.abs(s / 2), kind: "double" };
  if (disc < 0) {
    const im = Math.sqrt(-disc) / 2;
    return { roots: [[s / 2, im], [s / 2, -im]], rate: Math.sqrt(beta), kind: "complex" };
  }
  const r = Math.sqrt(disc);
  const z1 = (s + r) / 2;
  const z2 = (s - r) / 2;
  return { roots: [[z1, 0], [z2, 0]], rate: Math.max(Math.abs(z1), Math.abs(z2)), kind: "real" };
}

/** The per-step contraction max |z| of the heavy ball along a direction with ηh = a. */
export function heavyBallRate(a: number, beta: number): number {
  return heavyBallRoots(a, beta).rate;
}

/**
 * The stationary variance E[x²] of the heavy ball on f = ½hx² when every gradient carries independent
 * noise of variance σ² (g = hx + σξ), for a = ηh in the stable region 0 < a < 2(1 + β), β < 1:
 *
 *   E[x²] = (1 + β) η²σ² / ((1 − β) · a · (2(1 + β) − a)).
 *
 * The error is an AR(2) process x_{t+1} = (1 + β − a)x_t − βx_{t−1} − ηξσ, and this is its variance
 * (Box and Jenkins' formula for AR(2)). β = 0 gives gradient descent's η²σ²/(a(2 − a)).
 */
export function heavyBallNoiseVariance(a: number, beta: number, eta: number, sigma: number): number {
  checkArgs(a, beta);
  checkNumber("eta", eta, "positive");
  checkNumber("sigma", sigma, "nonNegative");
  if (!(a > 0 && a < 2 * (1 + beta) && beta < 1)) throw new RangeError(`heavyBallNoiseVariance: a = ${a}, β = ${beta} is outside the stable region 0 < a < 2(1 + β), β < 1`);
  return ((1 + beta) * eta * eta * sigma * sigma) / ((1 - beta) * a * (2 * (1 + beta) - a));
}
