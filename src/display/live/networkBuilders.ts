/**
 * The lessons' live network figures (lessons 09, 11 and 12), each a `networkFigure` with the lessons'
 * notation: Adam's learning rate η and batch size B, the L2 coefficient λ, the dropout rate p, the
 * initial weights' scale s. The static figure is the final state at the initial knob values.
 */
import { checkInteger, checkKeys, checkNumber } from "../../core/checks";
import { networkFigure } from "./network";
import type { LiveNetworkSpec, NetworkFigure } from "./networkSpec";
import type { LiveKnob } from "./spec";

const moonsWindow09 = { xRange: [-1.6, 2.6] as [number, number], yRange: [-1.2, 1.7] as [number, number] };

/**
 * Lesson 09's 2-16-16-1 ReLU network on two moons (300 points, noise 0.2, 30% held out), trained by
 * Adam with sliders for η and the batch size B: the decision boundary and the training and test loss
 * by epoch, retrained from the same initialization whenever a slider moves.
 */
export function liveMoonsNetwork(options: { eta?: number; batchSize?: number; epochs?: number } = {}): NetworkFigure {
  checkKeys("liveMoonsNetwork", options, ["eta", "batchSize", "epochs"]);
  const sizes = [8, 16, 32, 64, 128, 210];
  const batchSize = checkInteger("batchSize", options.batchSize ?? 32, 1);
  if (!sizes.includes(batchSize)) throw new Error(`batchSize must be one of ${sizes.join(", ")}, got ${batchSize}`);
  const epochs = checkInteger("epochs", options.epochs ?? 200, 1);
  return networkFigure({
    kind: "network",
    title: "2-16-16-1 ReLU network on two moons, Adam",
    knobs: [
      { name: "eta", label: "learning rate η", min: 0.0003, max: 0.3, log: true, value: checkNumber("eta", options.eta ?? 0.01, "positive") },
      { name: "B", label: "batch size B", min: 8, max: 210, log: true, value: batchSize, values: sizes },
    ],
    data: { moons: { n: 300, noise: 0.2, seed: 0 }, split: { test: 0.3, seed: 0 } },
    net: { sizes: [2, 16, 16, 1], activation: "relu", seed: 0 },
    training: { optimizer: "adam", lr: { knob: "eta" }, epochs, batchSize: { knob: "B" }, seed: 0 },
    panels: ["boundary", "loss"],
    boundary: { ...moonsWindow09, resolution: 40 },
    lossNames: ["training", "test"],
  });
}

/**
 * Lesson 11's over-sized 2-32-32-1 ReLU network (He initialization) on 30 noisy moons, Adam η = 0.01,
 * batch 10, 200 epochs, with one regularizer on a slider: the L2 coefficient λ or the dropout rate p.
 * The decision boundary and the training and validation loss by epoch, retrained as the slider moves.
 */
export function liveRegularization(options: { regularizer?: "l2" | "dropout"; value?: number; epochs?: number } = {}): NetworkFigure {
  checkKeys("liveRegularization", options, ["regularizer", "value", "epochs"]);
  const regularizer = options.regularizer ?? "l2";
  if (regularizer !== "l2" && regularizer !== "dropout") throw new Error(`regularizer must be "l2" or "dropout", got ${JSON.stringify(regularizer)}`);
  const epochs = checkInteger("epochs", options.epochs ?? 200, 1);
  const lambdas = [0, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1];
  let knob: LiveKnob;
  if (regularizer === "l2") {
    const value = checkNumber("value", options.value ?? 1e-2, "nonNegative");
    if (!lambdas.includes(value)) throw new Error(`the L2 coefficient λ must be one of ${lambdas.join(", ")}, got ${value}`);
    knob = { name: "lambda", label: "L2 coefficient λ", min: 0, max: 0.1, value, values: lambdas };
  } else {
    const value = checkNumber("value", options.value ?? 0.5, "nonNegative");
    if (!(value < 0.95)) throw new Error(`the dropout rate p must be in [0, 0.9], got ${value}`);
    knob = { name: "p", label: "dropout rate p", min: 0, max: 0.9, value };
  }
  const spec: LiveNetworkSpec = {
    kind: "network",
    title: `2-32-32-1 ReLU network on 30 noisy moons, Adam (η = 0.01), batch 10, ${regularizer === "l2" ? "L2 penalty λ" : "dropout rate p"}`,
    knobs: [knob],
    data: { moons: { n: 30, noise: 0.35, seed: 1 }, test: { n: 200, noise: 0.35, seed: 2 } },
    net: { sizes: [2, 32, 32, 1], activation: "relu", init: "he", seed: 0, ...(regularizer === "l2" ? { l2: { knob: "lambda" } } : { dropout: { knob: "p" } }) },
    training: { optimizer: "adam", lr: 0.01, epochs, batchSize: 10, seed: 0 },
    panels: ["boundary", "loss"],
    boundary: { xRange: [-2, 3], yRange: [-1.7, 2.2], resolution: 32 },
    lossNames: ["training", "validation"],
  };
  return networkFigure(spec);
}

/**
 * Lesson 12's deep ReLU network (`depth` hidden layers of `width`, weights N(0, s²)) at initialization
 * on 200 points of two moons: ‖∂f/∂Wˡ‖ and std(zˡ) per layer (geometric means over `seeds` networks),
 * recomputed for every position of the slider for the weight scale s.
 */
export function liveInitScale(options: { s?: number; depth?: number; width?: number; seeds?: number } = {}): NetworkFigure {
  checkKeys("liveInitScale", options, ["s", "depth", "width", "seeds"]);
  const depth = checkInteger("depth", options.depth ?? 10, 1);
  const width = checkInteger("width", options.width ?? 32, 1);
  const seeds = checkInteger("seeds", options.seeds ?? 3, 1);
  return networkFigure({
    kind: "network",
    title: `ReLU network, ${depth} hidden layers of ${width}, weights N(0, s²), at initialization (${seeds} seeds)`,
    knobs: [{ name: "s", label: "weight scale s", min: 0.01, max: 1, log: true, value: checkNumber("s", options.s ?? 0.25, "positive") }],
    data: { moons: { n: 200, noise: 0.1, seed: 0 } },
    net: { sizes: [2, ...new Array<number>(depth).fill(width), 1], activation: "relu", init: "normal", initScale: { knob: "s" } },
    profile: { seeds },
    panels: ["perLayer"],
  });
}
