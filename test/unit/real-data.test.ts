import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { mnistDigits, subset } from "../../src/data";
import { accuracyCurves, imageGrid } from "../../src/display";
import { mlp } from "../../src/networks";
import { adam, sgd } from "../../src/optimizers";
import { classificationTensors } from "../../src/tfjs";
import { fit, trainEach, tuneLearningRates } from "../../src/training";

const { train, test: held } = mnistDigits({ trainPerDigit: 20, testPerDigit: 10, side: 7, seed: 1 });
const model = () => mlp({ sizes: [49, 8, 10], loss: "softmaxCrossEntropy", init: "he", seed: 0 });

test("trainEach: each run equals fit with a fresh model; tuneLearningRates picks the best validation accuracy", () => {
  const runs = trainEach({ SGD: () => sgd({ lr: 0.1 }), Adam: () => adam({ lr: 0.01 }) }, train, { model, epochs: 2, batchSize: 16, test: held, progress: false });
  const alone = fit(model(), train, adam({ lr: 0.01 }), { epochs: 2, batchSize: 16, test: held });
  assert.deepEqual(runs.Adam.testAccuracy, alone.testAccuracy);
  assert.deepEqual(runs.Adam.trainLoss, alone.trainLoss);
  const lrs = [1e-4, 1e-2, 1e3];
  const scores = tuneLearningRates({ Adam: (lr) => adam({ lr }) }, lrs, train, held, { model, epochs: 2, batchSize: 16, progress: false });
  const direct = lrs.map((lr) => { const r = fit(model(), train, adam({ lr }), { epochs: 2, batchSize: 16, test: held }); return r.diverged ? 0 : r.testAccuracy![2]; });
  assert.deepEqual(scores.Adam.accuracy, direct);
  assert.equal(scores.Adam.bestAccuracy, Math.max(...direct));
  assert.equal(scores.Adam.best, lrs[direct.indexOf(Math.max(...direct))]);
  assert.throws(() => trainEach({}, train, { model, epochs: 1 }), /at least one optimizer/);
  assert.throws(() => trainEach({ a: () => sgd({ lr: 0.1 }) }, train, { epochs: 1 } as never), /options\.model must be a function/);
  assert.throws(() => tuneLearningRates({ a: (lr) => sgd({ lr }) }, [0.1, -1], train, held, { model, epochs: 1 }), /lrs must be a non-empty array of positive learning rates/);
  assert.throws(() => trainEach({ a: () => sgd({ lr: 0.1 }) }, train, { model, epochs: 1, shuffle: false } as never), /unknown option "shuffle"/);
});

test("accuracyCurves and imageGrid: labelled figures built from the data", () => {
  const run = fit(model(), train, adam({ lr: 0.01 }), { epochs: 2, batchSize: 16, test: held });
  const fig = accuracyCurves({ Adam: run });
  assert.deepEqual(fig.data[0].y, run.testAccuracy!.map((a) => Number((100 * a).toPrecision(6))));
  const layout = fig.layout as { title: { text: string }; xaxis: { title: { text: string } }; yaxis: { title: { text: string } } };
  assert.ok(layout.title.text && layout.xaxis.title.text === "epoch" && layout.yaxis.title.text === "test accuracy (%)");
  assert.throws(() => accuracyCurves({ noTest: { trainAccuracy: [0.1] } }), /has no testAccuracy array/);
  assert.deepEqual(accuracyCurves({ Adam: run }, { fromEpoch: 1 }).data[0].x, [1, 2]);
  const grid = imageGrid(train, { count: 3, columns: 2 });
  const z = grid.data[0].z as (number | null)[][];
  assert.equal(z.length, 2 * 8 - 1);
  assert.equal(z[0].length, 2 * 8 - 1);
  assert.equal(z[0][0], Number(train.x[0].toFixed(3)));
  assert.equal(z[8][0], Number(train.x[2 * 49].toFixed(3)), "the third image starts the second row");
  assert.equal(z[7][0], null);
  const annotations = (grid.layout as { annotations: { text: string }[] }).annotations;
  assert.deepEqual(annotations.map((a) => a.text), [0, 1, 2].map((s) => `label ${train.y[s]}`));
  assert.throws(() => imageGrid(subset(train, [0]) && { ...train, d: 50 }), /square images/);
});

test("classificationTensors: float32 inputs and one-hot labels, in the dataset's order", () => {
  const { x, y } = classificationTensors(held);
  assert.deepEqual(x.shape, [held.n, 49]);
  assert.deepEqual(y.shape, [held.n, 10]);
  const labels = Array.from(tf.argMax(y, 1).dataSync());
  assert.deepEqual(labels, Array.from(held.y));
  assert.ok(Math.abs(x.dataSync()[5] - held.x[5]) < 1e-7);
  tf.dispose([x, y]);
  assert.throws(() => classificationTensors({ ...held, classes: 0 }), /must hold class indices/);
});
