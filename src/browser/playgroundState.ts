/**
 * The playground's state, its URL form and the live-figure description it stands for. Every number a
 * reader can change is a knob of the description, so moving it recomputes without rebuilding; the URL
 * fragment holds the whole state, so a configuration can be linked from a slide.
 *   #problem=rosenbrock&steps=500&start=-1.2,1&run=adam:lr=0.01&run=sgd:lr=0.001,momentum=0.9&schedule=cosineDecay
 * A typed formula: problem=expression&f=x^2%2B10*y^2&window=-3,3,-3,3.
 */
import type { KnobValues, LiveKnob, LiveOptimizerName, LiveProblem, LiveRun, LiveScheduleName, LiveSpec } from "../display/live/spec";
import { OPTIMIZER_NAMES, SCHEDULE_NAMES } from "../display/live/spec";

/** A numeric option shown as a slider: default, range, log spacing, integer. */
export interface OptionField {
  name: string;
  label: string;
  value: number;
  min: number;
  max: number;
  log?: boolean;
  integer?: boolean;
}

const LR = (value: number): OptionField => ({ name: "lr", label: "η", value, min: 1e-4, max: 2, log: true });
const BETA1: OptionField = { name: "beta1", label: "β₁", value: 0.9, min: 0, max: 0.999 };
const BETA2: OptionField = { name: "beta2", label: "β₂", value: 0.999, min: 0.5, max: 0.9999 };

/** Each optimizer's sliders (the lessons' notation) and flags. */
export const OPTIMIZER_FIELDS: Record<LiveOptimizerName, { fields: OptionField[]; flags?: string[] }> = {
  sgd: { fields: [LR(0.01), { name: "momentum", label: "β", value: 0, min: 0, max: 0.99 }], flags: ["nesterov"] },
  heavyBall: { fields: [LR(0.01), { name: "beta", label: "β", value: 0.9, min: 0, max: 0.99 }] },
  emaMomentum: { fields: [LR(0.01), { name: "beta", label: "β", value: 0.9, min: 0, max: 0.99 }] },
  adagrad: { fields: [LR(0.1)] },
  rmsprop: { fields: [LR(0.01), { name: "alpha", label: "ρ", value: 0.99, min: 0, max: 0.999 }] },
  adadelta: { fields: [LR(1), { name: "rho", label: "ρ", value: 0.9, min: 0, max: 0.999 }] },
  adam: { fields: [LR(0.01), BETA1, BETA2], flags: ["amsgrad"] },
  adamw: { fields: [LR(0.01), BETA1, BETA2, { name: "weightDecay", label: "λ", value: 0.01, min: 0, max: 0.5 }] },
  adamax: { fields: [LR(0.01), BETA1, BETA2] },
  nadam: { fields: [LR(0.01), BETA1, BETA2] },
  yogi: { fields: [LR(0.01), BETA1, BETA2] },
};

/** Each schedule's sliders besides the learning rate (which is the run's η). */
export const SCHEDULE_FIELDS: Record<LiveScheduleName, OptionField[]> = {
  constant: [],
  stepDecay: [{ name: "stepSize", label: "step size", value: 100, min: 1, max: 1000, integer: true }, { name: "gamma", label: "γ", value: 0.5, min: 0.05, max: 1 }],
  exponentialDecay: [{ name: "gamma", label: "γ", value: 0.99, min: 0.5, max: 1 }],
  inverseTimeDecay: [{ name: "decayRate", label: "γ", value: 0.01, min: 1e-4, max: 1, log: true }],
  cosineDecay: [{ name: "minLr", label: "η_min", value: 0, min: 0, max: 0.01 }],
  polynomialDecay: [{ name: "power", label: "power", value: 1, min: 0.25, max: 4 }],
  linearWarmup: [{ name: "warmupSteps", label: "warm-up steps", value: 50, min: 1, max: 1000, integer: true }],
  oneCycle: [{ name: "pctStart", label: "warm-up fraction", value: 0.3, min: 0.05, max: 0.95 }],
};

export const PLAYGROUND_PROBLEMS = ["rosenbrock", "beale", "himmelblau", "d2lQuadratic", "saddle", "rastrigin", "expression"] as const;
export type PlaygroundProblem = (typeof PLAYGROUND_PROBLEMS)[number];

export interface PlaygroundRun {
  optimizer: LiveOptimizerName;
  options: Record<string, number | boolean>;
}

export interface PlaygroundState {
  problem: PlaygroundProblem;
  expression: string;
  window: [number, number, number, number];
  start: [number, number] | null;
  steps: number;
  runs: PlaygroundRun[];
  schedule: { kind: LiveScheduleName | "none"; options: Record<string, number> };
}

export function defaultRun(optimizer: LiveOptimizerName): PlaygroundRun {
  const { fields, flags } = OPTIMIZER_FIELDS[optimizer];
  return { optimizer, options: { ...Object.fromEntries(fields.map((f) => [f.name, f.value])), ...Object.fromEntries((flags ?? []).map((f) => [f, false])) } };
}

export function defaultState(): PlaygroundState {
  return {
    problem: "rosenbrock",
    expression: "x^2 + 10*y^2 + sin(3*x)",
    window: [-3, 3, -3, 3],
    start: null,
    steps: 500,
    runs: [{ ...defaultRun("sgd"), options: { lr: 0.001, momentum: 0.9, nesterov: false } }, defaultRun("adam")],
    schedule: { kind: "none", options: {} },
  };
}

const numbers = (text: string | null, count: number): number[] | null => {
  if (!text) return null;
  const parts = text.split(",").map(Number);
  return parts.length === count && parts.every(Number.isFinite) ? parts : null;
};

/** The state a URL fragment describes; unknown or malformed parts keep their defaults. */
export function parseState(fragment: string): PlaygroundState {
  const state = defaultState();
  const q = new URLSearchParams(fragment.replace(/^#/, ""));
  const problem = q.get("problem");
  if (problem && (PLAYGROUND_PROBLEMS as readonly string[]).includes(problem)) state.problem = problem as PlaygroundProblem;
  if (q.get("f")) state.expression = q.get("f")!;
  const window = numbers(q.get("window"), 4);
  if (window && window[0] < window[1] && window[2] < window[3]) state.window = window as PlaygroundState["window"];
  const start = numbers(q.get("start"), 2);
  if (start) state.start = start as [number, number];
  const steps = Number(q.get("steps"));
  if (Number.isInteger(steps) && steps >= 1 && steps <= 20000) state.steps = steps;
  const runs = q.getAll("run").flatMap((text) => {
    const [name, options = ""] = text.split(":");
    if (!(OPTIMIZER_NAMES as readonly string[]).includes(name)) return [];
    const run = defaultRun(name as LiveOptimizerName);
    for (const pair of options.split(",").filter(Boolean)) {
      const [key, value] = pair.split("=");
      if (!(key in run.options)) continue;
      run.options[key] = typeof run.options[key] === "boolean" ? value === "true" : Number(value);
      if (typeof run.options[key] === "number" && !Number.isFinite(run.options[key])) run.options[key] = defaultRun(run.optimizer).options[key];
    }
    return [run];
  });
  if (runs.length) state.runs = runs;
  const schedule = q.get("schedule");
  if (schedule) {
    const [kind, options = ""] = schedule.split(":");
    if ((SCHEDULE_NAMES as readonly string[]).includes(kind)) {
      const fields = SCHEDULE_FIELDS[kind as LiveScheduleName];
      state.schedule = { kind: kind as LiveScheduleName, options: Object.fromEntries(fields.map((f) => [f.name, f.value])) };
      for (const pair of options.split(",").filter(Boolean)) {
        const [key, value] = pair.split("=");
        if (key in state.schedule.options && Number.isFinite(Number(value))) state.schedule.options[key] = Number(value);
      }
    }
  }
  return state;
}

/** The URL fragment of a state (without '#'). */
export function stateFragment(state: PlaygroundState): string {
  const q = new URLSearchParams();
  q.set("problem", state.problem);
  if (state.problem === "expression") {
    q.set("f", state.expression);
    q.set("window", state.window.join(","));
  }
  q.set("steps", String(state.steps));
  if (state.start) q.set("start", state.start.join(","));
  for (const run of state.runs) q.append("run", `${run.optimizer}:${Object.entries(run.options).map(([k, v]) => `${k}=${v}`).join(",")}`);
  if (state.schedule.kind !== "none") {
    q.set("schedule", `${state.schedule.kind}${Object.keys(state.schedule.options).length ? ":" : ""}${Object.entries(state.schedule.options).map(([k, v]) => `${k}=${v}`).join(",")}`);
  }
  return q.toString();
}

/** The knob of run i's option (or of the schedule's, i = "s"). */
export const knobName = (i: number | "s", option: string) => (i === "s" ? `s_${option}` : `r${i}_${option}`);

function fieldKnob(name: string, field: OptionField, value: number, label: string): LiveKnob {
  const min = Math.min(field.min, value);
  const max = Math.max(field.max, value);
  return { name, label, min: field.log && min <= 0 ? field.min : min, max, value, ...(field.log ? { log: true } : {}) };
}

/** Display names: the optimizer, numbered when it appears twice. */
export function runNames(state: PlaygroundState): string[] {
  return state.runs.map((run, i) => (state.runs.filter((r) => r.optimizer === run.optimizer).length > 1 ? `${run.optimizer} #${i + 1}` : run.optimizer));
}

/** The live figure the state stands for, every slider a knob; throws on a state it cannot run. */
export function stateSpec(state: PlaygroundState): LiveSpec {
  const problem: LiveProblem =
    state.problem === "expression"
      ? { expression: state.expression, start: state.start ?? [(state.window[0] + state.window[1]) / 2 + 0.4 * (state.window[1] - state.window[0]), (state.window[2] + state.window[3]) / 2 + 0.4 * (state.window[3] - state.window[2])], xRange: [state.window[0], state.window[1]], yRange: [state.window[2], state.window[3]] }
      : { catalog: state.problem };
  const knobs: LiveKnob[] = [];
  const names = runNames(state);
  const runs: LiveRun[] = state.runs.map((run, i) => {
    const options: LiveRun["options"] = {};
    for (const field of OPTIMIZER_FIELDS[run.optimizer].fields) {
      const value = Number(run.options[field.name] ?? field.value);
      knobs.push(fieldKnob(knobName(i, field.name), field, value, `${names[i]} ${field.label}`));
      options[field.name] = { knob: knobName(i, field.name) };
    }
    for (const flag of OPTIMIZER_FIELDS[run.optimizer].flags ?? []) options[flag] = Boolean(run.options[flag]);
    const out: LiveRun = { name: names[i], optimizer: run.optimizer, options };
    if (state.schedule.kind !== "none") {
      const lrKey = state.schedule.kind === "oneCycle" ? "maxLr" : "lr";
      out.schedule = { kind: state.schedule.kind, options: { [lrKey]: { knob: knobName(i, "lr") } } };
      for (const field of SCHEDULE_FIELDS[state.schedule.kind]) out.schedule.options[field.name] = { knob: knobName("s", field.name) };
    }
    return out;
  });
  if (state.schedule.kind !== "none") {
    for (const field of SCHEDULE_FIELDS[state.schedule.kind]) {
      knobs.push(fieldKnob(knobName("s", field.name), field, state.schedule.options[field.name] ?? field.value, `schedule ${field.label}`));
    }
  }
  return {
    title: `Playground: ${state.problem === "expression" ? `f = ${state.expression}` : state.problem}, ${state.steps} steps`,
    problem,
    runs,
    steps: state.steps,
    knobs,
    panels: state.schedule.kind === "none" ? ["contour", "loss"] : ["contour", "loss", "lr"],
    ...(state.start ? { start: state.start } : {}),
  };
}

/** The knob values of a state, to update a figure built from an earlier state of the same shape. */
export function stateValues(state: PlaygroundState): KnobValues {
  return Object.fromEntries(stateSpec(state).knobs.map((k) => [k.name, k.value]));
}
