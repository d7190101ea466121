/**
 * What lets a step skip the check of its results. A step whose inputs are finite can still overflow
 * (Adam's v with a gradient of 1e200, SGD with lr 1e10 and a gradient of 1e300). Checking every result
 * and keeping copies to undo a bad step would double the cost of a step, so each rule instead bounds
 * its results from bounds on its inputs: one pass over params and grads (which the finiteness check of
 * the inputs makes anyway) gives their magnitudes, and the rule keeps a bound on each state array. When
 * every bound stays below `SAFE` the step runs as before; otherwise it runs checked (checked.ts).
 */
import { squareSumsInHeap } from "../kernels/finite";

/**
 * The largest magnitude a bound may reach for a step to run unchecked: 1e290 is below half an ulp of
 * the largest double (2⁹⁷⁰ ≈ 9.98e291), so θ − Δθ with |Δθ| ≤ SAFE is finite for every finite θ, and
 * far enough from overflow that the rounding of the bounds themselves does not matter.
 */
export const SAFE = 1e290;

/** Bounds on the magnitude of each state array, by the array's name in the optimizer's state. */
export type StateBounds = Record<string, number>;

/**
 * Σp² and Σg² in one pass into `out` (NaN or Infinity when an entry is not finite or the sum overflows).
 * √Σx² bounds every |xᵢ|. Two accumulators each keep the pass at memory speed.
 */
export function squareSums(params: Float64Array, grads: Float64Array, out: { p: number; g: number }): void {
  // Arrays in the kernel heap (an MLP's, kernelArrays) are summed by a SIMD kernel, two lanes at a time
  // (on two threads when they are large).
  if (params.length >= 256 && squareSumsInHeap(params, grads, out)) return;
  let p0 = 0;
  let p1 = 0;
  let g0 = 0;
  let g1 = 0;
  const n = params.length;
  const even = n - (n % 2);
  for (let i = 0; i < even; i += 2) {
    const a = params[i];
    const b = params[i + 1];
    const c = grads[i];
    const d = grads[i + 1];
    p0 += a * a;
    p1 += b * b;
    g0 += c * c;
    g1 += d * d;
  }
  if (even < n) {
    p0 += params[even] * params[even];
    g0 += grads[even] * grads[even];
  }
  out.p = p0 + p1;
  out.g = g0 + g1;
}

/** The largest |xᵢ| (0 for an empty array; NaN when some entry is NaN). */
export function maxAbs(values: Float64Array): number {
  let largest = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]);
    if (a !== a) return NaN;
    if (a > largest) largest = a;
  }
  return largest;
}
