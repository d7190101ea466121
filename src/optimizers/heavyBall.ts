import type { Optimizer } from "./optimizer";
import { type BetaMomentumOptions, betaMomentumOptimizer } from "./betaMomentum";
import { zeros } from "./state";
import { type Arena, ruleKernel } from "../kernels/arena";
import { ruleArena } from "../kernels/choice";
import { heavyBallWasm } from "../kernels/heavyBall.wasm";

const heavyBallKernel = ruleKernel(heavyBallWasm);

export type HeavyBallOptions = BetaMomentumOptions;

export interface HeavyBallState {
  /** The iterate before the last step, θ_{t−1}. */
  previous: Float64Array;
}

export type HeavyBallOptimizer = Optimizer<HeavyBallState, Required<HeavyBallOptions>>;

/** One step's scalars of `heavyBallUpdate`. */
export interface HeavyBallStep {
  lr: number;
  /** β, and 0 on the first step (θ_{−1} = θ_0: nothing to carry). */
  beta: number;
}

/**
 * The heavy ball's update of every coordinate, the rule as it runs: in JavaScript, or (option `kernel`) as the
 * WebAssembly SIMD kernel src/kernels/heavyBall.wat that scripts/gen-rule-kernels.mjs generates from this loop.
 */
export function heavyBallUpdate(params: Float64Array, grads: Float64Array, { previous }: HeavyBallState, { lr, beta }: HeavyBallStep): void {
  for (let i = 0; i < params.length; i++) {
    const theta = params[i];
    params[i] = theta - lr * grads[i] + beta * (theta - previous[i]);
    previous[i] = theta;
  }
}

/**
 * Polyak's heavy-ball method (001 §3.1), written with the previous iterate:
 *
 *   θ_{t+1} ← θ_t − η ∇f(θ_t) + β (θ_t − θ_{t−1}),   θ_{−1} = θ_0 (no momentum on the first step)
 *
 * The same iterates as PyTorch's SGD momentum (b ← βb + g, θ ← θ − ηb) at constant η, written so the
 * "velocity" is visibly the last displacement. On a quadratic with Hessian eigenvalues in [μ, L],
 * η = (2/(√L + √μ))² and β = ((√κ − 1)/(√κ + 1))² give the optimal rate (√κ − 1)/(√κ + 1), κ = L/μ.
 * Source: Polyak, "Some methods of speeding up the convergence of iteration methods" (1964);
 * Goh, "Why Momentum Really Works", Distill (2017).
 *
 * The rule's loop is `heavyBallUpdate` in this file; from 16 parameters on it runs as the WebAssembly SIMD kernel
 * generated from it (src/kernels/heavyBall.wat), bit-identical (test/unit/kernels.test.ts). The option
 * `kernel` chooses: "auto" (default), "js" (the loop) or "wasm" (the kernel).
 *
 * Defaults: lr (required), beta 0.9, recordUpdate false, kernel "auto".
 */
export function heavyBall(options: HeavyBallOptions): HeavyBallOptimizer {
  const name = "heavyBall";
  return betaMomentumOptimizer(name, options, heavyBallKernel, (beta, choice) => {
    let kernel: Arena<"previous", HeavyBallStep> | undefined;
    return {
      init(n) {
        kernel = ruleArena(name, heavyBallKernel, { previous: true }, n, choice);
        return { previous: kernel ? kernel.view("previous") : zeros(n) };
      },
      apply(params, grads, state, lr, t) {
        const step: HeavyBallStep = { lr, beta: t === 1 ? 0 : beta }; // θ_{−1} = θ_0: nothing to carry on the first step
        if (kernel) kernel.run(params, grads, step);
        else heavyBallUpdate(params, grads, state, step);
      },
      bound(g, p, lr, t, _state, now, next) {
        // Δθ = lr·g − β(θ − θ_prev), and θ_prev becomes this θ.
        next.previous = p;
        return lr * g + (t === 1 ? 0 : beta * (p + now.previous));
      },
    };
  });
}
