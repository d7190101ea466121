import { makeOptimizer, type Optimizer, weightDecayTransforms } from "./optimizer";
import { coupledWeightDecayOptions, optimizerOptions } from "./options";
import { filled } from "./state";
import { boolean, nonNegative, learningRate, type OptionsOf, type ResolvedOf } from "../core/schema";
import { type Arena, ruleKernel } from "../kernels/arena";
import { checkKernelChoice, ruleArena } from "../kernels/choice";
import { adagradWasm } from "../kernels/adagrad.wasm";

const adagradKernel = ruleKernel(adagradWasm);

const adagradSchema = optimizerOptions({
  /** Learning rate η or a schedule (default 0.01). */
  lr: learningRate(0.01),
  /** δ in η / (1 + (t − 1)δ) (default 0). */
  lrDecay: nonNegative(0),
  ...coupledWeightDecayOptions,
  /** s_0, the accumulator's starting value (default 0; TF.js and Keras use 0.1). */
  initialAccumulatorValue: nonNegative(0),
  /** ε (default 1e-10). */
  eps: nonNegative(1e-10),
  /** √(s + ε) instead of √s + ε (default false). */
  epsInsideSqrt: boolean(false),
});

export type AdagradOptions = OptionsOf<typeof adagradSchema>;

export interface AdagradState {
  /** The running sum of squared gradients s_t. */
  sum: Float64Array;
}

export type AdagradOptimizer = Optimizer<AdagradState, ResolvedOf<typeof adagradSchema>>;

/** One step's scalars of `adagradUpdate` (see `adagrad`). */
export interface AdagradStep {
  /** η̃ = η / (1 + (t − 1) δ). */
  clr: number;
  /** ε under the root (`epsInsideSqrt`) or 0. */
  epsIn: number;
  /** ε after the root, or 0. */
  epsOut: number;
}

/**
 * Adagrad's update of every coordinate, the rule as it runs: in JavaScript, or (option `kernel`) as the
 * WebAssembly SIMD kernel src/kernels/adagrad.wat that scripts/gen-rule-kernels.mjs generates from this loop.
 */
export function adagradUpdate(params: Float64Array, grads: Float64Array, { sum }: AdagradState, { clr, epsIn, epsOut }: AdagradStep): void {
  for (let i = 0; i < params.length; i++) {
    const g = grads[i];
    const s = sum[i] + g * g;
    sum[i] = s;
    params[i] -= (clr * g) / (Math.sqrt(s + epsIn) + epsOut);
  }
}

/**
 * Adagrad, PyTorch's `torch.optim.Adagrad`.
 *
 *   g     ← ∇f(θ_{t−1}) + λ θ_{t−1}                 (weightDecay λ: coupled L2)
 *   η̃     ← η / (1 + (t − 1) δ)                      (lrDecay δ)
 *   s_t   ← s_{t−1} + g²,   s_0 = initialAccumulatorValue
 *   θ_t   ← θ_{t−1} − η̃ g / (√s_t + ε)
 *
 * The accumulator is a running sum, not an average, so the effective step η̃/√s_t only shrinks.
 * Source: Duchi, Hazan & Singer, "Adaptive Subgradient Methods" (JMLR 2011); torch.optim.Adagrad docs.
 *
 * Conventions (see `conventions`):
 * - `epsInsideSqrt` (default false, PyTorch): when true the denominator is √(s_t + ε) (TF.js, Keras).
 * - `initialAccumulatorValue`: PyTorch 0, TF.js and Keras 0.1; ε: PyTorch 1e-10, TF.js/Keras 1e-7.
 * TF.js has no lrDecay.
 *
 * The rule's loop is `adagradUpdate` in this file; from 16 parameters on it runs as the WebAssembly SIMD kernel
 * generated from it (src/kernels/adagrad.wat): bit-identical (test/unit/kernels.test.ts) and faster
 * (BENCHMARKS.md). The option `kernel` chooses: "auto" (default), "js" (the loop) or "wasm" (the kernel).
 *
 * Defaults: lr 0.01, lrDecay 0, weightDecay 0, initialAccumulatorValue 0, eps 1e-10, epsInsideSqrt false,
 *   recordUpdate false, kernel "auto".
 */
export function adagrad(options: AdagradOptions = {}): AdagradOptimizer {
  const name = "adagrad";
  const resolved = adagradSchema.read(name, options);
  const { lrDecay, weightDecay, initialAccumulatorValue, eps, epsInsideSqrt, kernel: kernelChoice } = resolved;
  const epsIn = epsInsideSqrt ? eps : 0;
  const epsOut = epsInsideSqrt ? 0 : eps;
  checkKernelChoice(name, adagradKernel, kernelChoice);
  return makeOptimizer({
    name,
    options: resolved,
    transforms: weightDecayTransforms(weightDecay, false),
    rule: () => {
      let kernel: Arena<"sum", AdagradStep> | undefined;
      return {
        init(n) {
          kernel = ruleArena(name, adagradKernel, { sum: true }, n, kernelChoice);
          return { sum: kernel ? kernel.view("sum").fill(initialAccumulatorValue) : filled(n, initialAccumulatorValue) };
        },
        apply(params, grads, state, lr, t) {
          const step: AdagradStep = { clr: lr / (1 + (t - 1) * lrDecay), epsIn, epsOut };
          if (kernel) kernel.run(params, grads, step);
          else adagradUpdate(params, grads, state, step);
        },
        bound(g, _p, lr, t, _state, now, next) {
          // The sum only grows from its initial value, so the denominator is at least √(s₀ + ε_in) + ε_out.
          const clr = lr / (1 + (t - 1) * lrDecay);
          const least = Math.sqrt(initialAccumulatorValue + epsIn) + epsOut;
          next.sum = Math.max(now.sum, initialAccumulatorValue) + g * g;
          return Math.max(next.sum + epsIn, clr * g, (clr * g) / least); // least = 0: Infinity or NaN, so checked
        },
      };
    },
  });
}
