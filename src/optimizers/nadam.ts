import { makeOptimizer, type Optimizer, weightDecayTransforms } from "./optimizer";
import { optimizerOptions } from "./options";
import { biasCorrection, zeros } from "./state";
import { boolean, decayRate, nonNegative, learningRate, type OptionsOf, type ResolvedOf } from "../core/schema";
import { arena, type Arena, lazyModule } from "../kernels/arena";
import { nadamWasm } from "../kernels/nadam.wasm";
import { pow } from "../math/portable";

const nadamModule = lazyModule(nadamWasm);

const nadamSchema = optimizerOptions({
  /** Learning rate γ or a schedule (default 2e-3). */
  lr: learningRate(2e-3),
  /** β₁, in [0, 1) (default 0.9). */
  beta1: decayRate(0.9),
  /** β₂, in [0, 1) (default 0.999). */
  beta2: decayRate(0.999),
  /** ε (default 1e-8). */
  eps: nonNegative(1e-8),
  /** Weight decay λ (default 0): coupled L2 unless `decoupledWeightDecay`. */
  weightDecay: nonNegative(0),
  /** ψ in Dozat's momentum schedule (default 4e-3). */
  momentumDecay: nonNegative(4e-3),
  /** Decay the weights directly, θ ← θ(1 − γλ) (default false). */
  decoupledWeightDecay: boolean(false),
});

export type NadamOptions = OptionsOf<typeof nadamSchema>;

export interface NadamState {
  m: Float64Array;
  v: Float64Array;
  /** ∏_{i=1}^{t} μ_i (1 before the first step). */
  muProduct: number;
}

export type NadamOptimizer = Optimizer<NadamState, ResolvedOf<typeof nadamSchema>>;

/**
 * NAdam, PyTorch's `torch.optim.NAdam`: Adam with Nesterov momentum and Dozat's momentum schedule.
 *
 *   g       ← ∇f(θ_{t−1}) + λ θ_{t−1}               (weightDecay λ: coupled L2 unless decoupled)
 *   β₁,t     ← β₁ (1 − ½ · 0.96^{tψ}),   β₁,t₊₁ ← β₁ (1 − ½ · 0.96^{(t+1)ψ})     (momentumDecay ψ; PyTorch calls β₁,t `mu_t`)
 *   m_t     ← β₁ m_{t−1} + (1 − β₁) g
 *   v_t     ← β₂ v_{t−1} + (1 − β₂) g²
 *   m̂_t     ← β₁,t₊₁ m_t / (1 − ∏_{i=1}^{t+1} β₁,i) + (1 − β₁,t) g / (1 − ∏_{i=1}^{t} β₁,i)
 *   v̂_t     ← v_t / (1 − β₂ᵗ)
 *   θ_t     ← θ_{t−1} − η m̂_t / (√v̂_t + ε)
 *
 * The product ∏ β₁,i is kept in the state (`muProduct`), as PyTorch keeps `mu_product`.
 * Source: Dozat, "Incorporating Nesterov Momentum into Adam" (ICLR 2016 workshop); torch.optim.NAdam
 * docs. Keras's Nadam follows Dozat's schedule without a configurable ψ (and ε 1e-7); TF.js has no NAdam.
 *
 * From 16 parameters on, the rule's loop in this file runs as src/kernels/nadam.wat: the same operations in WebAssembly
 * SIMD, bit-identical (test/unit/kernels.test.ts), and faster (BENCHMARKS.md).
 *
 * Defaults: lr 0.002, beta1 0.9, beta2 0.999, eps 1e-8, weightDecay 0, momentumDecay 0.004,
 *   decoupledWeightDecay false, recordUpdate false.
 */
export function nadam(options: NadamOptions = {}): NadamOptimizer {
  const name = "nadam";
  const resolved = nadamSchema.read(name, options);
  const { beta1, beta2, eps, weightDecay, momentumDecay, decoupledWeightDecay } = resolved;
  const muAt = (t: number) => beta1 * (1 - 0.5 * pow(0.96, t * momentumDecay));
  /** The step's coefficients of g and of m, given μ₁⋯μ_{t−1}; and μ₁⋯μ_t. Kept for the step's bound and update. */
  let last = { muProduct: NaN, lr: NaN, t: NaN, product: 1, grad: 0, moment: 0 };
  const coefficients = (muProduct: number, lr: number, t: number) => {
    if (muProduct === last.muProduct && lr === last.lr && t === last.t) return last;
    const mu = muAt(t);
    const muNext = muAt(t + 1);
    const product = muProduct * mu;
    last = { muProduct, lr, t, product, grad: (lr * (1 - mu)) / (1 - product), moment: (lr * muNext) / (1 - product * muNext) };
    return last;
  };
  return makeOptimizer({
    name,
    options: resolved,
    transforms: weightDecayTransforms(weightDecay, decoupledWeightDecay),
    rule: () => {
      let kernel: Arena<"m" | "v"> | undefined;
      return {
        init(n) {
          kernel = arena(nadamModule, { m: true, v: true }, n);
          return kernel ? { m: kernel.view("m"), v: kernel.view("v"), muProduct: 1 } : { m: zeros(n), v: zeros(n), muProduct: 1 };
        },
        apply(params, grads, state, lr, t) {
          const { m, v } = state;
          const { product, grad: gradCoefficient, moment: momentCoefficient } = coefficients(state.muProduct, lr, t);
          const after = 1 / Math.sqrt(biasCorrection(beta2, t));
          state.muProduct = product;
          if (kernel) return kernel.run(params, grads, beta1, beta2, gradCoefficient, momentCoefficient, after, eps);
          for (let i = 0; i < params.length; i++) {
            const g = grads[i];
            const mi = beta1 * m[i] + (1 - beta1) * g;
            const vi = beta2 * v[i] + (1 - beta2) * g * g;
            m[i] = mi;
            v[i] = vi;
            params[i] -= (gradCoefficient * g + momentCoefficient * mi) / (Math.sqrt(vi) * after + eps);
          }
        },
        bound(g, _p, lr, t, state, now, next) {
          const { grad, moment } = coefficients(state.muProduct, lr, t);
          next.m = Math.max(now.m, g);
          next.v = Math.max(now.v, g * g);
          const numerator = Math.abs(grad) * g + Math.abs(moment) * next.m;
          return Math.max(next.v, numerator, numerator / eps); // ε = 0: Infinity or NaN, so checked
        },
      };
    },
  });
}
