import { describe, positiveInteger, readOptions } from "../core/checks";
import { defineSchedule, type ClosedFormSchedule, type Schedule } from "./schedule";

export interface SequentialLrOptions {
  /** The schedules to run one after another. */
  schedules: readonly Schedule[];
  /** Strictly increasing steps at which the next schedule takes over; one fewer than `schedules`. */
  milestones: readonly number[];
}

/**
 * Runs schedules one after another, PyTorch's `SequentialLR`:
 *
 *   η_t = schedules[0](t)                     for t < milestones[0]
 *   η_t = schedules[i](t − milestones[i−1])   for milestones[i−1] ≤ t < milestones[i]
 *
 * so each schedule starts from its own step 0 when it takes over. No defaults: both lists are required.
 */
export function sequentialLr(options: SequentialLrOptions): ClosedFormSchedule {
  const owner = "sequentialLr";
  const o = readOptions(owner, options, { schedules: undefined, milestones: undefined });
  if (!Array.isArray(o.schedules) || o.schedules.length === 0 || o.schedules.some((s) => typeof s !== "function")) {
    throw new TypeError(`${owner}: schedules must be a non-empty array of schedules, got ${describe(o.schedules)}`);
  }
  const schedules: Schedule[] = o.schedules;
  if (!Array.isArray(o.milestones) || o.milestones.length !== schedules.length - 1) {
    throw new RangeError(
      `${owner}: milestones must be an array of ${schedules.length - 1} step(s) (one fewer than schedules), got ${describe(o.milestones)}`,
    );
  }
  const milestones = o.milestones.map((m: unknown, i: number) => positiveInteger(owner, `milestones[${i}]`, m));
  milestones.forEach((m, i) => {
    if (i > 0 && m <= milestones[i - 1]) {
      throw new RangeError(`${owner}: milestones must be strictly increasing, got ${describe(milestones)}`);
    }
  });
  return defineSchedule(owner, (t) => {
    let i = 0;
    while (i < milestones.length && milestones[i] <= t) i++;
    return schedules[i](i === 0 ? t : t - milestones[i - 1]);
  }, { schedules, milestones });
}
