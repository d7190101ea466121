import { makeOptimizer, type Optimizer, weightDecayTransforms } from "./optimizer";
import { optimizerOptions } from "./options";
import { zeros } from "./state";
import { fraction, nonNegative, learningRate, type OptionsOf, type ResolvedOf } from "../core/schema";
import { arena, type Arena, lazyModule } from "../kernels/arena";
import { adadeltaWasm } from "../kernels/adadelta.wasm";

const adadeltaModule = lazyModule(adadeltaWasm);

const adadeltaSchema = optimizerOptions({
  /** Multiplier γ on the update, or a schedule (default 1). */
  lr: learningRate(1),
  /** Decay ρ of both averages, in [0, 1] (default 0.9). */
  rho: fraction(0.9),
  /** ε (default 1e-6). */
  eps: nonNegative(1e-6),
  /** Coupled L2 weight decay λ (default 0). */
  weightDecay: nonNegative(0),
});

export type AdadeltaOptions = OptionsOf<typeof adadeltaSchema>;

export interface AdadeltaState {
  /** Average of squared gradients v_t. */
  v: Float64Array;
  /** Average of squared updates u_t. */
  u: Float64Array;
}

export type AdadeltaOptimizer = Optimizer<AdadeltaState, ResolvedOf<typeof adadeltaSchema>>;

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
 * From 16 parameters on, the rule's loop in this file runs as src/kernels/adadelta.wat: the same operations in WebAssembly
 * SIMD, bit-identical (test/unit/kernels.test.ts), and faster (BENCHMARKS.md).
 *
 * Defaults: lr 1, rho 0.9, eps 1e-6, weightDecay 0, recordUpdate false.
 */
export function adadelta(options: AdadeltaOptions = {}): AdadeltaOptimizer {
  const name = "adadelta";
  const resolved = adadeltaSchema.read(name, options);
  const { rho, eps, weightDecay } = resolved;
  return makeOptimizer({
    name,
    options: resolved,
    transforms: weightDecayTransforms(weightDecay, false),
    rule: () => {
      let kernel: Arena<"v" | "u"> | undefined;
      return {
        init(n) {
          kernel = arena(adadeltaModule, { v: true, u: true }, n);
          return kernel ? { v: kernel.view("v"), u: kernel.view("u") } : { v: zeros(n), u: zeros(n) };
        },
        apply(params, grads, { v, u }, lr, _t) {
          if (kernel) return kernel.run(params, grads, rho, eps, lr);
          for (let i = 0; i < params.length; i++) {
            const g = grads[i];
            const vi = rho * v[i] + (1 - rho) * g * g;
            v[i] = vi;
            const delta = (Math.sqrt(u[i] + eps) / Math.sqrt(vi + eps)) * g;
            u[i] = rho * u[i] + (1 - rho) * delta * delta;
            params[i] -= lr * delta;
          }
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
