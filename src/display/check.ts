import { sendBundle } from "./jupyter";

export interface Tolerance {
  /** Relative tolerance (default 1e-6). */
  rtol?: number;
  /** Absolute tolerance (default 1e-12). */
  atol?: number;
}

/** |a − b| ≤ atol + rtol·|b|, the test numpy's `isclose` uses. */
export function isClose(actual: number, expected: number, { rtol = 1e-6, atol = 1e-12 }: Tolerance = {}): boolean {
  if (Number.isNaN(actual) || Number.isNaN(expected)) return false;
  if (actual === expected) return true;
  return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
}

/**
 * Shows a verdict in the notebook: ✓ (ok = true), ✗ (false) or a neutral note (null), then the message;
 * outside a notebook it prints the same line.
 */
function say(ok: boolean | null, message: string): void {
  const mark = ok === null ? "○" : ok ? "✓" : "✗";
  sendBundle({ "text/markdown": `${mark} ${message}`, "text/plain": `${mark} ${message}` });
}

/**
 * A claim a lesson makes about a number, checked when the cell runs: shows ✓ with both values, or
 * throws (so the notebook test fails) when the claim no longer holds.
 */
export function assertClose(label: string, actual: number, expected: number, tolerance: Tolerance = {}): void {
  if (!isClose(actual, expected, tolerance)) {
    throw new Error(`${label}: expected ${expected}, got ${actual} (rtol ${tolerance.rtol ?? 1e-6}, atol ${tolerance.atol ?? 1e-12})`);
  }
  say(true, `${label}: ${fmt(actual)} (expected ${fmt(expected)})`);
}

/** A claim that a condition holds: shows ✓ with the message, or throws with it. */
export function assertThat(condition: boolean, message: string): void {
  if (!condition) throw new Error(`claim failed: ${message}`);
  say(true, message);
}

/** A number as a reader wants it: seven significant digits, no float noise. */
export function fmt(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(7))) : String(x);
}

/** What a value is, in words, for a message that names a wrong type. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value)}`;
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (Array.isArray(value)) return `an array of ${value.length} (${JSON.stringify(value).slice(0, 40)})`;
  if (typeof value === "function") return "a function";
  if (typeof value === "object") return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
  return `${typeof value} ${String(value)}`;
}

/** Throws for the lesson's author (not the student) when a tolerance is unusable. */
export function validateTolerance(where: string, tolerance: Tolerance): Required<Tolerance> {
  if (tolerance === null || typeof tolerance !== "object") throw new Error(`${where}: tolerance must be an object { rtol, atol }, got ${describeValue(tolerance)} (the lesson's mistake, not the student's)`);
  const out = { rtol: tolerance.rtol ?? 1e-3, atol: tolerance.atol ?? 1e-12 };
  for (const key of ["rtol", "atol"] as const) {
    const v = out[key];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      throw new Error(`${where}: tolerance ${key} must be a finite number ≥ 0, got ${describeValue(v)} (the lesson's mistake, not the student's)`);
    }
  }
  return out;
}

/** Throws for the lesson's author when an expected value is not a finite number. */
export function validateExpected(where: string, expected: unknown): number {
  if (typeof expected !== "number" || !Number.isFinite(expected)) {
    throw new Error(`${where}: the expected value must be a finite number, got ${describeValue(expected)} (the lesson's mistake, not the student's)`);
  }
  return expected;
}

/** How far off a wrong number is, in words that point the way without giving the answer. */
export function direction(answer: number, expected: number): string {
  if (!Number.isFinite(answer)) return `${fmt(answer)} is not a finite number`;
  if (expected !== 0 && answer !== 0 && Math.sign(answer) !== Math.sign(expected)) return "it has the wrong sign";
  const side = answer > expected ? "too large" : "too small";
  if (expected === 0 || answer === 0) return `it is ${side}`;
  const ratio = Math.max(answer / expected, expected / answer);
  const size = ratio < 1.01 ? "off by less than 1%" : ratio < 1.1 ? "off by less than 10%" : ratio < 2 ? "off by less than a factor of 2" : ratio < 10 ? "off by a factor between 2 and 10" : "off by a factor of 10 or more";
  return `it is ${side}, ${size}`;
}

/**
 * The verdict on a student's number: `null` when it is right, otherwise the message saying what is
 * wrong with it (its type, NaN, or its direction). Throws only for the author's mistakes.
 */
export function numberVerdict(answer: unknown, expected: number, tolerance: Required<Tolerance>): string | null {
  if (typeof answer !== "number") return `answer must be a number, got ${describeValue(answer)}`;
  if (Number.isNaN(answer)) return "answer is NaN (not a number): look for 0/0, ∞ − ∞ or a variable used before it was set";
  if (isClose(answer, expected, tolerance)) return null;
  return `${fmt(answer)} is not right: ${direction(answer, expected)}`;
}

/**
 * Marks a student's numeric answer to an exercise: right, wrong (with a hint of direction), or not
 * answered yet (`undefined`). A wrong or mistyped answer never throws (it is part of learning, not a
 * failed cell); a missing expected value or an unusable tolerance throws, for the lesson's author.
 * New lessons use `exercise(id, answer)`, which keeps the expected value out of the notebook.
 */
export function checkAnswer(label: string, answer: unknown, expected: number, tolerance: Tolerance = { rtol: 1e-3 }): boolean {
  const where = `checkAnswer("${label}")`;
  const tol = validateTolerance(where, tolerance);
  validateExpected(where, expected);
  if (answer === undefined) {
    say(false, `${label}: not answered yet`);
    return false;
  }
  const problem = numberVerdict(answer, expected, tol);
  say(problem === null, problem === null ? `${label}: ${fmt(answer as number)} is right` : `${label}: ${problem}`);
  return problem === null;
}

/**
 * The verdict on a student's function: `null` when it agrees with the reference on every input,
 * otherwise what went wrong at the first input where it does not. Throws for the author's mistakes
 * (no inputs, a reference that does not give a finite number).
 */
export function functionVerdict<A extends unknown[]>(
  where: string,
  answer: unknown,
  reference: (...args: A) => number,
  inputs: readonly A[],
  tolerance: Required<Tolerance>,
  showExpected = true,
): string | null {
  if (typeof reference !== "function") throw new Error(`${where}: the reference must be a function, got ${describeValue(reference)} (the lesson's mistake, not the student's)`);
  if (!Array.isArray(inputs) || inputs.length === 0) throw new Error(`${where}: needs at least one test input (the lesson's mistake, not the student's)`);
  if (typeof answer !== "function") return `answer must be a function, got ${describeValue(answer)}`;
  for (const args of inputs) {
    if (!Array.isArray(args as unknown)) throw new Error(`${where}: each test input must be an array of arguments, got ${describeValue(args)}`);
    const want = validateExpected(`${where} at input (${args.join(", ")})`, reference(...args));
    let got: unknown;
    try {
      got = (answer as (...a: A) => unknown)(...args);
    } catch (error) {
      return `threw "${(error as Error).message}" for input (${args.join(", ")})`;
    }
    const problem = numberVerdict(got, want, tolerance);
    if (problem !== null) {
      return `for input (${args.join(", ")}) ${problem.replace(/^answer/, "it")}${showExpected && typeof got === "number" ? ` (expected ${fmt(want)})` : ""}`;
    }
  }
  return null;
}

/**
 * Marks a student's function against a reference on the given inputs: right, wrong at the first
 * input where it differs, or not written yet (`undefined`). Throws for the author when there are no
 * inputs or the reference gives no finite number.
 */
export function checkFunction<A extends unknown[]>(
  label: string,
  answer: ((...args: A) => number) | undefined,
  reference: (...args: A) => number,
  inputs: A[],
  tolerance: Tolerance = { rtol: 1e-6, atol: 1e-9 },
): boolean {
  const where = `checkFunction("${label}")`;
  const tol = validateTolerance(where, { rtol: 1e-6, atol: 1e-9, ...tolerance });
  if (answer === undefined) {
    functionVerdict(where, () => 0, reference, inputs, tol);
    say(false, `${label}: not written yet`);
    return false;
  }
  const problem = functionVerdict(where, answer, reference, inputs, tol);
  say(problem === null, problem === null ? `${label}: right on all ${inputs.length} test inputs` : `${label}: ${problem}`);
  return problem === null;
}

export { say as sayVerdict };
