/**
 * State allocation and the bias-correction term, shared by every rule so no rule spells them itself.
 */
import { pow } from "../math/portable";

/** A zeroed buffer of n entries: the usual initial value of a moment or momentum buffer. */
export function zeros(n: number): Float64Array {
  return new Float64Array(n);
}

/** A buffer of n entries, all `value` (Adagrad's initial accumulator). */
export function filled(n: number, value: number): Float64Array {
  return new Float64Array(n).fill(value);
}

/**
 * 1 − βᵗ: an exponential moving average with decay β started at zero has expectation (1 − βᵗ)·E[x]
 * after t updates, so dividing by this removes the bias toward zero (Kingma & Ba 2015, §3).
 */
export function biasCorrection(beta: number, t: number): number {
  return 1 - pow(beta, t);
}
