import { allFiniteInHeap } from "../kernels/finite";

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
