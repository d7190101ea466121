/**
 * Linear-convergence rates of gradient descent and the two momentum methods on a quadratic, from the
 * eigenvalues of one step's iteration matrix: the figures' theory panels draw them beside the runs.
 *
 * In the eigenbasis of the Hessian a quadratic splits into independent 1-D problems f = ½λx². One
 * step maps the state (x_t, x_{t−1}) linearly; its characteristic polynomial is t² + a₁t + a₀ and the
 * rate (the factor by which the error shrinks per step, asymptotically) is the larger root's modulus.
 * - gradient descent, x ← x − ηλx:                          rate |1 − ηλ|
 * - heavy ball, x ← x − ηλx + β(x − x_prev) (PyTorch's SGD momentum at constant η):
 *                                                            t² − (1 + β − ηλ)t + β
 * - Nesterov, PyTorch's form b ← βb + g, x ← x − η(g + βb):  t² − (1 + β)(1 − ηλ)t + β(1 − ηλ)
 * The rate on the whole quadratic is the worst over its eigenvalues. Sources: Polyak (1964); Goh,
 * "Why Momentum Really Works", Distill (2017), whose regions (monotone, ripples, oscillation,
 * divergence) are the root patterns of the heavy-ball polynomial.
 */
import { heavyBallRate as directionRate } from "../../optimizers/heavyBallDynamics";

/** The largest root modulus of t² + a₁t + a₀ (real coefficients). */
export function rootRadius(a1: number, a0: number): number {
  const disc = a1 * a1 - 4 * a0;
  if (disc < 0) return Math.sqrt(a0); // complex pair: |t|² = t·t̄ = a₀
  const s = Math.sqrt(disc);
  return Math.max(Math.abs((-a1 + s) / 2), Math.abs((-a1 - s) / 2));
}

/** Gradient descent's rate max_λ |1 − ηλ|. */
export function gdRate(eta: number, eigenvalues: readonly number[]): number {
  let worst = 0;
  for (const lambda of eigenvalues) worst = Math.max(worst, Math.abs(1 - eta * lambda));
  return worst;
}

/**
 * Heavy ball's rate: the worst over the eigenvalues of the one-direction rate of
 * src/optimizers/heavyBallDynamics.ts (root modulus of t² − (1 + β − ηλ)t + β, a near-double root
 * counted as double). η, β and every ηλ must be ≥ 0, as there.
 */
export function heavyBallRate(eta: number, beta: number, eigenvalues: readonly number[]): number {
  let worst = 0;
  for (const lambda of eigenvalues) worst = Math.max(worst, directionRate(eta * lambda, beta));
  return worst;
}

/** Nesterov's rate: the worst root modulus of t² − (1 + β)(1 − ηλ)t + β(1 − ηλ) over the eigenvalues. */
export function nesterovRate(eta: number, beta: number, eigenvalues: readonly number[]): number {
  let worst = 0;
  for (const lambda of eigenvalues) {
    const c = 1 - eta * lambda;
    worst = Math.max(worst, rootRadius(-(1 + beta) * c, beta * c));
  }
  return worst;
}

/**
 * Where the heavy-ball roots for one eigenvalue λ change pattern, as values of ηλ for a given β
 * (Distill's regions): real and positive below (1 − √β)² (monotone), complex up to (1 + √β)²
 * (ripples), real with a negative root beyond (oscillation), and a root below −1 from 2(1 + β) on
 * (divergence).
 */
export function heavyBallRegions(beta: number): { ripplesFrom: number; oscillationFrom: number; divergenceFrom: number } {
  const r = Math.sqrt(beta);
  return { ripplesFrom: (1 - r) ** 2, oscillationFrom: (1 + r) ** 2, divergenceFrom: 2 * (1 + beta) };
}

/** The largest stable ηL of Nesterov's method at momentum β: 2(1 + β)/(1 + 2β) (heavy ball's is 2(1 + β)). */
export function nesterovStabilityLimit(beta: number): number {
  return (2 * (1 + beta)) / (1 + 2 * beta);
}

/**
 * The best constant settings on a quadratic with eigenvalues in [μ, L] (κ = L/μ): gradient descent's
 * η = 2/(μ + L) with rate (κ − 1)/(κ + 1); heavy ball's η = (2/(√L + √μ))², β = ((√κ − 1)/(√κ + 1))²
 * with rate (√κ − 1)/(√κ + 1) (Polyak; Distill).
 */
export function optimalSettings(mu: number, L: number): { gd: { eta: number; rate: number }; heavyBall: { eta: number; beta: number; rate: number } } {
  const kappa = L / mu;
  const sk = Math.sqrt(kappa);
  return {
    gd: { eta: 2 / (mu + L), rate: (kappa - 1) / (kappa + 1) },
    heavyBall: { eta: (2 / (Math.sqrt(L) + Math.sqrt(mu))) ** 2, beta: ((sk - 1) / (sk + 1)) ** 2, rate: (sk - 1) / (sk + 1) },
  };
}
