/**
 * Options declared once. A factory's options are an object literal of descriptors, one property per
 * option, whose doc comment is the option's documentation:
 *
 *     const adamSchema = optionSchema({
 *       /** Decay β₁ of the first moment, in [0, 1) (default 0.9). *\/
 *       beta1: decayRate(0.9),
 *     });
 *     export type AdamOptions = OptionsOf<typeof adamSchema>;
 *
 * From that one declaration come the options' type (`OptionsOf`, a homomorphic mapped type, so editor
 * hover on `beta1` in `adam({ beta1 })` shows the doc comment above), the resolved type with defaults
 * filled in (`ResolvedOf`), the defaults, the checks with their errors (`schema.read`, built on
 * checks.ts: "adam: beta1 must be in [0, 1), got 1"), and the "Defaults: …" line of the factory's doc
 * comment (`schema.defaultsLine()`, which test/unit/docs.test.ts compares with the comment).
 */
import type { LearningRate } from "./learningRate";
import * as check from "./checks";

/** One option: its default (`undefined`: required) and its check, which returns the value or throws. */
export interface Option<T, Required extends boolean = false> {
  readonly default: T | undefined;
  readonly required: Required;
  /** Checks `value` (already defaulted) for option `name` of `owner`; returns it typed or throws. */
  check(owner: string, name: string, value: unknown): T;
}

/** Any option descriptor. */
export type AnyOption = Option<any, boolean>;
/** An object literal of option descriptors. */
export type Options = Record<string, AnyOption>;

type ValueOf<D> = D extends Option<infer T, boolean> ? T : never;
type RequiredKeys<S> = { [K in keyof S]: S[K] extends Option<any, true> ? K : never }[keyof S];

/**
 * The options object a factory accepts: every option optional except those without a default. A
 * homomorphic mapped type over the schema, so each property keeps the doc comment of its descriptor.
 */
export type OptionsOf<S extends Options | Schema<Options>> = S extends Schema<infer O> ? InputOf<O> : InputOf<S & Options>;
type InputOf<S> = Flatten<{ [K in keyof S as K extends RequiredKeys<S> ? never : K]?: ValueOf<S[K]> } & {
  [K in keyof S as K extends RequiredKeys<S> ? K : never]-?: ValueOf<S[K]>;
}>;
/** The options with every default filled in (an optimizer's `options`). */
export type ResolvedOf<S extends Options | Schema<Options>> = S extends Schema<infer O> ? ResolvedFrom<O> : ResolvedFrom<S & Options>;
type ResolvedFrom<S> = { -readonly [K in keyof S]-?: ValueOf<S[K]> };
type Flatten<T> = { [K in keyof T]: T[K] };

/** A declared set of options. */
export interface Schema<S extends Options> {
  readonly options: S;
  /**
   * Reads `input` for `owner`: rejects a non-object and unknown keys (naming the known ones), fills in
   * defaults for missing or `undefined` options, checks each option in declaration order, and returns
   * the resolved options in that order.
   */
  read(owner: string, input: unknown): ResolvedFrom<S>;
  /** The defaults as the "Defaults: …" line of a doc comment writes them: `lr 0.001, beta1 0.9, …`. */
  defaultsLine(): string;
  /** A schema with more options (appended), as when every optimizer adds the common ones. */
  extend<E extends Options>(more: E): Schema<S & E>;
}

/** Declares a set of options: see the module's comment. */
export function optionSchema<S extends Options>(options: S): Schema<S> {
  const keys = Object.keys(options);
  return {
    options,
    read(owner, input) {
      check.checkKeys(owner, input, keys);
      const given = (input ?? {}) as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const key of keys) {
        const value = given[key] === undefined ? options[key].default : given[key];
        out[key] = options[key].check(owner, key, value);
      }
      return out as ResolvedFrom<S>;
    },
    defaultsLine: () =>
      keys.map((key) => `${key} ${options[key].required ? "(required)" : formatDefault(options[key].default)}`).join(", "),
    extend: <E extends Options>(more: E) => optionSchema({ ...options, ...more } as S & E),
  };
}

/**
 * A default as the docs write it: strings quoted, small numbers as 1e-8, a simple fraction as 1/3, the
 * rest as JavaScript prints them.
 */
export function formatDefault(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value !== "number" || value === 0) return String(value);
  if (Math.abs(value) < 1e-3) return value.toExponential();
  if (String(value).length > 8) {
    for (let q = 2; q <= 12; q++) if (Number.isInteger(value * q) && (value * q) / q === value) return `${value * q}/${q}`;
  }
  return String(value);
}

/** Makes an option from a default and a check; called without a default, the option is required. */
export interface Descriptor<T> {
  (): Option<T, true>;
  (value: T): Option<T, false>;
}

/** A descriptor from a check in checks.ts: `descriptor(check.decayRate)`. */
function descriptor<T>(test: (owner: string, name: string, value: unknown) => T): Descriptor<T> {
  return ((value?: T) => ({ default: value, required: value === undefined, check: test })) as Descriptor<T>;
}

/** A decay rate in [0, 1) (β₁, β₂, RMSprop's α, an EMA's β). */
export const decayRate = descriptor(check.decayRate);
/** A fraction in [0, 1] (Adadelta's ρ, SGD's dampening). */
export const fraction = descriptor(check.fraction);
/** A number in the open interval (0, 1) (OneCycle's pctStart). */
export const openFraction = descriptor(check.openFraction);
/** A finite number ≥ 0 (ε, weight decay, momentum). */
export const nonNegative = descriptor(check.nonNegative);
/** A finite number > 0. */
export const positive = descriptor(check.positive);
/** An integer ≥ 1 (step counts). */
export const positiveInteger = descriptor(check.positiveInteger);
/** An integer ≥ 0 (patience, cooldown). */
export const nonNegativeInteger = descriptor(check.nonNegativeInteger);
/** true or false. */
export const boolean = descriptor(check.boolean);
/** A learning rate: a number ≥ 0 or a schedule; without a default, required (PyTorch's SGD has none). */
export const learningRate = descriptor((owner, _name, value) => check.learningRate(owner, value));
/** An array of integers ≥ 0 (milestones), in the given order. */
export const nonNegativeIntegers = descriptor((owner, name, value): readonly number[] => {
  if (!Array.isArray(value)) check.reject(`${owner}: ${name}`, "an array of integers ≥ 0", value, "type");
  return value.map((v: unknown, i: number) => check.nonNegativeInteger(owner, `${name}[${i}]`, v));
});

/** One of a fixed list of strings: `oneOf("raw", ["raw", "corrected"])`. */
export function oneOf<T extends string>(value: T, choices: readonly T[]): Option<T, false> {
  return { default: value, required: false, check: (owner, name, v) => check.oneOf(owner, name, v, choices) };
}
