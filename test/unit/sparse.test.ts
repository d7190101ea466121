import { test } from "node:test";
import assert from "node:assert/strict";
import { sparseRegression } from "../../src/data";

test("sparseRegression: binary features at the requested rates, targets from the stated weights", () => {
  const data = sparseRegression({ n: 4000, common: 3, rare: 2, commonRate: 0.5, rareRate: 0.05, noise: 0, seed: 2 });
  assert.deepEqual([data.n, data.d, data.k, data.classes], [4000, 5, 1, 0]);
  assert.deepEqual(data.rareFeatures, [3, 4]);
  assert.ok(data.x.every((v) => v === 0 || v === 1));
  const rate = (j: number) => Array.from({ length: data.n }, (_, s) => data.x[s * 5 + j]).reduce((a, b) => a + b, 0) / data.n;
  assert.ok(Math.abs(rate(0) - 0.5) < 0.03 && Math.abs(rate(4) - 0.05) < 0.015);
  for (let s = 0; s < 50; s++) {
    const target = data.weights.reduce((sum, w, j) => sum + w * data.x[s * 5 + j], 0);
    assert.ok(Math.abs(data.y[s] - target) < 1e-12, "noise 0: y = w·x exactly");
  }
  assert.deepEqual(sparseRegression({ n: 10, seed: 4 }).y, sparseRegression({ n: 10, seed: 4 }).y);
  assert.throws(() => sparseRegression({ rareRate: 2 }), /must be probabilities in \[0, 1\]/);
  assert.throws(() => sparseRegression({ common: 0, rare: 0 }), /common \+ rare must be at least 1/);
});
