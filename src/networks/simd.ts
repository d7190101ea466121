/**
 * The three matrix products of a dense layer (kernels.ts) run as the WebAssembly SIMD kernel
 * src/kernels/matmul.wat when the model's arrays live in the kernel heap (an MLP's do): register-blocked,
 * two f64 lanes per instruction, bit-identical to the loops of kernels.ts, which stay the reference and
 * the fallback (arrays outside the heap, or no heap at all).
 *
 * z = x Wᵀ + b runs as z = x · Wᵀ with Wᵀ transposed into scratch first (in × out copies against
 * n × in × out products; by the SIMD kernel transpose.wat), so that all three products share one kernel
 * whose B operand is read by rows. The transpose is packed in panels, one per block of columns of the
 * kernel (4 columns in f64, 8 in f32), each panel's rows one after another: a block then reads its
 * columns of Wᵀ as one run of consecutive bytes (for 784 inputs, 25 KB, which stays in the L1 cache
 * while every row of x passes), not 784 rows 1 KB apart, each on a cache line of its own.
 *
 * Large products (from 2²⁰ multiply-adds) run on two threads (kernels/twoThreads.ts), which claim blocks of
 * columns of C in turn from a shared counter.
 *
 * With `f32` (the MLP's `precision: "float32"`), the products run in single precision (matmul32.wat, four
 * lanes per instruction): the operands are rounded to float32 into scratch, the kernel sums in float32,
 * and the results are widened back into the model's f64 arrays (both conversions by convert.wat, bit-
 * identical to a Float32Array's). Weights, gradients, activations and the
 * optimizer stay f64 (float32 arithmetic with f64 master weights, as mixed-precision training keeps them).
 */
import { kernelHeap, type Heap } from "../kernels/heap";
import { lazyModule } from "../kernels/arena";
import { matmulWasm } from "../kernels/matmul.wasm";
import { matmul32Wasm } from "../kernels/matmul32.wasm";
import { convertWasm } from "../kernels/convert.wasm";
import { transposeWasm } from "../kernels/transpose.wasm";
import { twoThreads, type TwoThreads } from "../kernels/twoThreads";
import * as reference from "./kernels";

const matmulModule = lazyModule(matmulWasm);
const matmul32Module = lazyModule(matmul32Wasm);
const convertModule = lazyModule(convertWasm);
const transposeModule = lazyModule(transposeWasm);

type Convert = (dst: number, src: number, n: number) => void;

type Matmul = (
  c: number, ldc: number, a: number, ars: number, aks: number, b: number, ldb: number,
  m: number, n: number, k: number, accumulate: number,
  counter: number, width: number, packed: number,
) => void;

interface Kernels {
  heap: Heap;
  matmul: Matmul;
  matmul32: Matmul;
  /** f64 → f32 (rounded to nearest) and f32 → f64, n values between heap byte offsets (convert.wat). */
  narrow: Convert;
  widen: Convert;
  /** Bᵀ into $dst from B ($rows × $cols f64 at $src), heap byte offsets (transpose.wat). */
  transpose: (dst: number, src: number, rows: number, cols: number) => void;
  /** The same into f32 at $dst, each value rounded to nearest (transpose.wat). */
  transposeNarrow: (dst: number, src: number, rows: number, cols: number) => void;
  /** Each kernel on two threads, made on the first large product (null: no worker to be had). */
  split: { f64?: TwoThreads | null; f32?: TwoThreads | null };
  /** The heap word through which the two threads of a split product claim its blocks of columns. */
  counter: Int32Array;
}

let bound: Kernels | undefined | null;

/** The kernels bound to the heap, or undefined where there is no heap. */
function kernel(): Kernels | undefined {
  if (bound === undefined) {
    const heap = kernelHeap();
    const instance = (m: { shared(): WebAssembly.Module }) =>
      Object.values(new WebAssembly.Instance(m.shared(), { env: { memory: heap!.memory } }).exports)[0] as Matmul;
    const convert = heap ? new WebAssembly.Instance(convertModule.shared(), { env: { memory: heap.memory } }).exports : undefined;
    const transposes = heap ? new WebAssembly.Instance(transposeModule.shared(), { env: { memory: heap.memory } }).exports : undefined;
    bound = heap
      ? {
          heap,
          matmul: instance(matmulModule),
          matmul32: instance(matmul32Module),
          narrow: convert!.narrow as Convert,
          widen: convert!.widen as Convert,
          transpose: transposes!.transpose as Kernels["transpose"],
          transposeNarrow: transposes!.transposeNarrow as Kernels["transposeNarrow"],
          split: {},
          counter: new Int32Array(heap.memory.buffer, heap.alloc(4, scratchOwner), 1),
        }
      : null;
  }
  return bound ?? undefined;
}

let useSimd = true;

/**
 * The fewest multiply-adds (m·n·k) for which a product is split over two threads (2²⁰ unless set).
 * A hand-over to the worker costs tens of microseconds; a product of 2²⁰ multiply-adds takes about
 * 100 µs on one thread.
 */
let splitThreshold = 1 << 20;

/** The fewest multiply-adds (m·n·k) for which a product runs on two threads. */
export function twoThreadProductsMin(): number {
  return splitThreshold;
}

/** Sets the fewest multiply-adds for which a product runs on two threads (Infinity: never) and returns the previous value; for tests and benchmarks. */
export function setTwoThreadProducts(minMultiplyAdds: number): number {
  const previous = splitThreshold;
  splitThreshold = minMultiplyAdds;
  return previous;
}

/**
 * Columns of C in the kernels' widest register block, two vectors: 2 f64 lanes each in matmul.wat, 4 f32
 * lanes in matmul32.wat (scripts/gen-matmul-wat.mjs). Wᵀ is packed in panels this wide (`panels`), which
 * must match the kernel's blocks; the exact float32 test of test/unit/simd-products.test.ts fails if not.
 */
const WIDEST_BLOCK = { f64: 4, f32: 8 } as const;

/**
 * Columns of C in each block that the two threads of a split product claim in turn: four of the kernel's
 * widest column blocks in f64 (two vectors of 2), two in f32 (two vectors of 4). Small enough that the
 * thread that finishes first waits at most a small share of the product for the other (the second core
 * of a shared machine is often the slower one), large enough that each block reuses A's rows over many
 * columns (measured on the MNIST-shaped products, interleaved: 4 and 8 columns slower; 32 slower on the
 * forward product, about even on dW).
 */
const BLOCK_COLUMNS = 4 * WIDEST_BLOCK.f64;

/**
 * C = A·B by the kernel (arguments as matmul.wat's), on two threads when it is large: both threads call
 * the kernel with the same arguments and claim blocks of columns of C from a shared counter until none
 * is left (matmul.wat); a C of one block of columns or fewer is cut into two bands of rows instead. Each
 * entry of C is computed as in one call.
 */
function product(k: Kernels, f32: boolean, c: number, ldc: number, a: number, ars: number, aks: number, b: number, ldb: number, m: number, n: number, kk: number, accumulate: number, packed = 0): void {
  const kernelFn = f32 ? k.matmul32 : k.matmul;
  const which = f32 ? "f32" : "f64";
  const wide = n > BLOCK_COLUMNS;
  if ((wide || m >= 8) && m * n * kk >= splitThreshold) {
    if (k.split[which] === undefined) k.split[which] = twoThreads((f32 ? matmul32Module : matmulModule).shared(), kernelFn, k.heap, 14) ?? null;
    const run = k.split[which];
    if (run && wide) {
      // Two calls with the same arguments, one per thread (a worker that starts late finds fewer blocks left).
      Atomics.store(k.counter, 0, 0);
      const args = [c, ldc, a, ars, aks, b, ldb, m, n, kk, accumulate, k.counter.byteOffset, BLOCK_COLUMNS, packed];
      run(2, (_, into) => {
        for (let i = 0; i < args.length; i++) into[i] = args[i];
      });
      return;
    }
    if (run) {
      // Too few columns to share out: two bands of rows, each a whole number of 4-row blocks, one per thread.
      const band = 4 * Math.ceil(m / 8);
      run(2, (part, into) => {
        const r = part * band;
        const args = [c + r * ldc, ldc, a + r * ars, ars, aks, b, ldb, Math.min(band, m - r), n, kk, accumulate, 0, 0, packed];
        for (let i = 0; i < args.length; i++) into[i] = args[i];
      });
      return;
    }
  }
  kernelFn(c, ldc, a, ars, aks, b, ldb, m, n, kk, accumulate, 0, 0, packed);
}

/** Turns the SIMD kernels off (false: every product runs the f64 loops of kernels.ts, float32 models too) and returns the previous setting; for tests and benchmarks. */
export function setSimdProducts(on: boolean): boolean {
  const previous = useSimd;
  useSimd = on;
  return previous;
}

/** Scratch arrays in the heap, grown as needed and kept (their contents do not outlive a call). */
const scratchOwner = {};
const scratch = new Map<string, Float64Array | Float32Array>();
function scratchArray<T extends Float64Array | Float32Array>(name: string, n: number, make: (length: number) => T): T {
  let array = scratch.get(name) as T | undefined;
  if (!array || array.length < n) {
    array = make(Math.max(n, 2 * (array?.length ?? 0)));
    scratch.set(name, array);
  }
  return array.subarray(0, n) as T;
}
const scratchOf = (heap: Heap, name: "x" | "wt", n: number) => scratchArray(name, n, (length) => heap.f64(heap.alloc(length * 8, scratchOwner), length));
const scratch32Of = (heap: Heap, name: "a" | "b" | "c", n: number) =>
  scratchArray(`${name}32`, n, (length) => heap.f32(heap.alloc(length * 4, scratchOwner), length));

/** A float32 copy of `values` in scratch `name` (the conversion rounds to nearest). */
function rounded(k: Kernels, name: "a" | "b" | "c", values: Float64Array): Float32Array {
  const out = scratch32Of(k.heap, name, values.length);
  if (k.heap.holds(values)) k.narrow(out.byteOffset, values.byteOffset, values.length);
  else out.set(values);
  return out;
}

/** `into` = the f32 values of `from` (same length), widened exactly. */
function widened(k: Kernels, into: Float64Array, from: Float32Array): void {
  if (k.heap.holds(into)) k.widen(into.byteOffset, from.byteOffset, from.length);
  else into.set(from);
}

/** The kernels and heap when every array is a heap array; else undefined (use the reference loops). */
function ready(...arrays: Float64Array[]): Kernels | undefined {
  if (!useSimd) return undefined;
  const k = kernel();
  return k && arrays.every((a) => k.heap.holds(a)) ? k : undefined;
}

/**
 * The panels of Wᵀ in the order the kernel's blocks of columns take them ($packed in matmul.wat): blocks of
 * `widest` columns (WIDEST_BLOCK: 4 in f64, 8 in f32), then one of half that if it fits, then single columns. `each` gets
 * a panel's first column j (a row of W) and its width w; the panel is the transpose of rows j…j+w-1 of W,
 * inputs rows of w values, and starts at value j · inputs of the packed array, as those rows do in W.
 */
function panels(outputs: number, widest: number, each: (first: number, width: number) => void): void {
  let j = 0;
  for (; j + widest <= outputs; j += widest) each(j, widest);
  const half = widest / 2;
  for (; j + half <= outputs; j += half) each(j, half);
  for (; j < outputs; j++) each(j, 1);
}

/**
 * Wᵀ (inputs × outputs) in scratch from W (outputs × inputs), packed in panels of `widest` columns (see
 * `panels`): by the SIMD transpose kernel when W is a heap array (an MLP's always is), else by the loop below.
 */
function packedTransposed(k: Kernels, W: Float64Array, outputs: number, inputs: number, widest: number): Float64Array {
  const wt = scratchOf(k.heap, "wt", inputs * outputs);
  const inHeap = k.heap.holds(W);
  panels(outputs, widest, (j, w) => {
    const at = j * inputs;
    if (inHeap) k.transpose(wt.byteOffset + at * 8, W.byteOffset + at * 8, w, inputs);
    else transpose(W.subarray(at, at + w * inputs), w, inputs, wt.subarray(at, at + w * inputs));
  });
  return wt;
}

/** Wᵀ rounded to float32 in scratch "b", packed in panels of WIDEST_BLOCK.f32 columns: each panel transposed and rounded in one pass by the SIMD kernel when W is a heap array (an MLP's always is). */
function packedTransposedRounded(k: Kernels, W: Float64Array, outputs: number, inputs: number): Float32Array {
  if (!k.heap.holds(W)) return rounded(k, "b", packedTransposed(k, W, outputs, inputs, WIDEST_BLOCK.f32));
  const wt32 = scratch32Of(k.heap, "b", inputs * outputs);
  panels(outputs, WIDEST_BLOCK.f32, (j, w) => k.transposeNarrow(wt32.byteOffset + j * inputs * 4, W.byteOffset + j * inputs * 8, w, inputs));
  return wt32;
}

/** Wᵀ into `wt` from W (outputs × inputs), four rows of W at a time (each row of Wᵀ written four values at a time). */
function transpose(W: Float64Array, outputs: number, inputs: number, wt: Float64Array): void {
  let j = 0;
  for (; j + 4 <= outputs; j += 4) {
    const r0 = j * inputs, r1 = r0 + inputs, r2 = r1 + inputs, r3 = r2 + inputs;
    for (let i = 0; i < inputs; i++) {
      const o = i * outputs + j;
      wt[o] = W[r0 + i];
      wt[o + 1] = W[r1 + i];
      wt[o + 2] = W[r2 + i];
      wt[o + 3] = W[r3 + i];
    }
  }
  for (; j < outputs; j++) {
    const row = j * inputs;
    for (let i = 0; i < inputs; i++) wt[i * outputs + j] = W[row + i];
  }
}

/** z = x Wᵀ + b, as `denseForward` of kernels.ts (same arguments, bit-identical results; `f32`: in float32). */
export function denseForward(x: Float64Array, n: number, inputs: number, W: Float64Array, b: Float64Array, outputs: number, z: Float64Array, f32 = false): void {
  const k = f32 ? (useSimd ? kernel() : undefined) : ready(W, z);
  if (!k) return reference.denseForward(x, n, inputs, W, b, outputs, z);
  if (f32) {
    const x32 = rounded(k, "a", x.subarray(0, n * inputs));
    const wt32 = packedTransposedRounded(k, W, outputs, inputs);
    const z32 = scratch32Of(k.heap, "c", n * outputs);
    // Each sum starts from b[j] in float32: the first row rounds b (a Float32Array's store rounds to
    // nearest), the others copy it (a float32 copy moves bytes; converting each row again costs 10×).
    z32.set(b);
    for (let s = 1; s < n; s++) z32.copyWithin(s * outputs, 0, outputs);
    product(k, true, z32.byteOffset, outputs * 4, x32.byteOffset, inputs * 4, 4, wt32.byteOffset, 0, n, outputs, inputs, 1, 1);
    widened(k, z.subarray(0, n * outputs), z32);
    return;
  }
  let input = x;
  if (!k.heap.holds(x)) {
    input = scratchOf(k.heap, "x", n * inputs);
    input.set(x.subarray(0, n * inputs));
  }
  const wt = packedTransposed(k, W, outputs, inputs, WIDEST_BLOCK.f64);
  for (let s = 0; s < n; s++) z.set(b, s * outputs); // each sum starts from b[j], as in the loop
  product(k, false, z.byteOffset, outputs * 8, input.byteOffset, inputs * 8, 8, wt.byteOffset, 0, n, outputs, inputs, 1, 1);
}

/** dW = δᵀx and db = Σₛ δ[s, ·], as `weightGradient` of kernels.ts (bit-identical; `f32`: dW in float32). */
export function weightGradient(delta: Float64Array, n: number, outputs: number, x: Float64Array, inputs: number, dW: Float64Array, db: Float64Array, f32 = false): void {
  const k = f32 ? (useSimd ? kernel() : undefined) : ready(delta, x, dW);
  if (!k) return reference.weightGradient(delta, n, outputs, x, inputs, dW, db);
  if (f32) {
    const d32 = rounded(k, "a", delta.subarray(0, n * outputs));
    const x32 = rounded(k, "b", x.subarray(0, n * inputs));
    const dW32 = scratch32Of(k.heap, "c", outputs * inputs);
    product(k, true, dW32.byteOffset, inputs * 4, d32.byteOffset, 4, outputs * 4, x32.byteOffset, inputs * 4, outputs, inputs, n, 0);
    widened(k, dW, dW32);
  } else {
    // dW[j, i] = Σₛ δ[s, j] x[s, i]: A = δᵀ (row j steps 8 bytes, k = s steps a row of δ), B = x.
    product(k, false, dW.byteOffset, inputs * 8, delta.byteOffset, 8, outputs * 8, x.byteOffset, inputs * 8, outputs, inputs, n, 0);
  }
  // db as the loop sums it: one sample at a time.
  db.fill(0);
  for (let s = 0; s < n; s++) for (let j = 0; j < outputs; j++) db[j] += delta[s * outputs + j];
}

/** back = δW, as `inputGradient` of kernels.ts (bit-identical; `f32`: in float32). */
export function inputGradient(delta: Float64Array, n: number, outputs: number, W: Float64Array, inputs: number, back: Float64Array, f32 = false): void {
  const k = f32 ? (useSimd ? kernel() : undefined) : ready(delta, W, back);
  if (!k) return reference.inputGradient(delta, n, outputs, W, inputs, back);
  if (f32) {
    const d32 = rounded(k, "a", delta.subarray(0, n * outputs));
    const w32 = rounded(k, "b", W);
    const back32 = scratch32Of(k.heap, "c", n * inputs);
    product(k, true, back32.byteOffset, inputs * 4, d32.byteOffset, outputs * 4, 4, w32.byteOffset, inputs * 4, n, inputs, outputs, 0);
    widened(k, back.subarray(0, n * inputs), back32);
    return;
  }
  product(k, false, back.byteOffset, inputs * 8, delta.byteOffset, outputs * 8, 8, W.byteOffset, inputs * 8, n, inputs, outputs, 0);
}
