/**
 * The adapter: our optimizers training a tfjs LayersModel through `compile`/`fit`, ending at the same
 * weights as the equivalent tf.train optimizer; and the map form of `applyGradients` (`minimize`).
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { adam, rmsprop, sgd, tfjsPresets } from "../../src";
import { toTfOptimizer, useFastestBackend, OptimlabTfOptimizer } from "../../src/tfjs";

const f32 = Math.fround;

/** A small regression model with fixed initial weights (no RNG involved). */
function makeModel(): tf.LayersModel {
  const model = tf.sequential({
    layers: [tf.layers.dense({ inputShape: [3], units: 5, activation: "tanh" }), tf.layers.dense({ units: 1 })],
  });
  model.setWeights(
    model.getWeights().map((w, k) => {
      const values = Array.from({ length: w.size }, (_, i) => 0.3 * Math.sin(1.7 * i + k + 1));
      return tf.tensor(values, w.shape);
    }),
  );
  return model;
}

function data() {
  const xs = Array.from({ length: 32 }, (_, i) => [Math.sin(i), Math.cos(0.5 * i), (i % 7) / 7 - 0.5]);
  const ys = xs.map(([a, b, c]) => [a * b - 0.5 * c + 0.1]);
  return { xs: tf.tensor2d(xs), ys: tf.tensor2d(ys) };
}

async function train(optimizer: tf.Optimizer): Promise<number[][]> {
  const model = makeModel();
  model.compile({ optimizer, loss: "meanSquaredError" });
  const { xs, ys } = data();
  await model.fit(xs, ys, { epochs: 5, batchSize: 8, shuffle: false, verbose: 0 });
  const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
  xs.dispose();
  ys.dispose();
  model.dispose();
  return weights;
}

function assertSameWeights(ours: number[][], theirs: number[][], tolerance: number): void {
  assert.equal(ours.length, theirs.length);
  let moved = 0;
  ours.forEach((w, k) =>
    w.forEach((value, i) => {
      const diff = Math.abs(value - theirs[k][i]);
      assert.ok(diff <= tolerance * (1 + Math.abs(value)), `weight ${k}[${i}]: ours ${value}, tf ${theirs[k][i]}`);
    }),
  );
  const initial = makeModel().getWeights().map((w) => Array.from(w.dataSync()));
  ours.forEach((w, k) => w.forEach((value, i) => (moved = Math.max(moved, Math.abs(value - initial[k][i])))));
  assert.ok(moved > 1e-3, "training moved the weights");
}

describe("toTfOptimizer: model.compile / model.fit", () => {
  before(async () => {
    await useFastestBackend();
  });

  it("adam ends at tf.train.adam's weights", async () => {
    const ours = await train(toTfOptimizer(adam({ lr: 0.01, ...tfjsPresets.adam, beta1: f32(0.9), beta2: f32(0.999) })));
    const theirs = await train(tf.train.adam(0.01));
    assertSameWeights(ours, theirs, 1e-5);
  });

  it("sgd with momentum ends at tf.train.momentum's weights", async () => {
    const ours = await train(toTfOptimizer(sgd({ lr: 0.05, momentum: f32(0.9) })));
    const theirs = await train(tf.train.momentum(0.05, 0.9));
    assertSameWeights(ours, theirs, 1e-5);
  });

  it("rmsprop ends at tf.train.rmsprop's weights", async () => {
    const ours = await train(toTfOptimizer(rmsprop({ lr: 0.005, ...tfjsPresets.rmsprop, alpha: f32(0.9) })));
    const theirs = await train(tf.train.rmsprop(0.005));
    assertSameWeights(ours, theirs, 1e-5);
  });

  it("our optimizer's state covers the whole model and counts batches", async () => {
    const wrapped = toTfOptimizer(adam({ lr: 0.01 }));
    await train(wrapped);
    const state = wrapped.optimizer.state;
    assert.equal(state.t, 5 * 4, "5 epochs of 4 batches");
    assert.equal(state.m.length, 3 * 5 + 5 + 5 * 1 + 1, "every weight of the model");
    assert.equal(wrapped.iterations, 20);
    assert.ok(wrapped instanceof tf.Optimizer);
    assert.deepEqual(wrapped.getConfig(), { optimizer: "adam" });
    assert.equal(wrapped.getClassName(), "OptimlabOptimizer");
  });
});

describe("toTfOptimizer: applyGradients directly", () => {
  before(async () => {
    await useFastestBackend();
  });

  it("the map form (minimize without a variable list) matches tf.train", () => {
    const run = (optimizer: tf.Optimizer, tag: string) => {
      const a = tf.variable(tf.tensor1d([1, -2]), true, `adapter_a_${tag}`);
      const b = tf.variable(tf.scalar(0.5), true, `adapter_b_${tag}`);
      for (let t = 0; t < 20; t++) {
        optimizer.minimize(() => tf.add(tf.sum(tf.square(tf.sub(a, tf.tensor1d([0.3, 0.1])))), tf.square(tf.mul(a.sum(), b))) as tf.Scalar);
      }
      const out = [...Array.from(a.dataSync()), ...Array.from(b.dataSync())];
      a.dispose();
      b.dispose();
      return out;
    };
    const ours = run(toTfOptimizer(adam({ lr: 0.05, ...tfjsPresets.adam, beta1: f32(0.9), beta2: f32(0.999) })), "ours");
    const theirs = run(tf.train.adam(0.05), "tf");
    ours.forEach((value, i) => assert.ok(Math.abs(value - theirs[i]) <= 1e-5 * (1 + Math.abs(value)), `${value} vs ${theirs[i]}`));
  });

  it("rejects what it cannot do, naming the problem", () => {
    assert.throws(() => toTfOptimizer({} as never), /toTfOptimizer: expected one of our optimizers/);
    const x = tf.variable(tf.tensor1d([1, 2]), true, "adapter_x");
    const y = tf.variable(tf.tensor1d([3]), true, "adapter_y");
    const wrapped = new OptimlabTfOptimizer(sgd({ lr: 0.1 }));
    wrapped.applyGradients({ adapter_x: tf.tensor1d([1, 1]), adapter_y: tf.tensor1d([1]) });
    assert.deepEqual(Array.from(x.dataSync()), [f32(0.9), f32(1.9)]);
    assert.throws(() => wrapped.applyGradients({ adapter_x: tf.tensor1d([1, 1]) }), /gradients for 1 variables, but the first call had 2/);
    assert.throws(
      () => wrapped.applyGradients([{ name: "adapter_x", tensor: tf.tensor1d([1, 1]) }, { name: "adapter_y", tensor: null as never }]),
      /"adapter_y" has no gradient/,
    );
    assert.throws(() => new OptimlabTfOptimizer(sgd({ lr: 0.1 })).applyGradients({ nowhere: tf.tensor1d([1]) }), /no variable named "nowhere"/);
    x.dispose();
    y.dispose();
  });
});
