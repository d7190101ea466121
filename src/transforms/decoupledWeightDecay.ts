import { nonNegative } from "../core/checks";
import type { GradientTransform } from "./transform";

/**
 * Decoupled weight decay: θ_t = θ_{t−1}(1 − η_t λ) − Δθ, where Δθ is the optimizer's step from the
 * (transformed) gradient, so the decay is not rescaled by adaptive denominators. It leaves the gradient
 * as it is and declares λ as a term of the update (`decoupledDecay`); the optimizer multiplies θ by
 * 1 − η_t λ right before its rule's step, in the same order as PyTorch's `param.mul_(1 − lr·λ)`. So
 * `chain(decoupledWeightDecay(λ), adam())` computes exactly what `adamw({ weightDecay: λ })` computes,
 * wherever in the chain it stands. optax: `add_decayed_weights(λ)` before `scale_by_learning_rate`.
 * Source: Loshchilov & Hutter, "Decoupled Weight Decay Regularization" (ICLR 2019); their paper scales
 * λ by the schedule multiplier, PyTorch and optax by the full learning rate, as here.
 */
export function decoupledWeightDecay(weightDecay: number): GradientTransform<undefined> {
  const lambda = nonNegative("decoupledWeightDecay", "weightDecay", weightDecay);
  return {
    name: "decoupledWeightDecay",
    init: () => undefined,
    update: (_updates, state) => state,
    bound: () => {}, // the gradient is untouched; the optimizer bounds the decay itself
    decoupledDecay: [lambda],
  };
}
