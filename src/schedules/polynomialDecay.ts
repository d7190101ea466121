import { nonNegative, positiveInteger, readOptions } from "../core/checks";
import { defineSchedule, type ClosedFormSchedule, type Schedule } from "./schedule";
import { pow } from "../math/portable";

export interface PolynomialDecayOptions {
  /** The initial learning rate η₀. */
  lr: number;
  /** Steps over which the rate falls to `endLr` (PyTorch `total_iters`); constant afterwards. */
  totalSteps: number;
  /** Exponent p (default 1: linear decay). */
  power?: number;
  /** Final rate (default 0, as PyTorch's `PolynomialLR`). */
  endLr?: number;
}

/**
 * Polynomial decay: η_t = (η₀ − η_end) · (1 − min(t, T)/T)^p + η_end.
 * With `endLr = 0` this is PyTorch's `PolynomialLR` closed form; `endLr` is TensorFlow's
 * `end_learning_rate`. With p = 1 it is the linear decay that 001 §2.1/§2.3 call "exponential".
 *
 * Defaults: power 1 (linear), endLr 0 (lr and totalSteps required).
 */
export function polynomialDecay(options: PolynomialDecayOptions): ClosedFormSchedule {
  const owner = "polynomialDecay";
  const o = readOptions(owner, options, { lr: undefined, totalSteps: undefined, power: 1, endLr: 0 });
  const lr = nonNegative(owner, "lr", o.lr);
  const totalSteps = positiveInteger(owner, "totalSteps", o.totalSteps);
  const power = nonNegative(owner, "power", o.power);
  const endLr = nonNegative(owner, "endLr", o.endLr);
  return defineSchedule(owner, (t) => (lr - endLr) * pow(1 - Math.min(t, totalSteps) / totalSteps, power) + endLr, { lr, totalSteps, power, endLr });
}
