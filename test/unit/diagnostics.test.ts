import { test } from "node:test";
import assert from "node:assert/strict";
import { sgd } from "../../src/optimizers";
import { recordUpdateRatios, smoothed } from "../../src/training";

test("recordUpdateRatios: steps like the optimizer it wraps and records ‖Δθ‖/‖θ‖", () => {
  const recorder = recordUpdateRatios(sgd({ lr: 0.1 }));
  const plain = sgd({ lr: 0.1 });
  const a = Float64Array.from([3, 4]);
  const b = a.slice();
  recorder.step(a, Float64Array.from([5, 0]));
  plain.step(b, Float64Array.from([5, 0]));
  assert.deepEqual(a, b);
  assert.equal(recorder.ratios.length, 1);
  assert.ok(Math.abs(recorder.ratios[0] - 0.5 / 5) < 1e-15);
  assert.throws(() => recordUpdateRatios({} as never), /expected an optimizer with step/);
});

test("smoothed: bias-corrected EMA, a constant series stays constant, β = 0 is the identity", () => {
  assert.deepEqual(smoothed([2, 2, 2], 0.9).map((v) => Number(v.toFixed(12))), [2, 2, 2]);
  assert.deepEqual(smoothed([1, 5, 3], 0), [1, 5, 3]);
  const [s0, s1] = smoothed([1, 3], 0.5);
  assert.equal(s0, 1);
  assert.ok(Math.abs(s1 - (0.5 * (0.5 * 1 + 3)) / 0.75) < 1e-15);
  assert.throws(() => smoothed([1], 1), /beta must be below 1/);
});
