import type { Optimizer } from "./optimizer";
import { type BetaMomentumOptions, betaMomentumOptimizer } from "./betaMomentum";
import { zeros } from "./state";

export type HeavyBallOptions = BetaMomentumOptions;

export interface HeavyBallState {
  /** The iterate before the last step, θ_{t−1}. */
  previous: Float64Array;
}

export type HeavyBallOptimizer = Optimizer<HeavyBallState, Required<HeavyBallOptions>>;

/**
 * Polyak's heavy-ball method (001 §3.1), written with the previous iterate:
 *
 *   θ_{t+1} ← θ_t − η ∇f(θ_t) + β (θ_t − θ_{t−1}),   θ_{−1} = θ_0 (no momentum on the first step)
 *
 * The same iterates as PyTorch's SGD momentum (b ← βb + g, θ ← θ − ηb) at constant η, written so the
 * "velocity" is visibly the last displacement. On a quadratic with Hessian eigenvalues in [μ, L],
 * η = (2/(√L + √μ))² and β = ((√κ − 1)/(√κ + 1))² give the optimal rate (√κ − 1)/(√κ + 1), κ = L/μ.
 * Source: Polyak, "Some methods of speeding up the convergence of iteration methods" (1964);
 * Goh, "Why Momentum Really Works", Distill (2017).
 *
 * Defaults: lr (required), beta 0.9, recordUpdate false.
 */
export function heavyBall(options: HeavyBallOptions): HeavyBallOptimizer {
  const name = "heavyBall";
  return betaMomentumOptimizer(name, options, (beta) => ({
    init: (n) => ({ previous: zeros(n) }),
    apply(params, grads, { previous }, lr, t) {
      const b = t === 1 ? 0 : beta; // θ_{−1} = θ_0: nothing to carry on the first step
      for (let i = 0; i < params.length; i++) {
        const theta = params[i];
        params[i] = theta - lr * grads[i] + b * (theta - previous[i]);
        previous[i] = theta;
      }
    },
  }));
}
