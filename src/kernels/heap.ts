/**
 * The kernel heap: one shared, growable WebAssembly memory for every array the kernels work on, so that
 * arrays placed there are used where they are, never copied. The optimizers keep their state there and
 * the MLP its parameters, gradients and activations; a step whose params and grads are heap arrays
 * (`kernelArray`, an MLP's `params` and `grads`) runs its kernel on them directly (arena.ts).
 *
 * Shared, so that it can grow without moving (a growing shared memory keeps every view valid) and the
 * worker thread (parallel.ts) can run kernels on it. Where shared memory is unavailable (a browser page
 * that is not cross-origin isolated) there is no heap: `kernelArray` returns a plain Float64Array and
 * the kernels copy as before.
 *
 * Blocks are 64-byte aligned (a cache line; SIMD needs 16) and padded to a whole number of f64 pairs,
 * the padding zeroed, so a kernel may always run two lanes past an odd end. A block is freed when the
 * object it was allocated for is garbage-collected.
 */

const PAGE = 65536;
/** The most a 32-bit WebAssembly memory can address; the kernels' shared import declares this maximum. */
const MAX_PAGES = 65536;
const ALIGN = 64;

export interface Heap {
  readonly memory: WebAssembly.Memory;
  /**
   * A zeroed block of at least `bytes` bytes, freed when `owner` is collected; its byte offset. `length`,
   * when given, is the element count of the one array that will cover the block (see `blockOf`).
   */
  alloc(bytes: number, owner: object, length?: number): number;
  /** A Float64Array view of `n` f64 at byte offset `at`. */
  f64(at: number, n: number): Float64Array;
  /** A Float32Array view of `n` f32 at byte offset `at`. */
  f32(at: number, n: number): Float32Array;
  /**
   * The byte offset of `array` in the heap when it is the array its block was made for (same start and
   * length), else undefined. Only such an array may be run on where it is: a kernel runs whole f64 pairs,
   * and past an odd end lies the block's padding, not another array's values.
   */
  blockOf(array: ArrayBufferView): number | undefined;
  /** Whether `array` is a view of the heap's memory. */
  holds(array: ArrayBufferView): boolean;
}

let heap: Heap | undefined | null;

/** The process's kernel heap, made on first use; undefined where shared WebAssembly memory is unavailable. */
export function kernelHeap(): Heap | undefined {
  if (heap === undefined) heap = makeHeap() ?? null;
  return heap ?? undefined;
}

function makeHeap(): Heap | undefined {
  if (typeof SharedArrayBuffer === "undefined") return undefined;
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: 16, maximum: MAX_PAGES, shared: true });
  } catch {
    return undefined;
  }
  /** Free ranges [at, end), sorted by `at`, never adjacent (merged on free). */
  const free: { at: number; end: number }[] = [{ at: ALIGN, end: memory.buffer.byteLength }]; // offset 0 stays unused: 0 means "no array" to the kernels
  /** Blocks by offset: bytes, and the length of the array made for the block (-1 if none). */
  const blocks = new Map<number, { size: number; length: number }>();
  /** Every SharedArrayBuffer object the memory has shown (each growth gives a new one). */
  const buffers = new WeakSet<ArrayBufferLike>([memory.buffer]);
  const registry = new FinalizationRegistry<number>((at) => release(at));

  const current = () => {
    const buffer = memory.buffer;
    buffers.add(buffer);
    return buffer;
  };

  const release = (at: number) => {
    const block = blocks.get(at);
    if (block === undefined) return;
    blocks.delete(at);
    const end = at + block.size;
    let i = 0;
    while (i < free.length && free[i].at < at) i++;
    free.splice(i, 0, { at, end });
    // Merge with the neighbours.
    if (i + 1 < free.length && free[i].end === free[i + 1].at) {
      free[i].end = free[i + 1].end;
      free.splice(i + 1, 1);
    }
    if (i > 0 && free[i - 1].end === free[i].at) {
      free[i - 1].end = free[i].end;
      free.splice(i, 1);
    }
  };

  const grow = (bytes: number) => {
    const old = memory.buffer.byteLength;
    const last = free[free.length - 1];
    const tail = last && last.end === old ? last.end - last.at : 0;
    const pages = Math.max(Math.ceil((bytes - tail) / PAGE), old / PAGE); // at least double, amortizing growth
    const allowed = Math.min(pages, MAX_PAGES - old / PAGE);
    if (allowed * PAGE < bytes - tail) throw new RangeError(`kernel heap: out of memory (${bytes} more bytes needed; the heap is at most 4 GiB)`);
    memory.grow(allowed);
    const end = memory.buffer.byteLength;
    if (tail > 0) last.end = end;
    else free.push({ at: old, end });
  };

  return {
    memory,
    alloc(bytes, owner, length = -1) {
      const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
      let i = free.findIndex((r) => r.end - r.at >= size);
      if (i < 0) {
        grow(size);
        i = free.findIndex((r) => r.end - r.at >= size);
      }
      const range = free[i];
      const at = range.at;
      range.at += size;
      if (range.at === range.end) free.splice(i, 1);
      blocks.set(at, { size, length });
      new Uint8Array(current(), at, size).fill(0);
      registry.register(owner, at);
      return at;
    },
    f64: (at, n) => new Float64Array(current(), at, n),
    f32: (at, n) => new Float32Array(current(), at, n),
    blockOf(array) {
      if (!buffers.has(array.buffer)) return undefined;
      const block = blocks.get(array.byteOffset);
      const length = (array as Float64Array).length;
      return block !== undefined && block.length === length && array.byteLength <= block.size ? array.byteOffset : undefined;
    },
    holds: (array) => buffers.has(array.buffer),
  };
}

/**
 * A zeroed Float64Array of length n that lives in the kernel heap, so that optimizer steps on it copy
 * nothing (pass one as `params` and one as `grads`; an MLP's own `params` and `grads` already are).
 * Keep the array itself while you use it, not only a subarray: its memory is freed once it is
 * garbage-collected. Where there is no heap (shared memory unavailable), a plain Float64Array.
 * @example
 * const params = kernelArray(1e6), grads = kernelArray(1e6);
 * const opt = adam();
 * opt.step(params, grads); // the kernel updates params where they are
 */
export function kernelArray(n: number): Float64Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`kernelArray: n must be an integer ≥ 0, got ${n}`);
  const h = kernelHeap();
  if (!h || n === 0) return new Float64Array(n);
  const holder = {};
  const array = h.f64(h.alloc(Math.ceil(n / 2) * 16, holder, n), n);
  // The block lives as long as the array: the array holds the object the block was allocated for.
  Object.defineProperty(array, HOLDER, { value: holder });
  return array;
}

const HOLDER = Symbol("kernel heap block");
