/**
 * Where the WebAssembly kernels run: an arena is one WebAssembly memory holding an optimizer's state
 * and a staging area for parameters and gradients, with an instance of the rule's kernel bound to it.
 *
 * JavaScript loops over Float64Arrays run one f64 at a time; a kernel runs two per instruction
 * (WebAssembly SIMD), without bounds checks. A kernel can only read its own memory, so each step copies
 * the parameters and gradients in and the parameters out, a cache-sized chunk at a time (native copies,
 * much faster than the loop), while the state stays in the arena for good: the optimizer's `state.m`
 * and the like are views of it. Arenas are blocks of the kernel heap (heap.ts) where there is one; then
 * a step whose params and grads are heap arrays (`kernelArray`, an MLP's `params` and `grads`) copies
 * nothing: the kernel runs on them where they are. From `parallelMinLength()` parameters on, a worker thread runs kernels
 * on staged chunks while this one copies the next (parallel.ts); in place, from
 * `inPlaceParallelMinLength()` parameters on, each thread updates its own part of the parameters.
 * Below `KERNEL_MIN_LENGTH` parameters the copies and the call cost more than they save, and rules
 * keep to their JavaScript loop (unless the optimizer's option `kernel` says otherwise: choice.ts).
 * BENCHMARKS.md has the measurements.
 */

import { kernelHeap } from "./heap";
import { announce, ARGS, attach, CONTROL, CONTROL_BYTES, done, giveUpOnWorker, shareChunks, sharedChunk, SLOTS, staged as stagedWord, waitFor } from "./parallel";

/** Heap offsets of params and grads that a step runs on where they are. */
interface Resident {
  p: number;
  g: number;
}

const ARENA = Symbol("arena block");

/** The fewest parameters for which a rule uses its WebAssembly kernel (measured crossover, in BENCHMARKS.md). */
export const KERNEL_MIN_LENGTH = 16;

let parallelThreshold = 1 << 18;

/** The fewest parameters for which an arena pipelines its steps with a second thread (2¹⁸ unless set). */
export function parallelMinLength(): number {
  return parallelThreshold;
}

/**
 * The fewest parameters for which a step in place (params and grads in the kernel heap) shares its
 * work with the second thread, about a half each: an eighth of `parallelMinLength()` (2¹⁵ unless set). With no copies to
 * make, the worker pays from fewer parameters on: at 1e5 one thread's step takes a few hundred
 * microseconds, against tens for a hand-over.
 */
export function inPlaceParallelMinLength(): number {
  return parallelThreshold / 8;
}

/**
 * Sets the fewest parameters for which arenas made from now on pipeline their steps with a second
 * thread (Infinity: never) and returns the previous value; for tests and benchmarks. Below 2¹⁸ the
 * hand-overs cost more than the second thread saves (measured at 1e5: about 1.3× slower).
 */
export function setParallelMinLength(n: number): number {
  const previous = parallelThreshold;
  parallelThreshold = n;
  return previous;
}

const PAGE = 65536;
const MAX_PAGES = 65536; // 4 GiB, the most a 32-bit WebAssembly memory can address

/** A kernel's two compiled modules, for a plain and a shared memory, each compiled on first use. */
export interface KernelModules {
  plain(): WebAssembly.Module;
  shared(): WebAssembly.Module;
}

/** The modules of a generated `<name>.wasm.ts` (one exported function each), compiled lazily and once. */
export function lazyModule(wasm: { plain: string; shared: string }): KernelModules {
  let plain: WebAssembly.Module | undefined;
  let shared: WebAssembly.Module | undefined;
  return {
    plain: () => (plain ??= new WebAssembly.Module(base64Bytes(wasm.plain))),
    shared: () => (shared ??= new WebAssembly.Module(base64Bytes(wasm.shared))),
  };
}

/**
 * An update rule's kernel, generated from the rule's loop (scripts/gen-rule-kernels.mjs): its modules
 * and the names of its state arrays and scalars, in the order of the kernel's parameters.
 */
export interface RuleKernel<K extends string> {
  modules: KernelModules;
  state: readonly K[];
  scalars: readonly string[];
}

/** A rule's kernel from its generated `<name>.wasm.ts`. */
export function ruleKernel<K extends string>(wasm: { plain: string; shared: string; state: readonly K[]; scalars: readonly string[] }): RuleKernel<K> {
  return { modules: lazyModule(wasm), state: wasm.state, scalars: wasm.scalars };
}

/** Decodes base64: with Node's Buffer, or with `atob` in a browser (the library's browser bundle). */
function base64Bytes(text: string): Uint8Array {
  if (typeof Buffer !== "undefined") return Buffer.from(text, "base64");
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

export interface Arena<K extends string, S extends object = Record<string, number | boolean>> {
  /** A state array as a Float64Array of the n entries in use (a view of the arena; empty if not kept). */
  view(name: K): Float64Array;
  /**
   * One step, a chunk at a time: copies the chunk of params and grads in, calls the kernel with the byte
   * offsets of the staged params and grads and of each state array at the chunk (0 for arrays not kept),
   * the number of f64 pairs in the chunk, and then the step's scalars, each taken from `step` by the
   * name of the kernel's parameter (booleans as 0 or 1); then copies the chunk of params back out.
   */
  run(params: Float64Array, grads: Float64Array, step: S): void;
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
 * An arena for n parameters: staging for chunks of params and grads (one slot, or `SLOTS` when the
 * steps are pipelined), and the state arrays whose flag in `state` is true, each zeroed; or undefined when n is below
 * `minLength` (`KERNEL_MIN_LENGTH` unless given) or the memory cannot be had (the caller then uses its
 * JavaScript loop). `state` has a flag for each of the kernel's state arrays, by name.
 */
export function arena<K extends string, S extends object>(
  rule: RuleKernel<K>,
  state: Record<K, boolean>,
  n: number,
  minLength = KERNEL_MIN_LENGTH,
): Arena<K, S> | undefined {
  if (n < minLength || n === 0) return undefined;
  const modules = rule.modules;
  const names = rule.state;
  const scalarNames = rule.scalars;
  const scalars: number[] = new Array(scalarNames.length).fill(0); // this step's, in the kernel's order
  const kept = names.filter((name) => state[name]);
  const heap = kernelHeap();
  const parallel = n >= parallelThreshold; // steps that copy are pipelined
  const parallelInPlace = heap !== undefined && n >= inPlaceParallelMinLength(); // steps in place share chunks
  // Pipelined chunks are twice as long: each hand-over between the threads costs a few microseconds.
  const chunk = Math.min(parallel ? 2 * chunkLength : chunkLength, 2 * Math.ceil(n / 2)); // even: two lanes at a time
  // In place, 2·SLOTS chunks: this thread updates the first half of them and the worker the others
  // (unless it is late), step after step, the chunks the check of params and grads splits at too
  // (kernels/finite.ts), so that each thread's part stays in its own core's cache. (Chunks claimed by
  // whichever thread came first, after a check run by this thread alone, could move every array
  // between the cores' caches at each step.)
  const inPlaceChunk = sharedChunk(n);
  const slots = parallel ? SLOTS : 1;
  const stagingBytes = chunk * 8;
  const stateBytes = Math.ceil(n / 2) * 16;
  const controlBytes = parallel || parallelInPlace ? CONTROL_BYTES : 0;
  const totalBytes = controlBytes + slots * 2 * stagingBytes + kept.length * stateBytes;
  /** What the arena's heap block is allocated for: held by the arena and by each state view. */
  const holder = {};
  let memory: WebAssembly.Memory;
  let base = 0; // the arena's byte offset in its memory
  try {
    if (heap) {
      memory = heap.memory;
      base = heap.alloc(totalBytes, holder);
    } else {
      const pages = Math.ceil(totalBytes / PAGE);
      if (pages > MAX_PAGES) return undefined;
      memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: parallel });
    }
  } catch {
    return undefined; // out of address space or memory: the JavaScript loop needs less
  }
  const stateStart = base + controlBytes + slots * 2 * stagingBytes;
  const module = heap || parallel ? modules.shared() : modules.plain();
  const kernel = Object.values(new WebAssembly.Instance(module, { env: { memory } }).exports)[0] as (...args: number[]) => void;
  const stateAt = (name: K) => stateStart + kept.indexOf(name) * stateBytes;
  const views = new Map(
    kept.map((name) => {
      const view = new Float64Array(memory.buffer, stateAt(name), n);
      Object.defineProperty(view, ARENA, { value: holder }); // the block lives while a view of it does
      return [name, view];
    }),
  );
  const offsets = names.map((name) => (state[name] ? stateAt(name) : 0));
  const empty = new Float64Array(0);
  const staged = Array.from({ length: slots }, (_, slot) => {
    const at = base + controlBytes + slot * 2 * stagingBytes;
    return { at, p: new Float64Array(memory.buffer, at, chunk), g: new Float64Array(memory.buffer, at + stagingBytes, chunk) };
  });
  // The chunking of the current step: staged chunks, or in place, larger ones (set by `run`).
  let step = chunk;
  let chunks = Math.ceil(n / chunk);
  const startOf = (k: number) => k * step;
  const endOf = (k: number) => Math.min((k + 1) * step, n);

  /** Copies chunk k of params and grads into `slot`. */
  const copyIn = (slot: number, k: number, params: Float64Array, grads: Float64Array) => {
    const whole = chunks === 1;
    staged[slot].p.set(whole ? params : params.subarray(startOf(k), endOf(k)));
    staged[slot].g.set(whole ? grads : grads.subarray(startOf(k), endOf(k)));
  };
  /** Copies the params in `slot` back out as chunk k. */
  const copyOut = (slot: number, k: number, params: Float64Array) => {
    const length = endOf(k) - startOf(k);
    params.set(length === chunk ? staged[slot].p : staged[slot].p.subarray(0, length), startOf(k)); // staged: step is chunk
  };
  /**
   * The kernel's arguments for chunk k in `slot`: params and grads (staged, or where they are when
   * `resident` gives their heap offsets), each state array at the chunk, pairs, scalars.
   */
  const argumentsFor = (slot: number, k: number, scalars: number[], into: { [i: number]: number }, resident?: Resident) => {
    into[0] = resident ? resident.p + startOf(k) * 8 : staged[slot].at;
    into[1] = resident ? resident.g + startOf(k) * 8 : staged[slot].at + stagingBytes;
    for (let j = 0; j < offsets.length; j++) into[2 + j] = offsets[j] === 0 ? 0 : offsets[j] + startOf(k) * 8;
    into[2 + offsets.length] = Math.ceil((endOf(k) - startOf(k)) / 2);
    for (let j = 0; j < scalars.length; j++) into[3 + offsets.length + j] = scalars[j];
  };

  const serial = (params: Float64Array, grads: Float64Array, scalars: number[], resident: Resident | undefined) => {
    const args: number[] = [];
    if (resident) {
      // In place: one call over all n (chunks only stage copies, and there is nothing to copy).
      args[0] = resident.p;
      args[1] = resident.g;
      for (let j = 0; j < offsets.length; j++) args[2 + j] = offsets[j];
      args[2 + offsets.length] = Math.ceil(n / 2);
      for (let j = 0; j < scalars.length; j++) args[3 + offsets.length + j] = scalars[j];
      kernel(...args);
      return;
    }
    for (let k = 0; k < chunks; k++) {
      copyIn(0, k, params, grads);
      argumentsFor(0, k, scalars, args);
      kernel(...args);
      copyOut(0, k, params);
    }
  };

  // The pipeline: chunk k is staged in slot k % SLOTS; a slot is reused once its chunk is done and copied out.
  let id: number | undefined;
  let slotArgs: Float64Array[] = [];
  const control = controlBytes > 0 ? new Int32Array(memory.buffer, base, CONTROL.argsBytes / 4) : new Int32Array(0);

  /** A step in place on two threads: parallel.ts's `shareChunks` over the in-place chunks. */
  const mine: number[] = [];
  const shared = (scalars: number[], resident: Resident) =>
    shareChunks(id!, control, slotArgs, kernel, chunks, (c, into) => argumentsFor(0, c, scalars, into, resident), mine);
  const self: Arena<K, S> & { holder: object } = {
    holder,
    view: (name) => views.get(name) ?? empty,
    run(params, grads, values) {
      for (let j = 0; j < scalarNames.length; j++) scalars[j] = +(values as Record<string, number | boolean>)[scalarNames[j]];
      const arity = 3 + offsets.length + scalars.length;
      const p = heap?.blockOf(params);
      const g = heap?.blockOf(grads);
      const resident = p !== undefined && g !== undefined && p !== g && params.length === n ? { p, g } : undefined;
      step = resident ? inPlaceChunk : chunk;
      chunks = Math.ceil(n / step);
      if (!(resident ? parallelInPlace : parallel)) return serial(params, grads, scalars, resident);
      if (id === undefined) {
        id = attach(module, memory, arity, self, base);
        slotArgs = Array.from({ length: SLOTS }, (_, slot) => new Float64Array(memory.buffer, base + CONTROL.argsBytes + slot * 8 * ARGS, arity));
      }
      if (id === undefined) return serial(params, grads, scalars, resident);
      if (resident) return shared(scalars, resident);
      let filled = 0;
      /** Runs the kernel of a staged chunk nobody has claimed; false if there is none. */
      const help = (): boolean => {
        const next = Atomics.load(control, CONTROL.next);
        if (next >= filled) return false;
        if (Atomics.compareExchange(control, CONTROL.next, next, next + 1) !== next) return true; // the worker took it
        kernel(...slotArgs[next % SLOTS]);
        Atomics.store(control, CONTROL.slots + (next % SLOTS), done(next));
        return true;
      };
      const finish = (k: number) => {
        const word = CONTROL.slots + (k % SLOTS);
        while (Atomics.load(control, word) !== done(k)) {
          if (help()) continue;
          if (!waitFor(control, word, done(k))) {
            giveUpOnWorker();
            throw new Error(`optimizer kernel: the worker thread stopped answering; this step is incomplete (chunk ${k} of ${chunks})`);
          }
        }
        if (!resident) copyOut(k % SLOTS, k, params);
      };
      announce(id, control, chunks);
      for (let k = 0; k < chunks; k++) {
        if (k >= SLOTS) finish(k - SLOTS);
        if (!resident) copyIn(k % SLOTS, k, params, grads);
        argumentsFor(k % SLOTS, k, scalars, slotArgs[k % SLOTS], resident);
        filled = k + 1;
        Atomics.store(control, CONTROL.slots + (k % SLOTS), stagedWord(k));
        Atomics.notify(control, CONTROL.slots + (k % SLOTS));
      }
      for (let k = Math.max(0, chunks - SLOTS); k < chunks; k++) finish(k);
    },
  };
  return self;
}
