import { describe, fraction, positiveInteger, readOptions } from "../core/checks";
import { warmupFactor } from "./linearWarmup";
import { defineSchedule, type ClosedFormSchedule, type Schedule } from "./schedule";
import { sequentialLr } from "./sequentialLr";

export interface WarmupOptions {
  /** Steps of linear warmup before `schedule` starts. */
  warmupSteps: number;
  /** Fraction of `schedule(0)` at step 0, in [0, 1] (default 1/3, PyTorch's `LinearLR` default). */
  startFactor?: number;
}

/**
 * Joins a linear warmup to any schedule, PyTorch's `SequentialLR([LinearLR, schedule], [W])`:
 * η_t = schedule(0) · (s + (1 − s) t / W) for t < W, then schedule(t − W), so the schedule starts from
 * its own step 0 once the warmup ends.
 *
 * Defaults: startFactor 1/3 (warmupSteps required).
 */
export function withWarmup(schedule: Schedule, options: WarmupOptions): ClosedFormSchedule {
  const owner = "withWarmup";
  if (typeof schedule !== "function") {
    throw new TypeError(`${owner}: schedule must be a schedule (step) => lr, got ${describe(schedule)}`);
  }
  const o = readOptions(owner, options, { warmupSteps: undefined, startFactor: 1 / 3 });
  const warmupSteps = positiveInteger(owner, "warmupSteps", o.warmupSteps);
  const startFactor = fraction(owner, "startFactor", o.startFactor);
  const warmup = defineSchedule(owner, (t) => schedule(0) * warmupFactor(t, warmupSteps, startFactor), { warmupSteps, startFactor });
  return sequentialLr({ schedules: [warmup, schedule], milestones: [warmupSteps] });
}
