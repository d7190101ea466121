import { nonNegative, nonNegativeIntegers, optionSchema, type OptionsOf } from "../core/schema";
import { defineSchedule, type ClosedFormSchedule, type Schedule } from "./schedule";
import { pow } from "../math/portable";

export const multiStepDecaySchema = optionSchema({
  /** The initial learning rate η₀. */
  lr: nonNegative(),
  /** Steps at which the rate is multiplied by γ (any order; a repeated milestone decays twice, as in PyTorch). */
  milestones: nonNegativeIntegers(),
  /** Multiplicative factor per milestone passed (default 0.1). */
  gamma: nonNegative(0.1),
});

export type MultiStepDecayOptions = OptionsOf<typeof multiStepDecaySchema>;

/**
 * Multi-step decay, PyTorch's `MultiStepLR`: η_t = η₀ · γ^{#{milestones m : m ≤ t}}.
 * Source: torch.optim.lr_scheduler.MultiStepLR (closed form: `bisect_right(milestones, t)`).
 *
 * Defaults: lr (required), milestones (required), gamma 0.1.
 */
export function multiStepDecay(options: MultiStepDecayOptions): ClosedFormSchedule {
  const owner = "multiStepDecay";
  const { lr, milestones: given, gamma } = multiStepDecaySchema.read(owner, options);
  const milestones = [...given].sort((a, b) => a - b);
  return defineSchedule(owner, (t) => {
    let passed = 0;
    while (passed < milestones.length && milestones[passed] <= t) passed++;
    return lr * pow(gamma, passed);
  }, { lr, gamma, milestones });
}
