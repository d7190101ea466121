import type { Optimizer } from "./optimizer";
import { type BetaMomentumOptions, betaMomentumOptimizer } from "./betaMomentum";
import { zeros } from "./state";
import { type Arena, ruleKernel } from "../kernels/arena";
import { ruleArena } from "../kernels/choice";
import { emaMomentumWasm } from "../kernels/emaMomentum.wasm";
import { movingAverage } from "./moments";

const emaMomentumKernel = ruleKernel(emaMomentumWasm);

export type EmaMomentumOptions = BetaMomentumOptions;

export interface EmaMomentumState {
  /** The moving average of gradients v_t. */
  v: Float64Array;
}

export type EmaMomentumOptimizer = Optimizer<EmaMomentumState, Required<EmaMomentumOptions>>;

/** One step's scalars of `emaMomentumUpdate`. */
export interface EmaMomentumStep {
  beta: number;
  lr: number;
}

/**
 * EMA momentum's update of every coordinate, the rule as it runs: in JavaScript, or (option `kernel`) as the
 * WebAssembly SIMD kernel src/kernels/emaMomentum.wat that scripts/gen-rule-kernels.mjs generates from this loop.
 */
export function emaMomentumUpdate(params: Float64Array, grads: Float64Array, { v }: EmaMomentumState, { beta, lr }: EmaMomentumStep): void {
  for (let i = 0; i < params.length; i++) {
    const vi = movingAverage(beta, v[i], grads[i]);
    v[i] = vi;
    params[i] -= lr * vi;
  }
}

/**
 * Momentum as an exponential moving average of gradients (000 §3.2):
 *
 *   b_t ← β b_{t−1} + (1 − β) g,   b_0 = 0
 *   θ_t ← θ_{t−1} − η b_t
 *
 * The (1 − β) factor keeps b on the scale of a gradient, so η means the same as in plain gradient
 * descent; PyTorch's SGD momentum (b ← βb + g) has no such factor and moves 1/(1 − β) times farther at
 * the same rate. This is `sgd({ momentum: β, dampening: β, dampenFirstStep: true })`.
 * Source: Ng, deeplearning.ai "Gradient descent with momentum" (2017); 000 §3.2.
 *
 * The rule's loop is `emaMomentumUpdate` in this file; from 16 parameters on it runs as the WebAssembly SIMD kernel
 * generated from it (src/kernels/emaMomentum.wat), bit-identical (test/unit/kernels.test.ts). The option
 * `kernel` chooses: "auto" (default), "js" (the loop) or "wasm" (the kernel).
 *
 * Defaults: lr (required), beta 0.9, recordUpdate false, kernel "auto".
 */
export function emaMomentum(options: EmaMomentumOptions): EmaMomentumOptimizer {
  const name = "emaMomentum";
  return betaMomentumOptimizer(name, options, emaMomentumKernel, (beta, choice) => {
    let kernel: Arena<"v", EmaMomentumStep> | undefined;
    return {
      init(n) {
        kernel = ruleArena(name, emaMomentumKernel, { v: true }, n, choice);
        return { v: kernel ? kernel.view("v") : zeros(n) };
      },
      apply(params, grads, state, lr, _t) {
        if (kernel) kernel.run(params, grads, { beta, lr });
        else emaMomentumUpdate(params, grads, state, { beta, lr });
      },
      bound(g, _p, lr, _t, _state, now, next) {
        next.v = Math.max(now.v, g);
        return lr * next.v;
      },
    };
  });
}
