/**
 * Where the WebAssembly kernels run: an arena is one WebAssembly memory holding an optimizer's state
 * and a staging area for parameters and gradients, with an instance of the rule's kernel bound to it.
 *
 * JavaScript loops over Float64Arrays run one f64 at a time; a kernel runs two per instruction
 * (WebAssembly SIMD), without bounds checks. A kernel can only read its own memory, so each step copies
 * the parameters and gradients in and the parameters out, a cache-sized chunk at a time (native copies,
 * much faster than the loop), while the state stays in the arena for good: the optimizer's `state.m`
 * and the like are views of it.
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

export interface Arena<K extends string> {
  /** A state array as a Float64Array of the n entries in use (a view of the arena; empty if not kept). */
  view(name: K): Float64Array;
  /**
   * One step, a chunk at a time: copies the chunk of params and grads in, calls the kernel `fn` with the
   * byte offsets of the staged params and grads and of each state array at the chunk (in the order the
   * arena was made with, 0 for arrays not kept), the number of f64 pairs in the chunk, and then
   * `scalars`; then copies the chunk of params back out.
   */
  run(fn: string, params: Float64Array, grads: Float64Array, ...scalars: number[]): void;
}

/**
 * f64 per staged chunk. A step copies params and grads in chunks of this size into a staging area and
 * params back out, so the copies stay in cache (512 KiB per staged array, half of a 1 MiB L2) and from
 * main memory each step moves only the bytes the rule itself reads and writes. Smaller chunks measured
 * slower at 1e7 parameters (4096: about 15%), each restarting the hardware's prefetch of five streams.
 */
let chunkLength = 65536;

/**
 * Sets the chunk length (even, ≥ 2) for arenas made from now on and returns the previous one; tests use
 * short chunks to cover the chunk loop.
 */
export function setChunkLength(n: number): number {
  if (!Number.isInteger(n) || n < 2 || n % 2 !== 0) throw new RangeError(`setChunkLength: n must be an even integer ≥ 2, got ${n}`);
  const previous = chunkLength;
  chunkLength = n;
  return previous;
}

/**
 * An arena for n parameters: a staging area for a chunk of params and grads, and the state arrays whose
 * flag in `state` is true, each zeroed; or undefined when n is below `KERNEL_MIN_LENGTH` or the memory
 * cannot be had (the caller then uses its JavaScript loop). The keys of `state` must be in the order of
 * the kernel's parameters.
 */
export function arena<K extends string>(
  module: () => WebAssembly.Module,
  state: Record<K, boolean>,
  n: number,
): Arena<K> | undefined {
  if (n < KERNEL_MIN_LENGTH) return undefined;
  const names = Object.keys(state) as K[];
  const kept = names.filter((name) => state[name]);
  const chunk = Math.min(chunkLength, 2 * Math.ceil(n / 2)); // even: the kernels work two lanes at a time
  const stateBytes = Math.ceil(n / 2) * 16;
  const stagingBytes = chunk * 8;
  const pages = Math.ceil((2 * stagingBytes + kept.length * stateBytes) / PAGE);
  if (pages > MAX_PAGES) return undefined;
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  } catch {
    return undefined; // out of address space or memory: the JavaScript loop needs less
  }
  const kernels = new WebAssembly.Instance(module(), { env: { memory } }).exports as Record<string, (...args: number[]) => void>;
  const stagedParams = new Float64Array(memory.buffer, 0, chunk);
  const stagedGrads = new Float64Array(memory.buffer, stagingBytes, chunk);
  const offsetOf = (name: K) => 2 * stagingBytes + kept.indexOf(name) * stateBytes;
  const views = new Map(kept.map((name) => [name, new Float64Array(memory.buffer, offsetOf(name), n)]));
  const offsets = names.map((name) => (state[name] ? offsetOf(name) : 0));
  const empty = new Float64Array(0);
  // The kernel's arguments: staged params, staged grads, each state array at the chunk, pairs, scalars.
  const args: number[] = [0, stagingBytes, ...offsets, 0];
  const pairsAt = 2 + offsets.length;
  return {
    view: (name) => views.get(name) ?? empty,
    run(fn, params, grads, ...scalars) {
      const kernel = kernels[fn];
      args.length = pairsAt + 1;
      args.push(...scalars);
      for (let start = 0; start < n; start += chunk) {
        const end = Math.min(start + chunk, n);
        const whole = start === 0 && end === n;
        stagedParams.set(whole ? params : params.subarray(start, end));
        stagedGrads.set(whole ? grads : grads.subarray(start, end));
        for (let k = 0; k < offsets.length; k++) if (state[names[k]]) args[2 + k] = offsets[k] + start * 8;
        args[pairsAt] = Math.ceil((end - start) / 2);
        kernel(...args);
        params.set(end - start === chunk ? stagedParams : stagedParams.subarray(0, end - start), start);
      }
    },
  };
}
