import { boolean, nonNegative, positive, readOptions } from "../core/checks";
import { decayProgress, defineSchedule, type ClosedFormSchedule } from "./schedule";
import { pow } from "../math/portable";

export interface ExponentialDecayOptions {
  /** The initial learning rate η₀. */
  lr: number;
  /** Factor per `decaySteps` steps (γ > 1 grows the rate, as a learning-rate range test does). */
  gamma: number;
  /** Steps over which the rate is multiplied by γ once (default 1: PyTorch's `ExponentialLR`). */
  decaySteps?: number;
  /** Decay in whole multiples of `decaySteps` only (default false), as TF's `staircase`. */
  staircase?: boolean;
}

/**
 * Exponential decay: η_t = η₀ · γ^{t / decaySteps}, or γ^⌊t / decaySteps⌋ with `staircase`.
 * With the defaults this is PyTorch's `ExponentialLR` (η₀ γ^t); `decaySteps` and `staircase` give
 * TensorFlow's `ExponentialDecay`.
 *
 * Defaults: decaySteps 1, staircase false (lr and gamma required).
 */
export function exponentialDecay(options: ExponentialDecayOptions): ClosedFormSchedule {
  const owner = "exponentialDecay";
  const o = readOptions(owner, options, { lr: undefined, gamma: undefined, decaySteps: 1, staircase: false });
  const lr = nonNegative(owner, "lr", o.lr);
  const gamma = nonNegative(owner, "gamma", o.gamma);
  const decaySteps = positive(owner, "decaySteps", o.decaySteps);
  const staircase = boolean(owner, "staircase", o.staircase);
  return defineSchedule(owner, (t) => lr * pow(gamma, decayProgress(t, decaySteps, staircase)), { lr, gamma, decaySteps, staircase });
}
