/**
 * A second thread for the kernels of large steps (PyTorch's CPU optimizers likewise run on several
 * threads). Only this thread can read the caller's params and grads: a kernel sees only its own memory,
 * and another thread sees only shared memory. So a large step is a pipeline over three staging slots:
 * this thread copies chunks in and out while the worker runs the kernel on the chunks already staged;
 * when this thread would otherwise wait for the worker, it runs a staged chunk's kernel itself. The
 * copies are memory-bound and the kernels compute-bound, so the two overlap instead of adding up
 * (BENCHMARKS.md has the figures). Either thread claims a chunk by moving `next` past it, atomically.
 *
 * One worker serves every arena of the process. It starts on the first large step and is unreferenced,
 * so it never keeps a program alive. Each arena's shared memory begins with a control block (`CONTROL`)
 * through which the two threads hand the slots over with `Atomics`; the kernel's arguments for a slot
 * are written there as f64.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

/** The control block at the start of a shared arena: Int32 words, then the slots' f64 arguments. */
export const CONTROL = {
  /** Set to 1 by the worker once it has bound the arena's kernel. */
  ready: 0,
  /** Chunks in the current step. */
  chunks: 1,
  /** The next chunk to claim: either thread takes chunk c by moving this from c to c + 1. */
  next: 2,
  /** One word per slot: 0 empty, 2c + 1 when chunk c is staged, 2c + 2 when its kernel has run. */
  slots: 4,
  /** Byte offset of slot 0's f64 arguments; each slot's take `ARGS` f64. */
  argsBytes: 64,
} as const;
/** Staging slots: this thread fills one while kernels run on the others. */
export const SLOTS = 3;
/** Most f64 arguments a kernel takes. */
export const ARGS = 24;
/** Bytes of the control block. */
export const CONTROL_BYTES = CONTROL.argsBytes + SLOTS * ARGS * 8;
/** A slot's word when chunk c is staged, and when its kernel has run. */
export const staged = (c: number) => 2 * c + 1;
export const done = (c: number) => 2 * c + 2;

/**
 * How long the worker keeps polling for the next job after one ends before it sleeps (ms). Waking it
 * from its sleep (Atomics.waitAsync, through its event loop) takes a hundred microseconds and more,
 * which a matrix product of a training step (a few hundred microseconds a half) cannot afford: profiled
 * on the MNIST-shaped epoch with a few microseconds of polling, this thread spent a sixth of the epoch
 * waiting for the worker's half. A training loop hands work over every few hundred microseconds, so a
 * millisecond keeps the worker awake through it (OpenMP's runtimes likewise spin before they sleep);
 * an idle program pays one millisecond of the second core after its last job.
 */
const SPIN_MS = 1;

// The worker. It binds each arena's kernel (its module's one export) to the arena's memory, then waits
// for steps, announced on `wake` ([step count, arena id]). In a step it claims chunks until none is left,
// waits for each to be staged, and runs the kernel on it.
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const arenas = new Map();
let wake;
function runStep(arena) {
  const { control, kernel, args } = arena;
  const chunks = Atomics.load(control, ${CONTROL.chunks});
  for (;;) {
    const c = Atomics.add(control, ${CONTROL.next}, 1);
    if (c >= chunks) return;
    const slot = ${CONTROL.slots} + (c % ${SLOTS});
    for (;;) {
      const word = Atomics.load(control, slot);
      if (word === 2 * c + 1) break;
      Atomics.wait(control, slot, word);
    }
    kernel(...args[c % ${SLOTS}]);
    Atomics.store(control, slot, 2 * c + 2);
    Atomics.notify(control, slot);
  }
}
async function listen() {
  let seen = 0;
  for (;;) {
    // Poll for the next job for SPIN_MS before sleeping (see SPIN_MS).
    const since = performance.now();
    for (let spin = 1; Atomics.load(wake, 0) === seen; spin++) {
      if ((spin & 255) === 0 && performance.now() - since > ${SPIN_MS}) break;
    }
    if (Atomics.load(wake, 0) === seen) {
      const waiting = Atomics.waitAsync(wake, 0, seen);
      if (waiting.async) await waiting.value;
    }
    seen = Atomics.load(wake, 0);
    const arena = arenas.get(Atomics.load(wake, 1));
    if (arena) runStep(arena);
  }
}
parentPort.on("message", (message) => {
  if (message.wake) {
    wake = new Int32Array(message.wake);
    listen();
  } else if (message.forget) {
    arenas.delete(message.forget);
  } else {
    const { id, module, memory, arity, at } = message;
    const kernel = Object.values(new WebAssembly.Instance(module, { env: { memory } }).exports)[0];
    const control = new Int32Array(memory.buffer, at, ${CONTROL.argsBytes / 4});
    const args = Array.from({ length: ${SLOTS} }, (_, s) => new Float64Array(memory.buffer, at + ${CONTROL.argsBytes} + s * ${ARGS * 8}, arity));
    arenas.set(id, { kernel, control, args });
    Atomics.store(control, ${CONTROL.ready}, 1);
    Atomics.notify(control, ${CONTROL.ready});
  }
});
`;

/** How long this thread waits on the worker before giving up on it (it answers in microseconds). */
const PATIENCE_MS = 10_000;

let worker: Worker | undefined;
let wake: Int32Array | undefined;
let broken = false;
let nextId = 1;

// An arena that is garbage-collected is forgotten by the worker too, which lets its memory go.
const forget = new FinalizationRegistry<number>((id) => worker?.postMessage({ forget: id }));

function startWorker(): boolean {
  if (worker) return !broken;
  if (broken || availableParallelism() < 2) return false; // on one core the threads would only take turns
  try {
    const shared = new SharedArrayBuffer(8);
    worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
    worker.on("error", () => (broken = true));
    worker.on("exit", () => (broken = true));
    wake = new Int32Array(shared);
    worker.postMessage({ wake: shared });
    return true;
  } catch {
    broken = true;
    return false;
  }
}

/** Waits until control[index] is `value`; false if the worker did not set it in time. */
export function waitFor(control: Int32Array, index: number, value: number): boolean {
  // Spin a little first: a slot usually changes hands sooner than a sleeping thread wakes up.
  for (let spin = 0; spin < 4000; spin++) if (Atomics.load(control, index) === value) return true;
  const deadline = performance.now() + PATIENCE_MS;
  for (;;) {
    const word = Atomics.load(control, index);
    if (word === value) return true;
    const left = deadline - performance.now();
    if (left <= 0 || broken) return false;
    Atomics.wait(control, index, word, Math.min(left, 100));
  }
}

/**
 * Binds `module`'s kernel to a shared `memory` in the worker (starting the worker if need be), with
 * `arity` f64 arguments per call, and returns the arena's id; undefined if no worker could be had.
 * `owner` is the object whose collection frees the worker's side; the arena's control block is at byte
 * offset `at` of the memory (an arena in the kernel heap shares the memory with others).
 */
export function attach(module: WebAssembly.Module, memory: WebAssembly.Memory, arity: number, owner: object, at = 0): number | undefined {
  if (arity > ARGS || !startWorker()) return undefined;
  const id = nextId++;
  worker!.postMessage({ id, module, memory, arity, at });
  const control = new Int32Array(memory.buffer, at, CONTROL.argsBytes / 4);
  if (!waitFor(control, CONTROL.ready, 1)) {
    broken = true;
    return undefined;
  }
  forget.register(owner, id);
  return id;
}

/**
 * Tells the worker that arena `id` has a step of `chunks` chunks, of which it may claim those from
 * `first` on: this thread runs chunks before `first` itself (a fixed share, so that each thread keeps
 * working on the same part of the arrays step after step, in its own core's cache).
 */
export function announce(id: number, control: Int32Array, chunks: number, first = 0): void {
  Atomics.store(control, CONTROL.chunks, chunks);
  Atomics.store(control, CONTROL.next, first);
  for (let slot = 0; slot < SLOTS; slot++) Atomics.store(control, CONTROL.slots + slot, 0);
  Atomics.store(wake!, 1, id);
  Atomics.add(wake!, 0, 1);
  Atomics.notify(wake!, 0);
}

/**
 * The chunk length (entries) of a kernel's work on n entries split between the two threads: 2·SLOTS
 * chunks, each a whole number of f64 pairs (the kernels run two lanes at a time). The check of a step's
 * params and grads and the step in place split at the same entries, so each thread updates what it has
 * just checked.
 */
export function sharedChunk(n: number): number {
  return 2 * Math.ceil(n / (4 * SLOTS));
}

/**
 * Runs `chunks` (at most 2·SLOTS) kernel calls on the two threads of arena `id` (its control block
 * `control`, its slots' arguments `slotArgs`): this thread runs the first half of the chunks itself, in
 * order, and the worker may claim the others, so that each thread keeps to the same part of the arrays
 * step after step, in its own core's cache. Once done with its own, this thread runs the worker's
 * chunks that the worker has not claimed yet, so a worker that is slow to wake (or loses its core on a
 * busy machine) delays the call by one chunk at most, not by half of it. `argsOf(c, into)` writes
 * chunk c's arguments into `into`. Throws if the worker stops answering (the call is then incomplete).
 */
export function shareChunks(
  id: number,
  control: Int32Array,
  slotArgs: Float64Array[],
  kernel: (...args: number[]) => void,
  chunks: number,
  argsOf: (c: number, into: { [i: number]: number }) => void,
  own: number[],
): void {
  const mine = Math.ceil(chunks / 2);
  announce(id, control, chunks, mine);
  for (let c = mine; c < chunks; c++) {
    argsOf(c, slotArgs[c % SLOTS]);
    Atomics.store(control, CONTROL.slots + (c % SLOTS), staged(c));
    Atomics.notify(control, CONTROL.slots + (c % SLOTS));
  }
  for (let c = 0; c < mine; c++) {
    argsOf(c, own);
    kernel(...own);
  }
  for (;;) {
    const next = Atomics.load(control, CONTROL.next);
    if (next >= chunks) break;
    if (Atomics.compareExchange(control, CONTROL.next, next, next + 1) !== next) continue; // the worker took it
    kernel(...slotArgs[next % SLOTS]);
    Atomics.store(control, CONTROL.slots + (next % SLOTS), done(next)); // as the worker would: a late-waking worker must not see it staged
  }
  for (let c = mine; c < chunks; c++) {
    if (!waitFor(control, CONTROL.slots + (c % SLOTS), done(c))) {
      giveUpOnWorker();
      throw new Error(`kernel on two threads: the worker thread stopped answering; the call is incomplete (chunk ${c + 1} of ${chunks})`);
    }
  }
}

/** Marks the worker unusable: later steps run on this thread alone. */
export function giveUpOnWorker(): void {
  broken = true;
}
