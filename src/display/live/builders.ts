/**
 * The lessons' live figures, each a `liveFigure` description with the lessons' notation (learning
 * rate η, momentum β): the static figure at the initial knob values, which a page with the library's
 * browser bundle recomputes whenever the reader moves a slider or drags the start point.
 */
import { checkInteger, checkKeys, checkNumber, describe } from "../../core/checks";
import { liveFigure, type LiveFigure } from "./session";
import { OPTIMIZER_NAMES, type LiveKnob, type LiveOptimizerName, type LiveRun, type LiveValue } from "./spec";

const eta = (value: number, min: number, max: number, log = false): LiveKnob => ({ name: "eta", label: "learning rate η", min, max, value, ...(log ? { log } : {}) });
const beta = (value: number, max = 0.99): LiveKnob => ({ name: "beta", label: "momentum β", min: 0, max, value });
const ETA: LiveValue = { knob: "eta" };
const BETA: LiveValue = { knob: "beta" };

function quadraticOptions(what: string, options: { mu?: number; L?: number; steps?: number }, steps: number) {
  const mu = checkNumber("mu", options.mu ?? 0.2, "positive");
  const L = checkNumber("L", options.L ?? 4, "positive");
  if (!(mu < L)) throw new Error(`${what}: mu = ${mu} must be below L = ${L}`);
  return { mu, L, steps: checkInteger("steps", options.steps ?? steps, 1) };
}

/** d2l's ravine ½(μx₁² + Lx₂²) from (−5, −2) in d2l's window; μ = 0.2, L = 4 is 0.1x₁² + 2x₂². */
function ravine(mu: number, L: number) {
  return { quadratic: { mu, L }, start: [-5, -2] as [number, number], xRange: [-5.5, 1.5] as [number, number], yRange: [-3, 3] as [number, number] };
}

/**
 * Gradient descent on the quadratic ½(μx₁² + Lx₂²) with a slider for η from 0 to 2.2/L: the path, the
 * loss, and the rate max|1 − ηλ| against η with the stability limit 2/L and the best η = 2/(μ + L).
 */
export function liveGradientDescent(options: { mu?: number; L?: number; eta?: number; steps?: number } = {}): LiveFigure {
  checkKeys("liveGradientDescent", options, ["mu", "L", "eta", "steps"]);
  const { mu, L, steps } = quadraticOptions("liveGradientDescent", options, 20);
  const max = Number((2.2 / L).toPrecision(3));
  return liveFigure({
    title: `Gradient descent on ½(${mu}x₁² + ${L}x₂²), ${steps} steps: η against the limit 2/L`,
    problem: ravine(mu, L),
    runs: [{ name: "gradient descent", optimizer: "sgd", options: { lr: ETA } }],
    steps,
    knobs: [eta(checkNumber("eta", options.eta ?? 0.4, "positive"), Number((0.02 / L).toPrecision(3)), max)],
    panels: ["contour", "loss", "gdRate"],
  });
}

/**
 * Heavy-ball momentum on the ill-conditioned quadratic with sliders for η and β: the paths of heavy ball
 * and of gradient descent at the same η, the losses, and heavy ball's rate over the (η, β) plane with
 * Distill's regions (ripples, oscillation, divergence for λ = L) and the optimal (η*, β*).
 */
export function liveMomentum(options: { mu?: number; L?: number; eta?: number; beta?: number; steps?: number } = {}): LiveFigure {
  checkKeys("liveMomentum", options, ["mu", "L", "eta", "beta", "steps"]);
  const { mu, L, steps } = quadraticOptions("liveMomentum", options, 40);
  return liveFigure({
    title: `Momentum on ½(${mu}x₁² + ${L}x₂²), ${steps} steps: η and β`,
    problem: ravine(mu, L),
    runs: [
      { name: "heavy ball", optimizer: "heavyBall", options: { lr: ETA, beta: BETA } },
      { name: "gradient descent", optimizer: "sgd", options: { lr: ETA } },
    ],
    steps,
    knobs: [eta(checkNumber("eta", options.eta ?? 0.4, "positive"), 0.01, Number((4.2 / L).toPrecision(3))), beta(checkNumber("beta", options.beta ?? 0.5, "nonNegative"))],
    panels: ["contour", "loss", "momentumRegions"],
  });
}

/**
 * Heavy ball against Nesterov (PyTorch's form) at the same η and β: Nesterov is stable only for
 * ηL < 2(1 + β)/(1 + 2β), heavy ball up to ηL < 2(1 + β); the third panel marks (β, ηL) on both regions.
 */
export function liveNesterov(options: { mu?: number; L?: number; eta?: number; beta?: number; steps?: number } = {}): LiveFigure {
  checkKeys("liveNesterov", options, ["mu", "L", "eta", "beta", "steps"]);
  const { mu, L, steps } = quadraticOptions("liveNesterov", options, 60);
  return liveFigure({
    title: `Heavy ball and Nesterov on ½(${mu}x₁² + ${L}x₂²), ${steps} steps: stability`,
    problem: ravine(mu, L),
    runs: [
      { name: "heavy ball", optimizer: "heavyBall", options: { lr: ETA, beta: BETA } },
      { name: "Nesterov", optimizer: "sgd", options: { lr: ETA, momentum: BETA, nesterov: true } },
    ],
    steps,
    knobs: [eta(checkNumber("eta", options.eta ?? 0.3, "positive"), 0.01, Number((4.2 / L).toPrecision(3))), beta(checkNumber("beta", options.beta ?? 0.9, "nonNegative"))],
    panels: ["contour", "loss", "stability"],
  });
}

/** A run of `liveOptimizers`: a display name, the optimizer and its options other than η. */
export interface LiveOptimizerChoice {
  name: string;
  optimizer: LiveOptimizerName;
  options?: Record<string, LiveValue>;
}

const PRESETS: Record<string, LiveOptimizerChoice> = {
  SGD: { name: "SGD", optimizer: "sgd" },
  "SGD + momentum": { name: "SGD + momentum", optimizer: "sgd", options: { momentum: 0.9 } },
  Adagrad: { name: "Adagrad", optimizer: "adagrad" },
  RMSprop: { name: "RMSprop", optimizer: "rmsprop" },
  Adadelta: { name: "Adadelta", optimizer: "adadelta" },
  Adam: { name: "Adam", optimizer: "adam" },
  AMSGrad: { name: "AMSGrad", optimizer: "adam", options: { amsgrad: true } },
  AdamW: { name: "AdamW", optimizer: "adamw" },
  Adamax: { name: "Adamax", optimizer: "adamax" },
  Nadam: { name: "Nadam", optimizer: "nadam" },
  Yogi: { name: "Yogi", optimizer: "yogi" },
};

/**
 * Several optimizers sharing one learning rate η (a log slider) on a catalog problem, from a start
 * the reader drags: paths and losses. Optimizers are preset names ("Adagrad", "RMSprop", "Adam",
 * "SGD + momentum", …) or `{ name, optimizer, options }`.
 * @example plot(liveOptimizers({ problem: "rosenbrock", optimizers: ["Adagrad", "RMSprop", "Adam"], eta: 0.03, steps: 3000 }))
 */
export function liveOptimizers(options: { problem?: "rosenbrock" | "beale" | "himmelblau" | "d2lQuadratic" | "saddle" | "rastrigin"; optimizers?: (string | LiveOptimizerChoice)[]; eta?: number; etaRange?: [number, number]; steps?: number; title?: string } = {}): LiveFigure {
  checkKeys("liveOptimizers", options, ["problem", "optimizers", "eta", "etaRange", "steps", "title"]);
  const problem = options.problem ?? "rosenbrock";
  const chosen = (options.optimizers ?? ["Adagrad", "RMSprop", "Adam"]).map((o, i): LiveRun => {
    const choice = typeof o === "string" ? PRESETS[o] : o;
    if (!choice || typeof choice.name !== "string" || !OPTIMIZER_NAMES.includes(choice.optimizer)) {
      throw new Error(`optimizers[${i}] must be one of ${Object.keys(PRESETS).join(", ")} or { name, optimizer, options }, got ${describe(o)}`);
    }
    return { name: choice.name, optimizer: choice.optimizer, options: { ...(choice.options ?? {}), lr: ETA } };
  });
  const [lo, hi] = options.etaRange ?? [1e-4, 1];
  const steps = checkInteger("steps", options.steps ?? 1000, 1);
  return liveFigure({
    title: options.title ?? `${chosen.map((r) => r.name).join(", ")} on ${problem}, ${steps} steps: one η, drag the start`,
    problem: { catalog: problem },
    runs: chosen,
    steps,
    knobs: [eta(checkNumber("eta", options.eta ?? 0.03, "positive"), lo, hi, true)],
    panels: ["contour", "loss"],
  });
}

/**
 * Learning-rate schedules on mini-batch SGD (least squares, batch size B): a constant η₀ stalls at the
 * noise floor, decaying schedules go below it. Sliders: η₀ and the step-decay factor γ.
 */
export function liveSchedules(options: { eta0?: number; gamma?: number; batchSize?: number; steps?: number } = {}): LiveFigure {
  checkKeys("liveSchedules", options, ["eta0", "gamma", "batchSize", "steps"]);
  const steps = checkInteger("steps", options.steps ?? 800, 4);
  const batchSize = checkInteger("batchSize", options.batchSize ?? 8, 1);
  const lr0: LiveValue = { knob: "eta0" };
  const quarter = Math.max(1, Math.round(steps / 4));
  const run = (name: string, kind: "constant" | "stepDecay" | "exponentialDecay" | "cosineDecay", extra: Record<string, LiveValue>): LiveRun => ({
    name, optimizer: "sgd", options: {}, schedule: { kind, options: { lr: lr0, ...extra } }, batchSize, seed: 0,
  });
  return liveFigure({
    title: `Schedules for SGD with batch ${batchSize} on least squares, ${steps} steps`,
    problem: { leastSquares: { n: 4096, noise: 0.5, seed: 3 } },
    runs: [
      run("constant η₀", "constant", {}),
      run(`step decay ×γ every ${quarter}`, "stepDecay", { stepSize: quarter, gamma: { knob: "gamma" } }),
      run(`exponential η₀γ^(t/${quarter})`, "exponentialDecay", { gamma: { knob: "gamma" }, decaySteps: quarter }),
      run("cosine to 0", "cosineDecay", {}),
    ],
    steps,
    knobs: [
      { name: "eta0", label: "initial learning rate η₀", min: 0.01, max: 0.5, value: checkNumber("eta0", options.eta0 ?? 0.2, "positive") },
      { name: "gamma", label: "decay factor γ", min: 0.05, max: 1, value: checkNumber("gamma", options.gamma ?? 0.3, "positive") },
    ],
    panels: ["lr", "loss", "contour"],
  });
}

/**
 * The noise floor of constant-step SGD: mini-batch SGD on least squares (lesson 03's data) with sliders
 * for η and the batch size B; the excess loss stalls near the small-η prediction η tr Σ* / (4B).
 */
export function liveNoiseFloor(options: { eta?: number; batchSize?: number; steps?: number } = {}): LiveFigure {
  checkKeys("liveNoiseFloor", options, ["eta", "batchSize", "steps"]);
  const steps = checkInteger("steps", options.steps ?? 1000, 1);
  const sizes = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];
  const batchSize = checkInteger("batchSize", options.batchSize ?? 4, 1);
  if (!sizes.includes(batchSize)) throw new Error(`batchSize must be one of ${sizes.join(", ")}, got ${batchSize}`);
  return liveFigure({
    title: `SGD's noise floor: least squares, ${steps} steps`,
    problem: { leastSquares: { n: 4096, noise: 0.5, seed: 3 } },
    runs: [{ name: "mini-batch SGD", optimizer: "sgd", options: { lr: ETA }, batchSize: { knob: "B" } }],
    steps,
    knobs: [eta(checkNumber("eta", options.eta ?? 0.2, "positive"), 0.01, 0.8), { name: "B", label: "batch size B", min: 1, max: 1024, value: batchSize, log: true, values: sizes }],
    panels: ["contour", "loss"],
  });
}

/**
 * SGD with gradients τ steps stale (asynchronous data parallelism) on the κ-conditioned bowl, turned by
 * `angle`: x_{t+1} = x_t − η∇f(x_{t−τ}), computed by `withStaleGradients` and `minimize`. Sliders for τ
 * and η, the start draggable; SGD with fresh gradients at the same η is drawn beside it. Stable while
 * ηL < 2 sin(π/(2(2τ + 1))).
 */
export function liveStaleGradients(options: { condition?: number; angle?: number; eta?: number; tau?: number; maxTau?: number; steps?: number } = {}): LiveFigure {
  checkKeys("liveStaleGradients", options, ["condition", "angle", "eta", "tau", "maxTau", "steps"]);
  const condition = checkNumber("condition", options.condition ?? 10, "positive");
  if (condition < 1) throw new Error(`liveStaleGradients: condition must be ≥ 1, got ${condition}`);
  const angle = checkNumber("angle", options.angle ?? Math.PI / 6);
  const steps = checkInteger("steps", options.steps ?? 120, 1);
  const maxTau = checkInteger("maxTau", options.maxTau ?? 16, 1);
  const tau = checkInteger("tau", options.tau ?? 4, 0);
  if (tau > maxTau) throw new Error(`liveStaleGradients: tau = ${tau} is above maxTau = ${maxTau}`);
  const lr: LiveValue = ETA;
  return liveFigure({
    title: `SGD with gradients τ steps stale on the κ = ${condition} bowl, ${steps} steps`,
    problem: { quadratic: { mu: 1 / condition, L: 1, angle }, start: [-4, 2], xRange: [-5, 5], yRange: [-5, 5] },
    runs: [
      { name: "stale SGD, τ steps behind", optimizer: "sgd", options: { lr }, staleness: { knob: "tau" } },
      { name: "SGD, fresh gradients", optimizer: "sgd", options: { lr } },
    ],
    steps,
    knobs: [
      { name: "tau", label: "staleness τ", min: 0, max: maxTau, value: tau, values: Array.from({ length: maxTau + 1 }, (_, k) => k) },
      eta(checkNumber("eta", options.eta ?? 0.15, "positive"), 0.01, 1),
    ],
    panels: ["contour", "loss"],
  });
}
