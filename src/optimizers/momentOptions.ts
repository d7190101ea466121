/**
 * Option descriptors that several moment-based rules declare alike: the same name, meaning, default and
 * doc. A rule spreads a group into its own options (`{ lr: learningRate(2e-3), ...firstMomentOptions, … }`);
 * an editor's hover shows the doc written here. Where a rule means something else by a name (AdaMax's β₂
 * decays an infinity norm, Yogi's ε defaults to 1e-3), it declares its own.
 */
import { boolean, decayRate, nonNegative } from "../core/schema";

/** β₁ of Adam, AdaMax, NAdam and Yogi. */
export const firstMomentOptions = {
  /** Decay β₁ of the first moment, in [0, 1) (default 0.9). */
  beta1: decayRate(0.9),
};

/** β₂ and ε of Adam and NAdam, whose second moment is the average of g². */
export const secondMomentOptions = {
  /** Decay β₂ of the second moment, in [0, 1) (default 0.999). */
  beta2: decayRate(0.999),
  /** ε (default 1e-8). */
  eps: nonNegative(1e-8),
};

/** Weight decay of Adam and NAdam: a coupled L2 penalty, or decoupled as AdamW's. */
export const adamWeightDecayOptions = {
  /** Weight decay λ (default 0): coupled L2 unless `decoupledWeightDecay`. */
  weightDecay: nonNegative(0),
  /** Decay the weights directly, θ ← θ(1 − ηλ), as AdamW (default false). */
  decoupledWeightDecay: boolean(false),
};
