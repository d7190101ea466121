import { nonNegative } from "../core/checks";
import { statelessTransform, type GradientTransform } from "./transform";

/**
 * L2 penalty (coupled weight decay): g ← g + λθ, the gradient of (λ/2)‖θ‖². This is what PyTorch's
 * `weight_decay` option does in SGD, Adagrad, RMSprop, Adadelta, Adam, Adamax and NAdam: the decay
 * term then passes through the optimizer's adaptive scaling (unlike decoupled weight decay).
 */
export function l2Penalty(weightDecay: number): GradientTransform<undefined> {
  const lambda = nonNegative("l2Penalty", "weightDecay", weightDecay);
  return statelessTransform("l2Penalty", (g, p) => {
    for (let i = 0; i < g.length; i++) g[i] += lambda * p[i];
  }, (b) => (b.g += lambda * b.p));
}

/**
 * L1 penalty: g ← g + λ·sign(θ), a subgradient of λ‖θ‖₁ (0 at θ = 0). Pushes weights to exactly zero
 * only with a proximal step; with plain (sub)gradient steps they oscillate around it.
 */
export function l1Penalty(strength: number): GradientTransform<undefined> {
  const lambda = nonNegative("l1Penalty", "strength", strength);
  return statelessTransform("l1Penalty", (g, p) => {
    for (let i = 0; i < g.length; i++) g[i] += lambda * Math.sign(p[i]);
  }, (b) => (b.g += lambda));
}
