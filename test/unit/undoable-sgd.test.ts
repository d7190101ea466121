/**
 * Plain SGD in one pass on kernel arrays (src/kernels/undoableSgd.wat): its update against sgdUpdate's
 * loop bit for bit, and its undo against the arrays as they were, bit for bit, whatever stops the pass.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sgd } from "../../src";
import { rng } from "../../src/data/rng";
import { kernelArray } from "../../src/kernels/heap";
import { undoableSgd } from "../../src/kernels/undoableSgd";
import { sgdUpdate } from "../../src/optimizers/sgd";

/**
 * Parameters from N(0, 1) (`orders` 1), or gradients over `orders` orders of magnitude below 1, with
 * some exact zeros and negative zeros.
 */
function values(seed: number, n: number, orders = 1): Float64Array {
  const r = rng(seed);
  return Float64Array.from({ length: n }, () => {
    const u = r.uniform();
    if (u < 0.05) return 0;
    if (u < 0.06) return -0; // each logged when ηg ≠ 0: (−0 − q) + q is +0
    return r.normal() * 10 ** -r.int(orders);
  });
}

function heapCopy(from: Float64Array): Float64Array {
  const a = kernelArray(from.length);
  a.set(from);
  return a;
}

function assertSameBits(actual: Float64Array, expected: Float64Array, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) assert.fail(`${what}[${i}]: ${actual[i]}, expected ${expected[i]}`);
  }
}

const PLAIN = { lr: 0, momentum: 0, c: 1, inner: 1, outer: 1, useMomentum: false, nesterov: false };

// 16 and 17: one thread, an odd count (the block's padding pair); 40001 and 300001: two threads, six chunks.
const SIZES = [16, 17, 1001, 40001, 300001];

describe("plain SGD in one undoable pass (undoableSgd.wat)", () => {
  it("updates kernel arrays bit for bit as sgdUpdate's loop does, on one thread and two", () => {
    for (const n of SIZES) {
      for (const lr of [0.1, 1e-3, 0.25]) {
        const p0 = values(n, n);
        const g = values(n + 1, n, 6);
        const params = heapCopy(p0);
        const grads = heapCopy(g);
        assert.equal(undoableSgd()(params, grads, lr), true, `n ${n}, lr ${lr}: the pass takes the step`);
        const expected = p0.slice();
        sgdUpdate(expected, g, { b: new Float64Array(0) }, { ...PLAIN, lr });
        assertSameBits(params, expected, `n ${n}, lr ${lr}: params`);
        assertSameBits(grads, g, `n ${n}, lr ${lr}: grads`);
      }
    }
  });

  it("takes results that are finite but whose sum overflows, as sgdUpdate's loop does", () => {
    // The four-pair loop tests the eight results' finiteness through their sum: near the largest double
    // that sum overflows although each result is finite, and those pairs must still be stored, one by one.
    for (const n of [16, 1001, 300001]) {
      const r = rng(n);
      const p0 = Float64Array.from({ length: n }, (_, i) => (i % 37 < 12 ? (i % 2 ? -1 : 1) * 1.5e308 * (1 - r.uniform() * 1e-3) : r.normal()));
      const g = values(n + 5, n, 6);
      const params = heapCopy(p0);
      assert.equal(undoableSgd()(params, heapCopy(g), 0.1), true, `n ${n}: the pass takes the step`);
      const expected = p0.slice();
      sgdUpdate(expected, g, { b: new Float64Array(0) }, { ...PLAIN, lr: 0.1 });
      assertSameBits(params, expected, `n ${n}: params`);
    }
  });

  it("puts every entry back bit for bit when a result is not finite, wherever the bad entry is", () => {
    for (const n of SIZES) {
      const p0 = values(2 * n, n);
      const g0 = values(2 * n + 1, n, 6);
      const step = undoableSgd();
      for (const i of [0, 1, n >> 1, n - 2, n - 1]) {
        const cases: [string, (p: Float64Array, g: Float64Array) => void][] = [
          ["NaN gradient", (_p, g) => (g[i] = NaN)],
          ["-Infinity gradient", (_p, g) => (g[i] = -Infinity)],
          ["Infinity parameter", (p) => (p[i] = Infinity)],
          ["NaN parameter", (p) => (p[i] = NaN)],
          ["overflow", (p, g) => ((p[i] = 1.7e308), (g[i] = -1e308))],
        ];
        for (const [what, spoil] of cases) {
          const params = heapCopy(p0);
          const grads = heapCopy(g0);
          spoil(params, grads);
          const before = params.slice();
          assert.equal(step(params, grads, 1), false, `n ${n}, ${what} at ${i}: refused`);
          assertSameBits(params, before, `n ${n}, ${what} at ${i}: params`);
        }
      }
    }
  });

  it("puts back the entries that (θ − ηg) + ηg does not return exactly, from its log", () => {
    // lr 0.1 and gradients up to about 1: some θ − ηg round into a larger binade than θ (about one pair
    // in twelve here), which the pass logs; a NaN gradient in the last entry then undoes them all.
    for (const n of SIZES) {
      const p0 = values(3 * n, n);
      const g0 = values(3 * n + 1, n, 6);
      let irreversible = 0;
      for (let i = 0; i < n; i++) if (!Object.is(p0[i] - 0.1 * g0[i] + 0.1 * g0[i], p0[i])) irreversible++;
      assert.ok(irreversible > 0, `n ${n}: some entries are not returned by the arithmetic alone`);
      const params = heapCopy(p0);
      const grads = heapCopy(g0);
      grads[n - 1] = NaN;
      assert.equal(undoableSgd()(params, grads, 0.1), false);
      assertSameBits(params, p0, `n ${n}: params`);
    }
  });

  it("stops on a full log, changes nothing, and leaves the next steps to the usual check", () => {
    // θ around 1e-20 and ηg around 1: θ − ηg loses θ, so almost no pair comes back and the log fills.
    const n = 4096;
    const r = rng(5);
    const p0 = Float64Array.from({ length: n }, () => r.normal() * 1e-20);
    const g0 = Float64Array.from({ length: n }, () => r.normal());
    const params = heapCopy(p0);
    const grads = heapCopy(g0);
    const step = undoableSgd();
    assert.equal(step(params, grads, 1), false);
    assertSameBits(params, p0, "params after a full log");
    assert.equal(step(params, grads, 1), false, "backs off");
    assertSameBits(params, p0, "params while backing off");
    // The optimizer takes those steps the usual way, with the same results as the loop.
    const opt = sgd({ lr: 1 });
    const js = sgd({ lr: 1, kernel: "js" });
    const plain = p0.slice();
    for (let k = 0; k < 3; k++) {
      opt.step(params, grads);
      js.step(plain, g0);
    }
    assertSameBits(params, plain, "params after three steps");
  });

  it("makes an optimizer's steps on kernel arrays refuse bad input by name and change nothing", () => {
    for (const n of [1001, 300001]) {
      const opt = sgd({ lr: 0.1 });
      const params = heapCopy(values(7, n));
      const grads = heapCopy(values(8, n, 6));
      opt.step(params, grads); // the first step sizes the state; the pass runs from the second on
      const before = params.slice();
      for (const i of [n - 1, 3]) {
        const kept = grads[i];
        grads[i] = NaN;
        assert.throws(() => opt.step(params, grads), new RegExp(`grads\\[${i}\\] is NaN`));
        grads[i] = kept;
        assertSameBits(params, before, `n ${n}, grads[${i}] NaN: params`);
        assert.equal(opt.state.t, 1);
      }
      const js = sgd({ lr: 0.1, kernel: "js" });
      const plain = values(7, n);
      js.step(plain, values(8, n, 6));
      js.step(plain, values(8, n, 6));
      opt.step(params, grads);
      assert.equal(opt.state.t, 2);
      assertSameBits(params, plain, `n ${n}: params after the second step`);
    }
  });

  it("leaves arrays outside the kernel heap, and a params that is its own grads, to the usual step", () => {
    const step = undoableSgd();
    const p = values(9, 64);
    assert.equal(step(p, values(10, 64), 0.1), false);
    const both = heapCopy(p);
    assert.equal(step(both, both, 0.1), false);
    assertSameBits(both, p, "params");
  });
});
