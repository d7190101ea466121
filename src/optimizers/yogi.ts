import { makeOptimizer, type Optimizer, weightDecayTransforms } from "./optimizer";
import { coupledWeightDecayOptions, optimizerOptions } from "./options";
import { biasCorrection as correction, filled, zeros } from "./state";
import { boolean, decayRate, nonNegative, learningRate, type OptionsOf, type ResolvedOf } from "../core/schema";
import { type Arena, ruleKernel } from "../kernels/arena";
import { checkKernelChoice, ruleArena } from "../kernels/choice";
import { yogiWasm } from "../kernels/yogi.wasm";
import { movingAverage } from "./moments";
import { firstMomentOptions } from "./momentOptions";

const yogiKernel = ruleKernel(yogiWasm);

const yogiSchema = optimizerOptions({
  /** Learning rate η or a schedule (default 0.01, the paper's). */
  lr: learningRate(0.01),
  ...firstMomentOptions,
  /** β₂: v moves toward g² by (1 − β₂)·g² per step, in [0, 1) (default 0.999). */
  beta2: decayRate(0.999),
  /** ε (default 1e-3, the paper's). */
  eps: nonNegative(1e-3),
  /** v_0, the second moment's starting value (default 1e-6, as optax, TF-Addons and TFF). */
  initialAccumulatorValue: nonNegative(1e-6),
  ...coupledWeightDecayOptions,
  /** Divide m_t by 1 − β₁ᵗ and v_t by 1 − β₂ᵗ as Adam does (default true, as optax, TF-Addons and TFF). */
  biasCorrection: boolean(true),
});

export type YogiOptions = OptionsOf<typeof yogiSchema>;

export interface YogiState {
  /** First moment m_t (running mean of gradients). */
  m: Float64Array;
  /** Second moment v_t, moved additively toward g². */
  v: Float64Array;
}

export type YogiOptimizer = Optimizer<YogiState, ResolvedOf<typeof yogiSchema>>;

/** One step's scalars of `yogiUpdate` (see `yogi`). */
export interface YogiStep {
  beta1: number;
  beta2: number;
  /** η / (1 − β₁ᵗ) (η without bias correction). */
  stepSize: number;
  /** √(1 − β₂ᵗ) (1 without bias correction). */
  rootBc2: number;
  eps: number;
}

/**
 * Yogi's update of every coordinate, the rule as it runs: in JavaScript, or (option `kernel`) as the
 * WebAssembly SIMD kernel src/kernels/yogi.wat that scripts/gen-rule-kernels.mjs generates from this loop.
 */
export function yogiUpdate(params: Float64Array, grads: Float64Array, { m, v }: YogiState, { beta1, beta2, stepSize, rootBc2, eps }: YogiStep): void {
  for (let i = 0; i < params.length; i++) {
    const g = grads[i];
    const g2 = g * g;
    const mi = movingAverage(beta1, m[i], g);
    const vi = v[i] - (1 - beta2) * Math.sign(v[i] - g2) * g2;
    m[i] = mi;
    v[i] = vi;
    params[i] -= (stepSize * mi) / (Math.sqrt(vi) / rootBc2 + eps);
  }
}

/**
 * Yogi: Adam with an additive second moment, so the effective rate η/√v̂ can rise only slowly when
 * the gradients shrink (Adam's v forgets a large g² geometrically, by β₂ per step).
 *
 *   g   ← ∇f(θ_{t−1}) + λ θ_{t−1}                   (weightDecay λ, coupled L2)
 *   m_t ← β₁ m_{t−1} + (1 − β₁) g
 *   v_t ← v_{t−1} − (1 − β₂) sign(v_{t−1} − g²) g²   (Adam: v_t ← v_{t−1} − (1 − β₂)(v_{t−1} − g²))
 *   m̂_t ← m_t / (1 − β₁ᵗ),   v̂_t ← v_t / (1 − β₂ᵗ)   (with `biasCorrection`)
 *   θ_t ← θ_{t−1} − η m̂_t / (√v̂_t + ε)
 *
 * v changes by at most (1 − β₂)g² per step, whatever its size: where Adam's v falls by the factor β₂
 * each step once g² ≪ v, Yogi's falls by (1 − β₂)g², so a run of small gradients after large ones does
 * not blow the step up. v stays positive when v_0 > 0 (a decrease leaves at least β₂ v_{t−1}).
 * Source: Zaheer, Reddi, Sachan, Kale & Kumar, "Adaptive Methods for Nonconvex Optimization"
 * (NeurIPS 2018), Algorithm 2, with η = 0.01, β₁ = 0.9, β₂ = 0.999, ε = 1e-3 as their defaults.
 * The paper's algorithm starts v at 0 and has no bias correction; the maintained implementations
 * (optax `yogi`, TF-Addons `Yogi`, TensorFlow Federated `build_yogi`) start v at 1e-6 (optax also m;
 * we start m at 0 as the paper does) and bias-correct both moments; we follow them. `biasCorrection:
 * false, initialAccumulatorValue: 0` is the paper's Algorithm 2 exactly (then v = 0 needs ε > 0).
 *
 * The rule's loop is `yogiUpdate` in this file; from 16 parameters on it runs as the WebAssembly SIMD kernel
 * generated from it (src/kernels/yogi.wat): bit-identical (test/unit/kernels.test.ts). The option
 * `kernel` chooses: "auto" (default), "js" (the loop) or "wasm" (the kernel).
 *
 * Defaults: lr 0.01, beta1 0.9, beta2 0.999, eps 0.001, initialAccumulatorValue 1e-6, weightDecay 0,
 *   biasCorrection true, recordUpdate false, kernel "auto".
 */
export function yogi(options: YogiOptions = {}): YogiOptimizer {
  const name = "yogi";
  const resolved = yogiSchema.read(name, options);
  const { beta1, beta2, eps, initialAccumulatorValue: v0, weightDecay, biasCorrection, kernel: kernelChoice } = resolved;
  checkKernelChoice(name, yogiKernel, kernelChoice);
  return makeOptimizer({
    name,
    options: resolved,
    transforms: weightDecayTransforms(weightDecay, false),
    rule: () => {
      const corrections = (t: number) => (biasCorrection ? [correction(beta1, t), correction(beta2, t)] : [1, 1]);
      let kernel: Arena<"m" | "v", YogiStep> | undefined;
      return {
        init(n) {
          kernel = ruleArena(name, yogiKernel, { m: true, v: true }, n, kernelChoice);
          return kernel ? { m: kernel.view("m"), v: kernel.view("v").fill(v0) } : { m: zeros(n), v: filled(n, v0) };
        },
        apply(params, grads, state, lr, t) {
          const [bc1, bc2] = corrections(t);
          const step: YogiStep = { beta1, beta2, stepSize: lr / bc1, rootBc2: Math.sqrt(bc2), eps };
          if (kernel) kernel.run(params, grads, step);
          else yogiUpdate(params, grads, state, step);
        },
        bound(g, _p, lr, t, _state, now, next) {
          // |m| ≤ max(|m|, |g|); v grows by at most (1 − β₂)g² ≤ g²; the denominator is at least ε.
          const [bc1] = corrections(t);
          next.m = Math.max(now.m, g);
          next.v = now.v + g * g;
          const numerator = (lr / bc1) * next.m;
          return Math.max(next.v, numerator, numerator / eps); // ε = 0: Infinity or NaN, so checked
        },
      };
    },
  });
}
