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

function say(ok: boolean, message: string): void {
  const mark = ok ? "✓" : "✗";
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

function fmt(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(7))) : String(x);
}

/**
 * Marks a student's numeric answer to an exercise: right, wrong (with a hint of direction), or not
 * answered yet (`undefined`). Never throws: a wrong answer is part of learning, not a failed cell.
 */
export function checkAnswer(label: string, answer: number | undefined, expected: number, tolerance: Tolerance = { rtol: 1e-3 }): boolean {
  if (answer === undefined) {
    say(false, `${label}: not answered yet`);
    return false;
  }
  const ok = isClose(answer, expected, tolerance);
  say(ok, ok ? `${label}: ${fmt(answer)} is right` : `${label}: ${fmt(answer)} is not right (it is ${answer > expected ? "too large" : "too small"})`);
  return ok;
}

/**
 * Marks a student's function against a reference on the given inputs: right, wrong at the first
 * input where it differs, or not written yet (`undefined`).
 */
export function checkFunction<A extends unknown[]>(
  label: string,
  answer: ((...args: A) => number) | undefined,
  reference: (...args: A) => number,
  inputs: A[],
  tolerance: Tolerance = { rtol: 1e-6, atol: 1e-9 },
): boolean {
  if (answer === undefined) {
    say(false, `${label}: not written yet`);
    return false;
  }
  for (const args of inputs) {
    let got: number;
    try {
      got = answer(...args);
    } catch (error) {
      say(false, `${label}: threw ${(error as Error).message} for input ${JSON.stringify(args)}`);
      return false;
    }
    const want = reference(...args);
    if (!isClose(got, want, tolerance)) {
      say(false, `${label}: for input ${JSON.stringify(args)} it gives ${fmt(got)}, expected ${fmt(want)}`);
      return false;
    }
  }
  say(true, `${label}: right on all ${inputs.length} test inputs`);
  return true;
}
