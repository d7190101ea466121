/**
 * What the training loops need of an optimizer: `step(params, grads)` updates `params` in place (and
 * Newton's method also takes the Hessian, n × n row-major). Every optimizer of the library fits;
 * so does any object with such a `step`.
 */
export interface StepOptimizer {
  step(params: Float64Array, grads: Float64Array, hessian?: Float64Array): void;
}

/** Where a run stopped because it blew up: the update `step` (1-based) made it non-finite or huge. */
export interface Divergence {
  step: number;
}

/**
 * Where a run stopped because something threw: update `step` (1-based) failed with `reason` (the
 * error's message; `error` is the error itself). The run keeps every update before it.
 */
export interface Failure {
  step: number;
  reason: string;
  error: unknown;
}

/** The failure of update `step`, from what it threw. */
export function failure(step: number, error: unknown): Failure {
  return { step, reason: error instanceof Error ? error.message : String(error), error };
}

/** Default bound on |loss| and |parameter| beyond which a run counts as diverged. */
export const DEFAULT_LIMIT = 1e12;

/**
 * Whether a step needs the Hessian: `hessian` when given, else what the optimizer says of itself
 * (`needsHessian: true`, as `newton()` does), recognised by what it needs rather than by its name.
 */
export function wantsHessian(optimizer: StepOptimizer, hessian: boolean | undefined): boolean {
  if (hessian !== undefined) return hessian;
  return (optimizer as { needsHessian?: unknown }).needsHessian === true;
}

/** True when every entry is finite with |v| ≤ limit. */
export function allFinite(values: Float64Array, limit: number): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v <= limit && v >= -limit)) return false; // also false for NaN
  }
  return true;
}
