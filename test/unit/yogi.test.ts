/**
 * Yogi against a transcription of Zaheer et al.'s Algorithm 2 written here from the paper's formula
 * (NeurIPS 2018), with the bias correction and initial accumulator of optax/TF-Addons as options,
 * plus its first step by hand and its difference from Adam when g² drops.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { adam, minimize, rosenbrock, yogi } from "../../src/index";

/** Algorithm 2 of the paper, coordinate by coordinate, on plain arrays. */
function referenceYogi(o: { lr: number; b1: number; b2: number; eps: number; v0: number; correct: boolean }) {
  let m: number[] = [], v: number[] = [], t = 0;
  return (x: number[], g: number[]) => {
    if (t === 0) { m = g.map(() => 0); v = g.map(() => o.v0); }
    t++;
    return x.map((xi, i) => {
      m[i] = o.b1 * m[i] + (1 - o.b1) * g[i];
      const gg = g[i] * g[i];
      v[i] = v[i] - (1 - o.b2) * Math.sign(v[i] - gg) * gg;
      const mHat = o.correct ? m[i] / (1 - o.b1 ** t) : m[i];
      const vHat = o.correct ? v[i] / (1 - o.b2 ** t) : v[i];
      return xi - (o.lr * mHat) / (Math.sqrt(vHat) + o.eps);
    });
  };
}

function compare(options: Parameters<typeof yogi>[0], ref: Parameters<typeof referenceYogi>[0]) {
  const p = rosenbrock();
  const opt = yogi(options);
  const step = referenceYogi(ref);
  const x = Float64Array.from(p.start);
  let r = Array.from(p.start);
  const g = new Float64Array(2);
  for (let k = 0; k < 500; k++) {
    const gr = Array.from(p.gradient(r, new Float64Array(2)));
    r = step(r, gr);
    opt.step(x, p.gradient(x, g));
    for (let i = 0; i < 2; i++) assert.ok(Math.abs(x[i] - r[i]) <= 1e-12 * Math.max(1, Math.abs(r[i])), `step ${k + 1}, coordinate ${i}: ${x[i]} vs ${r[i]}`);
  }
}

describe("yogi", () => {
  it("matches the paper's formula with the libraries' defaults (v₀ = 1e-6, bias correction) for 500 steps on Rosenbrock", () => {
    compare({}, { lr: 0.01, b1: 0.9, b2: 0.999, eps: 1e-3, v0: 1e-6, correct: true });
  });
  it("is the paper's Algorithm 2 exactly with v₀ = 0 and no bias correction", () => {
    compare({ lr: 0.02, beta1: 0.5, beta2: 0.99, eps: 1e-3, initialAccumulatorValue: 0, biasCorrection: false },
      { lr: 0.02, b1: 0.5, b2: 0.99, eps: 1e-3, v0: 0, correct: false });
  });
  it("takes a first step of η g/(√(g² + v₀/(1 − β₂)) + ε) by hand", () => {
    const p = Float64Array.of(0);
    yogi({ lr: 0.1 }).step(p, Float64Array.of(2));
    assert.ok(Math.abs(-p[0] - (0.1 * 2) / (Math.sqrt(4 + 1e-6 / 0.001) + 1e-3)) < 1e-15);
  });
  it("lets v fall by at most (1 − β₂)g² per step where Adam's falls by the factor β₂", () => {
    const y = yogi({ lr: 0.01 }), a = adam({ lr: 0.01 });
    const py = Float64Array.of(0), pa = Float64Array.of(0);
    for (let k = 0; k < 100; k++) { y.step(py, Float64Array.of(10)); a.step(pa, Float64Array.of(10)); }
    const vy = y.state.v[0], va = a.state.v[0];
    y.step(py, Float64Array.of(0.01)); a.step(pa, Float64Array.of(0.01));
    assert.ok(Math.abs(vy - y.state.v[0] - 0.001 * 1e-4) < 1e-15, "Yogi: v drops by (1 − β₂)g²");
    assert.ok(Math.abs(a.state.v[0] - (0.999 * va + 0.001 * 1e-4)) < 1e-15, "Adam: v ← β₂v + (1 − β₂)g²");
  });
  it("works in minimize and keeps v positive", () => {
    const run = minimize(rosenbrock(), yogi({ lr: 0.05 }), { steps: 3000 });
    assert.ok(run.finalLoss < 1e-2, `final loss ${run.finalLoss}`);
  });
  it("rejects bad options by name and a step that would overflow, leaving the parameters", () => {
    assert.throws(() => yogi({ beta2: 1 }), /yogi: beta2/);
    assert.throws(() => yogi({ initialAccumulatorValue: -1 }), /yogi: initialAccumulatorValue/);
    assert.throws(() => yogi({ eps: Number.NaN }), /yogi: eps/);
    assert.throws(() => yogi({ lrr: 0.1 } as never), /yogi: unknown option "lrr"/);
    const p = Float64Array.of(1, 1);
    assert.throws(() => yogi({ lr: 1e10 }).step(p, Float64Array.of(1, 1e200)), /yogi: step 1 would make/);
    assert.deepEqual(Array.from(p), [1, 1]);
  });
});
