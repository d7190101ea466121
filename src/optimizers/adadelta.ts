import { makeOptimizer, type Optimizer, weightDecayTransforms } from "./optimizer";
import { coupledWeightDecayOptions, optimizerOptions } from "./options";
import { zeros } from "./state";
import { fraction, nonNegative, learningRate, type OptionsOf, type ResolvedOf } from "../core/schema";
import { type Arena, ruleKernel } from "../kernels/arena";
import { checkKernelChoice, ruleArena } from "../kernels/choice";
import { adadeltaWasm } from "../kernels/adadelta.wasm";
import { movingAverageOfSquares } from "./moments";

const adadeltaKernel = ruleKernel(adadeltaWasm);

const adadeltaSchema = optimizerOptions({
  /** Multiplier η on the update, or a schedule (default 1). */
  lr: learningRate(1),
  /** Decay ρ of both averages, in [0, 1] (default 0.9). */
  rho: fraction(0.9),
  /** ε (default 1e-6). */
  eps: nonNegative(1e-6),
  ...coupledWeightDecayOptions,
});

export type AdadeltaOptions = OptionsOf<typeof adadeltaSchema>;

export interface AdadeltaState {
  /** Average of squared gradients v_t. */
  v: Float64Array;
  /** Average of squared updates u_t. */
  u: Float64Array;
}

export type AdadeltaOptimizer = Optimizer<AdadeltaState, ResolvedOf<typeof adadeltaSchema>>;

/** One step's scalars of `adadeltaUpdate` (see `adadelta`). */
export interface AdadeltaStep {
  rho: number;
  eps: number;
  lr: number;
}

/**
 * Adadelta's update of every coordinate, the rule as it runs: in JavaScript, or (option `kernel`) as the
 * WebAssembly SIMD kernel src/kernels/adadelta.wat that scripts/gen-rule-kernels.mjs generates from this loop.
 */
export function adadeltaUpdate(params: Float64Array, grads: Float64Array, { v, u }: AdadeltaState, { rho, eps, lr }: AdadeltaStep): void {
  for (let i = 0; i < params.length; i++) {
    const g = grads[i];
    const vi = movingAverageOfSquares(rho, v[i], g);
    v[i] = vi;
    const delta = (Math.sqrt(u[i] + eps) / Math.sqrt(vi + eps)) * g;
    u[i] = movingAverageOfSquares(rho, u[i], delta);
    params[i] -= lr * delta;
  }
}

/**
 * Adadelta, PyTorch's `torch.optim.Adadelta`.
 *
 *   g    ← ∇f(θ_{t−1}) + λ θ_{t−1}                  (weightDecay λ: coupled L2)
 *   s_t  ← ρ s_{t−1} + (1 − ρ) g²
 *   Δ_t  ← √(u_{t−1} + ε) / √(s_t + ε) · g
 *   u_t  ← ρ u_{t−1} + (1 − ρ) Δ_t²
 *   θ_t  ← θ_{t−1} − η Δ_t
 *
 * The ratio of RMS(past updates) to RMS(gradients) carries the units of θ, so the method needs no
 * learning rate: η = 1 is Zeiler's algorithm; PyTorch keeps η as an extra multiplier.
 * Source: Zeiler, "ADADELTA: An Adaptive Learning Rate Method" (2012), Algorithm 1; torch docs.
 *
 * Conventions (see `conventions`): Keras has the same rule (η 0.001, ρ 0.95, ε 1e-7 by default).
 * TF.js's `tf.train.adadelta` divides by √(v_{t−1} + ε), the average before this gradient is added;
 * then u and v hold the same values at every step, the ratio is 1 and it is plain SGD with rate η.
 * Not offered here.
 *
 * The rule's loop is `adadeltaUpdate` in this file; from 16 parameters on it runs as the WebAssembly SIMD kernel
 * generated from it (src/kernels/adadelta.wat): bit-identical (test/unit/kernels.test.ts) and faster
 * (BENCHMARKS.md). The option `kernel` chooses: "auto" (default), "js" (the loop) or "wasm" (the kernel).
 *
 * Defaults: lr 1, rho 0.9, eps 1e-6, weightDecay 0, recordUpdate false, kernel "auto".
 */
export function adadelta(options: AdadeltaOptions = {}): AdadeltaOptimizer {
  const name = "adadelta";
  const resolved = adadeltaSchema.read(name, options);
  const { rho, eps, weightDecay, kernel: kernelChoice } = resolved;
  checkKernelChoice(name, adadeltaKernel, kernelChoice);
  return makeOptimizer({
    name,
    options: resolved,
    transforms: weightDecayTransforms(weightDecay, false),
    rule: () => {
      let kernel: Arena<"v" | "u", AdadeltaStep> | undefined;
      return {
        init(n) {
          kernel = ruleArena(name, adadeltaKernel, { v: true, u: true }, n, kernelChoice);
          return kernel ? { v: kernel.view("v"), u: kernel.view("u") } : { v: zeros(n), u: zeros(n) };
        },
        apply(params, grads, state, lr, _t) {
          const step: AdadeltaStep = { rho, eps, lr };
          if (kernel) kernel.run(params, grads, step);
          else adadeltaUpdate(params, grads, state, step);
        },
        bound(g, _p, lr, _t, _state, now, next) {
          // |Δx| = √(u + ε)/√(v + ε)·|g| ≤ √(u + ε)/√ε·|g|; v and u are averages (of g² and Δx²).
          next.v = Math.max(now.v, g * g);
          const delta = (Math.sqrt(now.u + eps) / Math.sqrt(eps)) * g; // ε = 0: Infinity or NaN, so checked
          next.u = Math.max(now.u, delta * delta);
          return Math.max(next.v + eps, next.u + eps, lr * delta);
        },
      };
    },
  });
}
