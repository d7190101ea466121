import { makeOptimizer, type Optimizer, weightDecayTransforms } from "./optimizer";
import { coupledWeightDecayOptions, optimizerOptions } from "./options";
import { zeros } from "./state";
import { boolean, decayRate, nonNegative, learningRate, type OptionsOf, type ResolvedOf } from "../core/schema";
import { type Arena, ruleKernel } from "../kernels/arena";
import { checkKernelChoice, ruleArena } from "../kernels/choice";
import { rmspropWasm } from "../kernels/rmsprop.wasm";
import { movingAverage, movingAverageOfSquares } from "./moments";

const rmspropKernel = ruleKernel(rmspropWasm);

const rmspropSchema = optimizerOptions({
  /** Learning rate η or a schedule (default 0.01). */
  lr: learningRate(0.01),
  /** Decay α of the squared-gradient average, in [0, 1) (default 0.99). */
  alpha: decayRate(0.99),
  /** ε (default 1e-8). */
  eps: nonNegative(1e-8),
  ...coupledWeightDecayOptions,
  /** Momentum μ ≥ 0 (default 0). */
  momentum: nonNegative(0),
  /** Divide by an estimate of the variance instead of the raw second moment (default false). */
  centered: boolean(false),
  /** √(ṽ + ε) instead of √ṽ + ε (default false). */
  epsInsideSqrt: boolean(false),
  /** Put η inside the momentum buffer (default false). */
  lrInsideMomentum: boolean(false),
});

export type RmspropOptions = OptionsOf<typeof rmspropSchema>;

export interface RmspropState {
  /** Average of squared gradients v_t. */
  v: Float64Array;
  /** Average of gradients ḡ_t (empty unless centered). */
  gAvg: Float64Array;
  /** Momentum buffer b_t (empty when μ = 0). */
  b: Float64Array;
}

export type RmspropOptimizer = Optimizer<RmspropState, ResolvedOf<typeof rmspropSchema>>;

/** One step's scalars of `rmspropUpdate` (see `rmsprop`). */
export interface RmspropStep {
  alpha: number;
  /** ε under the root (`epsInsideSqrt`) or 0. */
  epsIn: number;
  /** ε after the root, or 0. */
  epsOut: number;
  lr: number;
  momentum: number;
  /** η where it scales the buffer's increment (`lrInsideMomentum`), else 1. */
  inner: number;
  /** η where it scales the step taken from the buffer, else 1. */
  outer: number;
  centered: boolean;
  useMomentum: boolean;
}

/**
 * RMSprop's update of every coordinate, the rule as it runs: in JavaScript, or (option `kernel`) as the
 * WebAssembly SIMD kernel src/kernels/rmsprop.wat that scripts/gen-rule-kernels.mjs generates from this loop.
 */
export function rmspropUpdate(
  params: Float64Array,
  grads: Float64Array,
  { v, gAvg, b }: RmspropState,
  { alpha, epsIn, epsOut, lr, momentum, inner, outer, centered, useMomentum }: RmspropStep,
): void {
  for (let i = 0; i < params.length; i++) {
    const g = grads[i];
    const vi = movingAverageOfSquares(alpha, v[i], g);
    v[i] = vi;
    let vTilde = vi;
    if (centered) {
      const a = movingAverage(alpha, gAvg[i], g);
      gAvg[i] = a;
      // v − a² ≥ 0 in exact arithmetic (a variance); rounding can take it just below 0, whose root is NaN.
      vTilde = Math.max(vi - a * a, 0);
    }
    const scaled = g / (Math.sqrt(vTilde + epsIn) + epsOut);
    if (useMomentum) {
      const bi = momentum * b[i] + inner * scaled;
      b[i] = bi;
      params[i] -= outer * bi;
    } else {
      params[i] -= lr * scaled;
    }
  }
}

/**
 * RMSprop, PyTorch's `torch.optim.RMSprop`.
 *
 *   g     ← ∇f(θ_{t−1}) + λ θ_{t−1}                 (weightDecay λ: coupled L2)
 *   s_t   ← ρ s_{t−1} + (1 − ρ) g²            (ρ is the option `alpha`, PyTorch's name)
 *   s̃_t   ← s_t,  or with `centered`:  ḡ_t ← ρ ḡ_{t−1} + (1 − ρ) g,  s̃_t ← max(s_t − ḡ_t², 0)
 *   β > 0:  b_t ← β b_{t−1} + g / (√s̃_t + ε)      (β is the option `momentum`),   θ_t ← θ_{t−1} − η b_t
 *   β = 0:  θ_t ← θ_{t−1} − η g / (√s̃_t + ε)
 *
 * RMSprop is not a momentum method: s is an average of squared gradients that rescales each
 * coordinate (momentum is an optional extra). Source: Hinton, Coursera "Neural Networks for Machine
 * Learning", lecture 6e (2012); Graves (2013) for the centered form; torch.optim.RMSprop docs.
 *
 * Conventions (see `conventions`):
 * - `epsInsideSqrt` (default false, PyTorch): when true the denominator is √(ṽ_t + ε) (TF.js, Keras).
 * - `lrInsideMomentum` (default false, PyTorch): when true b_t ← β b_{t−1} + η g / (…), θ_t ← θ_{t−1} − b_t
 *   (TF.js, Keras); equal while η is constant.
 * - ρ (`alpha`): PyTorch 0.99, TF.js `decay` 0.9, Keras `rho` 0.9; ε: PyTorch 1e-8, TF.js/Keras 1e-7.
 * - TF.js's centered form computes √(ṽ_t − ε) (it subtracts ε under the root), which is NaN once
 *   ṽ_t < ε; ours adds it. Keras adds it as ours does.
 *
 * The rule's loop is `rmspropUpdate` in this file; from 16 parameters on it runs as the WebAssembly SIMD kernel
 * generated from it (src/kernels/rmsprop.wat): bit-identical (test/unit/kernels.test.ts) and faster
 * (BENCHMARKS.md). The option `kernel` chooses: "auto" (default), "js" (the loop) or "wasm" (the kernel).
 *
 * Defaults: lr 0.01, alpha 0.99, eps 1e-8, weightDecay 0, momentum 0, centered false, epsInsideSqrt false,
 *   lrInsideMomentum false, recordUpdate false, kernel "auto".
 */
export function rmsprop(options: RmspropOptions = {}): RmspropOptimizer {
  const name = "rmsprop";
  const resolved = rmspropSchema.read(name, options);
  const { alpha, eps, weightDecay, momentum, centered, epsInsideSqrt, lrInsideMomentum, kernel: kernelChoice } = resolved;
  const epsIn = epsInsideSqrt ? eps : 0;
  const epsOut = epsInsideSqrt ? 0 : eps;
  checkKernelChoice(name, rmspropKernel, kernelChoice);
  return makeOptimizer({
    name,
    options: resolved,
    transforms: weightDecayTransforms(weightDecay, false),
    rule: () => {
      let kernel: Arena<"v" | "gAvg" | "b", RmspropStep> | undefined;
      return {
        init(n) {
          kernel = ruleArena(name, rmspropKernel, { v: true, gAvg: centered, b: momentum > 0 }, n, kernelChoice);
          if (kernel) return { v: kernel.view("v"), gAvg: kernel.view("gAvg"), b: kernel.view("b") };
          return { v: zeros(n), gAvg: zeros(centered ? n : 0), b: zeros(momentum > 0 ? n : 0) };
        },
        apply(params, grads, state, lr, _t) {
          const inner = lrInsideMomentum ? lr : 1;
          const outer = lrInsideMomentum ? 1 : lr;
          const step: RmspropStep = { alpha, epsIn, epsOut, lr, momentum, inner, outer, centered, useMomentum: momentum > 0 };
          if (kernel) kernel.run(params, grads, step);
          else rmspropUpdate(params, grads, state, step);
        },
        bound(g, _p, lr, _t, _state, now, next) {
          // v (centered: max(v − a², 0)) is ≥ 0, so the denominator is at least √ε_in + ε_out.
          const least = Math.sqrt(epsIn) + epsOut;
          next.v = Math.max(now.v, g * g);
          next.gAvg = Math.max(now.gAvg, g);
          const scaled = g / least; // least = 0: Infinity or NaN, so checked
          const reached = Math.max(next.v + epsIn, next.gAvg * next.gAvg, scaled);
          if (momentum === 0) return Math.max(reached, lr * scaled);
          next.b = momentum * now.b + (lrInsideMomentum ? lr : 1) * scaled;
          return Math.max(reached, next.b, (lrInsideMomentum ? 1 : lr) * next.b);
        },
      };
    },
  });
}
