/**
 * Exercise keys: what a lesson's exercise expects, kept in the library so that neither the notebook
 * nor the course site shows it. A key is built with `numberKey`, `functionKey` or `experimentKey`
 * and registered under an id "<lesson>.<n>" in keys/index.ts; a lesson checks an answer with
 * `exercise(id, answer)` (exercise.ts).
 */
import type { Tolerance } from "../display/check";

/** A wrong answer students often give, and what to tell them when they give it. */
export interface KnownMistake {
  /** The wrong value (computed when checked). */
  value: () => number;
  /** Feedback for it: what the student probably computed and where to look instead. */
  says: string;
}

interface KeyBase {
  /** A short name of what is asked, shown with the verdict. */
  prompt: string;
  /** Shown with a wrong answer: where to look, never the answer. */
  hint: string;
}

export interface NumberKey extends KeyBase {
  kind: "number";
  expected: () => number;
  tolerance: Tolerance;
  mistakes: readonly KnownMistake[];
}

export interface FunctionKey extends KeyBase {
  kind: "function";
  reference: (...args: never[]) => number;
  inputs: readonly unknown[][];
  tolerance: Tolerance;
}

/** Knobs of an experiment: named numbers the student may change before running it. */
export type Knobs = Record<string, number>;

export interface ExperimentKey extends KeyBase {
  kind: "experiment";
  /** Re-runs the experiment with the given knobs and returns the measured number. */
  measure: (knobs: Knobs) => number;
  /** The knobs' values as the lesson's experiment cell sets them. */
  knobs: Knobs;
  tolerance: Tolerance;
}

export type ExerciseKey = NumberKey | FunctionKey | ExperimentKey;

/** A numeric answer, compared within `tolerance` (default rtol 1e-3). */
export function numberKey(
  prompt: string,
  expected: () => number,
  { hint, tolerance = { rtol: 1e-3 }, mistakes = [] }: { hint: string; tolerance?: Tolerance; mistakes?: KnownMistake[] },
): NumberKey {
  return { kind: "number", prompt, expected, hint, tolerance, mistakes };
}

/** A function the student writes, compared with `reference` on every one of `inputs`. */
export function functionKey<A extends unknown[]>(
  prompt: string,
  reference: (...args: A) => number,
  inputs: A[],
  { hint, tolerance = { rtol: 1e-6, atol: 1e-9 } }: { hint: string; tolerance?: Tolerance },
): FunctionKey {
  return { kind: "function", prompt, reference: reference as unknown as (...args: never[]) => number, inputs, hint, tolerance };
}

/** A number the student measures by running an experiment; the check measures it again. */
export function experimentKey<K extends Knobs>(
  prompt: string,
  measure: (knobs: K) => number,
  { knobs, hint, tolerance = { rtol: 1e-3 } }: { knobs: K; hint: string; tolerance?: Tolerance },
): ExperimentKey {
  return { kind: "experiment", prompt, measure: measure as (knobs: Knobs) => number, knobs, hint, tolerance };
}
