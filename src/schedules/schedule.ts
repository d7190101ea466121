import { describe } from "../core/checks";
import { checkHeader, encodeState, sameKeys, type JsonValue } from "../core/stateJson";

import type { Schedule } from "../core/learningRate";
export type { LearningRate, Schedule } from "../core/learningRate";

/** What a schedule's `stateDict()` returns: plain JSON. */
export interface ScheduleStateDict {
  format: "optimlab.schedule/1";
  name: string;
  /** The options the schedule was made with (inner schedules as `{ function: their stateDict }`). */
  options: Record<string, JsonValue>;
  /** What the schedule has observed (`reduceOnPlateau`); closed-form schedules have none. */
  state?: Record<string, JsonValue>;
}

/**
 * A schedule made by the library: a function of the step, which can also save and load its state
 * (torch's `state_dict`/`load_state_dict` of an LR scheduler). A closed-form schedule's state is its
 * options only (the step comes from the optimizer's `t`): loading checks that they match.
 */
export interface ClosedFormSchedule extends Schedule {
  stateDict(): ScheduleStateDict;
  /** Checks that `saved` is this schedule's (name and options), naming the first mismatch; changes nothing. */
  loadStateDict(saved: ScheduleStateDict): void;
}

export const SCHEDULE_FORMAT = "optimlab.schedule/1";

/**
 * Wraps a closed-form schedule with the checks every schedule needs: the step must be a finite
 * number ≥ 0 (fractional steps are allowed and evaluate the formula, which helps smooth plots), and
 * the rate a finite number ≥ 0 (a growing schedule, gamma > 1, overflows after enough steps).
 */
export function defineSchedule(
  owner: string,
  formula: (step: number) => number,
  options: Record<string, unknown>,
): ClosedFormSchedule {
  const schedule = (step: number) => {
    if (typeof step !== "number" || !Number.isFinite(step) || step < 0) {
      throw new RangeError(`${owner}: step must be a finite number ≥ 0, got ${describe(step)}`);
    }
    const rate = formula(step);
    if (!(Number.isFinite(rate) && rate >= 0)) {
      throw new RangeError(`${owner}: the rate at step ${step} is ${rate}, not a finite number ≥ 0 (its formula overflows there)`);
    }
    return rate;
  };
  const stateDict = (): ScheduleStateDict => ({
    format: SCHEDULE_FORMAT,
    name: owner,
    options: encodeState(options) as Record<string, JsonValue>,
  });
  const loadStateDict = (saved: ScheduleStateDict): void => {
    sameKeys(owner, "saved state", checkHeader(owner, saved, SCHEDULE_FORMAT, options), ["format", "name", "options"]);
  };
  return Object.assign(schedule, { stateDict, loadStateDict });
}

/** `floor(step / every)` when `staircase`, else the continuous ratio: TF's decay exponent. */
export function decayProgress(step: number, every: number, staircase: boolean): number {
  return staircase ? Math.floor(step / every) : step / every;
}
