import { checkInteger, checkNumber } from "../data/checks";
import type { StepOptimizer } from "./optimizer";

/**
 * The step sizes |θ_t − θ_{t−1}|, t = 1..steps, of an optimizer fed the same gradient g at every step
 * (one parameter, from 0): how an adaptive method's effective learning rate evolves on its own, e.g.
 * Adagrad's η/√t, RMSprop's η, Adadelta's growing steps, Adam with and without bias correction.
 * @example stepSizesUnderConstantGradient(adagrad({ lr: 0.01 }), 10000)[9999]   // η/√10000
 */
export function stepSizesUnderConstantGradient(optimizer: StepOptimizer, steps: number, g = 1): number[] {
  checkInteger("steps", steps, 1);
  checkNumber("g", g);
  const p = Float64Array.of(0);
  const grad = Float64Array.of(g);
  const out: number[] = [];
  for (let t = 0; t < steps; t++) {
    const before = p[0];
    optimizer.step(p, grad);
    out.push(Math.abs(p[0] - before));
  }
  return out;
}
