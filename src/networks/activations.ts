/**
 * Activation functions with their derivatives. `f(z)` is the activation; `df(z, h)` its derivative
 * at z, given h = f(z) too (sigmoid and tanh are cheapest from h: σ' = σ(1 − σ), tanh' = 1 − tanh²).
 * `alpha` is LeakyReLU's slope for z < 0 (ignored by the others).
 */
import { exp } from "../math/portable";
import { reluBackwardInHeap, reluInHeap } from "../kernels/relu";
export type ActivationName = "sigmoid" | "tanh" | "relu" | "leakyRelu" | "linear";

export interface Activation {
  readonly name: ActivationName;
  /** The function in LaTeX. */
  readonly tex: string;
  /** Its derivative in LaTeX. */
  readonly derivativeTex: string;
  f(z: number, alpha?: number): number;
  df(z: number, h: number, alpha?: number): number;
}

function sigmoid(z: number): number {
  // Two branches so that exp never overflows: for z < 0, σ(z) = e^z / (1 + e^z). The portable exp (Math.exp's
  // bits on Node 20) gives the same bits in the reader's browser, so a network trained live matches the lesson's.
  if (z >= 0) return 1 / (1 + exp(-z));
  const e = exp(z);
  return e / (1 + e);
}

/** The activations by name. */
export const activations: { readonly [K in ActivationName]: Activation } = {
  sigmoid: {
    name: "sigmoid",
    tex: "\\sigma(z) = \\frac{1}{1 + e^{-z}}",
    derivativeTex: "\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))",
    f: sigmoid,
    df: (_z, h) => h * (1 - h),
  },
  tanh: {
    name: "tanh",
    tex: "\\tanh(z) = \\frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}",
    derivativeTex: "\\tanh'(z) = 1 - \\tanh^2(z)",
    f: Math.tanh,
    df: (_z, h) => 1 - h * h,
  },
  relu: {
    name: "relu",
    tex: "\\operatorname{ReLU}(z) = \\max(0, z)",
    derivativeTex: "\\operatorname{ReLU}'(z) = [z > 0]",
    f: (z) => (z > 0 ? z : 0),
    df: (z) => (z > 0 ? 1 : 0),
  },
  leakyRelu: {
    name: "leakyRelu",
    tex: "\\operatorname{LeakyReLU}(z) = \\max(z,\\ \\text{slope}\\cdot z)",
    derivativeTex: "\\operatorname{LeakyReLU}'(z) = 1 \\text{ if } z > 0 \\text{ else slope}",
    f: (z, alpha = 0.01) => (z > 0 ? z : alpha * z),
    df: (z, _h, alpha = 0.01) => (z > 0 ? 1 : alpha),
  },
  linear: {
    name: "linear",
    tex: "f(z) = z",
    derivativeTex: "f'(z) = 1",
    f: (z) => z,
    df: () => 1,
  },
};

export const ACTIVATION_NAMES = Object.keys(activations) as ActivationName[];

/** h[i] = f(z[i]) for i < length. One loop per activation so the call inside is monomorphic. */
export function applyActivation(name: ActivationName, z: Float64Array, h: Float64Array, length: number, alpha: number): void {
  switch (name) {
    case "sigmoid":
      for (let i = 0; i < length; i++) h[i] = sigmoid(z[i]);
      return;
    case "tanh":
      for (let i = 0; i < length; i++) h[i] = Math.tanh(z[i]);
      return;
    case "relu": {
      if (reluInHeap(z, h, length)) return; // the same formula as a SIMD kernel (src/kernels/relu.wat)
      const f = activations.relu.f;
      for (let i = 0; i < length; i++) h[i] = f(z[i]);
      return;
    }
    case "leakyRelu": {
      const f = activations.leakyRelu.f;
      for (let i = 0; i < length; i++) h[i] = f(z[i], alpha);
      return;
    }
    case "linear":
      h.set(z.subarray(0, length));
      return;
  }
}

/** g[i] *= f'(z[i]) (given h = f(z)) for i < length: the ⊙ f'(zˡ) of backpropagation. */
export function multiplyByDerivative(name: ActivationName, z: Float64Array, h: Float64Array, g: Float64Array, length: number, alpha: number): void {
  switch (name) {
    case "sigmoid": {
      const df = activations.sigmoid.df;
      for (let i = 0; i < length; i++) g[i] *= df(z[i], h[i]);
      return;
    }
    case "tanh": {
      const df = activations.tanh.df;
      for (let i = 0; i < length; i++) g[i] *= df(z[i], h[i]);
      return;
    }
    case "relu": {
      if (reluBackwardInHeap(z, g, length)) return; // the same formula as a SIMD kernel (src/kernels/relu.wat)
      const df = activations.relu.df;
      for (let i = 0; i < length; i++) g[i] *= df(z[i], h[i]);
      return;
    }
    case "leakyRelu": {
      const df = activations.leakyRelu.df;
      for (let i = 0; i < length; i++) g[i] *= df(z[i], h[i], alpha);
      return;
    }
    case "linear":
      return;
  }
}
