import { boolean, nonNegative, positive, optionSchema, type OptionsOf } from "../core/schema";
import { decayProgress, defineSchedule, type ClosedFormSchedule } from "./schedule";

export const inverseTimeDecaySchema = optionSchema({
  /** The initial learning rate η₀. */
  lr: nonNegative(),
  /** The rate γ in η₀ / (1 + γ t / decaySteps). */
  decayRate: nonNegative(),
  /** Steps per unit of decay (default 1). */
  decaySteps: positive(1),
  /** Use ⌊t / decaySteps⌋ (default false). */
  staircase: boolean(false),
});

export type InverseTimeDecayOptions = OptionsOf<typeof inverseTimeDecaySchema>;

/**
 * Inverse-time decay: η_t = η₀ / (1 + γ · t / decaySteps) (⌊t / decaySteps⌋ with `staircase`).
 * Source: TensorFlow's `InverseTimeDecay` (PyTorch has no such scheduler). This is the α₀/(1+γt) of
 * 002 §2.4/§3.4, which that source mislabels.
 *
 * Defaults: lr (required), decayRate (required), decaySteps 1, staircase false.
 */
export function inverseTimeDecay(options: InverseTimeDecayOptions): ClosedFormSchedule {
  const owner = "inverseTimeDecay";
  const resolved = inverseTimeDecaySchema.read(owner, options);
  const { lr, decayRate, decaySteps, staircase } = resolved;
  return defineSchedule(owner, (t) => lr / (1 + decayRate * decayProgress(t, decaySteps, staircase)), resolved);
}
