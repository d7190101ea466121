/**
 * The small helpers lessons 05–08 moved into the library: line figures, step sizes under a constant
 * gradient, Cholesky and its solve, symmetric eigenvalues, the matrix least-squares problem and the
 * schedules' regression bench, each against an independent computation written here.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  adagrad, cholesky, choleskySolve, leastSquaresMatrix, lineFigure, regressionBench, rmsprop, sgd,
  stepSizesUnderConstantGradient, symmetricEigenvalues,
} from "../../src/index";

describe("lineFigure", () => {
  it("draws one titled trace per series, gaps for null and non-finite values, log axes on request", () => {
    const f = lineFigure([{ name: "a", x: [1, 2, 3], y: [1, null, Infinity] }, { name: "b", x: [1], y: [2], dash: "dot", rightAxis: true }],
      { title: "T", xTitle: "x", yTitle: "y", xLog: true, y2Title: "right" });
    assert.equal(f.data.length, 2);
    assert.deepEqual(f.data[0].y, [1, null, null]);
    assert.equal((f.layout as { xaxis: { type: string } }).xaxis.type, "log");
    assert.equal(f.data[1].yaxis, "y2");
  });
  it("rejects mismatched lengths, unnamed series and unknown options by name", () => {
    assert.throws(() => lineFigure([{ name: "a", x: [1, 2], y: [1] }], { title: "", xTitle: "", yTitle: "" }), /series "a": x has 2 values but y has 1/);
    assert.throws(() => lineFigure([], { title: "", xTitle: "", yTitle: "" }), /non-empty array/);
    assert.throws(() => lineFigure([{ name: "a", x: [1], y: [1] }], { title: "", xTitle: "", yTitle: "", ylog: true } as never), /unknown option "ylog"/);
  });
});

describe("stepSizesUnderConstantGradient", () => {
  it("gives Adagrad's η/√t and RMSprop's η/√(1 − ρᵗ) under g = 1", () => {
    const a = stepSizesUnderConstantGradient(adagrad({ lr: 0.1 }), 100);
    a.forEach((s, k) => assert.ok(Math.abs(s - 0.1 / Math.sqrt(k + 1)) < 1e-9));
    const r = stepSizesUnderConstantGradient(rmsprop({ lr: 0.1, alpha: 0.9 }), 50, 3);
    r.forEach((s, k) => assert.ok(Math.abs(s - 0.1 / (Math.sqrt(1 - 0.9 ** (k + 1)) + 1e-8 / 3)) < 1e-9));
  });
  it("rejects a bad step count", () => assert.throws(() => stepSizesUnderConstantGradient(sgd({ lr: 1 }), 0), /steps/));
});

describe("cholesky and choleskySolve", () => {
  it("factor a positive definite matrix (LLᵀ = A) and solve with it; null when not positive definite", () => {
    const A = [4, 2, 0.4, 2, 5, 1, 0.4, 1, 3];
    const L = cholesky(A, 3)!;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += L[i * 3 + k] * L[j * 3 + k];
      assert.ok(Math.abs(s - A[i * 3 + j]) < 1e-12);
    }
    const x = choleskySolve(L, 3, [1, 2, 3]);
    for (let i = 0; i < 3; i++) assert.ok(Math.abs(A[i * 3] * x[0] + A[i * 3 + 1] * x[1] + A[i * 3 + 2] * x[2] - (i + 1)) < 1e-12);
    assert.equal(cholesky([1, 0, 0, -1], 2), null);
    assert.throws(() => cholesky([1, 2, 3], 2), /n × n/);
  });
});

describe("symmetricEigenvalues", () => {
  it("match the 2×2 closed form (trace/2 ± √(trace²/4 − det)), sorted", () => {
    const [a, b, d] = [802, -400, 200];
    const tr = a + d, det = a * d - b * b, r = Math.sqrt((tr * tr) / 4 - det);
    const h = symmetricEigenvalues([a, b, b, d], 2);
    assert.ok(Math.abs(h[0] - (tr / 2 - r)) < 1e-9 && Math.abs(h[1] - (tr / 2 + r)) < 1e-9);
  });
  it("recover the eigenvalues of Q diag(h) Qᵀ for a product of rotations Q", () => {
    const h = [-3, 0.5, 2, 7];
    const n = 4;
    let Q: number[] = Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1 : 0));
    for (const [p, q, angle] of [[0, 1, 0.3], [1, 3, 1.1], [0, 2, -0.7], [2, 3, 0.4]] as const) {
      const c = Math.cos(angle), s = Math.sin(angle);
      Q = Q.map((_, k) => {
        const i = Math.floor(k / n), j = k % n;
        if (j === p) return c * Q[i * n + p] - s * Q[i * n + q];
        if (j === q) return s * Q[i * n + p] + c * Q[i * n + q];
        return Q[k];
      });
    }
    const A = Array.from({ length: n * n }, (_, k) => {
      const i = Math.floor(k / n), j = k % n;
      return h.reduce((sum, hk, m) => sum + Q[i * n + m] * hk * Q[j * n + m], 0);
    });
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) A[j * n + i] = A[i * n + j];
    symmetricEigenvalues(A, n).forEach((v, i) => assert.ok(Math.abs(v - h[i]) < 1e-10, `${v} vs ${h[i]}`));
  });
  it("reject a matrix that is not symmetric or not finite", () => {
    assert.throws(() => symmetricEigenvalues([1, 2, 3, 4], 2), /not symmetric: \[0\]\[1\] = 2 but \[1\]\[0\] = 3/);
    assert.throws(() => symmetricEigenvalues([1, NaN, NaN, 1], 2), /not finite/);
  });
});

describe("leastSquaresMatrix", () => {
  it("has the gradient of ‖Xθ − y‖²/(2m) (central differences) and rejects ragged input", () => {
    const X = [[1, 0.5, -1], [1, 2, 0.3], [1, -1, 1], [1, 0, 0]];
    const p = leastSquaresMatrix(X, [1, 2, 0, -1]);
    const th = [0.2, -0.4, 0.9];
    const g = p.gradient(th);
    for (let j = 0; j < 3; j++) {
      const up = th.slice(), down = th.slice();
      up[j] += 1e-6; down[j] -= 1e-6;
      assert.ok(Math.abs((p.value(up) - p.value(down)) / 2e-6 - g[j]) < 1e-7);
    }
    assert.throws(() => leastSquaresMatrix([[1, 2], [1]], [1, 2]), /row 1 of X/);
    assert.throws(() => leastSquaresMatrix([[1, 2]], [1, 2]), /one target per row/);
  });
});

describe("regressionBench", () => {
  it("finds f* near the expected residual σ²(n − p)/n and reports excess losses per epoch", () => {
    const b = regressionBench({ epochs: 2 });
    assert.ok(Math.abs(b.fStar / ((0.25 * (256 - 9)) / 256) - 1) < 0.1);
    const run = b.train(0.05);
    const c = b.curve(run);
    assert.equal(c.losses.length, 3);
    assert.deepEqual(c.x, [0, 32, 64]);
    assert.equal(b.excess(run), run.trainLoss[2] - b.fStar);
    assert.throws(() => regressionBench({ batchsize: 4 } as never), /unknown option "batchsize"/);
  });
});
