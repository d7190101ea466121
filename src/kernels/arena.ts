/**
 * Where the WebAssembly kernels run: an arena is one WebAssembly memory holding a kernel's arrays
 * (parameters, gradients and the optimizer's state), with an instance of the kernel bound to it.
 *
 * JavaScript loops over Float64Arrays run one f64 at a time; a kernel runs two per instruction
 * (WebAssembly SIMD), without bounds checks. A kernel can only read its own memory, so each step copies
 * the parameters and gradients in and the parameters out (native copies, much faster than the loop),
 * while the state stays in the arena for good: the optimizer's `state.m` and the like are views of it.
 * Below `KERNEL_MIN_LENGTH` parameters the copies and the call cost more than they save, and rules
 * keep to their JavaScript loop. BENCHMARKS.md has the measurements.
 */

/** The fewest parameters for which a rule uses its WebAssembly kernel (measured crossover, in BENCHMARKS.md). */
export const KERNEL_MIN_LENGTH = 16;

const PAGE = 65536;
const MAX_PAGES = 65536; // 4 GiB, the most a 32-bit WebAssembly memory can address

/** A compiled kernel module, compiled on first use and shared by every arena. */
export function lazyModule(base64: string): () => WebAssembly.Module {
  let module: WebAssembly.Module | undefined;
  return () => (module ??= new WebAssembly.Module(Buffer.from(base64, "base64")));
}

export interface Arena {
  /** The kernel's exported functions. */
  readonly exports: Record<string, (...args: number[]) => number | undefined>;
  /** Pairs of f64 per array: n rounded up to even, halved (the kernels work two lanes at a time). */
  readonly pairs: number;
  /** The byte offset of array k. */
  offset(k: number): number;
  /** Array k as a Float64Array of the n entries in use. */
  view(k: number): Float64Array;
  /** Copies params into array 0 and grads into array 1 (every kernel's first two arrays). */
  load(params: Float64Array, grads: Float64Array): void;
  /** Copies array 0 back into params. */
  store(params: Float64Array): void;
}

/**
 * An arena of `arrays` zeroed f64 arrays of n entries each, or undefined when n is below
 * `KERNEL_MIN_LENGTH` or the memory cannot be had (the caller then uses its JavaScript loop).
 */
export function arena(module: () => WebAssembly.Module, arrays: number, n: number): Arena | undefined {
  if (n < KERNEL_MIN_LENGTH) return undefined;
  const pairs = Math.ceil(n / 2);
  const stride = pairs * 16;
  const pages = Math.ceil((arrays * stride) / PAGE);
  if (pages > MAX_PAGES) return undefined;
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  } catch {
    return undefined; // out of address space or memory: the JavaScript loop needs less
  }
  const instance = new WebAssembly.Instance(module(), { env: { memory } });
  const views = Array.from({ length: arrays }, (_, k) => new Float64Array(memory.buffer, k * stride, n));
  return {
    exports: instance.exports as Arena["exports"],
    pairs,
    offset: (k) => k * stride,
    view: (k) => views[k],
    load(params, grads) {
      views[0].set(params);
      views[1].set(grads);
    },
    store(params) {
      params.set(views[0]);
    },
  };
}
