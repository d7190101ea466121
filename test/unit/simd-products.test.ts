/**
 * The MLP's SIMD matrix products (src/networks/simd.ts, src/kernels/matmul.wat) against the loops of
 * src/networks/kernels.ts they stand in for: the outputs, every activation, every δ, the loss and every
 * gradient entry must agree bit for bit, over shapes that exercise every block of the kernel (widths
 * below, at and past its row and column blocks, odd and even, batches not a multiple of four).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rng } from "../../src/data/rng";
import { kernelHeap } from "../../src/kernels/heap";
import { mlp, type MLPOptions } from "../../src/networks";
import { setSimdProducts } from "../../src/networks/simd";

function sameBits(actual: Float64Array, expected: Float64Array, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) assert.fail(`${what}[${i}]: SIMD ${actual[i]}, loops ${expected[i]}`);
  }
}

/** One forward and backward pass of two copies of a model, one with the SIMD products, one without. */
function compare(options: MLPOptions, n: number, seed: number): void {
  const r = rng(seed);
  const inputs = options.sizes[0];
  const outputs = options.sizes[options.sizes.length - 1];
  const x = Float64Array.from({ length: n * inputs }, () => r.normal() * 3);
  const softmax = options.loss === "softmaxCrossEntropy";
  const y = Float64Array.from({ length: n * (softmax ? 1 : outputs) }, () => (softmax ? r.int(outputs) : options.loss === "mse" ? r.normal() : r.int(2)));
  const results = [true, false].map((simd) => {
    const previous = setSimdProducts(simd);
    try {
      const net = mlp(options);
      const loss = net.lossAndGradient(x, y);
      const { z, a } = net.layerOutputs();
      return { loss, grads: net.grads.slice(), z: z.map((v) => v.slice()), a: a.map((v) => v.slice()), deltas: net.deltas().map((v) => v.slice()) };
    } finally {
      setSimdProducts(previous);
    }
  });
  const [simd, loops] = results;
  const label = `${options.sizes.join("→")}, n ${n}`;
  assert.ok(Object.is(simd.loss, loops.loss), `${label}: loss ${simd.loss} against ${loops.loss}`);
  sameBits(simd.grads, loops.grads, `${label}: grads`);
  simd.z.forEach((v, l) => sameBits(v, loops.z[l], `${label}: z${l + 1}`));
  simd.a.forEach((v, l) => sameBits(v, loops.a[l], `${label}: a${l + 1}`));
  simd.deltas.forEach((v, l) => sameBits(v, loops.deltas[l], `${label}: δ${l + 1}`));
}

describe("SIMD matrix products of the MLP", () => {
  it("run in the kernel heap (Node has shared memory)", () => {
    assert.ok(kernelHeap());
    const net = mlp({ sizes: [3, 4, 1], loss: "binaryCrossEntropy" });
    assert.ok(kernelHeap()!.holds(net.params) && kernelHeap()!.holds(net.grads));
  });

  it("match the loops bit for bit: ReLU, softmax, the MNIST shape", () => {
    for (const n of [64, 1, 5]) compare({ sizes: [784, 128, 10], loss: "softmaxCrossEntropy", seed: 1 }, n, n);
  });

  it("match the loops bit for bit: every block shape of the kernel", () => {
    const shapes = [[1, 1], [2, 3, 1], [3, 5, 7, 2], [2, 128, 128, 1], [9, 8, 4, 6], [17, 13, 11, 3]];
    for (const sizes of shapes) {
      for (const n of [1, 2, 3, 4, 7, 32, 33]) {
        const loss = sizes[sizes.length - 1] >= 2 ? "softmaxCrossEntropy" : "binaryCrossEntropy";
        compare({ sizes, loss, seed: sizes.length + n }, n, 10 * n + sizes[0]);
      }
    }
  });

  it("match the loops bit for bit: tanh, sigmoid, leaky ReLU, mse, L2 and dropout", () => {
    compare({ sizes: [5, 12, 9, 3], loss: "mse", activation: ["tanh", "sigmoid"], l2: 0.01, seed: 2 }, 19, 3);
    compare({ sizes: [6, 10, 10, 1], loss: "binaryCrossEntropy", activation: "leakyRelu", dropout: 0.3, seed: 4 }, 21, 5);
    compare({ sizes: [4, 16, 3], loss: "softmaxCrossEntropy", init: "he", dropout: [0.5], seed: 6 }, 8, 7);
  });
});
