import { boolean, nonNegative, oneOf, openFraction, positive, positiveInteger, optionSchema, type OptionsOf } from "../core/schema";
import { defineSchedule, type ClosedFormSchedule, type Schedule } from "./schedule";
import { cos } from "../math/portable";

export const oneCycleSchema = optionSchema({
  /** The peak learning rate. */
  maxLr: nonNegative(),
  /** Number of updates in the cycle (PyTorch `total_steps`). */
  totalSteps: positiveInteger(),
  /** Fraction of the cycle spent increasing the rate (default 0.3). */
  pctStart: openFraction(0.3),
  /** The rate starts at maxLr / divFactor (default 25). */
  divFactor: positive(25),
  /** The rate ends at maxLr / (divFactor · finalDivFactor) (default 1e4). */
  finalDivFactor: positive(1e4),
  /** Shape of each phase: "cos" (default) or "linear". */
  annealStrategy: oneOf("cos", ["cos", "linear"]),
  /** Fast.ai's three phases (up, back down to the start, then to the minimum) instead of two (default false). */
  threePhase: boolean(false),
});

export type OneCycleOptions = OptionsOf<typeof oneCycleSchema>;

/**
 * The 1cycle policy, PyTorch's `OneCycleLR` (learning rate only: its momentum cycling is not part of a
 * learning-rate schedule). With η₀ = maxLr / divFactor and η_min = η₀ / finalDivFactor, phase
 * boundaries are PyTorch's: phase 1 ends at step pctStart·T − 1 (η₀ → maxLr), phase 2 at T − 1
 * (maxLr → η_min). Inside a phase from step a to b, with p = (t − a) / (b − a):
 * cos: η = end + (start − end) · (1 + cos πp) / 2;  linear: η = start + (end − start) · p.
 * Steps past T throw, as PyTorch does. Source: Smith & Topin, "Super-Convergence" (2018).
 *
 * Defaults: maxLr (required), totalSteps (required), pctStart 0.3, divFactor 25, finalDivFactor 10000,
 *   annealStrategy "cos", threePhase false.
 */
export function oneCycle(options: OneCycleOptions): ClosedFormSchedule {
  const owner = "oneCycle";
  const resolved = oneCycleSchema.read(owner, options);
  const { maxLr, totalSteps, pctStart, divFactor, finalDivFactor, annealStrategy: strategy, threePhase } = resolved;

  const initialLr = maxLr / divFactor;
  const minLr = initialLr / finalDivFactor;
  const rise = pctStart * totalSteps - 1;
  const phases = threePhase
    ? [
        { end: rise, from: initialLr, to: maxLr },
        { end: 2 * pctStart * totalSteps - 2, from: maxLr, to: initialLr },
        { end: totalSteps - 1, from: initialLr, to: minLr },
      ]
    : [
        { end: rise, from: initialLr, to: maxLr },
        { end: totalSteps - 1, from: maxLr, to: minLr },
      ];
  let previousEnd = 0;
  for (const phase of phases) {
    if (!(phase.end > previousEnd)) {
      throw new RangeError(
        `${owner}: phases must have positive length; with pctStart ${pctStart} and totalSteps ${totalSteps} ` +
          `a phase ends at step ${phase.end}, not after ${previousEnd}`,
      );
    }
    previousEnd = phase.end;
  }
  const anneal =
    strategy === "cos"
      ? (from: number, to: number, p: number) => to + ((from - to) / 2) * (cos(Math.PI * p) + 1)
      : (from: number, to: number, p: number) => (to - from) * p + from;

  return defineSchedule(owner, (t) => {
    if (t > totalSteps) {
      throw new RangeError(`${owner}: step ${t} is past totalSteps ${totalSteps}`);
    }
    let start = 0;
    for (let i = 0; i < phases.length; i++) {
      const phase = phases[i];
      if (t <= phase.end || i === phases.length - 1) {
        return anneal(phase.from, phase.to, (t - start) / (phase.end - start));
      }
      start = phase.end;
    }
    throw new Error("unreachable");
  }, resolved);
}
