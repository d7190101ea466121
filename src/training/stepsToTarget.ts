import { checkInteger, checkNumber } from "../core/checks";
import { minimize, type Minimizable } from "./minimize";
import type { StepOptimizer } from "./optimizer";

/** The first index k with values[k] ≤ target, or null when no value gets there. */
export function firstAtOrBelow(values: ArrayLike<number>, target: number): number | null {
  checkNumber("target", target);
  for (let k = 0; k < values.length; k++) if (values[k] <= target) return k;
  return null;
}

export interface StepsToTargetOptions {
  /** The run stops counting here: the excess loss f(θ_t) − f* to reach. */
  target: number;
  /** Budget of updates (a positive integer). */
  maxSteps: number;
  /** The minimum value f* (default: the problem's `minValue`, else 0). */
  fStar?: number;
  /** Starting point (default: the problem's `start`). */
  start?: ArrayLike<number>;
}

/**
 * The number of updates t after which the optimizer first has f(θ_t) − f* ≤ target on the problem,
 * or null when it does not get there within `maxSteps` (or diverges first). The count every
 * "how fast does it get there" comparison in the lessons uses.
 */
export function stepsToTarget(problem: Minimizable & { minValue?: number }, optimizer: StepOptimizer, options: StepsToTargetOptions): number | null {
  const maxSteps = checkInteger("maxSteps", options.maxSteps, 1);
  const fStar = options.fStar ?? problem.minValue ?? 0;
  checkNumber("fStar", fStar);
  const run = minimize(problem, optimizer, { steps: maxSteps, ...(options.start ? { start: options.start } : {}) });
  return firstAtOrBelow(run.losses.map((f) => f - fStar), options.target);
}
