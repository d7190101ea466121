import { describe } from "../core/checks";

/** What a transform may read besides the gradient: the step's learning rate and its 1-based index. */
export interface TransformContext {
  readonly lr: number;
  readonly t: number;
}

/**
 * A gradient transformation in the style of optax: `init(n)` makes the state for n parameters, and
 * `update(updates, state, params, context)` rewrites `updates` (a copy of the gradient owned by the
 * optimizer, never the caller's array) in place and returns the next state. A transform may also
 * rewrite `params` (decoupled weight decay does). Transforms run after a step has been validated, so
 * they must not throw.
 */
export interface GradientTransform<S = unknown> {
  readonly name: string;
  init(n: number): S;
  update(updates: Float64Array, state: S, params: Float64Array, context: TransformContext): S;
  /**
   * Given bounds on |g| and |θ| before the transform, sets them to bounds after it (Infinity when it
   * cannot bound them). Transforms without it make every step they take part in run checked: its
   * results scanned, and undone when one is not finite or the transform throws.
   */
  bound?(bounds: { g: number; p: number }, context: TransformContext): void;
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
 * Composes transforms left to right, as optax's `chain`. When the last item is an optimizer, returns a
 * new optimizer of the same kind and options (fresh state) that applies the transforms to each
 * gradient before its own rule: `chain(clipByGlobalNorm(1), adam({ lr: 1e-3 }))`.
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
  return {
    name: `chain(${checked.map((t) => t.name).join(", ")})`,
    init: (n: number) => checked.map((t) => t.init(n)),
    update: (updates: Float64Array, states: unknown[], params: Float64Array, context: TransformContext) =>
      checked.map((t, i) => t.update(updates, states[i], params, context)),
    ...(checked.every((t) => t.bound !== undefined)
      ? { bound: (bounds: { g: number; p: number }, context: TransformContext) => checked.forEach((t) => t.bound!(bounds, context)) }
      : {}),
  } satisfies GradientTransform<unknown[]>;
}
