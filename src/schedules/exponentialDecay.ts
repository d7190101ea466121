import { boolean, nonNegative, positive, optionSchema, type OptionsOf } from "../core/schema";
import { decayProgress, defineSchedule, type ClosedFormSchedule } from "./schedule";
import { pow } from "../math/portable";

export const exponentialDecaySchema = optionSchema({
  /** The initial learning rate η₀. */
  lr: nonNegative(),
  /** Factor per `decaySteps` steps (γ > 1 grows the rate, as a learning-rate range test does). */
  gamma: nonNegative(),
  /** Steps over which the rate is multiplied by γ once (default 1: PyTorch's `ExponentialLR`). */
  decaySteps: positive(1),
  /** Decay in whole multiples of `decaySteps` only (default false), as TF's `staircase`. */
  staircase: boolean(false),
});

export type ExponentialDecayOptions = OptionsOf<typeof exponentialDecaySchema>;

/**
 * Exponential decay: η_t = η₀ · γ^{t / decaySteps}, or γ^⌊t / decaySteps⌋ with `staircase`.
 * With the defaults this is PyTorch's `ExponentialLR` (η₀ γ^t); `decaySteps` and `staircase` give
 * TensorFlow's `ExponentialDecay`.
 *
 * Defaults: lr (required), gamma (required), decaySteps 1, staircase false.
 */
export function exponentialDecay(options: ExponentialDecayOptions): ClosedFormSchedule {
  const owner = "exponentialDecay";
  const resolved = exponentialDecaySchema.read(owner, options);
  const { lr, gamma, decaySteps, staircase } = resolved;
  return defineSchedule(owner, (t) => lr * pow(gamma, decayProgress(t, decaySteps, staircase)), resolved);
}
