import { test } from "node:test";
import assert from "node:assert/strict";
import { heavyBallNoiseVariance, heavyBallRate, heavyBallRoots, sgd } from "../../src/optimizers";
import { quadratic, withGradientNoise } from "../../src/problems";
import { minimize } from "../../src/training";

test("heavyBallRoots: the roots satisfy z² − (1 + β − a)z + β = 0, in each regime; β = 0 is gradient descent", () => {
  for (const [a, beta, kind] of [[0.01, 0.9, "complex"], [0.01, 0.81, "double"], [0.01, 0.5, "real"], [3.9, 0.5, "real"]] as const) {
    const r = heavyBallRoots(a, beta);
    assert.equal(r.kind, kind);
    for (const [re, im] of r.roots) {
      const s = 1 + beta - a; // (re + i im)² − s(re + i im) + β
      assert.ok(Math.abs(re * re - im * im - s * re + beta) < 1e-12 && Math.abs(2 * re * im - s * im) < 1e-12);
    }
  }
  assert.equal(heavyBallRate(0.3, 0), 0.7);
  assert.equal(heavyBallRate(2.5, 0), 1.5);
  assert.ok(Math.abs(heavyBallRate(0.5, 0.64) - 0.8) < 1e-15, "complex roots have modulus √β");
  assert.throws(() => heavyBallRoots(-1, 0.5), /a \(= ηh\) must be a finite number ≥ 0, got -1/);
});

test("heavyBallRate matches a run of sgd with momentum on x²/2 (PyTorch's form, the same iterates)", () => {
  const run = minimize(quadratic({ eigenvalues: [1], start: [1] }), sgd({ lr: 0.04, momentum: 0.3 }), { steps: 300 });
  const measured = (Math.abs(run.trajectory[300]) / Math.abs(run.trajectory[200])) ** (1 / 100);
  assert.ok(Math.abs(measured - heavyBallRate(0.04, 0.3)) < 1e-6);
});

test("heavyBallNoiseVariance: gradient descent's η²σ²/(a(2 − a)) at β = 0, a long noisy run agrees, unstable settings throw", () => {
  assert.ok(Math.abs(heavyBallNoiseVariance(0.1, 0, 0.1, 2) - (0.01 * 4) / (0.1 * 1.9)) < 1e-15);
  const noisy = withGradientNoise(quadratic({ eigenvalues: [1], start: [0] }), { std: 1, seed: 3 });
  const run = minimize(noisy, sgd({ lr: 0.1, momentum: 0.5 }), { steps: 40000 });
  let sum = 0;
  for (let t = 1000; t <= 40000; t++) sum += run.trajectory[t] ** 2;
  assert.ok(Math.abs(sum / 39001 / heavyBallNoiseVariance(0.1, 0.5, 0.1, 1) - 1) < 0.1);
  assert.throws(() => heavyBallNoiseVariance(3.5, 0.5, 1, 1), /outside the stable region/);
});

test("withGradientNoise: exact values, gradients with the requested spread, reproducible by seed", () => {
  const base = quadratic({ eigenvalues: [2, 3] });
  const noisy = withGradientNoise(base, { std: 0.5, seed: 1 });
  assert.equal(noisy.value([1, 1]), base.value([1, 1]));
  const draws = Array.from({ length: 4000 }, () => noisy.gradient([1, 1])[0] - 2);
  const mean = draws.reduce((s, v) => s + v, 0) / draws.length;
  const std = Math.sqrt(draws.reduce((s, v) => s + (v - mean) ** 2, 0) / draws.length);
  assert.ok(Math.abs(mean) < 0.03 && Math.abs(std - 0.5) < 0.03);
  assert.deepEqual(withGradientNoise(base, { std: 0.5, seed: 1 }).gradient([1, 1]), withGradientNoise(base, { std: 0.5, seed: 1 }).gradient([1, 1]));
  assert.throws(() => withGradientNoise(base, { std: -1 }), /std must be a finite number ≥ 0, got -1/);
});
