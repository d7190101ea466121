import * as check from "../core/checks";
import { decayRate, nonNegative, nonNegativeInteger, oneOf, optionSchema, type OptionsOf } from "../core/schema";
import { checkHeader, decodeState, encodeState, sameKeys, type JsonValue } from "../core/stateJson";
import { defineSchedule, SCHEDULE_FORMAT, type ClosedFormSchedule, type ScheduleStateDict } from "./schedule";

export const reduceOnPlateauSchema = optionSchema({
  /** The starting learning rate. */
  lr: nonNegative(),
  /** "min": the metric should fall (a loss); "max": it should rise (an accuracy). Default "min". */
  mode: oneOf("min", ["min", "max"]),
  /** Multiply the rate by this when the metric stalls, in [0, 1) (default 0.1). */
  factor: decayRate(0.1),
  /** Observations without improvement tolerated before reducing (default 10). */
  patience: nonNegativeInteger(10),
  /** Smallest change that counts as an improvement (default 1e-4). */
  threshold: nonNegative(1e-4),
  /** "rel": better than best · (1 ∓ threshold); "abs": better than best ∓ threshold. Default "rel". */
  thresholdMode: oneOf("rel", ["rel", "abs"]),
  /** Observations to wait after a reduction before counting again (default 0). */
  cooldown: nonNegativeInteger(0),
  /** Floor for the rate (default 0). */
  minLr: nonNegative(0),
  /** Reductions smaller than this are skipped (default 1e-8). */
  eps: nonNegative(1e-8),
});

export type ReduceOnPlateauOptions = OptionsOf<typeof reduceOnPlateauSchema>;

/**
 * A schedule driven by a metric: callable as a schedule (it returns the current rate whatever the
 * step), and `observe(metric)` records one evaluation and returns the rate to use next.
 */
export interface ReduceOnPlateau extends ClosedFormSchedule {
  (step: number): number;
  /** Records one metric value (one PyTorch `scheduler.step(metric)`) and returns the rate to use next. */
  observe(metric: number): number;
  /** The current learning rate. */
  readonly lr: number;
  /** The best metric seen so far (±Infinity before the first observation). */
  readonly best: number;
  /** Observations since the last improvement (PyTorch `num_bad_epochs`). */
  readonly badEpochs: number;
  /** Observations left in the current cooldown. */
  readonly cooldownCounter: number;
  /** Number of observations so far. */
  readonly observations: number;
}

/**
 * Reduce the learning rate when a metric stops improving, PyTorch's `ReduceLROnPlateau`:
 * after each observation, if the metric is better than the best so far (see `thresholdMode`) it
 * becomes the best and the bad count resets, else the bad count grows; during a cooldown the bad count
 * is held at 0; when the bad count exceeds `patience` the rate becomes η ← max(η · factor, minLr)
 * (skipped if that changes it by no more than eps), the cooldown starts and the bad count resets.
 * A metric that is NaN or ±Infinity is rejected (PyTorch would count NaN as a bad observation and
 * keep −∞ as the best forever), and changes nothing.
 *
 * Defaults: lr (required), mode "min", factor 0.1, patience 10, threshold 1e-4, thresholdMode "rel",
 *   cooldown 0, minLr 0, eps 1e-8.
 */
export function reduceOnPlateau(options: ReduceOnPlateauOptions): ReduceOnPlateau {
  const owner = "reduceOnPlateau";
  const resolved = reduceOnPlateauSchema.read(owner, options);
  const { mode, factor, patience, threshold, thresholdMode, cooldown, minLr, eps } = resolved;
  let lr = resolved.lr;

  let best = mode === "min" ? Infinity : -Infinity;
  let badEpochs = 0;
  let cooldownCounter = 0;
  let observations = 0;

  const isBetter = (a: number): boolean => {
    if (mode === "min") return thresholdMode === "rel" ? a < best * (1 - threshold) : a < best - threshold;
    return thresholdMode === "rel" ? a > best * (1 + threshold) : a > best + threshold;
  };

  const observe = (metric: number): number => {
    if (typeof metric !== "number") {
      throw new TypeError(`${owner}: metric must be a number, got ${check.describe(metric)}`);
    }
    if (!Number.isFinite(metric)) {
      throw new RangeError(`${owner}: metric must be finite, got ${metric} (nothing was changed)`);
    }
    observations++;
    if (isBetter(metric)) {
      best = metric;
      badEpochs = 0;
    } else {
      badEpochs++;
    }
    if (cooldownCounter > 0) {
      cooldownCounter--;
      badEpochs = 0;
    }
    if (badEpochs > patience) {
      const reduced = Math.max(lr * factor, minLr);
      if (lr - reduced > eps) lr = reduced;
      cooldownCounter = cooldown;
      badEpochs = 0;
    }
    return lr;
  };

  const counters = () => ({ lr, best, badEpochs, cooldownCounter, observations });
  /** Its options and what it has observed, as plain JSON (torch's `ReduceLROnPlateau.state_dict`). */
  const stateDict = (): ScheduleStateDict => ({
    format: SCHEDULE_FORMAT,
    name: owner,
    options: encodeState(resolved) as Record<string, JsonValue>,
    state: encodeState(counters()) as Record<string, JsonValue>,
  });
  /** Restores what a saved plateau schedule had observed; a mismatch is named and changes nothing. */
  const loadStateDict = (saved: ScheduleStateDict): void => {
    const json = checkHeader(owner, saved, SCHEDULE_FORMAT, resolved);
    sameKeys(owner, "saved state", json, ["format", "name", "options", "state"]);
    const next = decodeState(owner, "state", json.state, counters()) as ReturnType<typeof counters>;
    const where = `${owner}.loadStateDict`;
    check.nonNegative(where, "state.lr", next.lr);
    check.nonNegativeInteger(where, "state.badEpochs", next.badEpochs);
    check.nonNegativeInteger(where, "state.cooldownCounter", next.cooldownCounter);
    check.nonNegativeInteger(where, "state.observations", next.observations);
    ({ lr, best, badEpochs, cooldownCounter, observations } = next);
  };
  const schedule = defineSchedule(owner, () => lr, resolved) as ReduceOnPlateau;
  Object.defineProperties(schedule, {
    stateDict: { value: stateDict },
    loadStateDict: { value: loadStateDict },
    observe: { value: observe },
    lr: { get: () => lr },
    best: { get: () => best },
    badEpochs: { get: () => badEpochs },
    cooldownCounter: { get: () => cooldownCounter },
    observations: { get: () => observations },
  });
  return schedule;
}
