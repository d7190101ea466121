/**
 * Backtracking (Armijo) line search against its theory (Nocedal & Wright, Alg. 3.1): sufficient decrease
 * at every accepted step; on a quadratic, acceptance exactly when η ≤ 2(1 − c)·gᵀg/(gᵀHg), so the
 * accepted step is within a factor `shrink` of that bound and, for c ≥ ½, never above the exact step.
 * Also the symmetric eigenvalue solver against matrices whose eigenvalues are known by construction.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { quadratic, rosenbrock, d2lQuadratic } from "../../src/problems";
import { backtrackingDescent, backtrackingStep } from "../../src/training";
import { symmetricEigenvalues } from "../../src/math/symmetricEigenvalues";

test("backtracking: the sufficient-decrease condition holds at every accepted step (Rosenbrock, a rotated quadratic)", () => {
  for (const problem of [rosenbrock(), quadratic({ eigenvalues: [0.1, 1, 10, 100], rotate: true, seed: 3, start: [1, -2, 3, 1] })]) {
    for (const c of [1e-4, 0.3, 0.7]) {
      const run = backtrackingDescent(problem, { steps: 200, c });
      for (let t = 0; t < 200; t++) {
        const g = problem.gradient(run.point(t), new Float64Array(problem.dim));
        const g2 = g.reduce((s, v) => s + v * v, 0);
        assert.ok(run.losses[t + 1] <= run.losses[t] - c * run.stepSizes[t] * g2, `${problem.name}, c = ${c}, step ${t + 1}`);
        const moved = run.point(t + 1).map((v, i) => v - (run.point(t)[i] - run.stepSizes[t] * g[i]));
        assert.ok(moved.every((d) => Math.abs(d) < 1e-12), "the step is −η∇f with the accepted η");
      }
    }
  }
});

test("backtracking on a quadratic: accepted η ∈ (shrink·2(1 − c)η*, 2(1 − c)η*] (or η₀), η* = gᵀg/gᵀHg the exact step; never above η* when c ≥ ½", () => {
  const q = quadratic({ eigenvalues: [0.5, 2, 7, 30], rotate: true, seed: 5, start: [2, -1, 1, 3] });
  for (const [c, shrink, initialStep] of [[1e-4, 0.5, 1], [0.5, 0.5, 1], [0.8, 0.3, 1], [0.25, 0.9, 0.01]] as const) {
    const theta = Float64Array.from(q.start);
    for (let t = 0; t < 40; t++) {
      const g = q.gradient(theta, new Float64Array(4));
      const Hg = q.gradient(g, new Float64Array(4)); // ∇(½xᵀHx) = Hx, so H g = gradient at g
      const exact = g.reduce((s, v) => s + v * v, 0) / g.reduce((s, v, i) => s + v * Hg[i], 0);
      const { eta } = backtrackingStep(q, theta, { c, shrink, initialStep });
      const bound = 2 * (1 - c) * exact;
      assert.ok(eta <= bound * (1 + 1e-12), `c = ${c}: η = ${eta} ≤ 2(1 − c)η* = ${bound}`);
      if (eta !== initialStep) assert.ok(eta > shrink * bound * (1 - 1e-12), `c = ${c}: η = ${eta} > shrink·2(1 − c)η*`);
      if (c >= 0.5) assert.ok(eta <= exact * (1 + 1e-12), `c = ${c}: η = ${eta} never above the exact step ${exact}`);
    }
  }
});

test("backtracking: gradient descent without knowing L converges on d2l's bowl; a run keeps its path, losses and work", () => {
  const run = backtrackingDescent(d2lQuadratic(), { steps: 100 });
  assert.equal(run.trajectory.length, 2 * 101);
  assert.equal(run.losses.length, 101);
  assert.ok(run.finalLoss < 1e-8, `final loss ${run.finalLoss}`);
  assert.ok(run.evaluations >= 100);
});

test("backtracking: bad options and problems are named; a failed search throws and leaves θ unchanged", () => {
  const q = d2lQuadratic();
  const theta = Float64Array.from(q.start);
  assert.throws(() => backtrackingStep(q, theta, { shrink: 1 }), /shrink must be in \(0, 1\), got 1/);
  assert.throws(() => backtrackingStep(q, theta, { shrink: 0 }), /shrink must be a finite number > 0, got 0/);
  assert.throws(() => backtrackingStep(q, theta, { c: 1.5 }), /c must be in \(0, 1\), got 1.5/);
  assert.throws(() => backtrackingStep(q, theta, { initialStep: -1 }), /initialStep must be a finite number > 0, got -1/);
  assert.throws(() => backtrackingStep(q, theta, { maxTrials: 0 }), /maxTrials must be a positive integer/);
  assert.throws(() => backtrackingStep(q, theta, { step: 1 } as never), /step/);
  assert.throws(() => backtrackingDescent(q, { steps: 1.5 }), /steps must be a positive integer/);
  assert.throws(() => backtrackingDescent(q, { steps: 5, start: [1, 2, 3] }), /start must have 2 coordinates, got 3/);
  assert.throws(() => backtrackingStep({ dim: 2 } as never, theta), /problem must have value and gradient/);
  const wrongSign = { dim: 2, value: q.value, gradient: (x: ArrayLike<number>, out: Float64Array) => q.gradient(x, out).map((v) => -v) };
  const before = Array.from(theta);
  assert.throws(() => backtrackingStep(wrongSign, theta, { maxTrials: 30 }), /no step size .* gave sufficient decrease in 30 trials/);
  assert.deepEqual(Array.from(theta), before);
});

test("symmetricEigenvalues: the eigenvalues a rotated quadratic was built from; trace and 2 × 2 closed form; bad input named", () => {
  const eigenvalues = [0.01, 0.3, 1, 4, 9, 25];
  const q = quadratic({ eigenvalues, rotate: true, seed: 11 });
  const H = Float64Array.from({ length: 36 }, (_, k) => q.gradient(Array.from({ length: 6 }, (_, i) => (i === k % 6 ? 1 : 0)), new Float64Array(6))[Math.floor(k / 6)]);
  symmetricEigenvalues(H, 6).forEach((v, i) => assert.ok(Math.abs(v - eigenvalues[i]) < 1e-12 * 25, `${v} vs ${eigenvalues[i]}`));
  const [a, b, d] = [3, -2, -1];
  const mid = (a + d) / 2, r = Math.hypot((a - d) / 2, b);
  assert.deepEqual(symmetricEigenvalues([a, b, b, d], 2).map((v) => Number(v.toFixed(12))), [mid - r, mid + r].map((v) => Number(v.toFixed(12))));
  assert.deepEqual(symmetricEigenvalues([-4, 0, 0, 2], 2), [-4, 2]);
  assert.throws(() => symmetricEigenvalues([1, 2, 3, 4], 2), /not symmetric: \[0\]\[1\] = 2 but \[1\]\[0\] = 3/);
  assert.throws(() => symmetricEigenvalues([1, 2, 3], 2), /n × n = 4 numbers/);
  assert.throws(() => symmetricEigenvalues([1, NaN, NaN, 1], 2), /matrix\[0\]\[1\] is not finite/);
});
