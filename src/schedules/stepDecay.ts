import { nonNegative, positiveInteger, optionSchema, type OptionsOf } from "../core/schema";
import { defineSchedule, type ClosedFormSchedule, type Schedule } from "./schedule";
import { pow } from "../math/portable";

export const stepDecaySchema = optionSchema({
  /** The initial learning rate η₀. */
  lr: nonNegative(),
  /** Number of steps between decays (PyTorch `step_size`). */
  stepSize: positiveInteger(),
  /** Multiplicative factor per decay (default 0.1). */
  gamma: nonNegative(0.1),
});

export type StepDecayOptions = OptionsOf<typeof stepDecaySchema>;

/**
 * Step decay, PyTorch's `StepLR`: η_t = η₀ · γ^⌊t / stepSize⌋.
 * Source: torch.optim.lr_scheduler.StepLR (its closed form).
 *
 * Defaults: lr (required), stepSize (required), gamma 0.1.
 */
export function stepDecay(options: StepDecayOptions): ClosedFormSchedule {
  const owner = "stepDecay";
  const resolved = stepDecaySchema.read(owner, options);
  const { lr, stepSize, gamma } = resolved;
  return defineSchedule(owner, (t) => lr * pow(gamma, Math.floor(t / stepSize)), resolved);
}
