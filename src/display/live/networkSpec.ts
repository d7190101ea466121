/**
 * The description a live network figure carries (plain JSON, like a 2-D figure's `LiveSpec`): two-moons
 * data, an `mlp`, and either its training or its profile at initialization, with knobs for the options.
 */
import { checkInteger, describe } from "../../core/checks";
import type { ActivationName } from "../../networks/activations";
import type { InitName } from "../../networks/mlp";
import type { Figure } from "../figure";
import { type LiveKnob, type LiveValue, checkKnobs } from "./spec";

/** Two moons, as `moons` draws them. */
export interface LiveMoons {
  n: number;
  noise: number;
  seed: number;
}

/** What a network panel draws: the decision boundary, the training/held-out loss by epoch, or the per-layer profile at initialization. */
export type LiveNetworkPanel = "boundary" | "loss" | "perLayer";

export interface LiveNetworkSpec {
  kind: "network";
  title: string;
  knobs: LiveKnob[];
  /** Training data; `split` holds out a fraction of it (`trainTestSplit`), or `test` draws held-out moons. */
  data: { moons: LiveMoons; split?: { test: number; seed: number }; test?: LiveMoons };
  /** `mlp`'s options; initScale, l2 and dropout may name knobs. */
  net: { sizes: number[]; activation: ActivationName; init?: InitName; initScale?: LiveValue; l2?: LiveValue; dropout?: LiveValue; seed?: number };
  /** Training by `fitEpochs` (the boundary and loss panels). */
  training?: { optimizer: "adam" | "sgd"; lr: LiveValue; epochs: number; batchSize: LiveValue; seed?: number };
  /** At initialization (the perLayer panel): geometric means over networks of seeds 0 … seeds − 1. */
  profile?: { seeds: number };
  panels: LiveNetworkPanel[];
  /** The boundary panel's window and grid. */
  boundary?: { xRange: [number, number]; yRange: [number, number]; resolution: number };
  /** Legend names of the loss panel's two curves (default "training", "held out"). */
  lossNames?: [string, string];
}

/** True for a network figure's description (the 2-D optimizer figures have no `kind`). */
export function isNetworkSpec(spec: unknown): spec is LiveNetworkSpec {
  return spec !== null && typeof spec === "object" && (spec as { kind?: unknown }).kind === "network";
}

const PANELS: readonly LiveNetworkPanel[] = ["boundary", "loss", "perLayer"];

/** Throws a clear error naming the culprit unless `spec` is a well-formed network figure. */
export function checkNetworkSpec(spec: LiveNetworkSpec): LiveNetworkSpec {
  if (!isNetworkSpec(spec)) throw new Error(`a network figure needs a description with kind "network", got ${describe(spec)}`);
  if (typeof spec.title !== "string") throw new Error(`title must be a string, got ${describe(spec.title)}`);
  const names = checkKnobs(spec.knobs);
  const ref = (v: unknown, where: string) => {
    if (v !== null && typeof v === "object") {
      const knob = (v as { knob?: unknown }).knob;
      if (typeof knob !== "string" || !names.has(knob)) throw new Error(`${where}: knob reference ${describe(v)} names no knob of the figure (${[...names].join(", ") || "none"})`);
    } else if (typeof v !== "number") throw new Error(`${where} must be a number or { knob }, got ${describe(v)}`);
  };
  const moonsOk = (m: LiveMoons | undefined, where: string) => {
    if (m === null || typeof m !== "object") throw new Error(`${where} must be { n, noise, seed }, got ${describe(m)}`);
    checkInteger(`${where}.n`, m.n, 2);
  };
  if (spec.data === null || typeof spec.data !== "object") throw new Error(`data must be { moons, split | test }, got ${describe(spec.data)}`);
  moonsOk(spec.data.moons, "data.moons");
  if (spec.data.test !== undefined) moonsOk(spec.data.test, "data.test");
  if (spec.net === null || typeof spec.net !== "object" || !Array.isArray(spec.net.sizes)) throw new Error(`net must be { sizes, activation, … }, got ${describe(spec.net)}`);
  if (spec.net.sizes[0] !== 2 || spec.net.sizes[spec.net.sizes.length - 1] !== 1) throw new Error(`net.sizes must take 2 inputs and give 1 output (two moons), got ${describe(spec.net.sizes)}`);
  for (const key of ["initScale", "l2", "dropout"] as const) if (spec.net[key] !== undefined) ref(spec.net[key], `net.${key}`);
  if (!Array.isArray(spec.panels) || spec.panels.length === 0 || spec.panels.length > 3) throw new Error(`panels must list 1 to 3 panels, got ${describe(spec.panels)}`);
  for (const p of spec.panels) if (!PANELS.includes(p)) throw new Error(`unknown network panel ${describe(p)}; one of ${PANELS.join(", ")}`);
  const trains = spec.panels.includes("boundary") || spec.panels.includes("loss");
  if (trains) {
    const t = spec.training;
    if (t === null || typeof t !== "object") throw new Error(`the boundary and loss panels need training { optimizer, lr, epochs, batchSize }, got ${describe(t)}`);
    if (t.optimizer !== "adam" && t.optimizer !== "sgd") throw new Error(`training.optimizer must be "adam" or "sgd", got ${describe(t.optimizer)}`);
    ref(t.lr, "training.lr");
    ref(t.batchSize, "training.batchSize");
    checkInteger("training.epochs", t.epochs, 1);
    if (t.epochs > 5000) throw new Error(`training.epochs = ${t.epochs} is too many to train live (at most 5000)`);
  }
  if (spec.panels.includes("perLayer")) {
    if (trains) throw new Error("the perLayer panel (at initialization) cannot share a figure with the boundary and loss panels (trained)");
    checkInteger("profile.seeds", spec.profile?.seeds, 1);
  }
  if (spec.panels.includes("loss") && !spec.data.split && !spec.data.test) throw new Error("the loss panel needs held-out data: data.split or data.test");
  return spec;
}

/** A figure that carries a network figure's description: plotly draws it; a page with the bundle trains it live. */
export interface NetworkFigure extends Figure {
  live: LiveNetworkSpec;
}
