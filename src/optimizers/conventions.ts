/**
 * Where libraries disagree about an optimizer's formula or defaults, as data a lesson can display
 * (`conventions`) and as option presets that make ours follow TF.js (`tfjsPresets`) or Keras
 * (`kerasPresets`). TF.js entries were read from tfjs-core 4.22's `optimizers/*_optimizer.js`; its ε
 * is the backend's, 1e-7 on float32 backends (cpu, wasm, tensorflow). Presets never set `lr`.
 */

export interface ConventionRow {
  /** Our optimizer the difference concerns. */
  optimizer: string;
  /** Our option that selects the convention (or the aspect, when no option is needed). */
  option: string;
  pytorch: string;
  tfjs: string;
  keras: string;
  /** What changes in the numbers. */
  effect: string;
}

export const conventions: readonly ConventionRow[] = Object.freeze([
  {
    optimizer: "sgd",
    option: "lrInsideMomentum",
    pytorch: "false: b ← βb + g, θ ← θ − ηb",
    tfjs: "false (tf.train.momentum: same as PyTorch)",
    keras: "true: b ← βb − ηg, θ ← θ + b",
    effect: "Identical at constant η; under a schedule the Keras buffer keeps steps taken at old rates, PyTorch rescales the whole buffer by the new η.",
  },
  {
    optimizer: "sgd",
    option: "dampenFirstStep",
    pytorch: "false: b₁ = g (`dampening` ignored on step 1)",
    tfjs: "no dampening",
    keras: "no dampening",
    effect: "With dampening > 0, true makes the first step (1 − dampening) times shorter; true with dampening = β is the EMA form of `emaMomentum`.",
  },
  {
    optimizer: "sgd",
    option: "nesterov",
    pytorch: "θ ← θ − η(g + βb): parameters are the look-ahead points",
    tfjs: "same as PyTorch (useNesterov)",
    keras: "θ ← θ + βb − ηg (same iterates, η inside)",
    effect: "All equal the look-ahead form (`nesterov`) evaluated at the look-ahead point, at constant η.",
  },
  {
    optimizer: "adagrad",
    option: "epsInsideSqrt",
    pytorch: "false: ηg/(√s + ε)",
    tfjs: "true: ηg/√(s + ε)",
    keras: "true: ηg/√(s + ε)",
    effect: "Differs only where s is tiny: with ε inside, a coordinate with s ≪ ε moves by ≈ ηg/√ε instead of ≈ η.",
  },
  {
    optimizer: "adagrad",
    option: "initialAccumulatorValue",
    pytorch: "0",
    tfjs: "0.1",
    keras: "0.1",
    effect: "With 0 the first step is ≈ η·sign(g) in every coordinate; with 0.1 coordinates with |g| ≪ 0.3 take much smaller early steps.",
  },
  {
    optimizer: "adagrad",
    option: "eps",
    pytorch: "1e-10",
    tfjs: "1e-7 (backend epsilon)",
    keras: "1e-7",
    effect: "Matters only for near-zero accumulators.",
  },
  {
    optimizer: "rmsprop",
    option: "alpha",
    pytorch: "0.99",
    tfjs: "0.9 (decay)",
    keras: "0.9 (rho)",
    effect: "PyTorch's `alpha` is our ρ. Averaging window ≈ 1/(1 − ρ): 100 steps against 10.",
  },
  {
    optimizer: "rmsprop",
    option: "epsInsideSqrt",
    pytorch: "false: g/(√s + ε)",
    tfjs: "true: g/√(s + ε)",
    keras: "true: g/√(s + ε)",
    effect: "Differs only where s ≲ ε: the denominator's floor is √ε ≈ 3.2e-4 (TF.js's ε = 1e-7 inside) instead of ε = 1e-8, so coordinates with tiny gradients step ≈ ηg/√ε instead of ≈ η.",
  },
  {
    optimizer: "rmsprop",
    option: "lrInsideMomentum",
    pytorch: "false: b ← βb + g/(…), θ ← θ − ηb",
    tfjs: "true: b ← βb + ηg/(…), θ ← θ − b",
    keras: "true",
    effect: "Identical at constant η; differ under a schedule.",
  },
  {
    optimizer: "rmsprop",
    option: "centered",
    pytorch: "g/(√(s − ḡ²) + ε)",
    tfjs: "g/√(s − ḡ² − ε): subtracts ε (NaN once s − ḡ² < ε)",
    keras: "g/√(s − ḡ² + ε)",
    effect: "TF.js's sign error: on the first step s − ḡ² = ρ(1 − ρ)g², so any |g| < √(ε/(ρ(1 − ρ))) gives NaN. Not offered here.",
  },
  {
    optimizer: "adadelta",
    option: "(denominator)",
    pytorch: "√(s_t + ε), the average including this gradient",
    tfjs: "√(s_{t−1} + ε), the previous average",
    keras: "√(s_t + ε)",
    effect: "With the previous average, u and s stay equal, the ratio is 1 and TF.js's adadelta is plain SGD with rate η. Not offered here.",
  },
  {
    optimizer: "adadelta",
    option: "lr, rho, eps",
    pytorch: "1, 0.9, 1e-6",
    tfjs: "required, 0.95 default rho, 1e-7",
    keras: "0.001, 0.95, 1e-7",
    effect: "Keras's η = 0.001 makes Adadelta 1000 times slower than Zeiler's η = 1.",
  },
  {
    optimizer: "adam",
    option: "epsHat",
    pytorch: "false: η m̂/(√v̂ + ε)",
    tfjs: "false (same as PyTorch)",
    keras: "true: η √(1 − β₂ᵗ)/(1 − β₁ᵗ) · m/(√v + ε)",
    effect: "Keras's ε acts as ε/√(1 − β₂ᵗ) in PyTorch's form: ≈ 31.6ε at t = 1, shrinking toward ε as t grows.",
  },
  {
    optimizer: "adam",
    option: "eps",
    pytorch: "1e-8",
    tfjs: "1e-7 (backend epsilon)",
    keras: "1e-7",
    effect: "Matters for coordinates whose gradients are ≲ ε.",
  },
  {
    optimizer: "adam",
    option: "amsgradMax",
    pytorch: "\"raw\": v^max ← max(v^max, v), then / (1 − β₂ᵗ)",
    tfjs: "no AMSGrad",
    keras: "\"raw\"",
    effect: "\"corrected\" (max of v̂) lets an early, heavily corrected v̂ dominate for long; \"raw\" lets the correction shrink it.",
  },
  {
    optimizer: "adam",
    option: "biasCorrection",
    pytorch: "true",
    tfjs: "true",
    keras: "true",
    effect: "false: the first step is η(1 − β₁)/√(1 − β₂) ≈ 3.16η instead of ≈ η (β₁ = 0.9, β₂ = 0.999).",
  },
  {
    optimizer: "adamw",
    option: "weightDecay",
    pytorch: "0.01, θ ← θ(1 − ηλ) before the Adam step",
    tfjs: "no AdamW",
    keras: "0.004, θ ← θ − ηλθ (same form)",
    effect: "Adam's weightDecay is coupled L2 (divided by √v̂); AdamW's is not.",
  },
  {
    optimizer: "adamax",
    option: "epsInsideMax",
    pytorch: "true: u ← max(β₂u, |g| + ε), θ ← θ − η/(1 − β₁ᵗ) · m/u",
    tfjs: "false: u ← max(β₂u, |g|), θ ← θ − η/(1 − β₁ᵗ) · m/(u + ε)",
    keras: "false",
    effect: "Identical when the new |g| sets the max; when the decayed β₂u wins, PyTorch's ε has decayed with it: the denominators differ by (1 − β₂)ε, negligible unless u ~ ε.",
  },
  {
    optimizer: "nadam",
    option: "momentumDecay",
    pytorch: "ψ = 4e-3 (configurable)",
    tfjs: "no NAdam",
    keras: "not configurable",
    effect: "β₁,ₜ = β₁(1 − ½·0.96^{tψ}) rises from ≈ β₁/2 toward β₁ over thousands of steps.",
  },
]);

/** Options that make ours follow `tf.train` exactly (besides float32 rounding). Spread them before your own options. */
export const tfjsPresets = Object.freeze({
  /** tf.train.sgd and tf.train.momentum (which has no dampening): PyTorch's rule already. */
  sgd: Object.freeze({}),
  adagrad: Object.freeze({ initialAccumulatorValue: 0.1, eps: 1e-7, epsInsideSqrt: true }),
  /** Non-centered only: TF.js's centered form subtracts ε (see `conventions`). */
  rmsprop: Object.freeze({ alpha: 0.9, eps: 1e-7, epsInsideSqrt: true, lrInsideMomentum: true }),
  adam: Object.freeze({ eps: 1e-7 }),
  adamax: Object.freeze({ eps: 1e-7, epsInsideMax: false }),
} as const);

/** Options that make ours follow Keras 3's formulas and defaults (lr excluded). */
export const kerasPresets = Object.freeze({
  sgd: Object.freeze({ lrInsideMomentum: true }),
  adagrad: Object.freeze({ initialAccumulatorValue: 0.1, eps: 1e-7, epsInsideSqrt: true }),
  rmsprop: Object.freeze({ alpha: 0.9, eps: 1e-7, epsInsideSqrt: true, lrInsideMomentum: true }),
  adadelta: Object.freeze({ rho: 0.95, eps: 1e-7 }),
  adam: Object.freeze({ eps: 1e-7, epsHat: true }),
  adamw: Object.freeze({ eps: 1e-7, epsHat: true, weightDecay: 0.004 }),
  adamax: Object.freeze({ eps: 1e-7, epsInsideMax: false }),
} as const);
