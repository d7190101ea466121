import { makeOptimizer, type Optimizer, weightDecayTransforms } from "./optimizer";
import { coupledWeightDecayOptions, optimizerOptions } from "./options";
import { biasCorrection, zeros } from "./state";
import { boolean, decayRate, nonNegative, learningRate, type OptionsOf, type ResolvedOf } from "../core/schema";
import { type Arena, ruleKernel } from "../kernels/arena";
import { checkKernelChoice, ruleArena } from "../kernels/choice";
import { adamaxWasm } from "../kernels/adamax.wasm";
import { movingAverage } from "./moments";
import { firstMomentOptions } from "./momentOptions";

const adamaxKernel = ruleKernel(adamaxWasm);

const adamaxSchema = optimizerOptions({
  /** Learning rate η or a schedule (default 2e-3). */
  lr: learningRate(2e-3),
  ...firstMomentOptions,
  /** Decay β₂ of the infinity norm, in [0, 1) (default 0.999). */
  beta2: decayRate(0.999),
  /** ε (default 1e-8). */
  eps: nonNegative(1e-8),
  ...coupledWeightDecayOptions,
  /** ε inside the max (PyTorch, default true) or added to the denominator (TF.js, Keras). */
  epsInsideMax: boolean(true),
});

export type AdamaxOptions = OptionsOf<typeof adamaxSchema>;

export interface AdamaxState {
  /** First moment m_t. */
  m: Float64Array;
  /** Exponentially weighted infinity norm u_t. */
  u: Float64Array;
}

export type AdamaxOptimizer = Optimizer<AdamaxState, ResolvedOf<typeof adamaxSchema>>;

/** One step's scalars of `adamaxUpdate` (see `adamax`). */
export interface AdamaxStep {
  beta1: number;
  beta2: number;
  /** η / (1 − β₁ᵗ). */
  stepSize: number;
  /** ε inside the max, or 0. */
  epsInMax: number;
  /** ε in the denominator, or 0. */
  epsInDenominator: number;
}

/**
 * Adamax's update of every coordinate, the rule as it runs: in JavaScript, or (option `kernel`) as the
 * WebAssembly SIMD kernel src/kernels/adamax.wat that scripts/gen-rule-kernels.mjs generates from this loop.
 */
export function adamaxUpdate(
  params: Float64Array,
  grads: Float64Array,
  { m, u }: AdamaxState,
  { beta1, beta2, stepSize, epsInMax, epsInDenominator }: AdamaxStep,
): void {
  for (let i = 0; i < params.length; i++) {
    const g = grads[i];
    const mi = movingAverage(beta1, m[i], g);
    const ui = Math.max(beta2 * u[i], Math.abs(g) + epsInMax);
    m[i] = mi;
    u[i] = ui;
    params[i] -= (stepSize * mi) / (ui + epsInDenominator);
  }
}

/**
 * Adamax, PyTorch's `torch.optim.Adamax`: Adam with the infinity norm in place of the second moment.
 *
 *   g   ← ∇f(θ_{t−1}) + λ θ_{t−1}                   (weightDecay λ: coupled L2)
 *   m_t ← β₁ m_{t−1} + (1 − β₁) g
 *   u_t ← max(β₂ u_{t−1}, |g| + ε)
 *   θ_t ← θ_{t−1} − η / (1 − β₁ᵗ) · m_t / u_t
 *
 * u needs no bias correction: a max of decayed values is not biased toward its zero start.
 * Source: Kingma & Ba (ICLR 2015), §7.1, Algorithm 2; torch.optim.Adamax docs.
 *
 * Conventions (see `conventions`):
 * - `epsInsideMax` (default true, PyTorch): ε is added to |g| inside the max. False puts it in the
 *   denominator instead, u_t ← max(β₂ u_{t−1}, |g|), θ_t ← θ_{t−1} − η/(1 − β₁ᵗ) · m_t/(u_t + ε), as
 *   TF.js and Keras do (and ε 1e-7 there). TF.js's extra `decay` is inverseTimeDecay as a schedule.
 *
 * The rule's loop is `adamaxUpdate` in this file; from 16 parameters on it runs as the WebAssembly SIMD kernel
 * generated from it (src/kernels/adamax.wat): bit-identical (test/unit/kernels.test.ts) and faster
 * (BENCHMARKS.md). The option `kernel` chooses: "auto" (default), "js" (the loop) or "wasm" (the kernel).
 *
 * Defaults: lr 0.002, beta1 0.9, beta2 0.999, eps 1e-8, weightDecay 0, epsInsideMax true, recordUpdate false,
 *   kernel "auto".
 */
export function adamax(options: AdamaxOptions = {}): AdamaxOptimizer {
  const name = "adamax";
  const resolved = adamaxSchema.read(name, options);
  const { beta1, beta2, eps, weightDecay, epsInsideMax, kernel: kernelChoice } = resolved;
  const epsInMax = epsInsideMax ? eps : 0;
  const epsInDenominator = epsInsideMax ? 0 : eps;
  checkKernelChoice(name, adamaxKernel, kernelChoice);
  return makeOptimizer({
    name,
    options: resolved,
    transforms: weightDecayTransforms(weightDecay, false),
    rule: () => {
      let kernel: Arena<"m" | "u", AdamaxStep> | undefined;
      return {
        init(n) {
          kernel = ruleArena(name, adamaxKernel, { m: true, u: true }, n, kernelChoice);
          return kernel ? { m: kernel.view("m"), u: kernel.view("u") } : { m: zeros(n), u: zeros(n) };
        },
        apply(params, grads, state, lr, t) {
          const step: AdamaxStep = { beta1, beta2, stepSize: lr / biasCorrection(beta1, t), epsInMax, epsInDenominator };
          if (kernel) kernel.run(params, grads, step);
          else adamaxUpdate(params, grads, state, step);
        },
        bound(g, _p, lr, t, _state, now, next) {
          // u ≥ |g| + ε_in, so the denominator is at least ε_in + ε_out.
          next.m = Math.max(now.m, g);
          next.u = Math.max(now.u, g + epsInMax);
          const numerator = (lr / biasCorrection(beta1, t)) * next.m;
          return Math.max(next.u, numerator, numerator / (epsInMax + epsInDenominator)); // ε = 0: Infinity or NaN, so checked
        },
      };
    },
  });
}
