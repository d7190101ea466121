import type { Optimizer } from "./optimizer";
import { type BetaMomentumOptions, betaMomentumOptimizer } from "./betaMomentum";
import { zeros } from "./state";
import { type Arena, ruleKernel } from "../kernels/arena";
import { ruleArena } from "../kernels/choice";
import { nesterovWasm } from "../kernels/nesterov.wasm";

const nesterovKernel = ruleKernel(nesterovWasm);
import { describe } from "../core/checks";

export type NesterovOptions = BetaMomentumOptions;

export interface NesterovState {
  /** Velocity v_t (the last displacement θ_t − θ_{t−1}). */
  v: Float64Array;
}

/** One step's scalars of `nesterovUpdate`. */
export interface NesterovStep {
  beta: number;
  lr: number;
}

/**
 * Nesterov's update of every coordinate, the rule as it runs: in JavaScript, or (option `kernel`) as the
 * WebAssembly SIMD kernel src/kernels/nesterov.wat that scripts/gen-rule-kernels.mjs generates from this loop.
 */
export function nesterovUpdate(params: Float64Array, grads: Float64Array, { v }: NesterovState, { beta, lr }: NesterovStep): void {
  for (let i = 0; i < params.length; i++) {
    const vi = beta * v[i] - lr * grads[i];
    v[i] = vi;
    params[i] += vi;
  }
}

export interface NesterovOptimizer extends Optimizer<NesterovState, Required<NesterovOptions>> {
  /** θ + βv: where to evaluate the gradient for the next `step` (writes into `out` when given). */
  lookAhead(params: Float64Array, out?: Float64Array): Float64Array;
}

/**
 * Nesterov's accelerated gradient in its look-ahead form:
 *
 *   b_{t+1} ← β b_t − η ∇f(θ_t + β b_t)
 *   θ_{t+1} ← θ_t + b_{t+1}
 *
 * The gradient is taken at the look-ahead point θ_t + β b_t, where momentum alone would carry the
 * iterate: call `lookAhead(params)`, evaluate the gradient there, and pass it to `step`.
 * Substituting φ = θ + βb gives PyTorch's form (`sgd({ nesterov: true })`), whose parameters are the
 * look-ahead points: the two produce the same sequence φ_t at constant η.
 * Sources: Nesterov (1983); Sutskever, Martens, Dahl & Hinton, "On the importance of initialization
 * and momentum in deep learning" (ICML 2013), eq. 3–4.
 *
 * The rule's loop is `nesterovUpdate` in this file; from 16 parameters on it runs as the WebAssembly SIMD
 * kernel generated from it (src/kernels/nesterov.wat), bit-identical (test/unit/kernels.test.ts). The
 * option `kernel` chooses: "auto" (default), "js" (the loop) or "wasm" (the kernel).
 *
 * Defaults: lr (required), beta 0.9, recordUpdate false, kernel "auto".
 */
export function nesterov(options: NesterovOptions): NesterovOptimizer {
  const name = "nesterov";
  return betaMomentumOptimizer(
    name,
    options,
    nesterovKernel,
    (beta, choice) => {
      let kernel: Arena<"v", NesterovStep> | undefined;
      return {
        init(n) {
          kernel = ruleArena(name, nesterovKernel, { v: true }, n, choice);
          return { v: kernel ? kernel.view("v") : zeros(n) };
        },
        apply(params, grads, state, lr, _t) {
          if (kernel) kernel.run(params, grads, { beta, lr });
          else nesterovUpdate(params, grads, state, { beta, lr });
        },
        bound(g, _p, lr, _t, _state, now, next) {
          next.v = beta * now.v + lr * g;
          return next.v;
        },
      };
    },
    (state, beta) => ({
      lookAhead(params: Float64Array, out: Float64Array = new Float64Array(params.length)): Float64Array {
        if (!(params instanceof Float64Array)) throw new TypeError(`${name}: params must be a Float64Array, got ${describe(params)}`);
        if (out.length !== params.length) {
          throw new RangeError(`${name}: out has length ${out.length} but params has length ${params.length}`);
        }
        const v = state.v;
        if (state.t > 0 && v.length !== params.length) {
          throw new RangeError(`${name}: params has length ${params.length} but the state was sized for ${v.length}`);
        }
        for (let i = 0; i < params.length; i++) out[i] = params[i] + (state.t > 0 ? beta * v[i] : 0);
        return out;
      },
    }),
  );
}
