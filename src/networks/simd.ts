/**
 * The three matrix products of a dense layer (kernels.ts) run as the WebAssembly SIMD kernel
 * src/kernels/matmul.wat when the model's arrays live in the kernel heap (an MLP's do): register-blocked,
 * two f64 lanes per instruction, bit-identical to the loops of kernels.ts, which stay the reference and
 * the fallback (arrays outside the heap, or no heap at all).
 *
 * z = x Wᵀ + b runs as z = x · Wᵀ with Wᵀ transposed into scratch first (in × out copies against
 * n × in × out products), so that all three products share one kernel whose B operand is read by rows.
 */
import { kernelHeap, type Heap } from "../kernels/heap";
import { lazyModule } from "../kernels/arena";
import { matmulWasm } from "../kernels/matmul.wasm";
import * as reference from "./kernels";

const matmulModule = lazyModule(matmulWasm);

type Matmul = (
  c: number, ldc: number, a: number, ars: number, aks: number, b: number, ldb: number,
  m: number, n: number, k: number, accumulate: number, grouped: number,
) => void;

let bound: { heap: Heap; matmul: Matmul } | undefined | null;

/** The kernel bound to the heap, or undefined where there is no heap. */
function kernel(): { heap: Heap; matmul: Matmul } | undefined {
  if (bound === undefined) {
    const heap = kernelHeap();
    bound = heap
      ? { heap, matmul: Object.values(new WebAssembly.Instance(matmulModule.shared(), { env: { memory: heap.memory } }).exports)[0] as Matmul }
      : null;
  }
  return bound ?? undefined;
}

let useSimd = true;

/** Turns the SIMD kernels off (false: every product runs the loops of kernels.ts) and returns the previous setting; for tests and benchmarks. */
export function setSimdProducts(on: boolean): boolean {
  const previous = useSimd;
  useSimd = on;
  return previous;
}

/** Scratch arrays in the heap, grown as needed and kept. */
const scratchOwner = {};
const scratch: Record<"x" | "wt", Float64Array> = { x: new Float64Array(0), wt: new Float64Array(0) };
function scratchOf(heap: Heap, name: "x" | "wt", n: number): Float64Array {
  if (scratch[name].length < n) {
    const length = Math.max(n, 2 * scratch[name].length);
    scratch[name] = heap.f64(heap.alloc(length * 8, scratchOwner), length);
  }
  return scratch[name];
}

/** The kernel and heap when every array is a heap array; else undefined (use the reference loops). */
function ready(...arrays: Float64Array[]): { heap: Heap; matmul: Matmul } | undefined {
  if (!useSimd) return undefined;
  const k = kernel();
  return k && arrays.every((a) => k.heap.holds(a)) ? k : undefined;
}

/** z = x Wᵀ + b, as `denseForward` of kernels.ts (same arguments, bit-identical results). */
export function denseForward(x: Float64Array, n: number, inputs: number, W: Float64Array, b: Float64Array, outputs: number, z: Float64Array): void {
  const k = ready(W, z);
  if (!k) return reference.denseForward(x, n, inputs, W, b, outputs, z);
  let input = x;
  if (!k.heap.holds(x)) {
    input = scratchOf(k.heap, "x", n * inputs);
    input.set(x.subarray(0, n * inputs));
  }
  const wt = scratchOf(k.heap, "wt", inputs * outputs);
  for (let j = 0; j < outputs; j++) {
    const row = j * inputs;
    for (let i = 0; i < inputs; i++) wt[i * outputs + j] = W[row + i];
  }
  for (let s = 0; s < n; s++) z.set(b, s * outputs); // each sum starts from b[j], as in the loop
  k.matmul(z.byteOffset, outputs * 8, input.byteOffset, inputs * 8, 8, wt.byteOffset, outputs * 8, n, outputs, inputs, 1, 0);
}

/** dW = δᵀx and db = Σₛ δ[s, ·], as `weightGradient` of kernels.ts (bit-identical). */
export function weightGradient(delta: Float64Array, n: number, outputs: number, x: Float64Array, inputs: number, dW: Float64Array, db: Float64Array): void {
  const k = ready(delta, x, dW);
  if (!k) return reference.weightGradient(delta, n, outputs, x, inputs, dW, db);
  // dW[j, i] = Σₛ δ[s, j] x[s, i]: A = δᵀ (row j steps 8 bytes, k = s steps a row of δ), B = x.
  k.matmul(dW.byteOffset, inputs * 8, delta.byteOffset, 8, outputs * 8, x.byteOffset, inputs * 8, outputs, inputs, n, 0, 1);
  // db as the loop sums it: four samples at a time, then one at a time.
  db.fill(0);
  let s = 0;
  for (; s + 4 <= n; s += 4) {
    const o = s * outputs;
    for (let j = 0; j < outputs; j++) db[j] += delta[o + j] + delta[o + outputs + j] + delta[o + 2 * outputs + j] + delta[o + 3 * outputs + j];
  }
  for (; s < n; s++) for (let j = 0; j < outputs; j++) db[j] += delta[s * outputs + j];
}

/** back = δW, as `inputGradient` of kernels.ts (bit-identical). */
export function inputGradient(delta: Float64Array, n: number, outputs: number, W: Float64Array, inputs: number, back: Float64Array): void {
  const k = ready(delta, W, back);
  if (!k) return reference.inputGradient(delta, n, outputs, W, inputs, back);
  k.matmul(back.byteOffset, inputs * 8, delta.byteOffset, outputs * 8, 8, W.byteOffset, inputs * 8, n, inputs, outputs, 0, 1);
}
