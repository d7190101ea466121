/**
 * Every argument check in the library, in one place and one style. A check returns the value when it
 * is good and otherwise throws an error that names the culprit, the rule it broke and the value it got:
 *
 *     adam: beta1 must be in [0, 1), got 1          (RangeError: a value out of range)
 *     fit: epochs must be an integer ≥ 1, got 2.5    (RangeError)
 *     mlp: options must be an object, got 3          (TypeError: a value of the wrong kind)
 *
 * The culprit is `owner: name` for the checks that take an owner (`nonNegative("adam", "lr", v)`) and
 * the given name for the `check…` forms (`checkInteger("fit: epochs", v, 1)`). Checks run where a
 * value enters the library (factories, options, data), so a mistake fails where it was written.
 */
import type { LearningRate } from "./learningRate";
import { firstNonFinite } from "./finite";

/** A value as it reads in an error message: strings quoted, short arrays listed, other objects named. */
export function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "function") return "a function";
  if (Array.isArray(value)) {
    return value.length <= 8 ? `[${value.map(describe).join(", ")}]` : `an array of length ${value.length}`;
  }
  if (ArrayBuffer.isView(value)) {
    return `a ${value.constructor.name} of length ${(value as unknown as ArrayLike<number>).length}`;
  }
  if (value !== null && typeof value === "object") return `an object (${value.constructor?.name ?? "Object"})`;
  return String(value);
}

/** Throws the library's argument error: `culprit must be rule, got value`. */
export function reject(culprit: string, rule: string, value: unknown, kind: "type" | "range" = "range"): never {
  const message = `${culprit} must be ${rule}, got ${describe(value)}`;
  throw kind === "type" ? new TypeError(message) : new RangeError(message);
}

function culprit(owner: string, name: string): string {
  return owner === "" ? name : `${owner}: ${name}`;
}

function isNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** A finite number in a range, or an integer in a range: the rules every numeric check below uses. */
function numberRule(c: string, value: unknown, ok: (v: number) => boolean, rule: string, integer = false): number {
  if (!isNumber(value) || (integer && !Number.isInteger(value)) || !ok(value)) {
    reject(c, rule, value, typeof value === "number" ? "range" : "type");
  }
  return value;
}

/**
 * Reads an options object: rejects anything but a plain object (or `undefined`, meaning all defaults),
 * rejects keys that `defaults` does not have (a misspelt option must not be silently ignored), and
 * returns the defaults overridden by every option that is not `undefined`.
 */
export function readOptions<K extends string>(
  owner: string,
  options: unknown,
  defaults: Record<K, unknown>,
): Record<K, unknown> {
  checkKeys(owner, options, Object.keys(defaults));
  const merged: Record<string, unknown> = { ...defaults };
  if (options !== undefined) {
    for (const [key, value] of Object.entries(options as object)) if (value !== undefined) merged[key] = value;
  }
  return merged as Record<K, unknown>;
}

/** Throws if `options` is not an object (or undefined) or has a key not in `allowed`, naming it. */
export function checkKeys(owner: string, options: unknown, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    reject(culprit(owner, "options"), "an object", options, "type");
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new TypeError(`${owner}: unknown option "${key}" (known options: ${allowed.join(", ")})`);
    }
  }
}

/** A finite number ≥ 0 (learning rates, eps, decays, weight decay, momentum). */
export function nonNegative(owner: string, name: string, value: unknown): number {
  return numberRule(culprit(owner, name), value, (v) => v >= 0, "a finite number ≥ 0");
}

/** A finite number > 0. */
export function positive(owner: string, name: string, value: unknown): number {
  return numberRule(culprit(owner, name), value, (v) => v > 0, "a finite number > 0");
}

/** Any finite number. */
export function finite(owner: string, name: string, value: unknown): number {
  return numberRule(culprit(owner, name), value, () => true, "a finite number");
}

/** An integer ≥ 1 (step counts, totals). */
export function positiveInteger(owner: string, name: string, value: unknown): number {
  return numberRule(culprit(owner, name), value, (v) => v >= 1, "an integer ≥ 1", true);
}

/** An integer ≥ 0 (patience, cooldown, milestones). */
export function nonNegativeInteger(owner: string, name: string, value: unknown): number {
  return numberRule(culprit(owner, name), value, (v) => v >= 0, "an integer ≥ 0", true);
}

/** A decay rate in [0, 1): β₁, β₂, RMSprop's α, an EMA's β. */
export function decayRate(owner: string, name: string, value: unknown): number {
  return numberRule(culprit(owner, name), value, (v) => v >= 0 && v < 1, "in [0, 1)");
}

/** A fraction in [0, 1] (Adadelta's ρ, a warmup's start factor). */
export function fraction(owner: string, name: string, value: unknown): number {
  return numberRule(culprit(owner, name), value, (v) => v >= 0 && v <= 1, "in [0, 1]");
}

/** A number in the open interval (0, 1) (OneCycle's pctStart). */
export function openFraction(owner: string, name: string, value: unknown): number {
  return numberRule(culprit(owner, name), value, (v) => v > 0 && v < 1, "in (0, 1)");
}

/** true or false. */
export function boolean(owner: string, name: string, value: unknown): boolean {
  if (typeof value !== "boolean") reject(culprit(owner, name), "true or false", value, "type");
  return value;
}

/** One of a fixed list of strings. */
export function oneOf<T extends string>(owner: string, name: string, value: unknown, choices: readonly T[]): T {
  if (!(choices as readonly unknown[]).includes(value)) reject(culprit(owner, name), `one of ${choices.map(describe).join(", ")}`, value);
  return value as T;
}

/**
 * A learning rate: a finite number ≥ 0, or a schedule `(step) => number`. A missing value is an error
 * (factories with a default fill it in before checking; PyTorch's SGD has none).
 */
export function learningRate(owner: string, value: unknown): LearningRate {
  if (typeof value === "function") return value as LearningRate;
  if (value === undefined) throw new TypeError(`${owner}: lr is required (a number ≥ 0 or a schedule), got undefined`);
  return nonNegative(owner, "lr", value);
}

/** An integer ≥ `min`: `checkInteger("fit: epochs", value, 1)`. */
export function checkInteger(name: string, value: unknown, min = -Infinity): number {
  const rule = min === -Infinity ? "an integer" : `an integer ≥ ${min}`;
  return numberRule(name, value, (v) => v >= min, rule, true);
}

/** A finite number, > 0 with `positive`, ≥ 0 with `nonNegative`: `checkNumber("mlp: l2", value, "nonNegative")`. */
export function checkNumber(name: string, value: unknown, sign: "any" | "positive" | "nonNegative" = "any"): number {
  if (sign === "positive") return positive("", name, value);
  if (sign === "nonNegative") return nonNegative("", name, value);
  return finite("", name, value);
}

/** true or false: `checkBoolean("fit: shuffle", value)`. */
export function checkBoolean(name: string, value: unknown): boolean {
  return boolean("", name, value);
}

/**
 * Throws unless every entry of `values` is finite, naming the first that is not, in the form a step
 * uses for a bad gradient: "mlp: x[3] is NaN; it must be a finite number".
 */
export function checkFinite(name: string, values: ArrayLike<number>): void {
  if (values instanceof Float64Array) {
    // One branch-free pass (a SIMD kernel for a heap array); the message names the first bad entry.
    const i = firstNonFinite(values);
    if (i >= 0) throw new RangeError(`${name}[${i}] is ${values[i]}; it must be a finite number`);
    return;
  }
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`${name}[${i}] is ${values[i]}; it must be a finite number`);
  }
}
