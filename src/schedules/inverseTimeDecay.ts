import { boolean, nonNegative, positive, readOptions } from "../core/checks";
import { decayProgress, defineSchedule, type ClosedFormSchedule } from "./schedule";

export interface InverseTimeDecayOptions {
  /** The initial learning rate η₀. */
  lr: number;
  /** The rate γ in η₀ / (1 + γ t / decaySteps). */
  decayRate: number;
  /** Steps per unit of decay (default 1). */
  decaySteps?: number;
  /** Use ⌊t / decaySteps⌋ (default false). */
  staircase?: boolean;
}

/**
 * Inverse-time decay: η_t = η₀ / (1 + γ · t / decaySteps) (⌊t / decaySteps⌋ with `staircase`).
 * Source: TensorFlow's `InverseTimeDecay` (PyTorch has no such scheduler). This is the α₀/(1+γt) of
 * 002 §2.4/§3.4, which that source mislabels.
 *
 * Defaults: decaySteps 1, staircase false (lr and decayRate required).
 */
export function inverseTimeDecay(options: InverseTimeDecayOptions): ClosedFormSchedule {
  const owner = "inverseTimeDecay";
  const o = readOptions(owner, options, { lr: undefined, decayRate: undefined, decaySteps: 1, staircase: false });
  const lr = nonNegative(owner, "lr", o.lr);
  const decayRate = nonNegative(owner, "decayRate", o.decayRate);
  const decaySteps = positive(owner, "decaySteps", o.decaySteps);
  const staircase = boolean(owner, "staircase", o.staircase);
  return defineSchedule(owner, (t) => lr / (1 + decayRate * decayProgress(t, decaySteps, staircase)), { lr, decayRate, decaySteps, staircase });
}
