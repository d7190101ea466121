/**
 * `exercise(id, answer)`: marks a student's answer against a key the notebook does not contain.
 * Feedback teaches: right; or wrong with the direction and rough size of the error, the key's hint,
 * and targeted advice when the answer is a known mistake; or "answer must be a number, got …" for a
 * wrong type. It never throws on the student's account; an author's mistake (an unknown id, a key
 * whose expected value is not a finite number, an unusable tolerance, no test inputs) throws, so the
 * lesson's test fails instead of telling a student something false.
 */
import { fmt, functionVerdict, isClose, numberVerdict, sayVerdict, validateExpected, validateTolerance } from "../display/check";
import type { ExerciseKey, Knobs } from "./key";
import { exerciseKeys } from "./keys";

/** The key registered under `id`; throws (for the author) when there is none. */
export function exerciseKey(id: string): ExerciseKey {
  const key = Object.prototype.hasOwnProperty.call(exerciseKeys, id) ? exerciseKeys[id] : undefined;
  if (!key) throw new Error(`exercise("${id}"): no such exercise; ids look like "02a.1" (lesson, dot, number). Known in this lesson: ${Object.keys(exerciseKeys).filter((k) => k.split(".")[0] === id.split(".")[0]).join(", ") || "none"}`);
  return key;
}

/** The outcome of checking an answer: `null` = not answered yet. */
export interface ExerciseResult {
  ok: boolean | null;
  message: string;
}

/** Checks without displaying: the verdict `exercise` shows. */
export function judgeExercise(id: string, answer: unknown, knobs: Knobs = {}): ExerciseResult {
  const key = exerciseKey(id);
  const where = `exercise("${id}")`;
  const tolerance = validateTolerance(where, key.tolerance);
  const head = `${id} (${key.prompt})`;
  if (key.kind === "function") {
    const problem = functionVerdict(where, answer === undefined ? () => 0 : answer, key.reference as (...a: unknown[]) => number, key.inputs, tolerance, false);
    if (answer === undefined) return { ok: null, message: `${head}: not written yet` };
    return problem === null
      ? { ok: true, message: `${head}: right on all ${key.inputs.length} test inputs` }
      : { ok: false, message: `${head}: ${problem}. Hint: ${key.hint}` };
  }
  let expected: number;
  let setting = "";
  if (key.kind === "experiment") {
    if (knobs === null || typeof knobs !== "object") return { ok: false, message: `${head}: the knobs must be an object such as ${JSON.stringify(key.knobs)}` };
    const unknown = Object.keys(knobs).filter((k) => !(k in key.knobs));
    if (unknown.length) return { ok: false, message: `${head}: unknown knob ${unknown.join(", ")}; this experiment's knobs are ${Object.keys(key.knobs).join(", ")}` };
    const bad = Object.entries(knobs).filter(([, v]) => typeof v !== "number" || !Number.isFinite(v));
    if (bad.length) return { ok: false, message: `${head}: knob ${bad[0][0]} must be a finite number, got ${String(bad[0][1])}` };
    const used = { ...key.knobs, ...knobs };
    setting = ` with ${Object.entries(used).map(([k, v]) => `${k} = ${v}`).join(", ")}`;
    if (answer === undefined) return { ok: null, message: `${head}: not answered yet (run the experiment${setting} and report what it measures)` };
    expected = key.measure(used);
    // An experiment may never reach its target (Infinity); anything else that is not a number is the key's fault.
    if (typeof expected !== "number" || Number.isNaN(expected)) validateExpected(where, expected);
  } else {
    expected = validateExpected(where, key.expected());
    if (answer === undefined) return { ok: null, message: `${head}: not answered yet` };
  }
  const problem = numberVerdict(answer, expected, tolerance);
  if (problem === null) return { ok: true, message: `${head}: ${fmt(answer as number)} is right${setting}` };
  if (typeof answer === "number" && key.kind === "number") {
    for (const mistake of key.mistakes) {
      if (isClose(answer, validateExpected(`${where} (known mistake)`, mistake.value()), tolerance)) {
        return { ok: false, message: `${head}: ${fmt(answer)} is not right. ${mistake.says}` };
      }
    }
  }
  const measured = key.kind === "experiment" ? ` (re-measured${setting})` : "";
  return { ok: false, message: `${head}: ${problem}${measured}. Hint: ${key.hint}` };
}

/**
 * Marks the student's answer to exercise `id` and shows the verdict under the cell. `answer` is a
 * number, or a function for exercises that ask for one; `undefined` means not answered yet. For an
 * experiment, `knobs` are the settings the student ran it with (defaults: the lesson's). Returns
 * true when right.
 */
export function exercise(id: string, answer: unknown, knobs: Knobs = {}): boolean {
  const { ok, message } = judgeExercise(id, answer, knobs);
  sayVerdict(ok === true, message);
  return ok === true;
}
