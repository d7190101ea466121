import { makeOptimizer, type Optimizer, weightDecayTransforms } from "./optimizer";
import { optimizerOptions } from "./options";
import { biasCorrection, zeros } from "./state";
import { learningRate, nonNegative, type OptionsOf, type ResolvedOf } from "../core/schema";
import { type Arena, ruleKernel } from "../kernels/arena";
import { checkKernelChoice, ruleArena } from "../kernels/choice";
import { nadamWasm } from "../kernels/nadam.wasm";
import { pow } from "../math/portable";
import { movingAverage, movingAverageOfSquares } from "./moments";
import { adamWeightDecayOptions, firstMomentOptions, secondMomentOptions } from "./momentOptions";

const nadamKernel = ruleKernel(nadamWasm);

const nadamSchema = optimizerOptions({
  /** Learning rate η or a schedule (default 2e-3). */
  lr: learningRate(2e-3),
  ...firstMomentOptions,
  ...secondMomentOptions,
  ...adamWeightDecayOptions,
  /** ψ in Dozat's momentum schedule (default 4e-3). */
  momentumDecay: nonNegative(4e-3),
});

export type NadamOptions = OptionsOf<typeof nadamSchema>;

export interface NadamState {
  m: Float64Array;
  v: Float64Array;
  /** ∏_{i=1}^{t} μ_i (1 before the first step). */
  muProduct: number;
}

export type NadamOptimizer = Optimizer<NadamState, ResolvedOf<typeof nadamSchema>>;

/** One step's scalars of `nadamUpdate` (see `nadam`). */
export interface NadamStep {
  beta1: number;
  beta2: number;
  /** η (1 − β₁,t) / (1 − ∏_{i≤t} β₁,i): the weight of g. */
  gradCoefficient: number;
  /** η β₁,t₊₁ / (1 − ∏_{i≤t+1} β₁,i): the weight of m_t. */
  momentCoefficient: number;
  /** 1 / √(1 − β₂ᵗ). */
  after: number;
  eps: number;
}

/**
 * NAdam's update of every coordinate, the rule as it runs: in JavaScript, or (option `kernel`) as the
 * WebAssembly SIMD kernel src/kernels/nadam.wat that scripts/gen-rule-kernels.mjs generates from this loop.
 */
export function nadamUpdate(
  params: Float64Array,
  grads: Float64Array,
  { m, v }: NadamState,
  { beta1, beta2, gradCoefficient, momentCoefficient, after, eps }: NadamStep,
): void {
  for (let i = 0; i < params.length; i++) {
    const g = grads[i];
    const mi = movingAverage(beta1, m[i], g);
    const vi = movingAverageOfSquares(beta2, v[i], g);
    m[i] = mi;
    v[i] = vi;
    params[i] -= (gradCoefficient * g + momentCoefficient * mi) / (Math.sqrt(vi) * after + eps);
  }
}

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
 * The rule's loop is `nadamUpdate` in this file; from 16 parameters on it runs as the WebAssembly SIMD kernel
 * generated from it (src/kernels/nadam.wat): bit-identical (test/unit/kernels.test.ts) and faster
 * (BENCHMARKS.md). The option `kernel` chooses: "auto" (default), "js" (the loop) or "wasm" (the kernel).
 *
 * Defaults: lr 0.002, beta1 0.9, beta2 0.999, eps 1e-8, weightDecay 0, decoupledWeightDecay false,
 *   momentumDecay 0.004, recordUpdate false, kernel "auto".
 */
export function nadam(options: NadamOptions = {}): NadamOptimizer {
  const name = "nadam";
  const resolved = nadamSchema.read(name, options);
  const { beta1, beta2, eps, weightDecay, momentumDecay, decoupledWeightDecay, kernel: kernelChoice } = resolved;
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
  checkKernelChoice(name, nadamKernel, kernelChoice);
  return makeOptimizer({
    name,
    options: resolved,
    transforms: weightDecayTransforms(weightDecay, decoupledWeightDecay),
    rule: () => {
      let kernel: Arena<"m" | "v", NadamStep> | undefined;
      return {
        init(n) {
          kernel = ruleArena(name, nadamKernel, { m: true, v: true }, n, kernelChoice);
          return kernel ? { m: kernel.view("m"), v: kernel.view("v"), muProduct: 1 } : { m: zeros(n), v: zeros(n), muProduct: 1 };
        },
        apply(params, grads, state, lr, t) {
          const { product, grad: gradCoefficient, moment: momentCoefficient } = coefficients(state.muProduct, lr, t);
          const step: NadamStep = { beta1, beta2, gradCoefficient, momentCoefficient, after: 1 / Math.sqrt(biasCorrection(beta2, t)), eps };
          state.muProduct = product;
          if (kernel) kernel.run(params, grads, step);
          else nadamUpdate(params, grads, state, step);
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
