import { nonNegative, positiveInteger, readOptions } from "../core/checks";
import { defineSchedule, type ClosedFormSchedule, type Schedule } from "./schedule";
import { pow } from "../math/portable";

export interface StepDecayOptions {
  /** The initial learning rate η₀. */
  lr: number;
  /** Number of steps between decays (PyTorch `step_size`). */
  stepSize: number;
  /** Multiplicative factor per decay (default 0.1). */
  gamma?: number;
}

/**
 * Step decay, PyTorch's `StepLR`: η_t = η₀ · γ^⌊t / stepSize⌋.
 * Source: torch.optim.lr_scheduler.StepLR (its closed form).
 *
 * Defaults: gamma 0.1 (lr and stepSize required).
 */
export function stepDecay(options: StepDecayOptions): ClosedFormSchedule {
  const owner = "stepDecay";
  const o = readOptions(owner, options, { lr: undefined, stepSize: undefined, gamma: 0.1 });
  const lr = nonNegative(owner, "lr", o.lr);
  const stepSize = positiveInteger(owner, "stepSize", o.stepSize);
  const gamma = nonNegative(owner, "gamma", o.gamma);
  return defineSchedule(owner, (t) => lr * pow(gamma, Math.floor(t / stepSize)), { lr, stepSize, gamma });
}
