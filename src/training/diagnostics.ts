import { checkNumber, describe } from "../core/checks";
import type { StepOptimizer } from "./optimizer";

/** An optimizer that also records, for every update, ‖θ_after − θ_before‖ / ‖θ_before‖. */
export interface RatioRecorder extends StepOptimizer {
  /** The update-to-weight ratio of each step taken so far. */
  readonly ratios: number[];
}

/**
 * Wraps an optimizer to record the update-to-weight ratio ‖Δθ‖/‖θ‖ of every step (CS231n's
 * "ratio of the update magnitudes to the value magnitudes"): orders of magnitude below 10⁻³ suggest
 * a learning rate too small to move the weights; a ratio near 1 means each step rewrites them.
 */
export function recordUpdateRatios(optimizer: StepOptimizer): RatioRecorder {
  if (optimizer === null || typeof optimizer !== "object" || typeof optimizer.step !== "function") {
    throw new Error(`recordUpdateRatios: expected an optimizer with step(params, grads), got ${describe(optimizer)}`);
  }
  const ratios: number[] = [];
  let before = new Float64Array(0);
  return {
    ratios,
    step(params, grads, hessian) {
      if (before.length !== params.length) before = new Float64Array(params.length);
      before.set(params);
      optimizer.step(params, grads, hessian);
      let moved = 0;
      let size = 0;
      for (let i = 0; i < params.length; i++) {
        moved += (params[i] - before[i]) ** 2;
        size += before[i] ** 2;
      }
      ratios.push(size > 0 ? Math.sqrt(moved / size) : Infinity);
    },
  };
}

/**
 * A noisy series (batch losses) smoothed by an exponential moving average with bias correction,
 * s_t = (1 − β) Σ_{k≤t} β^{t−k} x_k / (1 − β^{t+1}): the same correction as Adam's, so the first
 * values are not pulled towards 0.
 */
export function smoothed(values: ArrayLike<number>, beta = 0.9): number[] {
  const b = checkNumber("beta", beta, "nonNegative");
  if (!(b < 1)) throw new Error(`beta must be below 1, got ${b}`);
  const out: number[] = [];
  let average = 0;
  for (let t = 0; t < values.length; t++) {
    average = b * average + (1 - b) * values[t];
    out.push(average / (1 - b ** (t + 1)));
  }
  return out;
}
