import { makeOptimizer, type Optimizer } from "./optimizer";
import { optimizerOptions } from "./options";
import { luFactor, luSolve } from "./linearSolve";
import { zeros } from "./state";
import { describe } from "../core/checks";
import { learningRate, nonNegative, type OptionsOf, type ResolvedOf } from "../core/schema";
import { firstNonFinite } from "../core/finite";
import { checkKernelChoice } from "../kernels/choice";

const newtonSchema = optimizerOptions({
  /** Step length η or a schedule (default 1: the full Newton step). */
  lr: learningRate(1),
  /** δ ≥ 0 added to the Hessian's diagonal (default 0). */
  damping: nonNegative(0),
});

export type NewtonOptions = OptionsOf<typeof newtonSchema>;

export interface NewtonState {
  /** The last Newton direction d_t = (H + δI)⁻¹ g. */
  direction: Float64Array;
}

/** Newton's method: its step takes the Hessian, and it says so (`needsHessian`), so the training loops pass one. */
export type NewtonOptimizer = Optimizer<NewtonState, ResolvedOf<typeof newtonSchema>, [hessian: Float64Array]> & { readonly needsHessian: true };

/**
 * Newton's method (004 §2.4), damped:
 *
 *   d_t ← (H(θ_{t−1}) + δ I)⁻¹ ∇f(θ_{t−1})
 *   θ_t ← θ_{t−1} − η d_t
 *
 * With η = 1 and δ = 0 it minimizes a quadratic in one step, from anywhere. The Hessian H is the
 * step's third argument, a Float64Array of n·n entries in row-major order; the system is solved by LU
 * with partial pivoting, and a singular H + δI throws (nothing changes). Damping δ > 0 (Levenberg)
 * keeps the step defined where H is singular and shortens it where curvature is small.
 * Source: Nocedal & Wright, "Numerical Optimization" (2006), §3.3; Boyd & Vandenberghe (2004), §9.5.
 *
 * Defaults: lr 1, damping 0, recordUpdate false, kernel "auto".
 */
export function newton(options: NewtonOptions = {}): NewtonOptimizer {
  const name = "newton";
  const resolved = newtonSchema.read(name, options);
  const { damping } = resolved;
  checkKernelChoice(name, undefined, resolved.kernel); // a linear solve, no element-wise loop: "wasm" is refused
  return makeOptimizer<NewtonState, ResolvedOf<typeof newtonSchema>, [hessian: Float64Array], { readonly needsHessian: true }>({
    name,
    options: resolved,
    extend: () => ({ needsHessian: true }),
    rule: () => {
      // Scratch for the factorization; filled by prepare and used by apply within the same step.
      let lu = new Float64Array(0);
      let pivots = new Int32Array(0);
      return {
        init: (n) => ({ direction: zeros(n) }),
        prepare(n, hessian) {
          if (!(hessian instanceof Float64Array)) {
            throw new TypeError(`${name}: the Hessian must be a Float64Array of n·n entries, got ${describe(hessian)}`);
          }
          if (hessian.length !== n * n) {
            throw new RangeError(`${name}: the Hessian has ${hessian.length} entries; ${n} parameters need ${n * n}`);
          }
          const bad = firstNonFinite(hessian);
          if (bad >= 0) throw new RangeError(`${name}: hessian[${bad}] is ${hessian[bad]}; the Hessian must be finite`);
          if (lu.length !== n * n) {
            lu = new Float64Array(n * n);
            pivots = new Int32Array(n);
          }
          lu.set(hessian);
          for (let i = 0; i < n; i++) lu[i * n + i] += damping;
          const zeroPivot = luFactor(lu, n, pivots);
          if (zeroPivot >= 0) {
            throw new RangeError(
              `${name}: the Hessian + damping·I (damping ${damping}) is singular to working precision (zero pivot in column ${zeroPivot}); use damping > 0`,
            );
          }
        },
        apply(params, grads, { direction }, lr, _t) {
          const n = params.length;
          luSolve(lu, n, pivots, grads, direction);
          for (let i = 0; i < n; i++) params[i] -= lr * direction[i];
        },
      };
    },
  });
}
