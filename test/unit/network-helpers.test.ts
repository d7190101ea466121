// The small helpers lessons 09–13 import instead of carrying their bookkeeping in a cell:
// networkProblem, gradientAgreement, epochMeans (training) and panelGrid, perLayerFigure (display).
import { test } from "node:test";
import assert from "node:assert/strict";
import { moons } from "../../src/data";
import { mlp } from "../../src/networks";
import { epochMeans, fit, gradientAgreement, minimize, networkProblem, type StepOptimizer } from "../../src/training";
import { panelGrid, perLayerFigure } from "../../src/display";

const gd = (lr: number): StepOptimizer => ({ step: (p, g) => { for (let i = 0; i < p.length; i++) p[i] -= lr * g[i]; } });

test("networkProblem: value and gradient at θ are the network's loss and gradient with its weights set to θ", () => {
  const data = moons({ n: 40, noise: 0.1, seed: 2 });
  const net = mlp({ sizes: [2, 5, 1], activation: "tanh", loss: "binaryCrossEntropy", seed: 1 });
  const reference = net.clone();
  const problem = networkProblem("moons", net, data);
  assert.equal(problem.dim, net.params.length);
  const theta = Float64Array.from(problem.start, (v, i) => v + 0.01 * Math.sin(i));
  reference.params.set(theta);
  const loss = reference.lossAndGradient(data.x, data.y);
  assert.equal(problem.value(theta), loss);
  assert.deepEqual(Array.from(problem.gradient(theta, new Float64Array(problem.dim))), Array.from(reference.grads));
  // A training loop on the problem is full-batch gradient descent on the network.
  const run = minimize(problem, gd(0.5), { steps: 20 });
  const direct = mlp({ sizes: [2, 5, 1], activation: "tanh", loss: "binaryCrossEntropy", seed: 1 });
  for (let t = 0; t < 20; t++) { direct.lossAndGradient(data.x, data.y); gd(0.5).step(direct.params, direct.grads); }
  assert.deepEqual(Array.from(run.final), Array.from(direct.params));
  assert.throws(() => problem.value([1, 2]), /2 coordinates, the network 21 parameters/);
});

test("gradientAgreement: 0 and cosine 1 for equal vectors, 1 and cosine −1 for opposite ones, blocks by index", () => {
  assert.deepEqual(gradientAgreement([1, 2, 3], [1, 2, 3]), { relative: 0, cosine: 1 });
  assert.deepEqual(gradientAgreement([1, -2], [-1, 2]), { relative: 1, cosine: -1 });
  const r = gradientAgreement([3, 0, 9, 9], [4, 0, 9, 9], 0, 2);
  assert.ok(Math.abs(r.relative - 1 / 7) < 1e-15 && r.cosine === 1);
  assert.throws(() => gradientAgreement([1], [1, 2]), /g has 1 entries, the reference 2/);
  assert.throws(() => gradientAgreement([1, 2], [1, 2], 1, 1), /not a non-empty range/);
});

test("epochMeans: Keras's epoch loss, batch losses weighted by batch size, from fit's per-batch record", () => {
  assert.deepEqual(epochMeans([1, 4, 2, 2], 5, 4, 2), [(1 * 4 + 4 * 1) / 5, 2]);
  const data = moons({ n: 50, noise: 0.1, seed: 0 });
  const net = mlp({ sizes: [2, 4, 1], activation: "tanh", loss: "binaryCrossEntropy", seed: 0 });
  const history = fit(net, data, gd(0.1), { epochs: 3, batchSize: 16, shuffle: false });
  const means = epochMeans(history.batchLoss, data.n, 16, 3);
  assert.equal(means.length, 3);
  const first = (16 * (history.batchLoss[0] + history.batchLoss[1] + history.batchLoss[2]) + 2 * history.batchLoss[3]) / 50;
  assert.ok(Math.abs(means[0] - first) < 1e-15);
  assert.throws(() => epochMeans(history.batchLoss, 50, 16, 4), /need 16 batch losses, got 12/);
  assert.throws(() => epochMeans([1], 0, 1, 1), /n must be a positive integer/);
});

test("panelGrid: two columns, one axis pair per panel, each series in the legend once", () => {
  const trace = (name: string) => ({ type: "scatter", name, x: [1, 2], y: [3, 4] });
  const figure = panelGrid("grid", [1, 2, 3].map((i) => ({ title: `p${i}`, xTitle: "x", yTitle: "y", yLog: i === 2, traces: [trace("a"), trace("b")] })));
  assert.equal(figure.data.length, 6);
  assert.deepEqual(figure.data.map((t) => [t.xaxis, t.showlegend, t.legendgroup]), [
    ["x", true, "a"], ["x", true, "b"], ["x2", false, "a"], ["x2", false, "b"], ["x3", false, "a"], ["x3", false, "b"],
  ]);
  const layout = figure.layout as Record<string, { domain: number[]; type: string }>;
  assert.equal(layout.yaxis2.type, "log");
  assert.deepEqual(layout.xaxis.domain, [0, 0.45]);
  assert.deepEqual(layout.xaxis2.domain, [0.55, 1]);
  assert.ok(layout.yaxis.domain[0] > layout.yaxis3.domain[1], "the first row sits above the second");
  assert.throws(() => panelGrid("empty", []), /at least one panel/);
});

test("perLayerFigure: one line per series over layers 1, 2, …, on a log axis", () => {
  const figure = perLayerFigure("t", { a: [1, 0.1, 0.01], b: Float64Array.of(2, 2) }, "norm");
  assert.deepEqual(figure.data.map((t) => t.x), [[1, 2, 3], [1, 2]]);
  assert.equal((figure.layout!.yaxis as { type: string }).type, "log");
  assert.throws(() => perLayerFigure("t", {}, "y"), /at least one series/);
});

test("plot shows a live figure (its description rides along for the site) and rejects a broken description", async () => {
  const { plot, liveOptimizers } = await import("../../src/display");
  const printed: unknown[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => { printed.push(...args); };
  try {
    plot(liveOptimizers({ problem: "rosenbrock", optimizers: ["SGD", "Adam"], eta: 1e-3, steps: 50, title: "two optimizers" }));
  } finally {
    console.log = log;
  }
  assert.deepEqual(printed, ["<plot: two optimizers>"]);
  assert.throws(() => plot({ data: [], live: { title: 3 } } as never), /title must be a string/);
});
