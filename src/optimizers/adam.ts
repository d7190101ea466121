import { makeOptimizer, type Optimizer, weightDecayTransforms } from "./optimizer";
import { optimizerOptions } from "./options";
import { biasCorrection as correction, zeros } from "./state";
import { boolean, learningRate, oneOf, type OptionsOf, type ResolvedOf } from "../core/schema";
import { type Arena, ruleKernel } from "../kernels/arena";
import { checkKernelChoice, ruleArena } from "../kernels/choice";
import { adamWasm } from "../kernels/adam.wasm";
import { movingAverage, movingAverageOfSquares } from "./moments";
import { adamWeightDecayOptions, firstMomentOptions, secondMomentOptions } from "./momentOptions";

const adamKernel = ruleKernel(adamWasm);

/** Adam's own options (`adamw` takes them less `decoupledWeightDecay`, with another default weightDecay). */
export const adamOwnOptions = {
  /** Learning rate η or a schedule (default 1e-3). */
  lr: learningRate(1e-3),
  ...firstMomentOptions,
  ...secondMomentOptions,
  ...adamWeightDecayOptions,
  /** AMSGrad: divide by the running maximum of the second moment (default false). */
  amsgrad: boolean(false),
  /** Keras's ε̂ form: ε added to √v_t before bias correction (default false). */
  epsHat: boolean(false),
  /** AMSGrad's maximum over the raw v_t ("raw", default) or over the bias-corrected v̂_t ("corrected"). */
  amsgradMax: oneOf("raw", ["raw", "corrected"]),
  /** Divide the moments by 1 − βᵗ (default true). */
  biasCorrection: boolean(true),
};

const adamSchema = optimizerOptions(adamOwnOptions);

export type AdamOptions = OptionsOf<typeof adamSchema>;

export interface AdamState {
  /** First moment m_t (running mean of gradients). */
  m: Float64Array;
  /** Second moment v_t (running mean of squared gradients). */
  v: Float64Array;
  /** AMSGrad's running maximum (raw v or corrected v̂, per `amsgradMax`); empty unless amsgrad. */
  vMax: Float64Array;
}

export type AdamOptimizer = Optimizer<AdamState, ResolvedOf<typeof adamSchema>>;

/** What `createAdam` needs: Adam's resolved options, `decoupledWeightDecay` optional (adamw's is always on). */
type AdamFamilyOptions = Omit<ResolvedOf<typeof adamSchema>, "decoupledWeightDecay"> & { decoupledWeightDecay?: boolean };

/** One step's scalars of `adamUpdate`: the options, t and η folded together (see `createAdam`). */
export interface AdamStep {
  beta1: number;
  beta2: number;
  /** η / (1 − β₁ᵗ) (η without bias correction). */
  stepSize: number;
  /** √v̂ = √(s · before) · after: the correction of v before AMSGrad's maximum or after it. */
  before: number;
  after: number;
  /** ε, or ε̂ / √(1 − β₂ᵗ) with `epsHat`. */
  eps: number;
  /** 1 − ηλ: AdamW's decoupled decay, fused (1 without it; θ · 1 is θ exactly). */
  keep: number;
  amsgrad: boolean;
}

/**
 * Adam's update of every coordinate, the rule as it runs: in JavaScript, or (option `kernel`) as the
 * WebAssembly SIMD kernel src/kernels/adam.wat that scripts/gen-rule-kernels.mjs generates from this loop.
 */
export function adamUpdate(
  params: Float64Array,
  grads: Float64Array,
  { m, v, vMax }: AdamState,
  { beta1, beta2, stepSize, before, after, eps, keep, amsgrad }: AdamStep,
): void {
  for (let i = 0; i < params.length; i++) {
    const g = grads[i];
    const mi = movingAverage(beta1, m[i], g);
    const vi = movingAverageOfSquares(beta2, v[i], g);
    m[i] = mi;
    v[i] = vi;
    let second = vi * before;
    if (amsgrad) {
      second = Math.max(vMax[i], second);
      vMax[i] = second;
    }
    params[i] = params[i] * keep - (stepSize * mi) / (Math.sqrt(second) * after + eps);
  }
}

/** The Adam family's factory, shared by `adam` and `adamw` (which differ only in weight decay). */
export function createAdam<O extends AdamFamilyOptions>(name: string, options: O, decoupled: boolean): Optimizer<AdamState, O> {
  const { beta1, beta2, eps, weightDecay, amsgrad, epsHat, amsgradMax, biasCorrection, kernel: kernelChoice } = options;
  checkKernelChoice(name, adamKernel, kernelChoice);
  const maxOfCorrected = amsgrad && amsgradMax === "corrected";
  return makeOptimizer({
    name,
    options,
    transforms: decoupled ? [] : weightDecayTransforms(weightDecay, false),
    rule: () => {
      let kernel: Arena<"m" | "v" | "vMax", AdamStep> | undefined;
      // 1 − β₁ᵗ and 1 − β₂ᵗ of the step at hand, computed once for its bound and its update.
      let correctedAt = 0;
      let bc1 = 1;
      let bc2 = 1;
      const corrections = (t: number) => {
        if (t === correctedAt) return;
        correctedAt = t;
        bc1 = biasCorrection ? correction(beta1, t) : 1;
        bc2 = biasCorrection ? correction(beta2, t) : 1;
      };
      return {
        init(n) {
          kernel = ruleArena(name, adamKernel, { m: true, v: true, vMax: amsgrad }, n, kernelChoice);
          if (kernel) return { m: kernel.view("m"), v: kernel.view("v"), vMax: kernel.view("vMax") };
          return { m: zeros(n), v: zeros(n), vMax: zeros(amsgrad ? n : 0) };
        },
        apply(params, grads, state, lr, t) {
          corrections(t);
          const step: AdamStep = {
            beta1,
            beta2,
            stepSize: lr / bc1,
            before: maxOfCorrected ? 1 / bc2 : 1,
            after: maxOfCorrected ? 1 : 1 / Math.sqrt(bc2),
            eps: epsHat ? eps / Math.sqrt(bc2) : eps,
            keep: decoupled ? 1 - lr * weightDecay : 1,
            amsgrad,
          };
          if (kernel) kernel.run(params, grads, step);
          else adamUpdate(params, grads, state, step);
        },
        bound(g, _p, lr, t, _state, now, next) {
          // |m| ≤ max(|m|, |g|) and v ≤ max(v, g²) (averages); the step's denominator is at least ε.
          corrections(t);
          const keep = decoupled ? 1 - lr * weightDecay : 1;
          const epsilon = epsHat ? eps / Math.sqrt(bc2) : eps;
          next.m = Math.max(now.m, g);
          next.v = Math.max(now.v, g * g);
          next.vMax = Math.max(now.vMax, maxOfCorrected ? next.v / bc2 : next.v);
          const numerator = (lr / bc1) * next.m;
          if (!(keep >= 0 && keep <= 1)) return Infinity;
          return Math.max(next.vMax, numerator, numerator / epsilon); // ε = 0: Infinity or NaN, so checked
        },
      };
    },
  });
}

/**
 * Adam, PyTorch's `torch.optim.Adam`.
 *
 *   g   ← ∇f(θ_{t−1}) + λ θ_{t−1}                   (weightDecay λ: coupled L2; see `adamw` for decoupled)
 *   m_t ← β₁ m_{t−1} + (1 − β₁) g
 *   v_t ← β₂ v_{t−1} + (1 − β₂) g²
 *   m̂_t ← m_t / (1 − β₁ᵗ),   v̂_t ← v_t / (1 − β₂ᵗ)
 *   θ_t ← θ_{t−1} − η m̂_t / (√v̂_t + ε)
 *
 * With `decoupledWeightDecay` (AdamW) the gradient is not penalized; the weights decay in the same pass,
 * θ_t ← θ_{t−1}(1 − ηλ) − η m̂_t / (√v̂_t + ε), exactly what `chain(decoupledWeightDecay(λ), adam())` computes.
 *
 * With `amsgrad`: v_t^max ← max(v_{t−1}^max, v_t) and v̂_t ← v_t^max / (1 − β₂ᵗ) (PyTorch).
 * The bias corrections make the first step ≈ η in every coordinate (m̂_1 = g, v̂_1 = g²); without them
 * it is η (1 − β₁)/√(1 − β₂) ≈ 3.16 η at β₁ = 0.9, β₂ = 0.999.
 * Sources: Kingma & Ba, "Adam: A Method for Stochastic Optimization" (ICLR 2015), Algorithm 1;
 * Reddi, Kale & Kumar, "On the Convergence of Adam and Beyond" (ICLR 2018) for AMSGrad; torch docs.
 *
 * Conventions (see `conventions`):
 * - `epsHat` (default false, PyTorch and TF.js): when true, Keras's and the paper's §2 "efficient"
 *   form θ_t ← θ_{t−1} − η √(1 − β₂ᵗ)/(1 − β₁ᵗ) · m_t / (√v_t + ε̂): ε is added before the bias correction
 *   of v, which equals ε = ε̂ / √(1 − β₂ᵗ) in the form above, much larger in early steps.
 * - `amsgradMax` (default "raw", PyTorch's code and current docs; also Keras): the maximum is taken of
 *   the raw v_t and then bias-corrected; "corrected" takes it of the bias-corrected v̂_t (as older
 *   versions of PyTorch's documentation wrote it). Early on v̂ shrinks as 1 − β₂ᵗ grows, so the two differ.
 * - `biasCorrection` (default true): false drops both corrections (as 000 §3.5 does).
 * - ε: PyTorch 1e-8, TF.js and Keras 1e-7. TF.js has no AMSGrad.
 * - `decoupledWeightDecay` (default false): PyTorch's flag of the same name; true makes this `adamw`.
 *
 * The rule's loop is `adamUpdate` in this file; from 16 parameters on it runs as the WebAssembly SIMD kernel
 * generated from it (src/kernels/adam.wat): bit-identical (test/unit/kernels.test.ts) and faster
 * (BENCHMARKS.md). The option `kernel` chooses: "auto" (default), "js" (the loop) or "wasm" (the kernel).
 *
 * Defaults: lr 0.001, beta1 0.9, beta2 0.999, eps 1e-8, weightDecay 0, decoupledWeightDecay false,
 *   amsgrad false, epsHat false, amsgradMax "raw", biasCorrection true, recordUpdate false, kernel "auto".
 */
export function adam(options: AdamOptions = {}): AdamOptimizer {
  const resolved = adamSchema.read("adam", options);
  return createAdam("adam", resolved, resolved.decoupledWeightDecay);
}
