import { describe } from "../core/checks";

import type { Schedule } from "../core/learningRate";
export type { LearningRate, Schedule } from "../core/learningRate";

/**
 * Wraps a closed-form schedule with the checks every schedule needs: the step must be a finite
 * number ≥ 0 (fractional steps are allowed and evaluate the formula, which helps smooth plots), and
 * the rate a finite number ≥ 0 (a growing schedule, gamma > 1, overflows after enough steps).
 */
export function defineSchedule(owner: string, formula: (step: number) => number): Schedule {
  return (step: number) => {
    if (typeof step !== "number" || !Number.isFinite(step) || step < 0) {
      throw new RangeError(`${owner}: step must be a finite number ≥ 0, got ${describe(step)}`);
    }
    const rate = formula(step);
    if (!(Number.isFinite(rate) && rate >= 0)) {
      throw new RangeError(`${owner}: the rate at step ${step} is ${rate}, not a finite number ≥ 0 (its formula overflows there)`);
    }
    return rate;
  };
}

/** `floor(step / every)` when `staircase`, else the continuous ratio: TF's decay exponent. */
export function decayProgress(step: number, every: number, staircase: boolean): number {
  return staircase ? Math.floor(step / every) : step / every;
}
