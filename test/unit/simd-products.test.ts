/**
 * The MLP's SIMD matrix products (src/networks/simd.ts, src/kernels/matmul.wat) against the loops of
 * src/networks/kernels.ts they stand in for: the outputs, every activation, every δ, the loss and every
 * gradient entry must agree bit for bit, over shapes that exercise every block of the kernel (widths
 * below, at and past its row and column blocks, odd and even, batches not a multiple of four; the batches
 * of 1 to 64 rows take every height of row block, 5, 4, 2 and 1).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rng } from "../../src/data/rng";
import { kernelHeap } from "../../src/kernels/heap";
import { mlp, type MLPOptions } from "../../src/networks";
import { setSimdProducts, setTwoThreadProducts } from "../../src/networks/simd";

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

  it("match the loops bit for bit with every product split over two threads", () => {
    const previous = setTwoThreadProducts(1);
    try {
      // A C of more than one block of 16 columns is shared out by blocks: several blocks and a partial
      // last one (37, 40, 130, 33 columns); a narrower C by two bands of rows (the others).
      for (const sizes of [[3, 5, 7, 2], [9, 8, 4, 6], [17, 13, 11, 3], [2, 128, 128, 1], [37, 40, 21, 3], [70, 130, 33, 2]]) {
        for (const n of [8, 9, 13, 33]) compare({ sizes, loss: sizes[sizes.length - 1] >= 2 ? "softmaxCrossEntropy" : "binaryCrossEntropy", seed: n }, n, n + sizes[1]);
      }
    } finally {
      setTwoThreadProducts(previous);
    }
  });

  it("match the loops bit for bit: tanh, sigmoid, leaky ReLU, mse, L2 and dropout", () => {
    compare({ sizes: [5, 12, 9, 3], loss: "mse", activation: ["tanh", "sigmoid"], l2: 0.01, seed: 2 }, 19, 3);
    compare({ sizes: [6, 10, 10, 1], loss: "binaryCrossEntropy", activation: "leakyRelu", dropout: 0.3, seed: 4 }, 21, 5);
    compare({ sizes: [4, 16, 3], loss: "softmaxCrossEntropy", init: "he", dropout: [0.5], seed: 6 }, 8, 7);
  });

  it("in float32, agree with float64 to float32's precision", () => {
    // Each float32 sum of K products carries a relative error of at most about K · 2⁻²⁴ of Σ|products|
    // (worst case; √K typically): for K = 784, 5e-5. The gradient as a whole is held to 1e-4 in norm.
    for (const [sizes, n] of [[[784, 128, 10], 64], [[2, 128, 128, 1], 32], [[5, 7, 3], 9]] as [number[], number][]) {
      const r = rng(sizes[0]);
      const x = Float64Array.from({ length: n * sizes[0] }, () => r.uniform());
      const out = sizes[sizes.length - 1];
      const loss = out >= 2 ? "softmaxCrossEntropy" : "binaryCrossEntropy";
      const y = Float64Array.from({ length: n }, () => r.int(Math.max(out, 2)));
      const [f64, f32] = (["float64", "float32"] as const).map((precision) => {
        const net = mlp({ sizes, loss, seed: 3, precision });
        return { loss: net.lossAndGradient(x, y), grads: net.grads.slice() };
      });
      let diff = 0;
      let norm = 0;
      for (let i = 0; i < f64.grads.length; i++) {
        diff += (f32.grads[i] - f64.grads[i]) ** 2;
        norm += f64.grads[i] ** 2;
      }
      const relative = Math.sqrt(diff / norm);
      assert.ok(relative < 1e-4 && relative > 0, `${sizes.join("→")}: gradient ${relative} from float64's (0 would mean float32 did not run)`);
      assert.ok(Math.abs(f32.loss - f64.loss) < 1e-5 * Math.abs(f64.loss), `${sizes.join("→")}: loss ${f32.loss} against ${f64.loss}`);
    }
  });

  it("in float32, sum each output's float32 products in the order of the inputs, from b rounded to float32", () => {
    // The reference: z[s, j] = fl32(… fl32(fl32(b[j]) + fl32(x[s, 0] · W[j, 0])) + …), every operand rounded
    // to float32 first. Widths of 1 to 19 outputs take every panel of the packed Wᵀ (8, 4 and single
    // columns, and their mixes); on one thread and on two (blocks of 16 columns, two bands of rows).
    const f = Math.fround;
    for (const threshold of [Infinity, 1]) {
      const previous = setTwoThreadProducts(threshold);
      try {
        for (const outputs of [1, 3, 4, 5, 8, 9, 12, 13, 16, 19]) {
          for (const [inputs, n] of [[7, 9], [33, 5]]) {
            const r = rng(outputs * 100 + inputs);
            const x = Float64Array.from({ length: n * inputs }, () => r.normal());
            const net = mlp({ sizes: [inputs, outputs, 2], loss: "softmaxCrossEntropy", precision: "float32", seed: outputs });
            const { W, b } = net.layers[0];
            net.forward(x);
            const z = net.layerOutputs().z[0];
            for (let s = 0; s < n; s++) {
              for (let j = 0; j < outputs; j++) {
                let sum = f(b[j]);
                for (let i = 0; i < inputs; i++) sum = f(sum + f(f(x[s * inputs + i]) * f(W[j * inputs + i])));
                if (!Object.is(z[s * outputs + j], sum)) assert.fail(`${inputs}→${outputs}, n ${n}, threshold ${threshold}: z[${s}, ${j}] ${z[s * outputs + j]}, float32 loop ${sum}`);
              }
            }
          }
        }
      } finally {
        setTwoThreadProducts(previous);
      }
    }
  });

  it("in float32, give the same bits on one thread and on two", () => {
    const r = rng(11);
    const x = Float64Array.from({ length: 40 * 20 }, () => r.normal());
    const y = Float64Array.from({ length: 40 }, () => r.int(5));
    const grads = [Infinity, 1].map((threshold) => {
      const previous = setTwoThreadProducts(threshold);
      try {
        const net = mlp({ sizes: [20, 24, 5], loss: "softmaxCrossEntropy", precision: "float32", seed: 2 });
        net.lossAndGradient(x, y);
        return net.grads.slice();
      } finally {
        setTwoThreadProducts(previous);
      }
    });
    sameBits(grads[1], grads[0], "float32 grads, two threads against one");
  });

  it("reject an unknown precision", () => {
    assert.throws(() => mlp({ sizes: [2, 1], loss: "mse", precision: "float16" as never }), /precision must be "float64" or "float32", got "float16"/);
  });
});
