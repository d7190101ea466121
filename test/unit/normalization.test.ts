/**
 * Batch and layer normalization (lesson 12): forward statistics, and the backward pass against central
 * finite differences of a scalar loss C = Σ w ⊙ y (so ∂C/∂y = w) for x, γ and β.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rng } from "../../src/data";
import { batchNorm, layerNorm, normalizationBackward, type NormalizationKind, type NormalizationOptions } from "../../src/networks";

const forward = (kind: NormalizationKind, x: ArrayLike<number>, n: number, d: number, options?: NormalizationOptions) =>
  kind === "batch" ? batchNorm(x, n, d, options) : layerNorm(x, n, d, options);

function randomArray(length: number, seed: number, scale = 1, shift = 0): Float64Array {
  const r = rng(seed, 3);
  return Float64Array.from({ length }, () => shift + scale * r.normal());
}

/** Max |analytic − central difference| over x, γ and β, relative to the largest analytic entry. */
function gradientError(kind: NormalizationKind, n: number, d: number, seed: number): number {
  const x = randomArray(n * d, seed, 2, 0.5);
  const gamma = randomArray(d, seed + 1, 1, 1);
  const beta = randomArray(d, seed + 2);
  const w = randomArray(n * d, seed + 3);
  const eps = 1e-5;
  const C = () => forward(kind, x, n, d, { gamma, beta, eps }).y.reduce((s, v, i) => s + v * w[i], 0);
  const { dx, dgamma, dbeta } = normalizationBackward(w, forward(kind, x, n, d, { gamma, beta, eps }));
  const h = 1e-6;
  let worst = 0;
  let scale = 1e-8;
  const probe = (values: Float64Array, analytic: Float64Array) => {
    for (let i = 0; i < values.length; i++) {
      const keep = values[i];
      values[i] = keep + h;
      const up = C();
      values[i] = keep - h;
      const down = C();
      values[i] = keep;
      worst = Math.max(worst, Math.abs((up - down) / (2 * h) - analytic[i]));
      scale = Math.max(scale, Math.abs(analytic[i]));
    }
  };
  probe(x, dx);
  probe(gamma, dgamma);
  probe(beta, dbeta);
  return worst / scale;
}

describe("normalization forward", () => {
  it("batchNorm standardizes each feature over the batch (biased variance)", () => {
    const n = 7;
    const d = 3;
    const x = randomArray(n * d, 1, 3, 2);
    const { y, mean, variance } = batchNorm(x, n, d, { eps: 0 });
    assert.equal(mean.length, d);
    for (let j = 0; j < d; j++) {
      let m = 0;
      let v = 0;
      for (let s = 0; s < n; s++) m += x[s * d + j] / n;
      for (let s = 0; s < n; s++) v += (x[s * d + j] - m) ** 2 / n;
      assert.ok(Math.abs(mean[j] - m) < 1e-12 && Math.abs(variance[j] - v) < 1e-12);
      let ym = 0;
      let yv = 0;
      for (let s = 0; s < n; s++) ym += y[s * d + j] / n;
      for (let s = 0; s < n; s++) yv += y[s * d + j] ** 2 / n;
      assert.ok(Math.abs(ym) < 1e-12, `feature ${j} mean ${ym}`);
      assert.ok(Math.abs(yv - 1) < 1e-12, `feature ${j} variance ${yv}`);
    }
  });

  it("layerNorm standardizes each sample over its features; γ and β scale and shift per feature", () => {
    const n = 4;
    const d = 5;
    const x = randomArray(n * d, 2, 3, -1);
    const gamma = [1, 2, 3, 4, 5];
    const beta = [0, 1, 0, -1, 0.5];
    const plain = layerNorm(x, n, d, { eps: 0 });
    const affine = layerNorm(x, n, d, { gamma, beta, eps: 0 });
    assert.equal(plain.mean.length, n);
    for (let s = 0; s < n; s++) {
      let m = 0;
      let v = 0;
      for (let j = 0; j < d; j++) m += plain.y[s * d + j] / d;
      for (let j = 0; j < d; j++) v += plain.y[s * d + j] ** 2 / d;
      assert.ok(Math.abs(m) < 1e-12 && Math.abs(v - 1) < 1e-12);
      for (let j = 0; j < d; j++) assert.ok(Math.abs(affine.y[s * d + j] - (gamma[j] * plain.y[s * d + j] + beta[j])) < 1e-12);
    }
  });

  it("eps enters under the square root: a constant group maps to 0, not NaN", () => {
    const { y, invStd } = batchNorm([2, 2, 2], 3, 1);
    assert.deepEqual(Array.from(y), [0, 0, 0]);
    assert.ok(Math.abs(invStd[0] - 1 / Math.sqrt(1e-5)) < 1e-9);
  });

  it("writes into out when given", () => {
    const out = new Float64Array(4);
    const result = layerNorm([1, 3, 5, 9], 2, 2, { out });
    assert.equal(result.y, out);
  });
});

describe("normalization backward against finite differences", () => {
  for (const kind of ["batch", "layer"] as const) {
    for (const [n, d] of [[5, 3], [2, 6], [8, 1], [1, 4]] as const) {
      if (kind === "batch" && n === 1) continue; // a batch of one has no spread: y = β
      it(`${kind} normalization, n = ${n}, d = ${d}`, () => {
        const error = gradientError(kind, n, d, 10 * n + d);
        assert.ok(error < 1e-7, `relative error ${error}`);
      });
    }
  }

  it("with ε = 0, ∂C/∂x is orthogonal to the constants and to x̂ within each group", () => {
    const n = 6;
    const d = 4;
    const x = randomArray(n * d, 5, 2);
    const bn = batchNorm(x, n, d, { eps: 0 });
    const { dx } = normalizationBackward(randomArray(n * d, 6), bn);
    for (let j = 0; j < d; j++) {
      let sum = 0;
      let dot = 0;
      for (let s = 0; s < n; s++) {
        sum += dx[s * d + j];
        dot += dx[s * d + j] * bn.xhat[s * d + j];
      }
      assert.ok(Math.abs(sum) < 1e-10 && Math.abs(dot) < 1e-10, `feature ${j}: Σ ${sum}, Σ·x̂ ${dot}`);
    }
  });
});

describe("normalization argument checks", () => {
  it("names the wrong argument", () => {
    assert.throws(() => batchNorm([1, 2, 3], 2, 2), /x must have n·d = 4 values/);
    assert.throws(() => layerNorm([1, 2], 1, 2, { gamma: [1] }), /gamma must have d = 2 values/);
    assert.throws(() => layerNorm([1, 2], 1, 2, { eps: -1 }), /eps must be a finite number ≥ 0/);
    assert.throws(() => batchNorm([1, 2], 1, 2, { momentum: 0.1 } as never), /unknown option "momentum"/);
    assert.throws(() => normalizationBackward([1], layerNorm([1, 2], 1, 2)), /dy must have n·d = 2 values/);
  });
});
