import { makeOptimizer, type Optimizer, weightDecayTransforms } from "./optimizer";
import { optimizerOptions } from "./options";
import { biasCorrection, zeros } from "./state";
import { boolean, decayRate, nonNegative, learningRate, type OptionsOf, type ResolvedOf } from "../core/schema";
import { arena, type Arena, lazyModule } from "../kernels/arena";
import { adamaxWasm } from "../kernels/adamax.wasm";

const adamaxModule = lazyModule(adamaxWasm);

const adamaxSchema = optimizerOptions({
  /** Learning rate γ or a schedule (default 2e-3). */
  lr: learningRate(2e-3),
  /** Decay β₁ of the first moment, in [0, 1) (default 0.9). */
  beta1: decayRate(0.9),
  /** Decay β₂ of the infinity norm, in [0, 1) (default 0.999). */
  beta2: decayRate(0.999),
  /** ε (default 1e-8). */
  eps: nonNegative(1e-8),
  /** Coupled L2 weight decay λ (default 0). */
  weightDecay: nonNegative(0),
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
 * From 16 parameters on, the rule's loop in this file runs as src/kernels/adamax.wat: the same operations in WebAssembly
 * SIMD, bit-identical (test/unit/kernels.test.ts), and faster (BENCHMARKS.md).
 *
 * Defaults: lr 0.002, beta1 0.9, beta2 0.999, eps 1e-8, weightDecay 0, epsInsideMax true, recordUpdate false.
 */
export function adamax(options: AdamaxOptions = {}): AdamaxOptimizer {
  const name = "adamax";
  const resolved = adamaxSchema.read(name, options);
  const { beta1, beta2, eps, weightDecay, epsInsideMax } = resolved;
  const epsInMax = epsInsideMax ? eps : 0;
  const epsInDenominator = epsInsideMax ? 0 : eps;
  return makeOptimizer({
    name,
    options: resolved,
    transforms: weightDecayTransforms(weightDecay, false),
    rule: () => {
      let kernel: Arena<"m" | "u"> | undefined;
      return {
        init(n) {
          kernel = arena(adamaxModule, { m: true, u: true }, n);
          return kernel ? { m: kernel.view("m"), u: kernel.view("u") } : { m: zeros(n), u: zeros(n) };
        },
        apply(params, grads, { m, u }, lr, t) {
          const stepSize = lr / biasCorrection(beta1, t);
          if (kernel) return kernel.run(params, grads, beta1, beta2, stepSize, epsInMax, epsInDenominator);
          for (let i = 0; i < params.length; i++) {
            const g = grads[i];
            const mi = beta1 * m[i] + (1 - beta1) * g;
            const ui = Math.max(beta2 * u[i], Math.abs(g) + epsInMax);
            m[i] = mi;
            u[i] = ui;
            params[i] -= (stepSize * mi) / (ui + epsInDenominator);
          }
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
