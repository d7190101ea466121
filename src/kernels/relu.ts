/**
 * ReLU and its derivative as WebAssembly SIMD kernels (relu.wat) for arrays in the kernel heap, as an
 * MLP's pre-activations, activations and deltas are: the fast path of the activation table's loops
 * (src/networks/activations.ts), with the same results bit for bit. A JavaScript loop pays a branch per
 * value, mispredicted about half the time on pre-activations of random sign.
 */
import { reluWasm } from "./relu.wasm";
import { kernelHeap } from "./heap";
import { lazyModule } from "./arena";

const reluModule = lazyModule(reluWasm);
type Pass = (out: number, z: number, n: number) => void;
let bound: { relu: Pass; reluBackward: Pass } | undefined;

/** The kernels when every array lives in the kernel heap, else undefined (the caller runs its loop). */
function kernels(...arrays: Float64Array[]): typeof bound {
  const heap = kernelHeap();
  if (!heap || !arrays.every((a) => heap.holds(a))) return undefined;
  bound ??= new WebAssembly.Instance(reluModule.shared(), { env: { memory: heap.memory } }).exports as unknown as typeof bound;
  return bound;
}

/** h[i] = z[i] > 0 ? z[i] : 0 for i < length by the kernel; false (nothing done) unless both are heap arrays. */
export function reluInHeap(z: Float64Array, h: Float64Array, length: number): boolean {
  const k = kernels(z, h);
  if (!k || length > z.length || length > h.length) return false;
  k.relu(h.byteOffset, z.byteOffset, length);
  return true;
}

/** g[i] *= z[i] > 0 ? 1 : 0 for i < length by the kernel; false (nothing done) unless both are heap arrays. */
export function reluBackwardInHeap(z: Float64Array, g: Float64Array, length: number): boolean {
  const k = kernels(z, g);
  if (!k || length > z.length || length > g.length) return false;
  k.reluBackward(g.byteOffset, z.byteOffset, length);
  return true;
}
