/**
 * The declarative description a live figure carries: plain JSON, so a page can rebuild the figure from
 * it with the library's browser bundle whenever the reader moves a slider or drags the start point.
 * Any option value may name a knob instead of a number: `{ knob: "eta" }`, or `{ knob: "eta", times: 0.5 }`.
 */
import { checkInteger, checkNumber, describe } from "../../core/checks";

/** A number, a flag, a string option (e.g. "cos"), or a knob's current value (times a constant). */
export type LiveValue = number | boolean | string | { knob: string; times?: number };

/** A slider. `values` makes it discrete (a batch size, say); `log` spaces it logarithmically. */
export interface LiveKnob {
  /** The identifier options refer to, and the URL key. */
  name: string;
  /** What the reader sees, in the lessons' notation: "η", "β", "batch size B". */
  label: string;
  min: number;
  max: number;
  value: number;
  log?: boolean;
  values?: number[];
}

/** The problems a live figure can run on. */
export type LiveProblem =
  | { catalog: "d2lQuadratic" | "rosenbrock" | "beale" | "himmelblau" | "saddle" | "rastrigin" }
  /** ½ xᵀ diag(μ, L) x, rotated by `angle` radians. */
  | { quadratic: { mu: number; L: number; angle?: number }; start?: [number, number]; xRange?: [number, number]; yRange?: [number, number] }
  /** A formula in two variables, differentiated by mathjs. */
  | { expression: string; variables?: [string, string]; start: [number, number]; xRange: [number, number]; yRange: [number, number]; minima?: number[][] }
  /** Least squares f(w, b) = mean (w x + b − y)² on seeded data y = 2x + 1 + ε: runs take mini-batches. */
  | { leastSquares: { n: number; noise: number; seed: number } };

export const OPTIMIZER_NAMES = ["sgd", "heavyBall", "emaMomentum", "adagrad", "rmsprop", "adadelta", "adam", "adamw", "adamax", "nadam", "yogi"] as const;
export type LiveOptimizerName = (typeof OPTIMIZER_NAMES)[number];

export const SCHEDULE_NAMES = ["constant", "stepDecay", "exponentialDecay", "inverseTimeDecay", "cosineDecay", "polynomialDecay", "linearWarmup", "oneCycle"] as const;
export type LiveScheduleName = (typeof SCHEDULE_NAMES)[number];

export interface LiveSchedule {
  kind: LiveScheduleName;
  /** The schedule's options (its `lr`, `gamma`, …); `totalSteps` defaults to the figure's steps. */
  options: Record<string, LiveValue>;
}

/** One optimizer run. With a schedule, the schedule is the learning rate. */
export interface LiveRun {
  name: string;
  optimizer: LiveOptimizerName;
  options: Record<string, LiveValue>;
  schedule?: LiveSchedule;
  /** Mini-batch size on a least-squares problem (default: the full batch). */
  batchSize?: LiveValue;
  /** Shuffling seed of the mini-batches (default 0). */
  seed?: number;
  /** Gradients τ steps stale (`withStaleGradients`): x_{t+1} = x_t − η∇f(x_{t−τ}); a whole number (deterministic problems only). */
  staleness?: LiveValue;
}

/**
 * The panels side by side: paths on the contour plot, loss curves, learning-rate curves, and the
 * theory of quadratics: GD's rate against η ("gdRate"), heavy ball's rate over (η, β) with Distill's
 * regions ("momentumRegions"), heavy ball's and Nesterov's stability limits ("stability").
 */
export type LivePanel = "contour" | "loss" | "lr" | "gdRate" | "momentumRegions" | "stability";
export const PANEL_NAMES: readonly LivePanel[] = ["contour", "loss", "lr", "gdRate", "momentumRegions", "stability"];

export interface LiveSpec {
  title: string;
  problem: LiveProblem;
  runs: LiveRun[];
  steps: number;
  knobs: LiveKnob[];
  panels: LivePanel[];
  /** Starting point (default: the problem's). */
  start?: [number, number];
  /** The reader may drag the start point on the contour panel (default true when there is one). */
  draggableStart?: boolean;
  /** Which knobs are η and β for the theory panels (default "eta" and "beta"). */
  theory?: { eta?: string; beta?: string };
}

/** Knob values by name. */
export type KnobValues = Record<string, number>;

/** The knobs' initial values. */
export function initialValues(spec: { knobs: LiveKnob[] }): KnobValues {
  return Object.fromEntries(spec.knobs.map((k) => [k.name, k.value]));
}

/** `value` with knob references replaced by the knobs' values. */
export function resolveValue(value: LiveValue, values: KnobValues, where: string): number | boolean | string {
  if (value !== null && typeof value === "object") {
    const v = values[value.knob];
    if (typeof v !== "number") throw new Error(`${where} refers to knob "${value.knob}", which the figure does not have`);
    return v * (value.times ?? 1);
  }
  return value;
}

/** Every option with its knob references resolved. */
export function resolveOptions(options: Record<string, LiveValue>, values: KnobValues, where: string): Record<string, number | boolean | string> {
  return Object.fromEntries(Object.entries(options).map(([k, v]) => [k, resolveValue(v, values, `${where}.${k}`)]));
}

function checkRef(value: unknown, knobs: Set<string>, where: string): void {
  if (value !== null && typeof value === "object") {
    const ref = value as { knob?: unknown; times?: unknown };
    if (typeof ref.knob !== "string" || !knobs.has(ref.knob)) throw new Error(`${where}: knob reference ${describe(value)} names no knob of the figure (${[...knobs].join(", ") || "none"})`);
    if (ref.times !== undefined) checkNumber(`${where}.times`, ref.times);
  } else if (!["number", "boolean", "string"].includes(typeof value)) {
    throw new Error(`${where} must be a number, flag, string or { knob }, got ${describe(value)}`);
  }
}

/** Throws a clear error naming the culprit unless `knobs` are well-formed sliders; returns their names. */
export function checkKnobs(knobs: LiveKnob[]): Set<string> {
  if (!Array.isArray(knobs)) throw new Error(`knobs must be an array, got ${describe(knobs)}`);
  const names = new Set<string>();
  knobs.forEach((k, i) => {
    if (k === null || typeof k !== "object" || typeof k.name !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(k.name)) throw new Error(`knobs[${i}] needs a name (letters, digits, _), got ${describe(k?.name)}`);
    if (names.has(k.name)) throw new Error(`knobs[${i}]: two knobs are named "${k.name}"`);
    names.add(k.name);
    if (typeof k.label !== "string") throw new Error(`knob "${k.name}" needs a label, got ${describe(k.label)}`);
    checkNumber(`knob "${k.name}" min`, k.min);
    checkNumber(`knob "${k.name}" max`, k.max);
    checkNumber(`knob "${k.name}" value`, k.value);
    if (!(k.min < k.max)) throw new Error(`knob "${k.name}": min ${k.min} must be below max ${k.max}`);
    if (k.value < k.min || k.value > k.max) throw new Error(`knob "${k.name}": value ${k.value} is outside [${k.min}, ${k.max}]`);
    if (k.log && !(k.min > 0)) throw new Error(`knob "${k.name}": a log slider needs min > 0, got ${k.min}`);
    if (k.values !== undefined && (!Array.isArray(k.values) || !k.values.includes(k.value))) throw new Error(`knob "${k.name}": values must be an array containing value ${k.value}`);
  });
  return names;
}

/** Throws a clear error naming the culprit unless `spec` is a well-formed live figure description. */
export function checkLiveSpec(spec: LiveSpec): LiveSpec {
  if (spec === null || typeof spec !== "object") throw new Error(`a live figure needs a description object, got ${describe(spec)}`);
  if (typeof spec.title !== "string") throw new Error(`title must be a string, got ${describe(spec.title)}`);
  checkInteger("steps", spec.steps, 1);
  if (spec.steps > 100_000) throw new Error(`steps = ${spec.steps} is too many to recompute live (at most 100000)`);
  const names = checkKnobs(spec.knobs);
  if (!Array.isArray(spec.runs) || spec.runs.length === 0) throw new Error(`runs must be a non-empty array, got ${describe(spec.runs)}`);
  spec.runs.forEach((run, i) => {
    const where = `runs[${i}]`;
    if (run === null || typeof run !== "object" || typeof run.name !== "string") throw new Error(`${where} needs a name, got ${describe(run)}`);
    if (!OPTIMIZER_NAMES.includes(run.optimizer)) throw new Error(`${where} ("${run.name}"): unknown optimizer ${describe(run.optimizer)}; one of ${OPTIMIZER_NAMES.join(", ")}`);
    if (run.options === null || typeof run.options !== "object") throw new Error(`${where} ("${run.name}"): options must be an object, got ${describe(run.options)}`);
    for (const [k, v] of Object.entries(run.options)) checkRef(v, names, `${where}.options.${k}`);
    if (run.schedule !== undefined) {
      if (!SCHEDULE_NAMES.includes(run.schedule?.kind)) throw new Error(`${where} ("${run.name}"): unknown schedule ${describe(run.schedule?.kind)}; one of ${SCHEDULE_NAMES.join(", ")}`);
      for (const [k, v] of Object.entries(run.schedule.options ?? {})) checkRef(v, names, `${where}.schedule.options.${k}`);
    }
    if (run.batchSize !== undefined) checkRef(run.batchSize, names, `${where}.batchSize`);
    if (run.staleness !== undefined) {
      checkRef(run.staleness, names, `${where}.staleness`);
      if (spec.problem !== null && typeof spec.problem === "object" && "leastSquares" in spec.problem) throw new Error(`${where} ("${run.name}"): staleness needs a deterministic problem, not leastSquares (its runs take mini-batches)`);
    }
  });
  if (!Array.isArray(spec.panels) || spec.panels.length === 0 || spec.panels.length > 3) throw new Error(`panels must list 1 to 3 panels, got ${describe(spec.panels)}`);
  for (const p of spec.panels) if (!PANEL_NAMES.includes(p)) throw new Error(`unknown panel ${describe(p)}; one of ${PANEL_NAMES.join(", ")}`);
  if (spec.start !== undefined && !(Array.isArray(spec.start) && spec.start.length === 2 && spec.start.every(Number.isFinite))) throw new Error(`start must be a point [x, y], got ${describe(spec.start)}`);
  for (const role of ["eta", "beta"] as const) {
    const name = spec.theory?.[role] ?? role;
    const needs = role === "eta" ? spec.panels.some((p) => p === "gdRate" || p === "momentumRegions" || p === "stability") : spec.panels.some((p) => p === "momentumRegions" || p === "stability");
    if (needs && !names.has(name)) throw new Error(`the ${spec.panels.join("/")} panels need a knob "${name}" for ${role === "eta" ? "η" : "β"}`);
  }
  return spec;
}
