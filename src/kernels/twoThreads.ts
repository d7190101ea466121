/**
 * One kernel call split in two parts, one run by this thread and one by the worker thread of the
 * optimizer steps (parallel.ts), on the kernel heap. The MLP's large matrix products use it: each part
 * is a band of rows of the result, so every entry is computed exactly as in one call (bit-identical).
 *
 * The hand-over is the optimizer pipeline's, with two chunks: this thread writes both parts' arguments
 * into the control block, marks them staged and wakes the worker; then each thread claims parts until
 * none is left, and this one waits until both are done. If the worker is slow to wake, this thread runs
 * both parts itself, so a split call is never much slower than one call.
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
  const parts = [[] as number[], [] as number[]];
  return (first, second) => {
    void owner; // the control block lives as long as this runner
    parts[0] = first;
    parts[1] = second;
    announce(id, control, 2);
    for (let c = 0; c < 2; c++) {
      slotArgs[c].set(parts[c]);
      Atomics.store(control, CONTROL.slots + c, staged(c));
      Atomics.notify(control, CONTROL.slots + c);
    }
    for (;;) {
      const next = Atomics.load(control, CONTROL.next);
      if (next >= 2) break;
      if (Atomics.compareExchange(control, CONTROL.next, next, next + 1) !== next) continue; // the worker took it
      kernel(...parts[next]);
      Atomics.store(control, CONTROL.slots + next, done(next));
    }
    for (let c = 0; c < 2; c++) {
      if (!waitFor(control, CONTROL.slots + c, done(c))) {
        giveUpOnWorker();
        throw new Error(`kernel on two threads: the worker thread stopped answering (part ${c} of 2 unfinished)`);
      }
    }
  };
}
