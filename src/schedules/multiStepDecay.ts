import { describe, nonNegative, nonNegativeInteger, readOptions } from "../core/checks";
import { defineSchedule, type ClosedFormSchedule, type Schedule } from "./schedule";
import { pow } from "../math/portable";

export interface MultiStepDecayOptions {
  /** The initial learning rate η₀. */
  lr: number;
  /** Steps at which the rate is multiplied by γ (any order; a repeated milestone decays twice, as in PyTorch). */
  milestones: readonly number[];
  /** Multiplicative factor per milestone passed (default 0.1). */
  gamma?: number;
}

/**
 * Multi-step decay, PyTorch's `MultiStepLR`: η_t = η₀ · γ^{#{milestones m : m ≤ t}}.
 * Source: torch.optim.lr_scheduler.MultiStepLR (closed form: `bisect_right(milestones, t)`).
 *
 * Defaults: gamma 0.1 (lr and milestones required).
 */
export function multiStepDecay(options: MultiStepDecayOptions): ClosedFormSchedule {
  const owner = "multiStepDecay";
  const o = readOptions(owner, options, { lr: undefined, milestones: undefined, gamma: 0.1 });
  const lr = nonNegative(owner, "lr", o.lr);
  const gamma = nonNegative(owner, "gamma", o.gamma);
  if (!Array.isArray(o.milestones)) {
    throw new TypeError(`${owner}: milestones must be an array of integers ≥ 0, got ${describe(o.milestones)}`);
  }
  const milestones = o.milestones
    .map((m: unknown, i: number) => nonNegativeInteger(owner, `milestones[${i}]`, m))
    .sort((a, b) => a - b);
  return defineSchedule(owner, (t) => {
    let passed = 0;
    while (passed < milestones.length && milestones[passed] <= t) passed++;
    return lr * pow(gamma, passed);
  }, { lr, gamma, milestones });
}
