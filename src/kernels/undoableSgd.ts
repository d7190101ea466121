/**
 * Plain gradient descent on params and grads in the kernel heap in one pass (undoableSgd.wat): the
 * update checks its own results and can be put back exactly, so the step needs no check of its inputs
 * beforehand. Every other step reads params and grads twice, once to check them (a bad step must change
 * nothing) and once to update them; for plain SGD, which reads θ and g and writes θ (24 bytes a
 * parameter), that first read is 16 bytes more, two thirds of the step again where memory is the limit.
 *
 * When a result is not finite the pass stops before it, and the pairs already stored are put back bit
 * for bit: each as (θ − η·g) + η·g, which the kernel checked gives the old θ exactly, or from the log of
 * the few that it does not give. The caller then runs the step the usual way, which finds and names the
 * bad entry. From `inPlaceParallelMinLength()` parameters on the two threads each run their part (the
 * chunks of a step in place, parallel.ts), each chunk with its own log.
 */
import { undoableSgdWasm } from "./undoableSgd.wasm";
import { type Heap, kernelHeap } from "./heap";
import { inPlaceParallelMinLength, KERNEL_MIN_LENGTH, lazyModule } from "./arena";
import { sharedChunk, SLOTS } from "./parallel";
import { type Kernel, twoThreads, type TwoThreads } from "./twoThreads";

const undoableSgdModule = lazyModule(undoableSgdWasm);
type Pass = (p: number, g: number, pairs: number, lr: number, log: number, capacity: number, out: number) => void;

/** The kernel on the heap, where each chunk's counts go (chunk c's at 2c, 2c + 1), and its two-thread runner. */
interface Shared {
  pass: Pass;
  out: Int32Array;
  split?: TwoThreads | null;
}
let shared: Shared | undefined;

function sharedKernel(heap: Heap): Shared {
  if (!shared) {
    const at = heap.alloc(2 * 2 * SLOTS * 4, undoableSgdModule);
    shared = {
      pass: Object.values(new WebAssembly.Instance(undoableSgdModule.shared(), { env: { memory: heap.memory } }).exports)[0] as Pass,
      out: new Int32Array(heap.memory.buffer, at, 2 * 2 * SLOTS),
    };
  }
  return shared;
}

/**
 * Log entries per chunk of `pairs` pairs: an eighth of them, 2 bytes a parameter. How many pairs need an
 * entry grows with |ηg| / |θ|: with θ from N(0, 1) and ηg up to 0.1 (a large step) about one in a
 * hundred, up to 1 one in twenty; a θ of −0 needs one whenever ηg ≠ 0, (−0 − q) + q being +0.
 */
const capacityFor = (pairs: number) => (pairs >> 3) + 16;

/** Steps that go the usual way after a pass stopped on a full log (a step so large that many θ do not come back). */
const BACK_OFF = 64;

/**
 * A plain SGD step θ ← θ − ηg for one optimizer (it keeps the log, sized for its parameter count):
 * `(params, grads, lr)` returns true when it took the step, false when it changed nothing: the arrays
 * are not both arrays of the kernel heap (`kernelArray`, an MLP's), or some result was not finite (the
 * pass is then undone), or it is backing off. The update is bit-identical to `sgdUpdate` with μ = 0.
 */
export function undoableSgd(): (params: Float64Array, grads: Float64Array, lr: number) => boolean {
  let owner: object = {}; // what the log's heap block is allocated for; replaced with the block
  let logAt = 0;
  let logFor = -1; // the parameter count the log is sized for
  let skip = 0;
  const starts: number[] = [];
  const lengths: number[] = [];
  return (params, grads, lr) => {
    const heap = kernelHeap();
    const n = params.length;
    if (!heap || n < KERNEL_MIN_LENGTH || skip > 0) {
      if (skip > 0) skip--;
      return false;
    }
    const p = heap.blockOf(params);
    const g = heap.blockOf(grads);
    if (p === undefined || g === undefined || p === g || grads.length !== n) return false;
    const k = sharedKernel(heap);
    const pairs = Math.ceil(n / 2); // whole pairs: an odd array's block is padded with a zero
    const split = n >= inPlaceParallelMinLength();
    if (split && k.split === undefined) k.split = twoThreads(undoableSgdModule.shared(), k.pass as Kernel, heap, 7) ?? null;
    const step = split && k.split ? sharedChunk(n) >> 1 : pairs; // pairs per chunk
    const chunks = Math.ceil(pairs / step);
    const capacity = capacityFor(step);
    if (logFor !== n) {
      const holder = {};
      try {
        logAt = heap.alloc(32 * capacity * chunks, holder);
      } catch {
        return false; // no room in the heap for the log: the usual step needs none
      }
      owner = holder; // the previous log's block is freed with its owner
      logFor = n;
    }
    for (let c = 0; c < chunks; c++) {
      starts[c] = c * step;
      lengths[c] = Math.min(step, pairs - c * step);
    }
    const out = k.out;
    const outAt = out.byteOffset;
    if (chunks > 1) {
      k.split!(chunks, (c, into) => {
        into[0] = p + 16 * starts[c];
        into[1] = g + 16 * starts[c];
        into[2] = lengths[c];
        into[3] = lr;
        into[4] = logAt + 32 * capacity * c;
        into[5] = capacity;
        into[6] = outAt + 8 * c;
      });
    } else {
      k.pass(p, g, pairs, lr, logAt, capacity, outAt);
    }
    let complete = true;
    for (let c = 0; c < chunks; c++) if (out[2 * c] !== lengths[c]) complete = false;
    if (complete) return true;
    // Some pass stopped: put every stored pair back, then go the usual way.
    const theta = heap.f64(p, 2 * pairs);
    const grad = heap.f64(g, 2 * pairs);
    for (let c = 0; c < chunks; c++) {
      const done = out[2 * c];
      const logged = out[2 * c + 1];
      for (let i = 2 * starts[c]; i < 2 * (starts[c] + done); i++) theta[i] = theta[i] + lr * grad[i];
      const log = heap.f64(logAt + 32 * capacity * c, 4 * logged);
      const where = new Int32Array(heap.memory.buffer, logAt + 32 * capacity * c, 8 * logged);
      for (let e = 0; e < logged; e++) {
        const i = (where[8 * e + 4] - p) / 8;
        theta[i] = log[4 * e];
        theta[i + 1] = log[4 * e + 1];
      }
      if (done < lengths[c] && logged === capacity) skip = BACK_OFF;
    }
    return false;
  };
}
