import { nonNegative } from "../core/checks";
import { statelessTransform, type GradientTransform } from "./transform";

/**
 * Decoupled weight decay: θ ← θ · (1 − η_t λ), applied to the parameters before the optimizer's rule,
 * so the decay is not rescaled by adaptive denominators. This is AdamW's decay exactly as PyTorch
 * writes it (θ_t ← θ_{t−1} − γλθ_{t−1}, then the Adam step). Source: Loshchilov & Hutter, "Decoupled
 * Weight Decay Regularization" (ICLR 2019); their paper scales λ by the schedule multiplier, PyTorch
 * and optax by the full learning rate, as here.
 */
export function decoupledWeightDecay(weightDecay: number): GradientTransform<undefined> {
  const lambda = nonNegative("decoupledWeightDecay", "weightDecay", weightDecay);
  return statelessTransform("decoupledWeightDecay", (_g, p, { lr }) => {
    const keep = 1 - lr * lambda;
    for (let i = 0; i < p.length; i++) p[i] *= keep;
  }, (b, { lr }) => {
    const keep = 1 - lr * lambda;
    if (!(keep >= 0 && keep <= 1)) b.p = Infinity; // |θ(1 − ηλ) − θ| may reach 2|θ|: the step runs checked
  });
}
