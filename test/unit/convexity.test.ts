import { test } from "node:test";
import assert from "node:assert/strict";
import { dataset } from "../../src/data";
import { derive } from "../../src/problems";
import { chordCheck, logisticRegression, segmentCheck } from "../../src/problems";
import { averagedSgd } from "../../src/training";
import { clipByGlobalNorm, projectOntoBall } from "../../src/transforms";

const tiny = dataset({ x: [[0.5, -1], [1, 2], [-1.5, 0.5], [2, -0.5]], y: [1, 0, 1, 0], classes: 2, name: "tiny" });

test("logisticRegression: value, gradient and Hessian match mathjs's symbolic derivatives of the written-out loss", () => {
  const l2 = 0.3;
  const p = logisticRegression(tiny, { l2 });
  const rows = [[0.5, -1, 1], [1, 2, 0], [-1.5, 0.5, 1], [2, -0.5, 0]];
  const terms = rows.map(([a, b, y]) => `log(1 + exp(-(${2 * y - 1}) * (${a}*u + ${b}*v + w)))`);
  const expression = `(${terms.join(" + ")}) / 4 + ${l2 / 2} * (u^2 + v^2 + w^2)`;
  const symbolic = derive(expression, ["u", "v", "w"]);
  const theta = [0.7, -0.2, 0.4];
  const scope = { u: theta[0], v: theta[1], w: theta[2] };
  const { evaluate } = require("mathjs") as { evaluate: (e: string, s: object) => number };
  assert.ok(Math.abs(p.value(theta) - evaluate(expression, scope)) < 1e-12);
  const g = p.gradient(theta);
  symbolic.gradient.forEach((e, i) => assert.ok(Math.abs(g[i] - evaluate(e, scope)) < 1e-12, `∂f/∂θ${i}`));
  const h = p.hessian(theta);
  symbolic.hessian.forEach((row, i) => row.forEach((e, j) => assert.ok(Math.abs(h[i * 3 + j] - evaluate(e, scope)) < 1e-12, `H[${i}][${j}]`)));
  const mean = new Float64Array(3);
  for (let i = 0; i < 4; i++) p.sampleGradient(theta, i).forEach((v, k) => (mean[k] += v / 4));
  mean.forEach((v, k) => assert.ok(Math.abs(v - g[k]) < 1e-12, "the sample gradients average to the gradient"));
  assert.equal(p.mu, l2);
  assert.equal(p.dim, 3);
});

test("logisticRegression: L bounds the Hessian's curvature everywhere and the sample gradients obey the G bound", () => {
  const p = logisticRegression(tiny, { l2: 0.1 });
  for (const theta of [[0, 0, 0], [3, -2, 1], [-5, 5, 0.5]]) {
    const h = p.hessian(theta);
    for (const v of [[1, 0, 0], [0, 1, 0], [1, 1, 1], [1, -2, 0.5]]) {
      const vHv = v.reduce((s, vi, i) => s + vi * v.reduce((t, vj, j) => t + h[i * 3 + j] * vj, 0), 0);
      const vv = v.reduce((s, x) => s + x * x, 0);
      assert.ok(vHv <= p.L * vv + 1e-12 && vHv >= p.mu * vv - 1e-12);
    }
    for (let i = 0; i < 4; i++) assert.ok(Math.hypot(...p.sampleGradient(theta, i)) <= p.maxFeatureNorm + p.l2 * Math.hypot(...theta) + 1e-12);
  }
  // At θ = 0 every σ(1 − σ) is exactly 1/4, so L − λ is the largest eigenvalue of the Hessian there.
  const h0 = logisticRegression(tiny).hessian([0, 0, 0]);
  const power = (m: Float64Array) => { let v = [1, 1, 1]; for (let k = 0; k < 500; k++) { const w = [0, 1, 2].map((i) => m[i * 3] * v[0] + m[i * 3 + 1] * v[1] + m[i * 3 + 2] * v[2]); const n = Math.hypot(...w); v = w.map((x) => x / n); } return [0, 1, 2].reduce((s, i) => s + v[i] * (m[i * 3] * v[0] + m[i * 3 + 1] * v[1] + m[i * 3 + 2] * v[2]), 0); };
  assert.ok(Math.abs(power(h0) - logisticRegression(tiny).L) < 1e-9);
  assert.throws(() => logisticRegression(dataset({ x: [[1], [2]], y: [0, 2], classes: 3 })), /must be binary \(classes = 2, k = 1\), got classes = 3/);
  assert.throws(() => logisticRegression(tiny, { l2: -1 }), /l2 must be a finite number ≥ 0, got -1/);
  assert.throws(() => p.value([1, 2]), /θ must have length 3/);
  assert.throws(() => p.sampleGradient([0, 0, 0], 4), /sample index must be an integer in 0\.\.3, got 4/);
});

test("projectOntoBall: nearest point of the ball, identity inside, agrees with clipByGlobalNorm", () => {
  const near = (a: Float64Array, b: number[]) => a.every((v, i) => Math.abs(v - b[i]) < 1e-15);
  assert.ok(near(projectOntoBall(Float64Array.from([3, 4]), 1), [0.6, 0.8]));
  assert.deepEqual(Array.from(projectOntoBall(Float64Array.from([0.3, 0.4]), 1)), [0.3, 0.4]);
  assert.ok(near(projectOntoBall(Float64Array.from([4, 1]), 2, [1, 1]), [3, 1]));
  const g = Float64Array.from([3, -4, 12]);
  const clipped = g.slice();
  clipByGlobalNorm(5).update(clipped, undefined, g, { lr: 1, t: 1 });
  const projected = projectOntoBall(g.slice(), 5);
  projected.forEach((v, i) => assert.ok(Math.abs(v - clipped[i]) < 1e-6 * Math.abs(v)));
  assert.throws(() => projectOntoBall(g, 0), /radius must be a finite number > 0/);
  assert.throws(() => projectOntoBall(g, 1, [0, 0]), /center has length 2 but the point has 3/);
});

test("chordCheck and segmentCheck: convex things pass, non-convex ones are caught", () => {
  assert.ok(chordCheck(([x, y]) => x * x + Math.abs(y), [[-3, 3], [-3, 3]]).worst <= 1e-12);
  const sine = chordCheck(([x]) => Math.sin(x), [[0, 6]]);
  assert.ok(sine.worst > 0.5 && Math.sin(sine.lambda * sine.x[0] + (1 - sine.lambda) * sine.y[0]) > sine.lambda * Math.sin(sine.x[0]) + (1 - sine.lambda) * Math.sin(sine.y[0]));
  assert.equal(segmentCheck(([x, y]) => Math.abs(x) + Math.abs(y) <= 1, [[-1, 1], [-1, 1]]).leaving, 0);
  const cross = segmentCheck(([x, y]) => Math.abs(x) < 0.2 || Math.abs(y) < 0.2, [[-1, 1], [-1, 1]]);
  assert.ok(cross.leaving > 0.2 && cross.pair !== null);
  assert.throws(() => chordCheck(([x]) => x, [[1, 0]]), /box must list \[low, high\] with low < high/);
  assert.throws(() => segmentCheck(() => false, [[0, 1]]), /found no point of the set/);
});

test("averagedSgd: the average is the mean of θ₀ … θ_{T−1}; projection keeps θ in the ball; bad input is named", () => {
  const p = logisticRegression(tiny, { l2: 0.1 });
  const run = averagedSgd(p, { lr: 0.5, steps: 6, seed: 3, every: 1 });
  assert.equal(run.history.length, 7);
  const mean = [0, 1, 2].map((k) => run.history.slice(0, 6).reduce((s, h) => s + h.theta[k], 0) / 6);
  mean.forEach((v, k) => assert.ok(Math.abs(v - run.average[k]) < 1e-15));
  assert.deepEqual(Array.from(run.history[6].theta), Array.from(run.last));
  const again = averagedSgd(p, { lr: 0.5, steps: 6, seed: 3 });
  assert.deepEqual(again.last, run.last);
  const projected = averagedSgd(p, { lr: 5, steps: 50, seed: 1, project: (theta) => projectOntoBall(theta, 0.5), every: 1 });
  assert.ok(projected.history.every((h) => Math.hypot(...h.theta) <= 0.5 + 1e-12));
  assert.throws(() => averagedSgd(p, { lr: 0, steps: 5 }), /lr must be a finite number > 0, got 0/);
  assert.throws(() => averagedSgd(p, { lr: 0.1, steps: 5, start: [0] }), /start must have length 3/);
  assert.throws(() => averagedSgd({} as never, { lr: 0.1, steps: 5 }), /problem must have sampleGradient/);
});
