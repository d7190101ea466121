import { adamOwnOptions, type AdamState, createAdam } from "./adam";
import type { Optimizer } from "./optimizer";
import { optimizerOptions } from "./options";
import { nonNegative, type OptionsOf, type ResolvedOf } from "../core/schema";

const { decoupledWeightDecay: _alwaysOn, weightDecay: _adamDefault, ...shared } = adamOwnOptions;

const adamwSchema = optimizerOptions({
  ...shared,
  /** Decoupled weight decay λ: θ ← θ(1 − ηλ) each step, besides Adam's update (default 0.01). */
  weightDecay: nonNegative(0.01),
});

/** Adam's options less `decoupledWeightDecay` (always on); weightDecay defaults to 0.01. */
export type AdamwOptions = OptionsOf<typeof adamwSchema>;

export type AdamwOptimizer = Optimizer<AdamState, ResolvedOf<typeof adamwSchema>>;

/**
 * AdamW, PyTorch's `torch.optim.AdamW`: Adam with decoupled weight decay.
 *
 *   θ'  ← θ_{t−1} − η λ θ_{t−1}                    (decay applied to the weights, not the gradient)
 *   m_t, v_t, m̂_t, v̂_t as in `adam`, from the raw gradient g = ∇f(θ_{t−1})
 *   θ_t ← θ' − η m̂_t / (√v̂_t + ε)
 *
 * computed as θ_{t−1}(1 − ηλ) − η m̂_t / (√v̂_t + ε) in Adam's single pass (as PyTorch's `param.mul_(1 − lr·λ)`).
 *
 * With coupled L2 (Adam's weightDecay) the decay term λθ is divided by √v̂ like the gradient, so
 * weights with large gradients are barely regularized; decoupling restores uniform shrinkage.
 * Source: Loshchilov & Hutter, "Decoupled Weight Decay Regularization" (ICLR 2019), Algorithm 2 (with
 * PyTorch's scaling of λ by η); torch.optim.AdamW docs. Every convention option of `adam` applies.
 *
 * Defaults: lr 0.001, beta1 0.9, beta2 0.999, eps 1e-8, amsgrad false, epsHat false, amsgradMax "raw",
 *   biasCorrection true, weightDecay 0.01, recordUpdate false, kernel "auto".
 */
export function adamw(options: AdamwOptions = {}): AdamwOptimizer {
  return createAdam("adamw", adamwSchema.read("adamw", options), true);
}
