/**
 * The machinery every optimizer shares, written once: checking a step's arguments, resolving the
 * learning rate (a number or a schedule), sizing state on the first step, running gradient transforms,
 * counting steps, and recording the update. Each optimizer file supplies only its update rule: the
 * state it keeps and one fused loop over the parameters.
 *
 * A step is atomic: every check (array types and lengths, finite parameters and gradients, the
 * schedule's value, the rule's own checks) runs before anything changes, and so does the proof that
 * the results will be finite (guard.ts); a step that cannot be vouched for runs checked (checked.ts)
 * and is undone if a result is not finite. So a step that throws leaves the parameters and the
 * optimizer's state (including `t` and not-yet-allocated buffers) exactly as they were.
 */
import type { LearningRate } from "../core/learningRate";
import { decoupledWeightDecay } from "../transforms/decoupledWeightDecay";
import { l2Penalty } from "../transforms/penalties";
import type { GradientTransform, TransformContext } from "../transforms/transform";
import { checkedStep, type StepBackup } from "./checked";
import { maxAbs, SAFE as SAFE_BOUND, squareSums as sumOfSquares, type StateBounds } from "./guard";
import { describe, nonNegativeInteger } from "../core/checks";
import { checkHeader, decodeState, encodeState, sameKeys, type JsonValue } from "../core/stateJson";
import { firstNonFinite } from "../core/finite";

/** State every optimizer keeps besides its rule's buffers. */
export interface OptimizerState {
  /** Updates applied so far; the next `step` is update t + 1 (the first is t = 1). */
  t: number;
  /** The learning rate the last update used (NaN before the first). */
  lr: number;
  /** θ_t − θ_{t−1} of the last update when the optimizer was made with `recordUpdate: true`; empty otherwise. */
  update: Float64Array;
}

export type { CommonOptions } from "./options";

/**
 * An optimizer: `step(params, grads)` applies one update to `params` in place. `S` is its state (the
 * buffers are empty until the first step sizes them), `O` its resolved options (defaults filled in),
 * `X` any extra arguments its step takes (Newton's Hessian).
 */
export interface Optimizer<S extends object, O extends object, X extends unknown[] = []> {
  /** The factory's name: "adam", "sgd", ... */
  readonly name: string;
  /** Every hyperparameter, defaults included. */
  readonly options: Readonly<O>;
  /** Live state: `t`, `lr`, `update` and the rule's buffers (read them, do not write them). */
  readonly state: Readonly<OptimizerState & S>;
  /** Transforms applied to each gradient before the rule, in order (from `chain` and `weightDecay`). */
  readonly transforms: readonly GradientTransform[];
  /** Applies update t + 1 to `params` in place, given the gradient at `params`. Throws without changing anything on bad input. */
  step(params: Float64Array, grads: Float64Array, ...extra: X): void;
  /** The learning rate of the update with 0-based index `step` (the first update is index 0). */
  lrAt(step: number): number;
  /** Forgets all state: the next step is t = 1 again, and may have a new parameter count. */
  reset(): void;
  /** A new optimizer with the same options and fresh state that applies `transforms` (then its own) before its rule. */
  withTransforms(...transforms: GradientTransform<any>[]): this;
  /**
   * Everything the next step depends on, as plain JSON (torch's `state_dict`): the name, options and
   * transforms it was made with, `t`, the last learning rate, every state buffer and every transform's
   * state. Exact to the bit: `JSON.parse(JSON.stringify(...))` of it loads back to the same doubles.
   */
  stateDict(): OptimizerStateDict;
  /**
   * Restores a state from `stateDict()` (torch's `load_state_dict`), so that the next step continues
   * the saved run bit for bit. The saved state must come from an optimizer of the same name, options
   * and transforms; anything else is rejected with an error naming the first mismatch, and nothing changes.
   */
  loadStateDict(saved: OptimizerStateDict): void;
}

/** What `stateDict()` returns: plain JSON. */
export interface OptimizerStateDict {
  format: "optimlab.optimizer/1";
  name: string;
  /** The options the optimizer was made with (a schedule as `{ function: its stateDict or name }`). */
  options: Record<string, JsonValue>;
  /** Names of the transforms applied before the rule, in order. */
  transforms: string[];
  /** The parameter count the state is sized for, or null before the first step. */
  size: number | null;
  t: number;
  lr: JsonValue;
  /** The rule's buffers and numbers, and `update`. */
  state: Record<string, JsonValue>;
  /** Each transform's state. */
  transformStates: JsonValue[];
}

/**
 * An update rule: the part of an optimizer that differs from the others. `apply` is the hot loop and
 * runs only after the step has been validated, so it must not throw; checks that can fail belong in
 * `prepare`, which runs before anything changes.
 */
export interface UpdateRule<S extends object, X extends unknown[] = []> {
  /** State for `n` parameters (`init(0)` is the empty state shown before the first step). */
  init(n: number): S;
  /** Checks the step's extra arguments and does any work that can fail. */
  prepare?(n: number, ...extra: X): void;
  /** Applies update `t` (1-based) with learning rate `lr` to `params` in place. */
  apply(params: Float64Array, grads: Float64Array, state: S, lr: number, t: number): void;
  /**
   * Lets a step skip the check of its results: given bounds on |g| and |θ| over the coordinates, the
   * step's learning rate and t, returns a bound on |Δθ| and on every magnitude the step reaches (state
   * and intermediate values), or Infinity or NaN when it cannot bound them. `now` holds a bound on the
   * magnitude of each state array, by name; the rule writes the bound after this step into `next` for
   * each of its arrays. A step whose bound exceeds `SAFE`, and every step of a rule without `bound`,
   * runs checked: its results are scanned and the step is undone if one is not finite.
   */
  bound?(g: number, p: number, lr: number, t: number, state: S, now: StateBounds, next: StateBounds): number;
  /**
   * The whole step in one pass that checks its own results and undoes itself when one is not finite,
   * in place of the check of params and grads and `apply`: true when it took the step, false when it
   * changed nothing (the step then runs the usual way, whose check names the bad entry). Offered from
   * the second step on, to a step with no gradient transforms, decoupled decay or recorded update.
   */
  tryStep?(params: Float64Array, grads: Float64Array, lr: number, t: number): boolean;
}

/** What a factory hands to `makeOptimizer`. */
export interface OptimizerSpec<S extends object, O extends object, X extends unknown[], E extends object> {
  name: string;
  /** The resolved options (from the factory's schema); `lr` and `recordUpdate` are read from them. */
  options: O;
  /** The learning rate, when `options` has no `lr`. */
  lr?: LearningRate;
  /** Makes the rule (called once per optimizer, so a rule may keep private scratch space). */
  rule: () => UpdateRule<S, X>;
  /** Gradient transforms applied before the rule (default none; a coupled `weightDecay` is `weightDecayTransforms`). */
  transforms?: readonly GradientTransform[];
  /** Keep the last update, when `options` has no `recordUpdate` (default false). */
  recordUpdate?: boolean;
  /** Extra methods, given the live state (Nesterov's `lookAhead`). */
  extend?: (state: Readonly<OptimizerState & S>) => E;
}

const EMPTY = new Float64Array(0);

/** The transforms an optimizer's own `weightDecay` option stands for: coupled L2, or decoupled decay. */
export function weightDecayTransforms(weightDecay: number, decoupled: boolean): GradientTransform[] {
  if (weightDecay === 0) return [];
  return [decoupled ? decoupledWeightDecay(weightDecay) : l2Penalty(weightDecay)];
}

function checkTransform(owner: string, item: unknown, index: number): GradientTransform {
  const t = item as GradientTransform;
  if (typeof t !== "object" || t === null || typeof t.init !== "function" || typeof t.update !== "function") {
    throw new TypeError(`${owner}: transform ${index} must be a gradient transform, got ${describe(item)}`);
  }
  const decay = t.decoupledDecay;
  if (decay !== undefined && !(Array.isArray(decay) && decay.every((v) => typeof v === "number" && v >= 0 && Number.isFinite(v)))) {
    throw new TypeError(`${owner}: transform ${index}'s decoupledDecay must be an array of finite numbers ≥ 0, got ${describe(decay)}`);
  }
  return t;
}

/** Builds the step object around an update rule. */
export function makeOptimizer<S extends object, O extends object, X extends unknown[] = [], E extends object = {}>(
  spec: OptimizerSpec<S, O, X, E>,
): Optimizer<S, O, X> & E {
  const { name } = spec;
  const given = spec.options as { lr?: LearningRate; recordUpdate?: boolean };
  const lr = spec.lr ?? given.lr;
  if (lr === undefined) throw new TypeError(`${name}: makeOptimizer needs lr, in its spec or its options`);
  const recordUpdate = spec.recordUpdate ?? given.recordUpdate ?? false;
  const transforms = spec.transforms ?? [];
  // Read once: every step uses them, and an imported binding can cost a call per read (tsx's live bindings).
  const SAFE = SAFE_BOUND;
  const squareSums = sumOfSquares;
  const rule = spec.rule();
  // Decoupled weight decay declared by the transforms: terms of the update, θ ← θ(1 − ηλ) before the rule.
  const decays = transforms.flatMap((t) => t.decoupledDecay ?? []);
  const state = { t: 0, lr: NaN, update: EMPTY, ...rule.init(0) } as OptimizerState & S;
  const context: { lr: number; t: number } = { lr: NaN, t: 0 };
  let size = -1; // parameter count the state was sized for; -1 until the first step
  let scratch = EMPTY; // the transformed gradient, when there are transforms
  let transformStates: unknown[] = [];

  const lrAt = (step: number): number => {
    const value = typeof lr === "number" ? lr : lr(step);
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new RangeError(
        `${name}: the learning-rate schedule gave ${describe(value)} at step ${step}; a learning rate must be a finite number ≥ 0`,
      );
    }
    return value;
  };

  const checkArrays = (params: unknown, grads: unknown): void => {
    if (!(params instanceof Float64Array)) throw new TypeError(`${name}: params must be a Float64Array, got ${describe(params)}`);
    if (!(grads instanceof Float64Array)) throw new TypeError(`${name}: grads must be a Float64Array, got ${describe(grads)}`);
    if (grads.length !== params.length) {
      throw new RangeError(`${name}: grads has length ${grads.length} but params has length ${params.length}`);
    }
    if (size >= 0 && params.length !== size) {
      throw new RangeError(
        `${name}: params has length ${params.length} but the state was sized for ${size} on the first step (reset() to start over)`,
      );
    }
  };

  /** Checks that params and grads are finite and returns bounds on their magnitudes (Infinity: too large to bound). */
  const magnitudes = (params: Float64Array, grads: Float64Array): void => {
    squareSums(params, grads, sums);
    if (!(sums.p <= SAFE)) {
      const bad = firstNonFinite(params);
      if (bad >= 0) throw new RangeError(`${name}: params[${bad}] is ${params[bad]}; parameters must be finite (nothing was changed)`);
    }
    if (!(sums.g <= SAFE)) {
      const bad = firstNonFinite(grads);
      if (bad >= 0) throw new RangeError(`${name}: grads[${bad}] is ${grads[bad]}; gradients must be finite (nothing was changed)`);
    }
    bounds.p = sums.p <= SAFE ? Math.sqrt(sums.p) : Infinity;
    bounds.g = sums.g <= SAFE ? Math.sqrt(sums.g) : Infinity;
  };
  const sums = { p: 0, g: 0 };
  const bounds = { g: 0, p: 0 };

  const allocate = (n: number): void => {
    Object.assign(state, rule.init(n));
    state.update = recordUpdate ? new Float64Array(n) : EMPTY;
    scratch = transforms.length > 0 ? new Float64Array(n) : EMPTY;
    transformStates = transforms.map((t) => t.init(n));
    size = n;
    measure();
  };
  /** Bounds on the state arrays: measured when they are made and after a checked step, else the rule's. */
  let now: StateBounds = {};
  let next: StateBounds = {};
  const measure = () => {
    for (const [key, value] of Object.entries(state)) if (value instanceof Float64Array) now[key] = maxAbs(value);
  };
  measure();

  /** Whether the step's results are certainly finite, so that it may run without the check (and its copies). */
  const provablyFinite = (lrNow: number, t: number): boolean => {
    if (rule.bound === undefined) return false;
    for (let i = 0; i < decays.length; i++) {
      const keep = 1 - lrNow * decays[i];
      if (!(keep >= 0 && keep <= 1)) return false; // |θ(1 − ηλ) − θ| may reach 2|θ|: the step runs checked
    }
    for (let i = 0; i < transforms.length; i++) {
      const bound = transforms[i].bound;
      if (bound === undefined) return false; // unknown transforms may throw or leave any number
      context.lr = lrNow;
      context.t = t;
      bound(bounds, context as TransformContext);
    }
    if (!(bounds.g <= SAFE && bounds.p <= SAFE)) return false;
    // |Δθ| < SAFE is far below half an ulp of the largest double, so θ − Δθ is finite for every finite θ.
    return rule.bound(bounds.g, bounds.p, lrNow, t, state, now, next) <= SAFE;
  };

  /** The step itself: the gradient transforms, then the decoupled decays and the rule (the update), then its record. */
  const run = (params: Float64Array, grads: Float64Array, lrNow: number, t: number): void => {
    const update = state.update;
    if (recordUpdate) update.set(params); // before the decays: decoupled decay is part of the update
    let g = grads;
    if (transforms.length > 0) {
      scratch.set(grads);
      context.lr = lrNow;
      context.t = t;
      for (let i = 0; i < transforms.length; i++) {
        transformStates[i] = transforms[i].update(scratch, transformStates[i], params, context as TransformContext);
      }
      g = scratch;
    }
    for (let k = 0; k < decays.length; k++) {
      const keep = 1 - lrNow * decays[k];
      for (let i = 0; i < params.length; i++) params[i] *= keep;
    }
    rule.apply(params, g, state, lrNow, t);
    if (recordUpdate) for (let i = 0; i < update.length; i++) update[i] = params[i] - update[i];
  };

  const backup: StepBackup = { params: EMPTY, arrays: new Map(), scalars: new Map(), transformStates: [] };

  /** Whether a step may be offered to the rule's `tryStep`: nothing but the rule takes part in it. */
  const plainRule = rule.tryStep !== undefined && rule.prepare === undefined && transforms.length === 0 && decays.length === 0 && !recordUpdate;

  const step = (params: Float64Array, grads: Float64Array, ...extra: X): void => {
    checkArrays(params, grads);
    const t = state.t + 1;
    let lrNow = NaN;
    if (plainRule && size >= 0) {
      lrNow = lrAt(t - 1);
      if (rule.tryStep!(params, grads, lrNow, t)) {
        state.t = t;
        state.lr = lrNow;
        return;
      }
    }
    magnitudes(params, grads);
    rule.prepare?.(params.length, ...extra);
    if (lrNow !== lrNow) lrNow = lrAt(t - 1);
    if (provablyFinite(lrNow, t)) {
      // Every input is finite and the rule's bounds show every result is: from here on the step cannot fail.
      if (size < 0) allocate(params.length);
      run(params, grads, lrNow, t);
      const last = now;
      now = next;
      next = last;
    } else {
      const fresh = size < 0;
      if (fresh) allocate(params.length);
      checkedStep({
        name,
        t,
        params,
        grads,
        state: state as unknown as Record<string, unknown>,
        backup,
        transformStates,
        run: () => run(params, grads, lrNow, t),
        forget: fresh ? reset : undefined,
        bounds: now,
      });
    }
    state.t = t;
    state.lr = lrNow;
  };

  const reset = (): void => {
    Object.assign(state, { t: 0, lr: NaN, update: EMPTY }, rule.init(0));
    scratch = EMPTY;
    transformStates = [];
    size = -1;
    now = {};
    measure();
  };

  const FORMAT = "optimlab.optimizer/1";
  /** The rule's own entries of the state (not t and lr), in a fixed order. */
  const ruleKeys = () => Object.keys(state).filter((key) => key !== "t" && key !== "lr");

  const stateDict = (): OptimizerStateDict => {
    const saved: Record<string, JsonValue> = {};
    for (const key of ruleKeys()) saved[key] = encodeState((state as Record<string, unknown>)[key]);
    return {
      format: FORMAT,
      name,
      options: encodeState(spec.options) as Record<string, JsonValue>,
      transforms: transforms.map((t) => t.name),
      size: size < 0 ? null : size,
      t: state.t,
      lr: encodeState(state.lr),
      state: saved,
      transformStates: transformStates.map(encodeState),
    };
  };

  /**
   * The saved state with this optimizer's `kernel` option: the path a step runs on is no part of the
   * state (both give the same bits), so a run saved on one path resumes on the other.
   */
  const onOwnKernel = (input: unknown): unknown => {
    const saved = input as { options?: unknown } | null;
    if (typeof saved !== "object" || saved === null || typeof saved.options !== "object" || saved.options === null) return input;
    if (!("kernel" in spec.options)) return input;
    return { ...saved, options: { ...saved.options, kernel: (spec.options as { kernel: unknown }).kernel } };
  };

  const loadStateDict = (input: OptimizerStateDict): void => {
    const owner = `${name}.loadStateDict`;
    // Everything is decoded and checked before anything changes.
    const json = checkHeader(name, onOwnKernel(input), FORMAT, spec.options as Record<string, unknown>);
    sameKeys(name, "saved state", json, ["format", "name", "options", "transforms", "size", "t", "lr", "state", "transformStates"]);
    const names = transforms.map((t) => t.name);
    if (JSON.stringify(json.transforms) !== JSON.stringify(names)) {
      throw new RangeError(`${name}: the saved state's transforms are ${describe(json.transforms)}, here ${describe(names)} (nothing was loaded)`);
    }
    const n = json.size === null ? 0 : nonNegativeInteger(owner, "size", json.size);
    const t = nonNegativeInteger(owner, "t", json.t);
    const lr = decodeState(name, "lr", json.lr, 0) as number;
    if (json.size === null && t !== 0) throw new RangeError(`${name}: the saved state has t = ${t} but no size (nothing was loaded)`);
    // A template of the state for n parameters: the live one when it has that size, else a fresh one.
    let like: Record<string, unknown>;
    if (json.size === null ? size < 0 : n === size) like = state as Record<string, unknown>;
    else like = { update: recordUpdate && json.size !== null ? new Float64Array(n) : EMPTY, ...spec.rule().init(n) };
    const keys = ruleKeys();
    if (typeof json.state !== "object" || json.state === null) throw new RangeError(`${name}: the saved state has no state object (nothing was loaded)`);
    sameKeys(name, "state", json.state as Record<string, unknown>, keys);
    const values = new Map<string, unknown>();
    for (const key of keys) values.set(key, decodeState(name, `state.${key}`, (json.state as Record<string, unknown>)[key], like[key]));
    const transformLike = transforms.map((tr, i) => (json.size === null ? undefined : size === n ? transformStates[i] : tr.init(n)));
    const decodedTransforms = json.size === null
      ? []
      : (decodeState(name, "transformStates", json.transformStates, transformLike) as unknown[]);
    // Commit: from here on nothing can fail.
    if (json.size === null) {
      reset();
      return;
    }
    if (size !== n) {
      reset();
      allocate(n);
    }
    const live = state as Record<string, unknown>;
    for (const [key, value] of values) {
      if (value instanceof Float64Array) (live[key] as Float64Array).set(value);
      else live[key] = value;
    }
    transformStates = decodedTransforms;
    state.t = t;
    state.lr = lr;
    now = {};
    measure();
  };

  const optimizer = {
    name,
    options: Object.freeze({ ...spec.options }),
    state,
    stateDict,
    loadStateDict,
    transforms: Object.freeze([...transforms]),
    step,
    lrAt,
    reset,
    withTransforms: (...more: GradientTransform<any>[]) =>
      makeOptimizer({ ...spec, lr, recordUpdate, transforms: [...more.map((t, i) => checkTransform(name, t, i)), ...transforms] }),
    ...spec.extend?.(state),
  };
  return optimizer as unknown as Optimizer<S, O, X> & E;
}
