/**
 * Plain-JSON forms of optimizer and schedule state, exact to the bit: a saved state, passed through
 * `JSON.stringify` and `JSON.parse`, loads back to the same doubles. JSON has no NaN, ±Infinity or −0,
 * so those numbers are written as tagged objects (`{ "number": "NaN" }`); a Float64Array is written as
 * `{ "float64": [...] }` (with "NaN", "Infinity", "-Infinity" and "-0" as strings inside it), and
 * `undefined` as `{ "undefined": true }`. Decoding is guided by a template, a value of the shape the
 * loader expects, so a saved state of the wrong shape is rejected with the path of the first mismatch.
 */
import { describe } from "./checks";

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

function special(x: number): string | undefined {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (Object.is(x, -0)) return "-0";
  return undefined;
}

const SPECIALS: Record<string, number> = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity, "-0": -0 };

/** The JSON form of a Float64Array's entries. */
function encodeEntries(values: Float64Array): (number | string)[] {
  const out = new Array<number | string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    out[i] = x === 0 || x !== x || x === Infinity || x === -Infinity ? (special(x) ?? x) : x;
  }
  return out;
}

/** The JSON form of `value`: numbers, strings, booleans, arrays, Float64Arrays and plain objects; functions by name. */
export function encodeState(value: unknown): JsonValue {
  if (typeof value === "number") {
    const tag = special(value);
    return tag === undefined ? value : { number: tag };
  }
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (value === undefined) return { undefined: true };
  if (value instanceof Float64Array) return { float64: encodeEntries(value) };
  if (Array.isArray(value)) return value.map(encodeState);
  if (typeof value === "function") {
    const saved = (value as { stateDict?: () => JsonValue }).stateDict;
    return { function: typeof saved === "function" ? saved.call(value) : value.name || "anonymous" };
  }
  if (typeof value === "object") {
    const out: Record<string, JsonValue> = {};
    for (const [key, entry] of Object.entries(value)) out[key] = encodeState(entry);
    return out;
  }
  throw new TypeError(`encodeState: cannot save ${describe(value)}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function tagged(json: unknown, tag: string): unknown {
  return isRecord(json) && Object.keys(json).length === 1 && tag in json ? json[tag] : undefined;
}

/**
 * Decodes `json` into a value of the shape of `like` (same kinds, same keys, Float64Arrays of the same
 * length), or throws a RangeError naming `where` (a path such as `state.m[3]`) and what was found.
 */
export function decodeState(owner: string, where: string, json: unknown, like: unknown): unknown {
  const bad = (what: string): never => {
    throw new RangeError(`${owner}: ${where} must be ${what}, got ${describe(json)} in the saved state (nothing was loaded)`);
  };
  if (typeof like === "number") {
    if (typeof json === "number") return json;
    const tag = tagged(json, "number");
    if (typeof tag === "string" && tag in SPECIALS) return SPECIALS[tag];
    return bad("a number");
  }
  if (like === undefined) return tagged(json, "undefined") === true ? undefined : bad("{ undefined: true }");
  if (like === null || typeof like === "string" || typeof like === "boolean") {
    return typeof json === typeof like ? json : bad(`a ${like === null ? "null" : typeof like}`);
  }
  if (like instanceof Float64Array) {
    const entries = tagged(json, "float64");
    if (!Array.isArray(entries) || entries.length !== like.length) return bad(`{ float64: [...] } of length ${like.length}`);
    const out = new Float64Array(entries.length);
    for (let i = 0; i < entries.length; i++) {
      const x: unknown = entries[i];
      if (typeof x === "number") out[i] = x;
      else if (typeof x === "string" && x in SPECIALS) out[i] = SPECIALS[x];
      else throw new RangeError(`${owner}: ${where}[${i}] must be a number, got ${describe(x)} in the saved state (nothing was loaded)`);
    }
    return out;
  }
  if (Array.isArray(like)) {
    if (!Array.isArray(json) || json.length !== like.length) return bad(`an array of length ${like.length}`);
    return like.map((item, i) => decodeState(owner, `${where}[${i}]`, json[i], item));
  }
  if (isRecord(like)) {
    if (!isRecord(json)) return bad("an object");
    sameKeys(owner, where, json, Object.keys(like));
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(like)) out[key] = decodeState(owner, `${where}.${key}`, json[key], like[key]);
    return out;
  }
  throw new TypeError(`${owner}: cannot load ${where} into ${describe(like)}`);
}

/** Throws unless `json` has exactly the keys `keys`, naming the first missing or unexpected one. */
export function sameKeys(owner: string, where: string, json: Record<string, unknown>, keys: readonly string[]): void {
  for (const key of keys) {
    if (!(key in json)) throw new RangeError(`${owner}: the saved state has no ${where}.${key} (nothing was loaded)`);
  }
  for (const key of Object.keys(json)) {
    if (!keys.includes(key)) throw new RangeError(`${owner}: the saved state has an unexpected ${where}.${key} (nothing was loaded)`);
  }
}

/**
 * Checks a saved state's header: an object with `format` and `name` as expected, and options equal to
 * `options` (compared in their JSON form), naming the first that differs. Returns it as a record.
 */
export function checkHeader(
  owner: string,
  json: unknown,
  format: string,
  options: Record<string, unknown>,
): Record<string, unknown> {
  if (!isRecord(json)) {
    throw new TypeError(`${owner}: a saved state must be an object (from stateDict()), got ${describe(json)}`);
  }
  if (json.format !== format) {
    throw new RangeError(`${owner}: the saved state's format is ${describe(json.format)}, not ${describe(format)} (nothing was loaded)`);
  }
  if (json.name !== owner) {
    throw new RangeError(`${owner}: the saved state is ${describe(json.name)}'s, not ${describe(owner)}'s (nothing was loaded)`);
  }
  if (!isRecord(json.options)) throw new RangeError(`${owner}: the saved state has no options object (nothing was loaded)`);
  sameKeys(owner, "options", json.options, Object.keys(options));
  for (const [key, value] of Object.entries(options)) {
    const here = JSON.stringify(encodeState(value));
    const there = JSON.stringify(json.options[key]);
    if (here !== there) {
      throw new RangeError(`${owner}: options.${key} is ${there} in the saved state but ${here} here (nothing was loaded)`);
    }
  }
  return json;
}
