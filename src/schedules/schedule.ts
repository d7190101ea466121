import { describe } from "../optimizers/validate";

/**
 * A learning-rate schedule: the learning rate of the update with 0-based index `step` (the first
 * update uses `schedule(0)`), in closed form, so any step can be evaluated, plotted or skipped to.
 * The index counts optimizer updates (PyTorch's `last_epoch` when the scheduler steps once per update).
 */
export type Schedule = (step: number) => number;

/** What an optimizer's `lr` option accepts: a constant or a schedule. */
export type LearningRate = number | Schedule;

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
