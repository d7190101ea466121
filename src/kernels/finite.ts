/**
 * The checks every optimizer step makes of its inputs, as WebAssembly SIMD kernels for arrays in the
 * kernel heap: the finiteness of one array (finite.wat, the same test as the JavaScript loop of
 * `firstNonFinite`), and the sums of squares of params and grads in one pass (squares.wat), which check
 * both and bound their magnitudes (src/optimizers/guard.ts). A JavaScript loop reads one f64 at a time;
 * at 1e7 parameters the check was a third of adam's whole budget (BENCHMARKS.md).
 */
import { finiteWasm } from "./finite.wasm";
import { squaresWasm } from "./squares.wasm";
import { kernelHeap } from "./heap";
import { inPlaceParallelMinLength, lazyModule } from "./arena";
import { sharedChunk, SLOTS } from "./parallel";
import { type Kernel, twoThreads, type TwoThreads } from "./twoThreads";

const finiteModule = lazyModule(finiteWasm);
const squaresModule = lazyModule(squaresWasm);
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

type Squares = (p: number, g: number, pairs: number, out: number) => void;
interface SquaresKernel {
  squares: Squares;
  /** Where the kernel stores its two sums: chunk c's at 2c and 2c + 1. */
  out: Float64Array;
  /** The kernel on two threads, made on the first large check (null: no worker to be had). */
  split?: TwoThreads | null;
}
let squares: SquaresKernel | undefined;

/**
 * Σparams[i]² and Σgrads[i]² into `out` by a SIMD kernel (squares.wat) that reads both arrays in one
 * pass, when both live in the kernel heap and start on a pair; false otherwise (the caller then runs
 * its loop). NaN or ±Infinity entries make a sum NaN or +Infinity, as the loop's sums. From
 * `inPlaceParallelMinLength()` parameters on (where a step in place shares its update with the worker,
 * which after a job stays awake for the next: parallel.ts), the two threads share the sums in the chunks of a step
 * in place (`sharedChunk(n)` entries each, parallel.ts), this thread the first half of them and the
 * worker the rest as a step in place updates them (arena.ts), so that each thread checks the part of
 * the arrays it is about to update, in its own core's cache. The chunks' sums are added in a fixed
 * order, whichever thread ran them.
 */
export function squareSumsInHeap(params: Float64Array, grads: Float64Array, out: { p: number; g: number }): boolean {
  const heap = kernelHeap();
  if (!heap || !heap.holds(params) || !heap.holds(grads) || ((params.byteOffset | grads.byteOffset) & 15) !== 0) return false;
  if (!squares) {
    const at = heap.alloc(2 * 2 * SLOTS * 8, squaresModule);
    squares = {
      squares: Object.values(new WebAssembly.Instance(squaresModule.shared(), { env: { memory: heap.memory } }).exports)[0] as Squares,
      out: heap.f64(at, 2 * 2 * SLOTS),
    };
  }
  const k = squares;
  const n = params.length;
  const pairs = n >> 1; // only the arrays' own pairs
  const at = k.out.byteOffset;
  const split = n >= inPlaceParallelMinLength();
  if (split) {
    if (k.split === undefined) k.split = twoThreads(squaresModule.shared(), k.squares as Kernel, heap, 4) ?? null;
  }
  if (split && k.split) {
    // The chunks of a step in place (arena.ts); each stores its two sums at its own place in `out`.
    const step = sharedChunk(n) >> 1; // pairs per chunk
    const chunks = Math.ceil(pairs / step);
    k.split(chunks, (c, into) => {
      into[0] = params.byteOffset + 16 * c * step;
      into[1] = grads.byteOffset + 16 * c * step;
      into[2] = Math.min(step, pairs - c * step);
      into[3] = at + 16 * c;
    });
    out.p = 0;
    out.g = 0;
    for (let c = 0; c < chunks; c++) {
      out.p += k.out[2 * c];
      out.g += k.out[2 * c + 1];
    }
  } else {
    k.squares(params.byteOffset, grads.byteOffset, pairs, at);
    out.p = k.out[0];
    out.g = k.out[1];
  }
  if (n % 2 === 1) {
    out.p += params[n - 1] * params[n - 1];
    out.g += grads[n - 1] * grads[n - 1];
  }
  return true;
}
