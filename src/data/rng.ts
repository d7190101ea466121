import { checkInteger, describe } from "../core/checks";
import { cos, log } from "../math/portable";

/**
 * The one seeded random number generator of the library: every dataset, shuffle, initialization and
 * dropout mask draws from it, so the same seed gives the same numbers on every machine.
 *
 * Algorithm: xoshiro128** (Blackman & Vigna, "Scrambled linear pseudorandom number generators", 2018),
 * a 128-bit state updated with 32-bit integer operations only (`Math.imul`, shifts, xor), which every
 * JavaScript engine computes identically. The state is filled from `(seed, stream)` by splitmix32, so
 * nearby seeds give unrelated sequences and `stream` gives independent sequences for one seed.
 *
 * Draws: `uniform()` builds a 53-bit double from two 32-bit outputs; `normal()` uses Box–Muller on two
 * uniforms (four 32-bit outputs, the sine half discarded, so every call consumes the same amount).
 */
export interface Rng {
  /** The seed this generator started from. */
  readonly seed: number;
  /** The stream number this generator started from. */
  readonly stream: number;
  /** Next raw 32-bit output, an integer in [0, 2^32). */
  uint32(): number;
  /** A uniform number in [low, high) (default [0, 1)). */
  uniform(low?: number, high?: number): number;
  /** A normal draw with the given mean and standard deviation (default 0 and 1). */
  normal(mean?: number, std?: number): number;
  /** A uniform integer in 0, 1, ..., n - 1. */
  int(n: number): number;
  /** Shuffles an array or typed array in place (Fisher–Yates) and returns it. */
  shuffle<A extends { length: number; [index: number]: unknown }>(array: A): A;
  /** A uniformly random permutation of 0, ..., n - 1. */
  permutation(n: number): Int32Array;
}

function splitmix32(state: number): [number, number] {
  state = (state + 0x9e3779b9) | 0;
  let z = state;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [state, (z ^ (z >>> 16)) >>> 0];
}

/**
 * A seeded generator. `seed` and `stream` are integers (negative ones and ones beyond 32 bits are
 * folded into 32 bits with their high part, so 2^32 and 0 differ).
 * @example
 * const r = rng(42);
 * r.uniform();        // 0 <= u < 1, the same on every machine
 * r.normal(0, 0.1);
 * r.shuffle([1, 2, 3]);
 */
export function rng(seed: number, stream = 0): Rng {
  checkInteger("seed", seed);
  checkInteger("stream", stream);
  const lo = seed | 0;
  const hi = Math.floor(seed / 4294967296) | 0;
  let s = lo ^ Math.imul(hi, 0x27d4eb2d) ^ Math.imul(stream | 0, 0x165667b1);
  const state = new Uint32Array(4);
  for (let i = 0; i < 4; i++) {
    let out: number;
    [s, out] = splitmix32(s);
    state[i] = out;
  }
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1; // the all-zero state is a fixed point

  function uint32(): number {
    const s0 = state[0], s1 = state[1], s2 = state[2], s3 = state[3];
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    state[1] = s1 ^ n2;
    state[0] = s0 ^ n3;
    state[2] = n2 ^ t;
    state[3] = (n3 << 11) | (n3 >>> 21);
    return result;
  }

  function unit(): number {
    // 27 + 26 bits: the standard construction of a double uniform on [0, 1) with 53 random bits.
    const a = uint32() >>> 5;
    const b = uint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  function int(n: number): number {
    checkInteger("n", n, 1);
    return Math.floor(unit() * n);
  }

  return {
    seed,
    stream,
    uint32,
    uniform(low = 0, high = 1) {
      finiteArgument("rng.uniform", "low", low);
      finiteArgument("rng.uniform", "high", high);
      if (!(low <= high)) throw new RangeError(`rng.uniform: low must be ≤ high, got low ${low} and high ${high}`);
      return low + (high - low) * unit();
    },
    normal(mean = 0, std = 1) {
      finiteArgument("rng.normal", "mean", mean);
      finiteArgument("rng.normal", "std", std);
      if (std < 0) throw new RangeError(`rng.normal: std must be ≥ 0, got ${std}`);
      const u1 = 1 - unit(); // in (0, 1]: log(u1) is finite
      const u2 = unit();
      return mean + std * Math.sqrt(-2 * log(u1)) * cos(2 * Math.PI * u2);
    },
    int,
    shuffle<A extends { length: number; [index: number]: unknown }>(array: A): A {
      if (!Array.isArray(array) && !(ArrayBuffer.isView(array) && !(array instanceof DataView))) {
        throw new TypeError(`rng.shuffle: array must be an array or a typed array, got ${describe(array)}`);
      }
      for (let i = array.length - 1; i > 0; i--) {
        const j = Math.floor(unit() * (i + 1));
        const tmp = array[i];
        array[i] = array[j];
        array[j] = tmp;
      }
      return array;
    },
    permutation(n: number): Int32Array {
      checkInteger("n", n, 0);
      const p = new Int32Array(n);
      for (let i = 0; i < n; i++) p[i] = i;
      return this.shuffle(p);
    },
  };
}

/** Throws unless `value` is a finite number, naming the function and the argument. */
function finiteArgument(owner: string, name: string, value: unknown): void {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new TypeError(`${owner}: ${name} must be a finite number, got ${describe(value)}`);
  }
}
