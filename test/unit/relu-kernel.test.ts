/**
 * ReLU and its derivative as SIMD kernels (src/kernels/relu.wat) against the activation table's own
 * formulas, value by value with Object.is (so ±0 and NaN count): on lengths that leave a tail, at odd
 * offsets, on values of every kind, and through applyActivation / multiplyByDerivative on heap arrays.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rng } from "../../src/data/rng";
import { kernelArray, kernelHeap } from "../../src/kernels/heap";
import { reluBackwardInHeap, reluInHeap } from "../../src/kernels/relu";
import { activations, applyActivation, multiplyByDerivative } from "../../src/networks/activations";

const heap = kernelHeap();
const special = [0, -0, 1, -1, NaN, Infinity, -Infinity, 5e-324, -5e-324, 1e308, -1e308, 2 ** -1022, -(2 ** -1022)];

function values(n: number, seed: number): Float64Array {
  const r = rng(seed);
  return Float64Array.from({ length: n }, (_, i) => (i < special.length ? special[(i * 7 + seed) % special.length] : r.normal()));
}

describe("ReLU kernels", { skip: heap ? false : "no kernel heap (shared memory unavailable)" }, () => {
  it("relu writes exactly the table's f(z), and nothing past length", () => {
    const { f } = activations.relu;
    for (const n of [0, 1, 2, 3, 13, 64, 257]) {
      for (const shift of [0, 1]) {
        const z = kernelArray(n + 2).subarray(shift, shift + n);
        z.set(values(n, n + shift));
        const h = kernelArray(n + 2).subarray(1 - shift, 2 - shift + n);
        h[n] = 42;
        assert.equal(reluInHeap(z, h, n), true);
        for (let i = 0; i < n; i++) if (!Object.is(h[i], f(z[i]))) assert.fail(`n ${n}: relu(${z[i]}) gave ${h[i]}, the table ${f(z[i])}`);
        assert.equal(h[n], 42, `n ${n}: wrote past the end`);
      }
    }
  });

  it("reluBackward multiplies by exactly the table's f'(z), and nothing past length", () => {
    const { df } = activations.relu;
    for (const n of [0, 1, 2, 3, 13, 64, 257]) {
      const z = kernelArray(n + 1).subarray(0, n); // kernelArray(0) would be a plain array
      z.set(values(n, n));
      const g0 = values(n + 1, n + 3).reverse();
      const g = kernelArray(n + 1);
      g.set(g0);
      assert.equal(reluBackwardInHeap(z, g, n), true);
      for (let i = 0; i < n; i++) {
        const expected = g0[i] * df(z[i], 0);
        if (!Object.is(g[i], expected)) assert.fail(`n ${n}: ${g0[i]}·relu'(${z[i]}) gave ${g[i]}, the table ${expected}`);
      }
      assert.ok(Object.is(g[n], g0[n]), `n ${n}: wrote past the end`);
    }
  });

  it("applyActivation and multiplyByDerivative give the same bits on heap arrays as on plain ones", () => {
    const n = 1001;
    const zPlain = values(n, 9);
    const gPlain = values(n, 10);
    const hPlain = new Float64Array(n);
    const z = kernelArray(n);
    const h = kernelArray(n);
    const g = kernelArray(n);
    z.set(zPlain);
    g.set(gPlain);
    applyActivation("relu", zPlain, hPlain, n, 0.01);
    applyActivation("relu", z, h, n, 0.01);
    multiplyByDerivative("relu", zPlain, hPlain, gPlain, n, 0.01);
    multiplyByDerivative("relu", z, h, g, n, 0.01);
    assert.deepEqual(h, hPlain);
    assert.deepEqual(g, gPlain);
  });

  it("arrays outside the heap are left to the loops", () => {
    assert.equal(reluInHeap(new Float64Array(4), kernelArray(4), 4), false);
    assert.equal(reluBackwardInHeap(kernelArray(4), new Float64Array(4), 4), false);
  });
});
