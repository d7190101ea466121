import { fraction, nonNegative, positiveInteger, optionSchema, type OptionsOf } from "../core/schema";
import { defineSchedule, type ClosedFormSchedule, type Schedule } from "./schedule";

export const linearWarmupSchema = optionSchema({
  /** The rate reached at the end of the warmup and kept afterwards. */
  lr: nonNegative(),
  /** Steps to go from `startFactor · lr` to `lr` (PyTorch `total_iters`). */
  warmupSteps: positiveInteger(),
  /** Fraction of `lr` at step 0, in [0, 1] (default 1/3, PyTorch's `LinearLR` default). */
  startFactor: fraction(1 / 3),
});

export type LinearWarmupOptions = OptionsOf<typeof linearWarmupSchema>;

/** The warmup multiplier s + (1 − s) · min(t, W) / W: PyTorch `LinearLR`'s closed form with end factor 1. */
export function warmupFactor(step: number, warmupSteps: number, startFactor: number): number {
  return startFactor + ((1 - startFactor) * Math.min(step, warmupSteps)) / warmupSteps;
}

/**
 * Linear warmup, PyTorch's `LinearLR` (end factor 1):
 * η_t = η · (s + (1 − s) · min(t, W) / W), constant at η from step W on.
 * Source: Goyal et al., "Accurate, Large Minibatch SGD" (2017), gradual warmup.
 *
 * Defaults: lr (required), warmupSteps (required), startFactor 1/3.
 */
export function linearWarmup(options: LinearWarmupOptions): ClosedFormSchedule {
  const owner = "linearWarmup";
  const resolved = linearWarmupSchema.read(owner, options);
  const { lr, warmupSteps, startFactor } = resolved;
  return defineSchedule(owner, (t) => lr * warmupFactor(t, warmupSteps, startFactor), resolved);
}
