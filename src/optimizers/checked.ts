/**
 * A step that checks its results: the rare path, for steps whose results the rule cannot bound
 * (guard.ts), for rules without bounds (Newton's method) and for user-written transforms. It keeps a
 * copy of the parameters and of every state array, runs the step, and scans what it wrote; if a
 * transform throws or any result is NaN or ±Infinity, it puts everything back and throws an error that
 * names the coordinate. A failed step thus changes nothing, on the JavaScript loop, the WebAssembly
 * kernel and the worker thread alike (the state arrays are views of the kernel's memory).
 */
import { maxAbs } from "./guard";
import { firstNonFinite } from "../core/finite";

/**
 * What a step throws when a result would not be finite: the run it belongs to has diverged (the
 * training loops report it as divergence). `array` and `index` name the coordinate.
 */
export class NonFiniteStepError extends RangeError {
  constructor(
    message: string,
    readonly array: string,
    readonly index: number,
  ) {
    super(message);
    this.name = "NonFiniteStepError";
  }
}

/** Copies kept by a checked step, reused from step to step. */
export interface StepBackup {
  params: Float64Array;
  arrays: Map<string, Float64Array>;
  scalars: Map<string, unknown>;
  transformStates: unknown[];
}

export interface CheckedStep {
  /** The optimizer's name, for the error. */
  name: string;
  /** The 1-based index of the update. */
  t: number;
  params: Float64Array;
  grads: Float64Array;
  /** The optimizer's live state (`t` and `lr` are set by the caller after the step). */
  state: Record<string, unknown>;
  backup: StepBackup;
  transformStates: unknown[];
  /** Runs the step. */
  run(): void;
  /** When the step sized the state: forgets it again on failure (the first step allocates). */
  forget?: () => void;
  /** Receives the largest magnitude of each state array after a step that went through. */
  bounds: Record<string, number>;
}

const SKIP = new Set(["t", "lr"]);

function copyInto(keep: Map<string, Float64Array>, key: string, values: Float64Array): void {
  let copy = keep.get(key);
  if (copy === undefined || copy.length !== values.length) {
    copy = new Float64Array(values.length);
    keep.set(key, copy);
  }
  copy.set(values);
}

/** Runs `step.run()`; puts params, state and transform states back and throws when the step fails. */
export function checkedStep(step: CheckedStep): void {
  const { name, t, params, grads, state, backup, transformStates } = step;
  if (backup.params.length !== params.length) backup.params = new Float64Array(params.length);
  backup.params.set(params);
  backup.scalars.clear();
  for (const [key, value] of Object.entries(state)) {
    if (SKIP.has(key)) continue;
    if (value instanceof Float64Array) copyInto(backup.arrays, key, value);
    else backup.scalars.set(key, value);
  }
  backup.transformStates = transformStates.slice();
  const restore = () => {
    params.set(backup.params);
    for (const [key, value] of Object.entries(state)) {
      if (SKIP.has(key)) continue;
      if (value instanceof Float64Array) value.set(backup.arrays.get(key)!.subarray(0, value.length));
      else state[key] = backup.scalars.get(key);
    }
    transformStates.length = 0;
    transformStates.push(...backup.transformStates);
    step.forget?.();
  };
  try {
    step.run();
  } catch (error) {
    restore();
    throw error;
  }
  const culprit = findNonFinite(params, state);
  if (culprit !== undefined) {
    const [what, i, value] = culprit;
    const where = i < 0 ? what : `${what}[${i}] ${value} (params[${i}] is ${backup.params[i]}, grads[${i}] is ${grads[i]})`;
    restore();
    throw new NonFiniteStepError(
      `${name}: step ${t} would make ${where}; a step must leave every number finite, so it was rejected and nothing was changed`,
      what,
      i,
    );
  }
  for (const [key, value] of Object.entries(state)) if (value instanceof Float64Array) step.bounds[key] = maxAbs(value);
}

/** The first result that is not finite, as [array, index, value]: params first, then each state array. */
function findNonFinite(params: Float64Array, state: Record<string, unknown>): [string, number, number] | undefined {
  const bad = firstNonFinite(params);
  if (bad >= 0) return ["params", bad, params[bad]];
  for (const [key, value] of Object.entries(state)) {
    if (!(value instanceof Float64Array)) continue;
    const i = firstNonFinite(value);
    if (i >= 0) return [key, i, value[i]];
  }
  for (const [key, value] of Object.entries(state)) {
    if (typeof value === "number" && !SKIP.has(key) && !Number.isFinite(value)) return [`${key} ${value}`, -1, value];
  }
  return undefined;
}
