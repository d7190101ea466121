/**
 * The finiteness check of a step's gradient as a WebAssembly SIMD kernel (finite.wat), for gradients in
 * the kernel heap: the same test as the JavaScript loop of `firstNonFinite`, about as fast as memory
 * allows. A JavaScript loop reads one f64 at a time; at 1e7 parameters the check was a third of adam's
 * whole budget (BENCHMARKS.md).
 */
import { finiteWasm } from "./finite.wasm";
import { sumsqWasm } from "./sumsq.wasm";
import { kernelHeap } from "./heap";
import { lazyModule } from "./arena";

const finiteModule = lazyModule(finiteWasm);
const sumsqModule = lazyModule(sumsqWasm);
let check: ((at: number, pairs: number) => number) | undefined;

/**
 * Whether every entry of `values` is finite, when `values` lives in the kernel heap; undefined when it
 * does not (the caller then runs its loop).
 */
export function allFiniteInHeap(values: Float64Array): boolean | undefined {
  const heap = kernelHeap();
  if (!heap || !heap.holds(values)) return undefined;
  check ??= Object.values(new WebAssembly.Instance(finiteModule.shared(), { env: { memory: heap.memory } }).exports)[0] as (at: number, pairs: number) => number;
  const n = values.length;
  const pairs = n >> 1;
  // Only the array's own pairs: past an odd end lies another array's value, checked here by itself.
  if ((values.byteOffset & 15) !== 0) return undefined; // not pair-aligned: leave it to the loop
  if (check(values.byteOffset, pairs) !== 1) return false;
  return n % 2 === 0 || Number.isFinite(values[n - 1]);
}

let sumsq: ((at: number, pairs: number) => number) | undefined;

/**
 * Σ values[i]², by a SIMD kernel (sumsq.wat) when `values` lives in the kernel heap and starts on a
 * pair; undefined otherwise (the caller then runs its loop). NaN or ±Infinity entries make it NaN or
 * +Infinity, as the loop's sum.
 */
export function sumOfSquaresInHeap(values: Float64Array): number | undefined {
  const heap = kernelHeap();
  if (!heap || !heap.holds(values) || (values.byteOffset & 15) !== 0) return undefined;
  sumsq ??= Object.values(new WebAssembly.Instance(sumsqModule.shared(), { env: { memory: heap.memory } }).exports)[0] as (at: number, pairs: number) => number;
  const n = values.length;
  const sum = sumsq(values.byteOffset, n >> 1); // only the array's own pairs
  return n % 2 === 0 ? sum : sum + values[n - 1] * values[n - 1];
}
