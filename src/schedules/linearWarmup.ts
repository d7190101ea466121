import { fraction, nonNegative, positiveInteger, readOptions } from "../core/checks";
import { defineSchedule, type ClosedFormSchedule, type Schedule } from "./schedule";

export interface LinearWarmupOptions {
  /** The rate reached at the end of the warmup and kept afterwards. */
  lr: number;
  /** Steps to go from `startFactor · lr` to `lr` (PyTorch `total_iters`). */
  warmupSteps: number;
  /** Fraction of `lr` at step 0, in [0, 1] (default 1/3, PyTorch's `LinearLR` default). */
  startFactor?: number;
}

/** The warmup multiplier s + (1 − s) · min(t, W) / W: PyTorch `LinearLR`'s closed form with end factor 1. */
export function warmupFactor(step: number, warmupSteps: number, startFactor: number): number {
  return startFactor + ((1 - startFactor) * Math.min(step, warmupSteps)) / warmupSteps;
}

/**
 * Linear warmup, PyTorch's `LinearLR` (end factor 1):
 * η_t = η · (s + (1 − s) · min(t, W) / W), constant at η from step W on.
 * Source: Goyal et al., "Accurate, Large Minibatch SGD" (2017), gradual warmup.
 *
 * Defaults: startFactor 1/3 (lr and warmupSteps required).
 */
export function linearWarmup(options: LinearWarmupOptions): ClosedFormSchedule {
  const owner = "linearWarmup";
  const o = readOptions(owner, options, { lr: undefined, warmupSteps: undefined, startFactor: 1 / 3 });
  const lr = nonNegative(owner, "lr", o.lr);
  const warmupSteps = positiveInteger(owner, "warmupSteps", o.warmupSteps);
  const startFactor = fraction(owner, "startFactor", o.startFactor);
  return defineSchedule(owner, (t) => lr * warmupFactor(t, warmupSteps, startFactor), { lr, warmupSteps, startFactor });
}
