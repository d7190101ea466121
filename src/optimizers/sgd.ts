import { makeOptimizer, type Optimizer, weightDecayTransforms } from "./optimizer";
import { coupledWeightDecayOptions, optimizerOptions } from "./options";
import { zeros } from "./state";
import { boolean, fraction, learningRate, nonNegative, type OptionsOf, type ResolvedOf } from "../core/schema";
import { type Arena, ruleKernel } from "../kernels/arena";
import { checkKernelChoice, ruleArena } from "../kernels/choice";
import { sgdWasm } from "../kernels/sgd.wasm";
import { undoableSgd } from "../kernels/undoableSgd";

const sgdKernel = ruleKernel(sgdWasm);

const sgdSchema = optimizerOptions({
  /** Learning rate η, or a schedule (required, as in PyTorch). */
  lr: learningRate(),
  /** Momentum μ ≥ 0 (default 0: plain gradient descent). */
  momentum: nonNegative(0),
  /** Dampening τ in [0, 1] (default 0). */
  dampening: fraction(0),
  /** Nesterov momentum (default false); needs μ > 0 and τ = 0. */
  nesterov: boolean(false),
  ...coupledWeightDecayOptions,
  /** Put η inside the momentum buffer (Keras) instead of outside (PyTorch, default). */
  lrInsideMomentum: boolean(false),
  /** Dampen the first step too (b_0 = 0) instead of PyTorch's b_1 = g (default false). */
  dampenFirstStep: boolean(false),
});

export type SgdOptions = OptionsOf<typeof sgdSchema>;

export interface SgdState {
  /** Momentum buffer b_t (empty when μ = 0). */
  b: Float64Array;
}

export type SgdOptimizer = Optimizer<SgdState, ResolvedOf<typeof sgdSchema>>;

/** One step's scalars of `sgdUpdate`: the options, t and η folded together (see `sgd`). */
export interface SgdStep {
  lr: number;
  momentum: number;
  /** The weight of g in the buffer: (1 − τ), or 1 on PyTorch's first step; times η with `lrInsideMomentum`. */
  c: number;
  /** η where it scales g inside the buffer (`lrInsideMomentum`), else 1. */
  inner: number;
  /** η where it scales the step taken from the buffer, else 1. */
  outer: number;
  useMomentum: boolean;
  nesterov: boolean;
}

/**
 * SGD's update of every coordinate, the rule as it runs: in JavaScript, or (option `kernel`) as the
 * WebAssembly SIMD kernel src/kernels/sgd.wat that scripts/gen-rule-kernels.mjs generates from this loop.
 */
export function sgdUpdate(
  params: Float64Array,
  grads: Float64Array,
  { b }: SgdState,
  { lr, momentum, c, inner, outer, useMomentum, nesterov }: SgdStep,
): void {
  for (let i = 0; i < params.length; i++) {
    const g = grads[i];
    if (useMomentum) {
      const bi = momentum * b[i] + c * g;
      b[i] = bi;
      params[i] -= outer * (nesterov ? inner * g + momentum * bi : bi);
    } else {
      params[i] -= lr * g;
    }
  }
}

/**
 * Stochastic gradient descent with momentum, PyTorch's `torch.optim.SGD`.
 *
 *   g   ← ∇f(θ_{t−1}) + λ θ_{t−1}                   (weightDecay λ: coupled L2)
 *   b_t ← β b_{t−1} + (1 − τ) g,  b_1 = g            (momentum β, dampening τ; PyTorch's first step
 *                                                      takes the raw gradient, whatever τ is)
 *   d   ← g + β b_t   (nesterov)   or   b_t
 *   θ_t ← θ_{t−1} − η d
 *
 * With β = 0 this is plain gradient descent θ ← θ − ηg. Sources: Robbins & Monro (1951); Polyak (1964)
 * for momentum; Sutskever et al. (2013) for the Nesterov form; the torch.optim.SGD documentation.
 *
 * Conventions (see `conventions`):
 * - `lrInsideMomentum` (default false, PyTorch): when true, b_t ← β b_{t−1} + (1 − τ) η g and
 *   θ_t ← θ_{t−1} − b_t (nesterov: − (η g + β b_t)), as Keras and Sutskever et al. write it. The two
 *   agree while η is constant and differ when a schedule changes it.
 * - `dampenFirstStep` (default false, PyTorch): when true, b_0 = 0 and the first step is dampened too,
 *   b_1 = (1 − τ) g, which is the EMA form b ← βb + (1 − β)g at τ = β.
 * TF.js's `tf.train.momentum(η, β, useNesterov)` is this rule with τ = 0 (it has no dampening).
 *
 * The rule's loop is `sgdUpdate` in this file; from 16 parameters on it runs as the WebAssembly SIMD kernel
 * generated from it (src/kernels/sgd.wat): bit-identical (test/unit/kernels.test.ts) and faster
 * (BENCHMARKS.md). The option `kernel` chooses: "auto" (default), "js" (the loop) or "wasm" (the kernel).
 * Plain SGD (μ = 0) on kernel arrays (`kernelArray`, an MLP's params and grads) takes its steps after the
 * first in one pass that checks its own results and undoes itself if one is not finite
 * (src/kernels/undoableSgd.wat, the loop's `params[i] -= lr * g`, bit-identical), where every other step
 * reads params and grads once to check them and once more to update them.
 *
 * Defaults: lr (required), momentum 0, dampening 0, nesterov false, weightDecay 0, lrInsideMomentum false,
 *   dampenFirstStep false, recordUpdate false, kernel "auto".
 */
export function sgd(options: SgdOptions): SgdOptimizer {
  const name = "sgd";
  const resolved = sgdSchema.read(name, options);
  const { momentum, dampening, nesterov, weightDecay, lrInsideMomentum, dampenFirstStep, kernel: kernelChoice } = resolved;
  if (nesterov && (momentum === 0 || dampening !== 0)) {
    throw new RangeError(
      `${name}: nesterov needs momentum > 0 and dampening = 0, got momentum ${momentum} and dampening ${dampening}`,
    );
  }
  checkKernelChoice(name, sgdKernel, kernelChoice);
  return makeOptimizer({
    name,
    options: resolved,
    transforms: weightDecayTransforms(weightDecay, false),
    rule: () => {
      let kernel: Arena<"b", SgdStep> | undefined;
      // Plain SGD on kernel arrays: one pass that checks its results and undoes itself (undoableSgd.wat).
      const plainStep = momentum === 0 && kernelChoice !== "js" ? undoableSgd() : undefined;
      return {
        tryStep: plainStep,
        init(n) {
          kernel = ruleArena(name, sgdKernel, { b: momentum > 0 }, n, kernelChoice);
          return { b: kernel ? kernel.view("b") : zeros(momentum > 0 ? n : 0) };
        },
        apply(params, grads, state, lr, t) {
          const inner = lrInsideMomentum ? lr : 1; // scales g where it enters the buffer
          const outer = lrInsideMomentum ? 1 : lr; // scales the step taken from the buffer
          // b starts at 0, so b_1 = c·g: c = 1 is PyTorch's undampened first step.
          const c = (t === 1 && !dampenFirstStep ? 1 : 1 - dampening) * inner;
          const step: SgdStep = { lr, momentum, c, inner, outer, useMomentum: momentum > 0, nesterov };
          if (kernel) kernel.run(params, grads, step);
          else sgdUpdate(params, grads, state, step);
        },
        bound(g, _p, lr, t, _state, now, next) {
          if (momentum === 0) return lr * g;
          const inner = lrInsideMomentum ? lr : 1;
          const outer = lrInsideMomentum ? 1 : lr;
          const c = (t === 1 && !dampenFirstStep ? 1 : 1 - dampening) * inner;
          next.b = momentum * now.b + c * g;
          return Math.max(inner * g, next.b, outer * (nesterov ? inner * g + momentum * next.b : next.b));
        },
      };
    },
  });
}
