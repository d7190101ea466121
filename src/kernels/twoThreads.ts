/**
 * One kernel call split in two parts, one run by this thread and one by the worker thread of the
 * optimizer steps (parallel.ts), on the kernel heap. The MLP's large matrix products use it: each part
 * is a band of rows of the result, so every entry is computed exactly as in one call (bit-identical).
 *
 * The hand-over is the optimizer pipeline's, with two chunks: this thread writes the second part's
 * arguments into the control block, marks it staged and wakes the worker, runs the first part itself,
 * and then waits until the worker is done with the second. The first part is always this thread's, so a
 * caller that splits its arrays the same way call after call finds each half in the cache of the core
 * that used it last. If the worker has not claimed the second part by the time the first is done, this
 * thread runs it too, so a split call is never much slower than one call.
 */
import type { Heap } from "./heap";
import { announce, ARGS, attach, CONTROL, CONTROL_BYTES, done, giveUpOnWorker, staged, waitFor } from "./parallel";

export type Kernel = (...args: number[]) => void;

/** Runs the kernel with each of two argument lists, on two threads, and returns when both are done. */
export type TwoThreads = (first: number[], second: number[]) => void;

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
  const slotArgs = [0, 1].map((slot) => new Float64Array(heap.memory.buffer, at + CONTROL.argsBytes + slot * 8 * ARGS, arity));
  return (first, second) => {
    void owner; // the control block lives as long as this runner
    // This thread runs the first part; the worker may claim the second (announce's `first` = 1).
    announce(id, control, 2, 1);
    slotArgs[1].set(second);
    Atomics.store(control, CONTROL.slots + 1, staged(1));
    Atomics.notify(control, CONTROL.slots + 1);
    kernel(...first);
    // If the worker has not claimed the second part yet, this thread runs it too.
    if (Atomics.compareExchange(control, CONTROL.next, 1, 2) === 1) {
      kernel(...second);
      Atomics.store(control, CONTROL.slots + 1, done(1)); // as the worker would: a late-waking worker must not see it staged
      return;
    }
    if (!waitFor(control, CONTROL.slots + 1, done(1))) {
      giveUpOnWorker();
      throw new Error("kernel on two threads: the worker thread stopped answering (part 2 of 2 unfinished)");
    }
  };
}
