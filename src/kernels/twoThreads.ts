/**
 * One kernel call split in parts, some run by this thread and some by the worker thread of the
 * optimizer steps (parallel.ts), on the kernel heap. The MLP's large matrix products use it with two
 * calls of the same arguments, which share the product's blocks of columns between them through a counter
 * (matmul.wat), so every entry is computed exactly as in one call (bit-identical); the check of a large
 * step's params and grads with 2·SLOTS chunks (finite.ts).
 *
 * The hand-over is parallel.ts's `shareChunks`: this thread writes the worker's parts' arguments into
 * the control block, marks them staged and wakes the worker, runs the first half of the parts itself,
 * then runs the worker's parts the worker has not claimed yet and waits until the others are done, so a
 * split call is never much slower than one call.
 */
import type { Heap } from "./heap";
import { ARGS, attach, CONTROL, CONTROL_BYTES, shareChunks, SLOTS } from "./parallel";

export type Kernel = (...args: number[]) => void;

/**
 * Runs the kernel `chunks` times (at most 2·SLOTS), on two threads, and returns when all are done;
 * `argsOf(c, into)` writes the arguments of call c into `into` (parallel.ts's `shareChunks`).
 */
export type TwoThreads = (chunks: number, argsOf: (c: number, into: { [i: number]: number }) => void) => void;

/**
 * A two-thread runner of `module`'s kernel (`kernel` is this thread's instance of it on the heap), for
 * calls of `arity` arguments; undefined when the worker cannot be had (then call the kernel alone).
 */
export function twoThreads(module: WebAssembly.Module, kernel: Kernel, heap: Heap, arity: number): TwoThreads | undefined {
  const owner = {};
  const at = heap.alloc(CONTROL_BYTES, owner);
  const id = attach(module, heap.memory, arity, owner, at);
  if (id === undefined) return undefined;
  const control = new Int32Array(heap.memory.buffer, at, CONTROL.argsBytes / 4);
  const slotArgs = Array.from({ length: SLOTS }, (_, slot) => new Float64Array(heap.memory.buffer, at + CONTROL.argsBytes + slot * 8 * ARGS, arity));
  const own: number[] = [];
  return (chunks, argsOf) => {
    void owner; // the control block lives as long as this runner
    shareChunks(id, control, slotArgs, kernel, chunks, argsOf, own);
  };
}
