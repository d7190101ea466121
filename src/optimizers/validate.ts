/**
 * Argument checks shared by every optimizer, schedule and gradient transform. Each check throws when
 * the value is bad, with a message that names the owner, the option and the value it got:
 * `adam: beta1 must be in [0, 1), got 1`. Checks run in the factories, so a bad hyperparameter fails
 * where it is written, not steps later inside a training loop.
 */
import type { LearningRate } from "../schedules/schedule";
import { allFiniteInHeap } from "../kernels/finite";

/** A value as it should read in an error message: strings quoted, arrays and objects summarized. */
export function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "function") return "a function";
  if (Array.isArray(value)) return `[${value.map(describe).join(", ")}]`;
  if (value instanceof Float64Array) return `a Float64Array(${value.length})`;
  if (value !== null && typeof value === "object") return `an object (${value.constructor?.name ?? "Object"})`;
  return String(value);
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
  if (options === undefined) return { ...defaults };
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`${owner}: options must be an object, got ${describe(options)}`);
  }
  const known = Object.keys(defaults);
  const merged: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(options)) {
    if (!known.includes(key)) {
      throw new TypeError(`${owner}: unknown option "${key}" (known options: ${known.join(", ")})`);
    }
    if (value !== undefined) merged[key] = value;
  }
  return merged as Record<K, unknown>;
}

function fail(owner: string, name: string, rule: string, value: unknown): never {
  throw new RangeError(`${owner}: ${name} must be ${rule}, got ${describe(value)}`);
}

function isNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** A finite number ≥ 0 (learning rates, eps, decays, weight decay, momentum). */
export function nonNegative(owner: string, name: string, value: unknown): number {
  if (!isNumber(value) || value < 0) fail(owner, name, "a finite number ≥ 0", value);
  return value;
}

/** A finite number > 0. */
export function positive(owner: string, name: string, value: unknown): number {
  if (!isNumber(value) || value <= 0) fail(owner, name, "a finite number > 0", value);
  return value;
}

/** Any finite number. */
export function finite(owner: string, name: string, value: unknown): number {
  if (!isNumber(value)) fail(owner, name, "a finite number", value);
  return value;
}

/** An integer ≥ 1 (step counts, totals). */
export function positiveInteger(owner: string, name: string, value: unknown): number {
  if (!isNumber(value) || value < 1 || !Number.isInteger(value)) fail(owner, name, "an integer ≥ 1", value);
  return value;
}

/** An integer ≥ 0 (patience, cooldown, milestones). */
export function nonNegativeInteger(owner: string, name: string, value: unknown): number {
  if (!isNumber(value) || value < 0 || !Number.isInteger(value)) fail(owner, name, "an integer ≥ 0", value);
  return value;
}

/** A decay rate in [0, 1): β₁, β₂, RMSprop's α, an EMA's β. */
export function decayRate(owner: string, name: string, value: unknown): number {
  if (!isNumber(value) || value < 0 || value >= 1) fail(owner, name, "in [0, 1)", value);
  return value;
}

/** A fraction in [0, 1] (Adadelta's ρ, a warmup's start factor). */
export function fraction(owner: string, name: string, value: unknown): number {
  if (!isNumber(value) || value < 0 || value > 1) fail(owner, name, "in [0, 1]", value);
  return value;
}

/** A number in the open interval (0, 1) (OneCycle's pctStart). */
export function openFraction(owner: string, name: string, value: unknown): number {
  if (!isNumber(value) || value <= 0 || value >= 1) fail(owner, name, "in (0, 1)", value);
  return value;
}

export function boolean(owner: string, name: string, value: unknown): boolean {
  if (typeof value !== "boolean") throw new TypeError(`${owner}: ${name} must be true or false, got ${describe(value)}`);
  return value;
}

export function oneOf<T extends string>(owner: string, name: string, value: unknown, choices: readonly T[]): T {
  if (!(choices as readonly unknown[]).includes(value)) {
    throw new RangeError(`${owner}: ${name} must be one of ${choices.map(describe).join(", ")}, got ${describe(value)}`);
  }
  return value as T;
}

/**
 * A learning rate: a finite number ≥ 0, or a schedule `(step) => number`. A missing value is an error
 * (factories with a default fill it in before checking; PyTorch's SGD has none).
 */
export function learningRate(owner: string, value: unknown): LearningRate {
  if (typeof value === "function") return value as LearningRate;
  if (value === undefined) {
    throw new TypeError(`${owner}: lr is required (a number ≥ 0 or a schedule), got undefined`);
  }
  return nonNegative(owner, "lr", value);
}

/** Index of the first element that is NaN or ±Infinity, or -1 when all are finite. */
export function firstNonFinite(values: Float64Array): number {
  // A gradient in the kernel heap (an MLP's, a kernelArray) is checked by a SIMD kernel, same test.
  if (values.length >= 256 && allFiniteInHeap(values) === true) return -1;
  // x·0 is 0 for finite x and NaN for NaN and ±Infinity, so the sum is NaN exactly when some entry is
  // not finite. Branch-free, with two accumulators, this pass runs at memory speed; only a bad array
  // pays for the second pass that finds the index.
  let a = 0;
  let b = 0;
  const even = values.length - (values.length % 2);
  for (let i = 0; i < even; i += 2) {
    a += values[i] * 0;
    b += values[i + 1] * 0;
  }
  if (even < values.length) a += values[even] * 0;
  if (a + b === 0) return -1;
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
}
