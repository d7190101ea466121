import { describe } from "../core/checks";

/** What a transform may read besides the gradient: the step's learning rate and its 1-based index. */
export interface TransformContext {
  readonly lr: number;
  readonly t: number;
}

/**
 * A gradient transformation in the style of optax: `init(n)` makes the state for n parameters, and
 * `update(updates, state, params, context)` rewrites `updates` (a copy of the gradient owned by the
 * optimizer, never the caller's array) in place and returns the next state. It reads `params` (θ_{t−1},
 * the same for every transform of a step) and never writes them: only the optimizer's update does.
 * Transforms run after a step has been validated, so they must not throw.
 *
 * A transform may also declare `decoupledDecay`: weight-decay rates λ that are not part of the
 * gradient but terms of the update, θ_t = θ_{t−1}(1 − η_t λ) − Δθ_rule. The optimizer applies them
 * (see `decoupledWeightDecay`, and the README's "Transforms" section for the whole model).
 */
export interface GradientTransform<S = unknown> {
  readonly name: string;
  init(n: number): S;
  update(updates: Float64Array, state: S, params: Float64Array, context: TransformContext): S;
  /**
   * Given bounds on |g| and |θ| before the transform, sets the bound on |g| after it (Infinity when it
   * cannot bound it). Transforms without it make every step they take part in run checked: its
   * results scanned, and undone when one is not finite or the transform throws.
   */
  bound?(bounds: { g: number; p: number }, context: TransformContext): void;
  /** Decoupled weight-decay rates λ, in order: each multiplies θ by (1 − η_t λ) in the optimizer's update. */
  readonly decoupledDecay?: readonly number[];
}

/** A transform without state: only the update rule. */
export function statelessTransform(
  name: string,
  update: (updates: Float64Array, params: Float64Array, context: TransformContext) => void,
  bound?: (bounds: { g: number; p: number }, context: TransformContext) => void,
): GradientTransform<undefined> {
  return {
    name,
    init: () => undefined,
    update: (updates, state, params, context) => {
      update(updates, params, context);
      return state;
    },
    ...(bound ? { bound } : {}),
  };
}

/** What `chain` needs of an optimizer (transforms sit below optimizers and do not import them). */
interface TakesTransforms {
  step(...args: never[]): void;
  withTransforms(...transforms: GradientTransform<any>[]): unknown;
}

function isOptimizer(item: unknown): item is TakesTransforms {
  return typeof item === "object" && item !== null && typeof (item as { step?: unknown }).step === "function"
    && typeof (item as { withTransforms?: unknown }).withTransforms === "function";
}

function isTransform(item: unknown): item is GradientTransform {
  return (
    typeof item === "object" &&
    item !== null &&
    typeof (item as { init?: unknown }).init === "function" &&
    typeof (item as { update?: unknown }).update === "function"
  );
}

/**
 * Composes transforms left to right, as optax's `chain`: each transform's `update` sees the gradient
 * as the ones before it left it, and the decoupled decays of all of them are kept in order. When the
 * last item is an optimizer, returns `optimizer.withTransforms(...transforms)`: a new optimizer of the
 * same kind and options (fresh state) that applies them to each gradient before its own rule,
 * `chain(clipByGlobalNorm(1), adam({ lr: 1e-3 }))`. Nesting does not matter: `chain(chain(a, b), c, opt)`
 * computes what `chain(a, b, c, opt)` computes.
 */
export function chain(...transforms: GradientTransform<any>[]): GradientTransform<unknown[]>;
export function chain<O extends TakesTransforms>(...items: [...GradientTransform<any>[], O]): O;
export function chain(...items: unknown[]): unknown {
  const last = items[items.length - 1];
  const transforms = isOptimizer(last) ? items.slice(0, -1) : items;
  transforms.forEach((item, i) => {
    if (!isTransform(item)) {
      throw new TypeError(`chain: item ${i} must be a gradient transform (or the last item an optimizer), got ${describe(item)}`);
    }
  });
  const checked = transforms as GradientTransform[];
  if (isOptimizer(last)) return last.withTransforms(...checked);
  const decays = checked.flatMap((t) => t.decoupledDecay ?? []);
  return {
    name: `chain(${checked.map((t) => t.name).join(", ")})`,
    init: (n: number) => checked.map((t) => t.init(n)),
    update: (updates: Float64Array, states: unknown[], params: Float64Array, context: TransformContext) =>
      checked.map((t, i) => t.update(updates, states[i], params, context)),
    ...(checked.every((t) => t.bound !== undefined)
      ? { bound: (bounds: { g: number; p: number }, context: TransformContext) => checked.forEach((t) => t.bound!(bounds, context)) }
      : {}),
    ...(decays.length > 0 ? { decoupledDecay: decays } : {}),
  } satisfies GradientTransform<unknown[]>;
}
