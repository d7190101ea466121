import { test } from "node:test";
import assert from "node:assert/strict";
import { batches, linearRegression, moons, points004, trainTestSplit, type Dataset } from "../../src/data";
import { mlp } from "../../src/networks";
import { d2lQuadratic, defineProblem, quadraticBowl, rosenbrock } from "../../src/problems";
import { fit, linspace, logspace, minimize, sweep, type StepOptimizer, type TrainableModel } from "../../src/training";

// Tiny local optimizers, so these tests do not depend on the optimizer library.
function gd(lr: number): StepOptimizer {
  return { step: (p, g) => { for (let i = 0; i < p.length; i++) p[i] -= lr * g[i]; } };
}
/** d2l's momentum: v ← βv + g, x ← x − ηv. */
function momentum(lr: number, beta: number): StepOptimizer {
  let v: Float64Array | undefined;
  return {
    step(p, g) {
      v ??= new Float64Array(p.length);
      for (let i = 0; i < p.length; i++) {
        v[i] = beta * v[i] + g[i];
        p[i] -= lr * v[i];
      }
    },
  };
}
function adam(lr: number, beta1 = 0.9, beta2 = 0.999, eps = 1e-8): StepOptimizer & { state: { lr: number } } {
  let m: Float64Array | undefined;
  let s: Float64Array | undefined;
  let t = 0;
  return {
    state: { lr: NaN },
    step(p, g) {
      m ??= new Float64Array(p.length);
      s ??= new Float64Array(p.length);
      t++;
      for (let i = 0; i < p.length; i++) {
        m[i] = beta1 * m[i] + (1 - beta1) * g[i];
        s[i] = beta2 * s[i] + (1 - beta2) * g[i] * g[i];
        p[i] -= (lr * (m[i] / (1 - beta1 ** t))) / (Math.sqrt(s[i] / (1 - beta2 ** t)) + eps);
      }
      this.state.lr = lr;
    },
  };
}
/** Newton for 2 variables: x ← x − H⁻¹g. */
function newton2(): StepOptimizer & { name: string; needsHessian: true } {
  return {
    name: "newton",
    needsHessian: true,
    step(p, g, h) {
      if (!h) throw new Error("newton needs the Hessian");
      const det = h[0] * h[3] - h[1] * h[2];
      const d0 = (h[3] * g[0] - h[1] * g[1]) / det;
      const d1 = (-h[2] * g[0] + h[0] * g[1]) / det;
      p[0] -= d0;
      p[1] -= d1;
    },
  };
}

function close(actual: number, expected: number, tol: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected}`);
}

function allFinite(values: ArrayLike<number>): boolean {
  return Array.from(values).every(Number.isFinite);
}

test("minimize: trajectory and losses have one row per point, start first", () => {
  const p = rosenbrock();
  const run = minimize(p, gd(1e-3), { steps: 50 });
  assert.equal(run.steps, 50);
  assert.equal(run.dim, 2);
  assert.equal(run.trajectory.length, 51 * 2);
  assert.equal(run.losses.length, 51);
  assert.deepEqual(run.point(0), [-1.2, 1]);
  assert.equal(run.losses[0], p.value([-1.2, 1]));
  assert.deepEqual(Array.from(run.final), run.point(50));
  assert.equal(run.finalLoss, run.losses[50]);
  assert.equal(run.losses[7], p.value(run.point(7)));
  assert.equal(run.diverged, null);
  assert.equal(run.problem, "Rosenbrock");
  assert.deepEqual(minimize(p, gd(1e-3), { steps: 1, start: [0, 0] }).point(0), [0, 0]);
  assert.throws(() => run.point(51), /point 51 is beyond the last point 50/);
});

test("minimize reproduces d2l's published numbers", () => {
  const parabola = defineProblem({ name: "x²", expression: "x^2", start: [10], minima: [[0]] });
  const f = (lr: number) => minimize(parabola, gd(lr), { steps: 10 }).final[0];
  close(f(0.2), 0.060466, 5e-7, "η = 0.2");
  close(f(0.05), 3.486784, 5e-7, "η = 0.05");
  close(f(1.1), 61.917364, 5e-6, "η = 1.1");
  const q = d2lQuadratic();
  const a = minimize(q, gd(0.4), { steps: 20 }).point(20);
  close(a[0], -0.943467, 5e-7, "GD x₁");
  close(a[1], -0.000073, 5e-7, "GD x₂");
  const b = minimize(q, momentum(0.6, 0.5), { steps: 20 }).point(20);
  close(b[0], 0.007188, 5e-7, "momentum x₁");
  close(b[1], 0.002553, 5e-7, "momentum x₂");
});

test("GD at α = 2/(μ+L) converges at (κ−1)/(κ+1) on a quadratic bowl", () => {
  for (const kappa of [10, 100]) {
    const bowl = quadraticBowl({ condition: kappa, angle: 0.3 });
    const run = minimize(bowl, gd(2 / (bowl.mu + bowl.L)), { steps: 200 });
    const norm = (i: number) => Math.hypot(...run.point(i));
    const rate = (norm(200) / norm(100)) ** (1 / 100);
    close(rate, (kappa - 1) / (kappa + 1), 0.02 * ((kappa - 1) / (kappa + 1)), `κ = ${kappa}`);
  }
});

test("Newton gets the Hessian automatically and solves a quadratic in one step", () => {
  const bowl = quadraticBowl({ condition: 50, angle: 1 });
  const run = minimize(bowl, newton2(), { steps: 1 });
  assert.ok(Math.hypot(...run.final) < 1e-12);
  const r = minimize(rosenbrock(), newton2(), { steps: 10 });
  assert.ok(Math.hypot(r.final[0] - 1, r.final[1] - 1) < 1e-8, `Newton on Rosenbrock: ${r.final}`);
  assert.throws(() => minimize(bowl, newton2(), { steps: 1, hessian: false }), /newton needs the Hessian/);
  const seen: (Float64Array | undefined)[] = [];
  minimize(bowl, { step: (_p, _g, h) => void seen.push(h) }, { steps: 2, hessian: true });
  assert.deepEqual(Array.from(seen[0]!), Array.from(bowl.A));
});

test("minimize: a diverging run stops, is marked, and returns no NaN or Infinity", () => {
  const bowl = quadraticBowl({ condition: 10 });
  const run = minimize(bowl, gd(2.5), { steps: 1000 });
  assert.ok(run.diverged !== null);
  const k = run.diverged!.step;
  assert.ok(k > 1 && k < 1000, `diverged at ${k}`);
  assert.equal(run.steps, k - 1);
  assert.equal(run.losses.length, k);
  assert.equal(run.trajectory.length, 2 * k);
  assert.ok(allFinite(run.losses) && allFinite(run.trajectory) && allFinite(run.final));
  assert.ok(run.losses[run.steps] <= 1e12);
  // a gradient that turns NaN
  const sqrt = defineProblem({ name: "sqrt", expression: "sqrt(x)", start: [1] });
  const bad = minimize(sqrt, gd(4), { steps: 10 });
  assert.deepEqual(bad.diverged, { step: 1 }, "the first step lands at x = −1, where sqrt is NaN");
  assert.deepEqual(Array.from(bad.losses), [1]);
  assert.ok(allFinite(bad.losses));
  // a custom limit
  const early = minimize(bowl, gd(2.5), { steps: 1000, limit: 100 });
  assert.ok(early.diverged!.step < k);
  assert.ok(early.losses.every((v) => v <= 100));
});

// Speed is measured by `npm run bench` (trajectories section), never asserted here: the machines are shared.
test("minimize: Adam's 1e4 steps on Rosenbrock end near (1, 1)", () => {
  const p = rosenbrock();
  const run = minimize(p, adam(0.01), { steps: 10_000 });
  assert.ok(Math.hypot(run.final[0] - 1, run.final[1] - 1) < 1e-2, `${run.final}`);
});

test("minimize: bad input names the culprit", () => {
  const p = rosenbrock();
  assert.throws(() => minimize(p, gd(0.1), { steps: 0 }), /steps must be an integer ≥ 1, got 0/);
  assert.throws(() => minimize(p, gd(0.1), { steps: -3 }), /steps must be an integer ≥ 1, got -3/);
  assert.throws(() => minimize(p, gd(0.1), { steps: 2.5 }), /steps must be an integer ≥ 1, got 2.5/);
  assert.throws(() => minimize(p, gd(0.1), { steps: 5, start: [1, 2, 3] }), /start must have length 2, got \[1, 2, 3\]/);
  assert.throws(() => minimize(p, gd(0.1), { steps: 5, start: [1, Number.NaN] }), /start\[1\] must be a finite number, got NaN/);
  assert.throws(() => minimize(p, gd(0.1), { steps: 5, lr: 1 } as never), /minimize: unknown option "lr"/);
  assert.throws(() => minimize(p, gd(0.1), { steps: 5, limit: 0 }), /limit must be a finite number > 0, got 0/);
  assert.throws(() => minimize(p, {} as StepOptimizer, { steps: 5 }), /optimizer must have a step\(params, grads\) method/);
  assert.throws(() => minimize(p, gd(0.1), undefined as never), /options with steps are required/);
});

test("sweep: cell (i, j) is factory(x[j], y[i]), finals match minimize, divergence marked", () => {
  const bowl = quadraticBowl({ condition: 10 });
  const xs = [0.1, 0.5, 1.9, 2.5];
  const ys = [0, 0.5];
  const calls: [number, number][] = [];
  const result = sweep(bowl, (lr, beta) => (calls.push([lr, beta]), momentum(lr, beta)), { x: xs, y: ys, steps: 40, xName: "lr", yName: "β" });
  assert.equal(calls.length, 8);
  assert.deepEqual(calls[5], [0.5, 0.5]);
  assert.equal(result.final.length, 8);
  assert.equal(result.divergedAt.length, 8);
  for (let i = 0; i < ys.length; i++) {
    for (let j = 0; j < xs.length; j++) {
      const run = minimize(bowl, momentum(xs[j], ys[i]), { steps: 40 });
      const c = i * xs.length + j;
      assert.equal(result.divergedAt[c], run.diverged ? run.diverged.step : 0, `cell ${i},${j}`);
      if (!run.diverged) assert.equal(result.final[c], run.finalLoss);
    }
  }
  assert.ok(result.divergedAt[3] > 0, "lr 2.5 without momentum diverges");
  assert.ok(allFinite(result.final), "no NaN or Infinity, even for diverged runs");
  assert.ok(result.best !== null);
  const okCells = Array.from(result.final).filter((_, c) => result.divergedAt[c] === 0);
  assert.equal(result.best!.loss, Math.min(...okCells));
  const rows = result.rows();
  assert.equal(rows.length, 2);
  assert.equal(rows[0].length, 4);
  assert.equal(rows[0][3], null);
  assert.equal(rows[1][0], result.final[4]);
  assert.deepEqual([result.xName, result.yName, result.steps], ["lr", "β", 40]);
});

test("sweep: Newton's method gets the Hessian in every run", () => {
  const result = sweep(rosenbrock(), () => newton2(), { x: [1, 2], steps: 8 });
  assert.deepEqual(Array.from(result.divergedAt), [0, 0]);
  assert.ok(result.final.every((v) => v < 1e-12));
});

test("sweep: a 1-D sweep, and errors from the factory name the grid point", () => {
  const bowl = quadraticBowl();
  const one = sweep(bowl, (lr) => gd(lr), { x: [0.1, 1], steps: 10 });
  assert.deepEqual(one.y, [0]);
  assert.equal(one.final.length, 2);
  assert.throws(() => sweep(bowl, () => { throw new Error("lr must be > 0"); }, { x: [0], steps: 1 }), /sweep: factory\(0, 0\) threw: lr must be > 0/);
  assert.throws(() => sweep(bowl, () => ({}) as StepOptimizer, { x: [1], steps: 1 }), /must return an optimizer with step\(\)/);
  assert.throws(() => sweep(bowl, (lr) => gd(lr), { x: [], steps: 1 }), /x must be a non-empty array of numbers/);
  assert.throws(() => sweep(bowl, (lr) => gd(lr), { x: [1, Number.NaN], steps: 1 }), /x\[1\] must be a finite number, got NaN/);
  assert.throws(() => sweep(bowl, (lr) => gd(lr), { x: [1], steps: 0 }), /steps must be an integer ≥ 1, got 0/);
  assert.throws(() => sweep(bowl, (lr) => gd(lr), { x: [1], steps: 1, z: [1] } as never), /sweep: unknown option "z"/);
});

test("sweep: a 50 × 50 grid of 500 Adam steps on Rosenbrock fills every cell and finds a good corner", () => {
  const p = rosenbrock();
  const result = sweep(p, (lr, beta) => adam(lr, beta), { x: logspace(-4, 0, 50), y: linspace(0, 0.99, 50), steps: 500 });
  assert.equal(result.final.length, 2500);
  assert.ok(result.best!.loss < 1e-3);
});

function sgdModelData(): { train: Dataset; test: Dataset } {
  return trainTestSplit(moons({ n: 300, noise: 0.15, seed: 1 }), { test: 0.2, seed: 2 });
}

test("fit: per-epoch histories (entry 0 before training), batch losses, learning", () => {
  const { train, test: held } = sgdModelData();
  const net = mlp({ sizes: [2, 16, 16, 1], activation: "tanh", loss: "binaryCrossEntropy", seed: 1 });
  const epochs: number[] = [];
  const h = fit(net, train, adam(0.01), { epochs: 30, batchSize: 32, test: held, seed: 3, onEpoch: (info) => void epochs.push(info.epoch) });
  assert.equal(h.epochs, 30);
  assert.equal(h.steps, 30 * Math.ceil(240 / 32));
  assert.equal(h.batchLoss.length, h.steps);
  for (const series of [h.trainLoss, h.trainAccuracy!, h.testLoss!, h.testAccuracy!]) assert.equal(series.length, 31);
  assert.deepEqual(h.lr, new Array(30).fill(0.01));
  assert.deepEqual(epochs, Array.from({ length: 30 }, (_, i) => i + 1));
  assert.ok(h.trainLoss[30] < h.trainLoss[0] / 3, `${h.trainLoss[0]} → ${h.trainLoss[30]}`);
  assert.ok(h.testAccuracy![30] > 0.93, `test accuracy ${h.testAccuracy![30]}`);
  assert.equal(h.trainLoss[30], net.evaluate(train).loss);
  assert.equal(h.diverged, null);
  assert.equal(h.stopped, false);
});

test("fit: the same seeds give the same history; another shuffling seed another", () => {
  const { train } = sgdModelData();
  const run = (seed: number) => fit(mlp({ sizes: [2, 8, 1], loss: "binaryCrossEntropy", seed: 4 }), train, adam(0.01), { epochs: 5, seed });
  const a = run(1);
  assert.deepEqual(a, run(1));
  assert.notDeepEqual(a.trainLoss, run(2).trainLoss);
});

test("fit trains on exactly the batches that batches() lists", () => {
  const data = moons({ n: 20 });
  const seen: number[][] = [];
  const spy: TrainableModel = {
    params: new Float64Array(1),
    grads: new Float64Array(1),
    inputSize: 2,
    targetSize: 1,
    lossAndGradient(x) {
      seen.push(Array.from(x));
      return 0;
    },
    evaluate: () => ({ loss: 0, accuracy: undefined }),
  };
  fit(spy, data, gd(0), { epochs: 2, batchSize: 8, seed: 5 });
  const expected = [0, 1].flatMap((epoch) => batches(data, { batchSize: 8, seed: 5, epoch }).map((b) => Array.from(b.x)));
  assert.deepEqual(seen, expected);
});

test("fit: regression has no accuracy; onEpoch returning false stops; schedule.observe sees the monitored loss", () => {
  const data = linearRegression({ n: 64, seed: 1 });
  const net = mlp({ sizes: [1, 1], loss: "mse" });
  const observed: number[] = [];
  const h = fit(net, data, gd(0.1), {
    epochs: 50,
    batchSize: 16,
    schedule: { observe: (m) => observed.push(m) },
    onEpoch: (info) => info.epoch < 4,
  });
  assert.equal(h.epochs, 4);
  assert.equal(h.stopped, true);
  assert.equal(h.trainAccuracy, undefined);
  assert.equal(h.testLoss, undefined);
  assert.equal(h.lr, undefined, "a bare optimizer exposes no learning rate");
  assert.deepEqual(observed, h.trainLoss.slice(1));
  assert.equal(h.trainLoss.length, 5);
});

test("fit: progress: a label shows the display layer's progress bar (outside a notebook only its closing line)", async () => {
  await import("../../src/display/progress"); // the display layer sets the default bar when it loads, as `import "optimlab"` does
  const { train } = sgdModelData();
  const lines: string[] = [];
  const log = console.log;
  console.log = (line: string) => lines.push(line);
  let h;
  try {
    h = fit(mlp({ sizes: [2, 4, 1], loss: "binaryCrossEntropy" }), train, gd(0.1), { epochs: 2, progress: "moons" });
  } finally {
    console.log = log;
  }
  assert.equal(h.epochs, 2);
  assert.deepEqual(lines, [`moons: 2/2 loss ${h.trainLoss[2].toPrecision(4)}`]);
});

test("fit: progress: a function receives every epoch's report and the closing one (fit does not import the display layer)", () => {
  const { train } = sgdModelData();
  const calls: string[] = [];
  const bar = (total: number, label: string) => ({
    update: (done: number, text?: string) => calls.push(`${label} ${done}/${total} ${text}`),
    close: (text?: string) => calls.push(`close ${text}`),
  });
  const h = fit(mlp({ sizes: [2, 4, 1], loss: "binaryCrossEntropy" }), train, gd(0.1), { epochs: 2, progress: bar });
  assert.deepEqual(calls, [
    `epochs 1/2 loss ${h.trainLoss[1].toPrecision(4)}`,
    `epochs 2/2 loss ${h.trainLoss[2].toPrecision(4)}`,
    `close loss ${h.trainLoss[2].toPrecision(4)}`,
  ]);
  assert.throws(() => fit(mlp({ sizes: [2, 4, 1], loss: "binaryCrossEntropy" }), train, gd(0.1), { epochs: 2, progress: 3 as never }), /progress must be true, false, a label or a function/);
});

test("fit: a diverging run stops, restores finite weights, and keeps NaN out of every history", () => {
  const data = linearRegression({ n: 64, seed: 1 });
  const net = mlp({ sizes: [1, 8, 1], activation: "linear", loss: "mse", seed: 1 });
  const h = fit(net, data, gd(5), { epochs: 100, batchSize: 8 });
  assert.ok(h.diverged !== null);
  assert.ok(h.diverged!.epoch <= 100 && h.diverged!.step === h.steps + 1);
  assert.ok(allFinite(net.params));
  assert.ok(allFinite(h.trainLoss) && allFinite(h.batchLoss));
  assert.equal(h.trainLoss.length, h.epochs + 1);
});

test("fit on 004 §4's four points: whether two ReLU units learn depends on the seed", () => {
  const data = points004();
  const accuracy = (seed: number) => {
    const net = mlp({ sizes: [2, 2, 1], activation: "relu", loss: "binaryCrossEntropy", seed });
    return fit(net, data, gd(0.1), { epochs: 100 }).trainAccuracy![100];
  };
  assert.equal(accuracy(8), 1);
  assert.equal(accuracy(0), 0.5);
});

test("fit: bad input names the culprit", () => {
  const { train } = sgdModelData();
  const net = mlp({ sizes: [2, 4, 1], loss: "binaryCrossEntropy" });
  assert.throws(() => fit(net, train, gd(0.1), { epochs: 0 }), /epochs must be an integer ≥ 1, got 0/);
  assert.throws(() => fit(net, train, gd(0.1), { epochs: 1, batchSize: 0 }), /batchSize must be an integer ≥ 1, got 0/);
  assert.throws(() => fit(net, train, gd(0.1), { epochs: 1, batchSize: -2 }), /batchSize must be an integer ≥ 1, got -2/);
  assert.throws(() => fit(net, train, gd(0.1), { epochs: 1, lr: 3 } as never), /fit: unknown option "lr"/);
  assert.throws(() => fit(net, points004(), gd(0.1), { epochs: 1, test: linearRegression({ n: 4 }) }), /test has d = 1 features but the model takes 2 inputs/);
  assert.throws(() => fit(mlp({ sizes: [3, 1], loss: "mse" }), train, gd(0.1), { epochs: 1 }), /data has d = 2 features but the model takes 3 inputs/);
  assert.throws(() => fit(net, { ...train, n: 0 }, gd(0.1), { epochs: 1 }), /data is empty \(n = 0\)/);
  assert.throws(() => fit(net, train, gd(0.1), { epochs: 1, schedule: {} as never }), /schedule must have an observe\(metric\) method/);
  assert.throws(() => fit(net, train, {} as StepOptimizer, { epochs: 1 }), /optimizer must have a step/);
});

test("fit: onStep sees every update in order (step, epoch, batch loss, batch size, params after the step), matching a hand-written mini-batch loop", () => {
  const data = linearRegression({ n: 50, noise: 0.5, seed: 2 });
  const net = mlp({ sizes: [1, 1], loss: "mse" });
  net.params.fill(0);
  const seen: { step: number; epoch: number; loss: number; batchSize: number; params: number[] }[] = [];
  const h = fit(net, data, gd(0.1), { epochs: 2, batchSize: 16, seed: 4, onStep: (s) => void seen.push({ ...s, params: Array.from(s.params) }) });
  assert.equal(seen.length, h.steps);
  assert.equal(h.steps, 2 * Math.ceil(50 / 16));
  assert.deepEqual(seen.map((s) => s.step), seen.map((_, i) => i + 1));
  assert.deepEqual(seen.map((s) => s.epoch), [1, 1, 1, 1, 2, 2, 2, 2]);
  assert.deepEqual(seen.map((s) => s.batchSize), [16, 16, 16, 2, 16, 16, 16, 2]);
  assert.deepEqual(seen.map((s) => s.loss), Array.from(h.batchLoss));
  // Reference: gradient descent on mean (w x + b − y)² over the same batches, written out by hand.
  let w = 0, b = 0;
  const expected: number[][] = [];
  for (let epoch = 0; epoch < 2; epoch++) {
    for (const batch of batches(data, { batchSize: 16, seed: 4, epoch })) {
      let gw = 0, gb = 0;
      for (let i = 0; i < batch.n; i++) {
        const r = w * batch.x[i] + b - batch.y[i];
        gw += (2 * r * batch.x[i]) / batch.n;
        gb += (2 * r) / batch.n;
      }
      w -= 0.1 * gw; b -= 0.1 * gb;
      expected.push([w, b]);
    }
  }
  seen.forEach((s, i) => {
    assert.ok(Math.abs(s.params[0] - expected[i][0]) < 1e-12 && Math.abs(s.params[1] - expected[i][1]) < 1e-12, `step ${i + 1}: ${s.params} vs ${expected[i]}`);
  });
});

test("fit: without onStep the run is the same; onStep returning false stops after that update; a throwing onStep is reported, not thrown; a non-function onStep is named", () => {
  const data = linearRegression({ n: 40, seed: 1 });
  const run = (onStep?: (s: { step: number }) => void | boolean) => {
    const net = mlp({ sizes: [1, 1], loss: "mse", seed: 3 });
    return { net, h: fit(net, data, gd(0.05), { epochs: 3, batchSize: 8, seed: 1, onStep }) };
  };
  const plain = run();
  const watched = run(() => undefined);
  assert.deepEqual(Array.from(watched.net.params), Array.from(plain.net.params));
  assert.deepEqual(watched.h.trainLoss, plain.h.trainLoss);
  assert.deepEqual(Array.from(watched.h.batchLoss), Array.from(plain.h.batchLoss));

  const stopped = run((s) => s.step < 7);
  assert.equal(stopped.h.stopped, true);
  assert.equal(stopped.h.steps, 7);
  assert.equal(stopped.h.batchLoss.length, 7);
  assert.equal(stopped.h.epochs, 1, "epoch 1 (5 updates) completed, epoch 2 stopped after its second update");

  const thrown = run((s) => { if (s.step === 3) throw new Error("boom"); });
  assert.equal(thrown.h.failed?.step, 3);
  assert.match(thrown.h.failed!.reason, /onStep threw: boom/);
  assert.equal(thrown.h.steps, 3);

  const net = mlp({ sizes: [1, 1], loss: "mse" });
  assert.throws(() => fit(net, data, gd(0.1), { epochs: 1, onStep: 5 as never }), /onStep must be a function, got 5/);
});
