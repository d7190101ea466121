import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { useFastestBackend } from "../../src/tfjs/backend";
import { moons, rng, spirals, type Dataset } from "../../src/data";
import { MLP, activations, mlp, type ActivationName, type LossName, type MLPOptions } from "../../src/networks";

/** A random batch for a model: inputs N(0, 1), targets of the loss's kind. */
function batch(model: MLP, n: number, seed: number): { x: Float64Array; y: Float64Array } {
  const r = rng(seed, 7);
  const x = Float64Array.from({ length: n * model.inputSize }, () => r.normal());
  const y = new Float64Array(n * model.targetSize);
  for (let i = 0; i < y.length; i++) {
    y[i] = model.lossName === "mse" ? r.normal() : model.lossName === "binaryCrossEntropy" ? r.int(2) : r.int(model.outputSize);
  }
  return { x, y };
}

/** Max |analytic − central difference| over all parameters, relative to the largest gradient entry. */
function gradientError(model: MLP, x: Float64Array, y: Float64Array): number {
  model.lossAndGradient(x, y, false);
  const analytic = model.grads.slice();
  const eps = 1e-6;
  let worst = 0;
  let scale = 1e-8;
  for (const g of analytic) scale = Math.max(scale, Math.abs(g));
  for (let i = 0; i < model.params.length; i++) {
    const keep = model.params[i];
    model.params[i] = keep + eps;
    const up = model.loss(x, y);
    model.params[i] = keep - eps;
    const down = model.loss(x, y);
    model.params[i] = keep;
    worst = Math.max(worst, Math.abs((up - down) / (2 * eps) - analytic[i]));
  }
  return worst / scale;
}

test("parameters live in one flat array; each layer's W and b are views into it", () => {
  const net = mlp({ sizes: [3, 4, 2], loss: "mse" });
  assert.equal(net.params.length, 3 * 4 + 4 + 4 * 2 + 2);
  assert.equal(net.grads.length, net.params.length);
  const [first, second] = net.layers;
  assert.deepEqual([first.inputs, first.outputs, second.inputs, second.outputs], [3, 4, 4, 2]);
  assert.equal(first.W.buffer, net.params.buffer);
  assert.equal(first.W.length, 12);
  assert.equal(second.b.length, 2);
  net.params[12] = 5; // first bias of layer 1
  assert.equal(first.b[0], 5);
  net.params[net.params.length - 1] = 7;
  assert.equal(second.b[1], 7);
  assert.equal(first.activation, "relu");
  assert.equal(second.activation, "linear");
  assert.equal(mlp({ sizes: [2, 3, 1], loss: "binaryCrossEntropy" }).layers[1].activation, "sigmoid");
  assert.equal(mlp({ sizes: [2, 3, 3], loss: "softmaxCrossEntropy" }).layers[1].activation, "softmax");
});

test("forward pass by hand: ReLU hidden layer, sigmoid output", () => {
  const net = mlp({ sizes: [2, 2, 1], loss: "binaryCrossEntropy" });
  // W1 = [[1, -1], [0.5, 2]], b1 = [0, -1]; W2 = [[2, -3]], b2 = [0.5]
  net.params.set([1, -1, 0.5, 2, 0, -1, 2, -3, 0.5]);
  const out = net.predict([[1, 2], [3, 1]]);
  const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
  // sample 1: z1 = [1 - 2, 0.5 + 4 - 1] = [-1, 3.5] → a1 = [0, 3.5] → z2 = 0 - 10.5 + 0.5 = -10
  // sample 2: z1 = [3 - 1, 1.5 + 2 - 1] = [2, 2.5] → a1 = [2, 2.5] → z2 = 4 - 7.5 + 0.5 = -3
  assert.ok(Math.abs(out[0] - sigmoid(-10)) < 1e-15);
  assert.ok(Math.abs(out[1] - sigmoid(-3)) < 1e-15);
  const { z, a } = net.layerOutputs();
  assert.deepEqual(Array.from(z[0]), [-1, 3.5, 2, 2.5]);
  assert.deepEqual(Array.from(a[0]), [0, 3.5, 2, 2.5]);
  // binary cross-entropy: mean of −log(1 − σ(z)) since both labels are 0
  const expected = (-Math.log(1 - sigmoid(-10)) - Math.log(1 - sigmoid(-3))) / 2;
  assert.ok(Math.abs(net.loss([[1, 2], [3, 1]], [0, 0]) - expected) < 1e-15);
});

test("backward: δ recursion by hand on a 1-1-1 sigmoid net with MSE", () => {
  const net = mlp({ sizes: [1, 1, 1], activation: "sigmoid", output: "sigmoid", loss: "mse" });
  net.params.set([0.5, 0.1, -1.5, 0.2]); // w1, b1, w2, b2
  const s = (z: number) => 1 / (1 + Math.exp(-z));
  const x = 2;
  const y = 1;
  const z1 = 0.5 * x + 0.1;
  const a1 = s(z1);
  const z2 = -1.5 * a1 + 0.2;
  const a2 = s(z2);
  const d2 = 2 * (a2 - y) * a2 * (1 - a2); // δ² = ∂C/∂a² · σ'(z²)
  const d1 = -1.5 * d2 * a1 * (1 - a1); //   δ¹ = (W²ᵀ δ²) ⊙ σ'(z¹): f' applied once per layer
  net.lossAndGradient([x], [y]);
  const [delta1, delta2] = net.deltas();
  assert.ok(Math.abs(delta2[0] - d2) < 1e-15 && Math.abs(delta1[0] - d1) < 1e-15);
  const expected = [d1 * x, d1, d2 * a1, d2];
  net.grads.forEach((g, i) => assert.ok(Math.abs(g - expected[i]) < 1e-15, `grad ${i}: ${g} vs ${expected[i]}`));
});

test("gradients match central finite differences: every activation × every loss, with L2", () => {
  const acts: ActivationName[] = ["sigmoid", "tanh", "relu", "leakyRelu", "linear"];
  const heads: Partial<MLPOptions>[] = [
    { loss: "mse" },
    { loss: "mse", output: "tanh" },
    { loss: "binaryCrossEntropy" },
    { loss: "softmaxCrossEntropy" },
  ];
  for (const activation of acts) {
    for (const head of heads) {
      const outputs = head.loss === "softmaxCrossEntropy" ? 3 : 2;
      const net = mlp({ sizes: [3, 5, 4, outputs], activation, l2: 0.03, seed: 2, leakySlope: 0.1, ...head } as MLPOptions);
      for (const l of net.layers) for (let i = 0; i < l.b.length; i++) l.b[i] = 0.05 + 0.1 * i * (i % 2 ? -1 : 1); // non-zero biases: no z sits on the ReLU kink
      const { x, y } = batch(net, 7, 3);
      const err = gradientError(net, x, y);
      assert.ok(err < 1e-6, `${activation} / ${head.loss}${head.output ? ` (${head.output} output)` : ""}: relative error ${err}`);
    }
  }
});

test("dropout: inverted masks, seeded, off in evaluation, and backprop goes through the same mask", () => {
  const net = mlp({ sizes: [4, 50, 1], activation: "tanh", loss: "binaryCrossEntropy", dropout: 0.4, seed: 5 });
  const { x, y } = batch(net, 20, 1);
  const evalA = net.predict(x);
  net.forward(x, true);
  const trainOut = net.layerOutputs().a[0].slice();
  const evalB = net.predict(x);
  assert.deepEqual(Array.from(evalA), Array.from(evalB), "evaluation is deterministic");
  net.forward(x, false);
  const plain = net.layerOutputs().a[0];
  let zeros = 0;
  for (let i = 0; i < plain.length; i++) {
    if (trainOut[i] === 0) zeros++;
    else assert.ok(Math.abs(trainOut[i] - plain[i] / 0.6) < 1e-12, "kept units are scaled by 1/(1 − p)");
  }
  const rate = zeros / plain.length;
  assert.ok(rate > 0.33 && rate < 0.47, `dropped ${rate}`);
  // The same seed replays the same masks: gradient under dropout against finite differences of clones.
  const a = net.clone();
  const lossA = a.lossAndGradient(x, y);
  const grads = a.grads.slice();
  assert.equal(net.clone().lossAndGradient(x, y), lossA, "clones replay the same first mask");
  const eps = 1e-6;
  for (const i of [0, 7, 60, 200, 250]) {
    const up = net.clone();
    up.params[i] += eps;
    const down = net.clone();
    down.params[i] -= eps;
    const fd = (up.lossAndGradient(x, y) - down.lossAndGradient(x, y)) / (2 * eps);
    assert.ok(Math.abs(fd - grads[i]) < 1e-6, `param ${i}: ${fd} vs ${grads[i]}`);
  }
  assert.throws(() => mlp({ sizes: [2, 3, 1], loss: "mse", dropout: 1 }), /dropout\[0\] must be in \[0, 1\), got 1/);
});

test("initialization: seeded, and each scheme has its scale", () => {
  const a = mlp({ sizes: [2, 8, 1], loss: "mse", seed: 3 });
  const b = mlp({ sizes: [2, 8, 1], loss: "mse", seed: 3 });
  const c = mlp({ sizes: [2, 8, 1], loss: "mse", seed: 4 });
  assert.deepEqual(Array.from(a.params), Array.from(b.params));
  assert.notDeepEqual(Array.from(a.params), Array.from(c.params));
  a.params.fill(0);
  a.initialize();
  assert.deepEqual(Array.from(a.params), Array.from(b.params), "initialize() redraws the same weights");
  const std = (w: Float64Array) => Math.sqrt(w.reduce((s, v) => s + v * v, 0) / w.length);
  const he = mlp({ sizes: [200, 300, 1], loss: "mse", init: "he" }).layers[0].W;
  assert.ok(Math.abs(std(he) / Math.sqrt(2 / 200) - 1) < 0.02, `He std ${std(he)}`);
  const xavier = mlp({ sizes: [200, 300, 1], loss: "mse", init: "xavier" }).layers[0].W;
  const limit = Math.sqrt(6 / 500);
  assert.ok(xavier.every((v) => Math.abs(v) <= limit));
  assert.ok(Math.abs(std(xavier) / (limit / Math.sqrt(3)) - 1) < 0.02, `Glorot std ${std(xavier)}`);
  const normal = mlp({ sizes: [200, 300, 1], loss: "mse", init: "normal", initScale: 0.5 }).layers[0].W;
  assert.ok(Math.abs(std(normal) / 0.5 - 1) < 0.02);
  const zero = mlp({ sizes: [2, 3, 1], loss: "mse", init: "zeros" });
  assert.ok(zero.params.every((v) => v === 0));
  for (const l of mlp({ sizes: [3, 4, 2], loss: "mse" }).layers) assert.ok(l.b.every((v) => v === 0), "biases start at 0");
});

test("gradient norms per layer: a deep sigmoid net's first layers get vanishing gradients, ReLU/He's do not", () => {
  const data = moons({ n: 64 });
  const deep = (activation: ActivationName, init: "xavier" | "he") =>
    mlp({ sizes: [2, 32, 32, 32, 32, 32, 32, 1], activation, init, loss: "binaryCrossEntropy", seed: 1 });
  const sig = deep("sigmoid", "xavier");
  sig.lossAndGradient(data);
  const s = sig.gradientNorms();
  assert.equal(s.length, 7);
  assert.ok(s[0] / s[6] < 1e-2, `sigmoid first/last ${s[0] / s[6]}`);
  const relu = deep("relu", "he");
  relu.lossAndGradient(data);
  const r = relu.gradientNorms();
  assert.ok(r[0] / r[6] > 0.05, `relu first/last ${r[0] / r[6]}`);
  const manual = Math.sqrt(relu.layers[2].dW.reduce((acc, v) => acc + v * v, 0));
  assert.equal(r[2], manual);
});

test("evaluate: data loss without the L2 penalty and accuracy; loss() adds the penalty", () => {
  const net = mlp({ sizes: [2, 3], loss: "softmaxCrossEntropy", l2: 0.5 });
  net.params.set([1, 0, 0, 1, -1, -1, 0, 0, 0]); // logits = [x₁, x₂, −x₁ − x₂]
  const x = Float64Array.of(2, 0, 0, 2, -1, -1, 1, 0);
  const y = Float64Array.of(0, 1, 2, 1); // the last one is wrong (argmax is class 0)
  const ev = net.evaluate(x, y);
  assert.equal(ev.accuracy, 0.75);
  const penalty = 0.5 * 0.5 * (1 + 1 + 1 + 1);
  assert.ok(Math.abs(net.loss(x, y) - (ev.loss + penalty)) < 1e-15);
  assert.ok(Math.abs(net.penalty() - penalty) < 1e-15);
  const reg = mlp({ sizes: [1, 1], loss: "mse" });
  assert.equal(reg.evaluate([[1]], [2]).accuracy, undefined);
  const bin = mlp({ sizes: [1, 1], loss: "binaryCrossEntropy" });
  bin.params.set([1, 0]);
  assert.equal(bin.evaluate(Float64Array.of(-2, -1, 1, 3), Float64Array.of(0, 1, 1, 1)).accuracy, 0.75);
});

test("an MLP learns: two moons with plain gradient steps", () => {
  const data = moons({ n: 200, noise: 0.1, seed: 2 });
  const net = mlp({ sizes: [2, 16, 16, 1], activation: "tanh", loss: "binaryCrossEntropy", seed: 0 });
  const before = net.evaluate(data).loss;
  for (let k = 0; k < 500; k++) {
    net.lossAndGradient(data);
    for (let i = 0; i < net.params.length; i++) net.params[i] -= 0.5 * net.grads[i];
  }
  const after = net.evaluate(data);
  assert.ok(after.loss < before / 5, `${before} → ${after.loss}`);
  assert.ok(after.accuracy! > 0.95, `accuracy ${after.accuracy}`);
});

test("bad input names the culprit", () => {
  assert.throws(() => mlp({ sizes: [2], loss: "mse" }), /sizes must list at least the input and output widths/);
  assert.throws(() => mlp({ sizes: [2, 0, 1], loss: "mse" }), /sizes\[1\] must be an integer ≥ 1, got 0/);
  assert.throws(() => mlp({ sizes: [2, 1], loss: "hinge" as LossName }), /loss must be one of mse, binaryCrossEntropy, softmaxCrossEntropy, got "hinge"/);
  assert.throws(() => mlp({ sizes: [2, 3, 1], loss: "mse", activation: ["relu", "relu"] }), /activation lists 2 activations for 1 hidden layers/);
  assert.throws(() => mlp({ sizes: [2, 3, 1], loss: "mse", activation: "swish" as ActivationName }), /activation\[0\] must be one of/);
  assert.throws(() => mlp({ sizes: [2, 1], loss: "binaryCrossEntropy", output: "tanh" }), /output = "tanh" is fixed by loss "binaryCrossEntropy"/);
  assert.throws(() => mlp({ sizes: [2, 1], loss: "softmaxCrossEntropy" }), /softmaxCrossEntropy needs at least 2 outputs/);
  assert.throws(() => mlp({ sizes: [2, 1], loss: "mse", init: "orthogonal" as "he" }), /init must be one of xavier, he, normal, zeros, got "orthogonal"/);
  assert.throws(() => mlp({ sizes: [2, 1], loss: "mse", l2: -1 }), /l2 must be a finite number ≥ 0, got -1/);
  assert.throws(() => mlp({ sizes: [2, 1], loss: "mse", rate: 1 } as never), /mlp: unknown option "rate"/);
  const net = mlp({ sizes: [2, 3, 2], loss: "softmaxCrossEntropy" });
  assert.throws(() => net.forward(Float64Array.of(1, 2, 3)), /x has 3 values, not a multiple of 2 per sample/);
  assert.throws(() => net.forward(new Float64Array(0)), /x is empty/);
  assert.throws(() => net.forward([[1, 2], [3]]), /x\[1\] must have 2 values/);
  assert.throws(() => net.lossAndGradient(Float64Array.of(1, 2, 3, 4), Float64Array.of(0)), /y has 1 values but 2 samples need 2/);
  assert.throws(() => net.lossAndGradient(Float64Array.of(1, 2), Float64Array.of(2)), /y\[0\] = 2 is not a class index in 0..1/);
  assert.throws(() => mlp({ sizes: [2, 1], loss: "mse" }).backward([1]), /backward needs a forward pass first/);
  assert.throws(() => net.lossAndGradient(Float64Array.of(1, 2)), /y is missing/);
});

test("gradients agree with TensorFlow.js autograd on the same weights", async () => {
  await useFastestBackend();
  const cases: { options: MLPOptions; data: Dataset }[] = [
    { options: { sizes: [2, 8, 8, 1], activation: "tanh", loss: "binaryCrossEntropy", l2: 0.01, seed: 1 }, data: moons({ n: 16, seed: 1 }) },
    { options: { sizes: [2, 10, 3], activation: "relu", loss: "softmaxCrossEntropy", seed: 2 }, data: spirals({ n: 24, classes: 3, seed: 2 }) },
    { options: { sizes: [2, 6, 1], activation: "sigmoid", output: "sigmoid", loss: "mse", seed: 3 }, data: moons({ n: 12, seed: 3 }) },
  ];
  for (const { options, data } of cases) {
    const net = mlp(options);
    net.lossAndGradient(data);
    const ours = net.grads;
    const vars = net.layers.map((l) => ({
      // tfjs kernels are inputs × outputs: the transpose of our W.
      W: tf.variable(tf.tensor2d(Array.from(l.W), [l.outputs, l.inputs]).transpose()),
      b: tf.variable(tf.tensor1d(Array.from(l.b))),
    }));
    const x = tf.tensor2d(Array.from(data.x), [data.n, 2]);
    const lossFn = () => {
      let a: tf.Tensor = x;
      net.layers.forEach((l, i) => {
        const z = tf.add(tf.matMul(a as tf.Tensor2D, vars[i].W), vars[i].b);
        const f = l.activation;
        a = f === "tanh" ? tf.tanh(z) : f === "relu" ? tf.relu(z) : f === "sigmoid" ? tf.sigmoid(z) : z;
      });
      let loss: tf.Scalar;
      if (options.loss === "binaryCrossEntropy") {
        // recompute from logits as ours does: the last layer's pre-activation
        const logits = tf.add(tf.matMul(lastInput(), vars[vars.length - 1].W), vars[vars.length - 1].b);
        loss = tf.losses.sigmoidCrossEntropy(tf.tensor2d(Array.from(data.y), [data.n, 1]), logits) as tf.Scalar;
      } else if (options.loss === "softmaxCrossEntropy") {
        loss = tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(Array.from(data.y), "int32"), 3), a) as tf.Scalar;
      } else {
        loss = tf.losses.meanSquaredError(tf.tensor2d(Array.from(data.y), [data.n, 1]), a) as tf.Scalar;
      }
      const l2 = options.l2 ?? 0;
      for (const v of vars) loss = tf.add(loss, tf.mul(l2 / 2, tf.sum(tf.square(v.W)))) as tf.Scalar;
      return loss;
      function lastInput(): tf.Tensor2D {
        let h: tf.Tensor = x;
        for (let i = 0; i < vars.length - 1; i++) {
          const z = tf.add(tf.matMul(h as tf.Tensor2D, vars[i].W), vars[i].b);
          h = net.layers[i].activation === "tanh" ? tf.tanh(z) : net.layers[i].activation === "relu" ? tf.relu(z) : tf.sigmoid(z);
        }
        return h as tf.Tensor2D;
      }
    };
    const { value, grads } = tf.variableGrads(lossFn);
    const theirs: number[] = [];
    for (const v of vars) {
      theirs.push(...(grads[v.W.name].transpose().dataSync() as Float32Array));
      theirs.push(...(grads[v.b.name].dataSync() as Float32Array));
    }
    const loss = net.loss(data);
    assert.ok(Math.abs(value.dataSync()[0] - loss) < 1e-5 * Math.max(1, loss), `${options.loss}: loss ${value.dataSync()[0]} vs ${loss}`);
    const scale = Math.max(...Array.from(ours, Math.abs));
    theirs.forEach((g, i) => assert.ok(Math.abs(g - ours[i]) < 2e-4 * scale, `${options.loss} grad ${i}: tfjs ${g} vs ours ${ours[i]}`));
    tf.dispose([...vars.flatMap((v) => [v.W, v.b]), x, value, ...Object.values(grads)]);
  }
});

test("activations table: derivatives match finite differences", () => {
  for (const a of Object.values(activations)) {
    for (const z of [-2.3, -0.4, 0.7, 1.9]) {
      const h = a.f(z, 0.2);
      const fd = (a.f(z + 1e-6, 0.2) - a.f(z - 1e-6, 0.2)) / 2e-6;
      assert.ok(Math.abs(a.df(z, h, 0.2) - fd) < 1e-8, `${a.name} at ${z}`);
    }
    assert.ok(a.tex.length > 0 && a.derivativeTex.length > 0);
  }
  assert.equal(activations.sigmoid.f(-800), 0, "no overflow for very negative z");
  assert.equal(activations.sigmoid.f(800), 1);
});

test("a batch with a non-finite input is rejected and the last pass stays as it was", () => {
  const net = mlp({ sizes: [3, 5, 1], loss: "binaryCrossEntropy", seed: 2 });
  const { x, y } = batch(net, 120, 4); // 360 values: the check of the heap copy runs as a SIMD kernel
  const expected = mlp({ sizes: [3, 5, 1], loss: "binaryCrossEntropy", seed: 2 });
  expected.lossAndGradient(x, y);
  net.forward(x, true);
  const outputs = net.layerOutputs().a.map((a) => Float64Array.from(a));
  for (const at of [0, 123, 359]) {
    const bad = x.slice();
    bad[at] = at === 123 ? Infinity : NaN;
    assert.throws(() => net.forward(bad, true), new RegExp(`mlp: x\\[${at}\\] is ${bad[at]}; it must be a finite number`));
  }
  // A bad batch larger than any before is rejected before the buffers grow (which would drop the last pass).
  const large = batch(net, 500, 5).x;
  large[1400] = NaN;
  assert.throws(() => net.forward(large, true), /mlp: x\[1400\] is NaN/);
  assert.deepEqual(net.layerOutputs().a, outputs);
  net.backward(y);
  assert.deepEqual(net.grads, expected.grads);
  // Two good batches in turn (the input buffers alternate) give what fresh networks give.
  const other = batch(net, 120, 6);
  for (const b of [other, { x, y }, other]) {
    const fresh = mlp({ sizes: [3, 5, 1], loss: "binaryCrossEntropy", seed: 2 });
    assert.equal(net.lossAndGradient(b.x, b.y), fresh.lossAndGradient(b.x, b.y));
    assert.deepEqual(net.grads, fresh.grads);
  }
});

test("softmax cross-entropy reusing the forward pass's row sums is the loss computed afresh, to the bit", async () => {
  const { outputLoss } = await import("../../src/networks/losses");
  const net = mlp({ sizes: [4, 6, 5], loss: "softmaxCrossEntropy", seed: 3 });
  for (const n of [1, 37, 200]) {
    const { x, y } = batch(net, n, n);
    const loss = net.lossAndGradient(x, y);
    const { z: zs, a } = net.layerOutputs();
    assert.equal(loss, outputLoss("softmaxCrossEntropy", "softmax", zs[1], a[1], y, n, 5, undefined, 0));
    assert.equal(net.evaluate(x, y).loss, loss);
  }
});
