import { nonNegative, positiveInteger, optionSchema, type OptionsOf } from "../core/schema";
import { defineSchedule, type ClosedFormSchedule, type Schedule } from "./schedule";
import { pow } from "../math/portable";

export const polynomialDecaySchema = optionSchema({
  /** The initial learning rate η₀. */
  lr: nonNegative(),
  /** Steps over which the rate falls to `endLr` (PyTorch `total_iters`); constant afterwards. */
  totalSteps: positiveInteger(),
  /** Exponent p (default 1: linear decay). */
  power: nonNegative(1),
  /** Final rate (default 0, as PyTorch's `PolynomialLR`). */
  endLr: nonNegative(0),
});

export type PolynomialDecayOptions = OptionsOf<typeof polynomialDecaySchema>;

/**
 * Polynomial decay: η_t = (η₀ − η_end) · (1 − min(t, T)/T)^p + η_end.
 * With `endLr = 0` this is PyTorch's `PolynomialLR` closed form; `endLr` is TensorFlow's
 * `end_learning_rate`. With p = 1 it is the linear decay that 001 §2.1/§2.3 call "exponential".
 *
 * Defaults: lr (required), totalSteps (required), power 1, endLr 0.
 */
export function polynomialDecay(options: PolynomialDecayOptions): ClosedFormSchedule {
  const owner = "polynomialDecay";
  const resolved = polynomialDecaySchema.read(owner, options);
  const { lr, totalSteps, power, endLr } = resolved;
  return defineSchedule(owner, (t) => (lr - endLr) * pow(1 - Math.min(t, totalSteps) / totalSteps, power) + endLr, resolved);
}
