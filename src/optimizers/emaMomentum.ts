import type { Optimizer } from "./optimizer";
import { type BetaMomentumOptions, betaMomentumOptimizer } from "./betaMomentum";
import { zeros } from "./state";

export type EmaMomentumOptions = BetaMomentumOptions;

export interface EmaMomentumState {
  /** The moving average of gradients v_t. */
  v: Float64Array;
}

export type EmaMomentumOptimizer = Optimizer<EmaMomentumState, Required<EmaMomentumOptions>>;

/**
 * Momentum as an exponential moving average of gradients (000 §3.2):
 *
 *   b_t ← β b_{t−1} + (1 − β) g,   b_0 = 0
 *   θ_t ← θ_{t−1} − η b_t
 *
 * The (1 − β) factor keeps b on the scale of a gradient, so η means the same as in plain gradient
 * descent; PyTorch's SGD momentum (b ← βb + g) has no such factor and moves 1/(1 − β) times farther at
 * the same rate. This is `sgd({ momentum: β, dampening: β, dampenFirstStep: true })`.
 * Source: Ng, deeplearning.ai "Gradient descent with momentum" (2017); 000 §3.2.
 *
 * Defaults: lr (required), beta 0.9, recordUpdate false.
 */
export function emaMomentum(options: EmaMomentumOptions): EmaMomentumOptimizer {
  const name = "emaMomentum";
  return betaMomentumOptimizer(name, options, (beta) => ({
    init: (n) => ({ v: zeros(n) }),
    apply(params, grads, { v }, lr, _t) {
      for (let i = 0; i < params.length; i++) {
        const vi = beta * v[i] + (1 - beta) * grads[i];
        v[i] = vi;
        params[i] -= lr * vi;
      }
    },
  }));
}
