import { describe } from "../core/checks";
import { fraction, positiveInteger, optionSchema, type OptionsOf } from "../core/schema";
import { warmupFactor } from "./linearWarmup";
import { defineSchedule, type ClosedFormSchedule, type Schedule } from "./schedule";
import { sequentialLr } from "./sequentialLr";

export const warmupSchema = optionSchema({
  /** Steps of linear warmup before `schedule` starts. */
  warmupSteps: positiveInteger(),
  /** Fraction of `schedule(0)` at step 0, in [0, 1] (default 1/3, PyTorch's `LinearLR` default). */
  startFactor: fraction(1 / 3),
});

export type WarmupOptions = OptionsOf<typeof warmupSchema>;

/**
 * Joins a linear warmup to any schedule, PyTorch's `SequentialLR([LinearLR, schedule], [W])`:
 * η_t = schedule(0) · (s + (1 − s) t / W) for t < W, then schedule(t − W), so the schedule starts from
 * its own step 0 once the warmup ends.
 *
 * Defaults: warmupSteps (required), startFactor 1/3.
 */
export function withWarmup(schedule: Schedule, options: WarmupOptions): ClosedFormSchedule {
  const owner = "withWarmup";
  if (typeof schedule !== "function") {
    throw new TypeError(`${owner}: schedule must be a schedule (step) => lr, got ${describe(schedule)}`);
  }
  const resolved = warmupSchema.read(owner, options);
  const { warmupSteps, startFactor } = resolved;
  const warmup = defineSchedule(owner, (t) => schedule(0) * warmupFactor(t, warmupSteps, startFactor), resolved);
  return sequentialLr({ schedules: [warmup, schedule], milestones: [warmupSteps] });
}
