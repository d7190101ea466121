/**
 * Argument checks shared by problems, data, networks, training and figures: each throws an Error that
 * names the culprit and its value, so a lesson's mistake is reported where it was made.
 */

/** A short printable form of any value for error messages. */
export function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value === undefined || value === null) {
    return String(value);
  }
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) {
    return `a ${value.constructor.name} of length ${(value as unknown as ArrayLike<number>).length}`;
  }
  if (typeof value === "function") return "a function";
  return "an object";
}

/** Throws unless `value` is an integer >= min. */
export function checkInteger(name: string, value: unknown, min = -Infinity): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    const what = min === -Infinity ? "an integer" : min === 0 ? "a non-negative integer" : min === 1 ? "a positive integer" : `an integer >= ${min}`;
    throw new Error(`${name} must be ${what}, got ${describe(value)}`);
  }
  return value;
}

/** Throws unless `value` is a finite number (and > 0 with `positive`, >= 0 with `nonNegative`). */
export function checkNumber(name: string, value: unknown, sign: "any" | "positive" | "nonNegative" = "any"): number {
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    (sign === "any" || (sign === "positive" ? value > 0 : value >= 0));
  if (!ok) {
    const what = sign === "any" ? "a finite number" : sign === "positive" ? "a finite number > 0" : "a finite number >= 0";
    throw new Error(`${name} must be ${what}, got ${describe(value)}`);
  }
  return value as number;
}

/** Throws if `options` is not an object or has a key not in `allowed`, naming it. */
export function checkKeys(what: string, options: object | undefined, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new Error(`${what} options must be an object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) throw new Error(`${what}: unknown option "${key}" (known: ${allowed.join(", ")})`);
  }
}

/** Throws unless `value` is true or false. */
export function checkBoolean(name: string, value: unknown): boolean {
  if (typeof value !== "boolean") throw new Error(`${name} must be true or false, got ${describe(value)}`);
  return value;
}

/** Throws unless every entry of `values` is finite, naming the first that is not: "x[3] is NaN". */
export function checkFinite(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new Error(`${name}[${i}] is ${values[i]}; it must be a finite number`);
  }
}
