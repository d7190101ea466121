/**
 * Issue 17: no bad number enters a run, and a failure keeps what ran. Each block is one item of the
 * issue: a step whose result would overflow is rejected atomically on the JavaScript loop, the
 * WebAssembly kernel and the worker thread; non-finite parameters are rejected; a chain's step is
 * atomic; minimize, fit and sweep keep the updates before a failure; metrics, the network, the data
 * and the display layer reject junk by name.
 */
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import {
  adadelta,
  adagrad,
  adam,
  adamax,
  adamw,
  batches,
  chain,
  decoupledWeightDecay,
  defineProblem,
  emaMomentum,
  fit,
  heavyBall,
  lossCurves,
  minimize,
  mlp,
  nadam,
  yogi,
  nesterov,
  newton,
  plot,
  reduceOnPlateau,
  rmsprop,
  rng,
  sgd,
  statelessTransform,
  sweep,
  table,
  xor,
} from "../../src";
import { KERNEL_MIN_LENGTH, setChunkLength, setParallelMinLength } from "../../src/kernels/arena";

interface Stepper {
  readonly name: string;
  readonly state: object;
  step(params: Float64Array, grads: Float64Array, ...extra: Float64Array[]): void;
}

/** Everything a step could change: the parameters, every state array and every state number. */
function snapshot(opt: Stepper, params: Float64Array): Map<string, unknown> {
  const out = new Map<string, unknown>([["params", params.slice()]]);
  for (const [key, value] of Object.entries(opt.state)) out.set(key, value instanceof Float64Array ? value.slice() : value);
  return out;
}

function assertSame(before: Map<string, unknown>, after: Map<string, unknown>, what: string): void {
  for (const [key, value] of before) {
    const now = after.get(key);
    if (value instanceof Float64Array) {
      assert.ok(now instanceof Float64Array && now.length === value.length, `${what}: ${key} changed length`);
      for (let i = 0; i < value.length; i++) {
        if (!Object.is(value[i], (now as Float64Array)[i])) assert.fail(`${what}: ${key}[${i}] changed from ${value[i]} to ${(now as Float64Array)[i]}`);
      }
    } else {
      assert.ok(Object.is(value, now), `${what}: ${key} changed from ${String(value)} to ${String(now)}`);
    }
  }
}

/** Steps once with a good gradient, then tries `bad`: it must throw naming `pattern` and change nothing. */
function rejectsAtomically(make: () => Stepper, n: number, coordinate: number, bad: number, pattern: RegExp): void {
  const opt = make();
  const params = Float64Array.from({ length: n }, (_, i) => 1 + i / n);
  opt.step(params, new Float64Array(n).fill(0.5));
  const before = snapshot(opt, params);
  const grads = new Float64Array(n).fill(0.5);
  grads[coordinate] = bad;
  assert.throws(() => opt.step(params, grads), (error: Error) => {
    assert.match(error.message, pattern);
    assert.match(error.message, new RegExp(`\\[${coordinate}\\]`), `the message names coordinate ${coordinate}: ${error.message}`);
    return true;
  });
  assertSame(before, snapshot(opt, params), `${opt.name}, n = ${n}`);
  // And the optimizer goes on exactly as a twin that never saw the bad step.
  const twin = make();
  const twinParams = Float64Array.from({ length: n }, (_, i) => 1 + i / n);
  twin.step(twinParams, new Float64Array(n).fill(0.5));
  const good = new Float64Array(n).fill(-0.25);
  opt.step(params, good);
  twin.step(twinParams, good);
  assertSame(snapshot(twin, twinParams), snapshot(opt, params), `${opt.name} after the rejected step`);
}

/** The three paths: the JavaScript loop (below the kernel threshold), the kernel, and the kernel on two threads. */
const PATHS: [string, number][] = [
  ["the JavaScript loop", 3],
  ["the WebAssembly kernel", KERNEL_MIN_LENGTH + 5],
  ["the worker thread", 8 * 64 + 3],
];

describe("issue 17, item 1: a step whose result would not be finite is rejected atomically", () => {
  let previous: { chunk: number; parallel: number };
  beforeEach(() => {
    // Short chunks and a low threshold put the 515-parameter case on the pipelined two-thread path.
    previous = { chunk: setChunkLength(64), parallel: setParallelMinLength(8 * 64) };
  });
  afterEach(() => {
    setChunkLength(previous.chunk);
    setParallelMinLength(previous.parallel);
  });

  const overflowing: [string, () => Stepper, number][] = [
    ["adam, g = 1e200 (v overflows)", () => adam(), 1e200],
    ["adam, amsgrad", () => adam({ amsgrad: true }), 1e200],
    ["adamw", () => adamw({ lr: 0.01 }), 1e200],
    ["adagrad, g = 1e160", () => adagrad(), 1e160],
    ["rmsprop, centered, g = 1e160", () => rmsprop({ centered: true }), 1e160],
    ["rmsprop, momentum", () => rmsprop({ momentum: 0.9 }), 1e160],
    ["adadelta", () => adadelta(), 1e160],
    ["nadam", () => nadam(), 1e200],
    ["yogi", () => yogi(), 1e200],
    ["adamax, lr 1e10", () => adamax({ lr: 1e10, eps: 1e-300 }), 1e300],
    ["sgd, lr 1e10, g = 1e300", () => sgd({ lr: 1e10 }), 1e300],
    ["sgd, momentum", () => sgd({ lr: 1e10, momentum: 0.9 }), 1e300],
    ["sgd, weight decay", () => sgd({ lr: 1e10, weightDecay: 0.1 }), 1e300],
  ];
  for (const [pathName, n] of PATHS) {
    for (const [label, make, bad] of overflowing) {
      it(`${label}, on ${pathName}`, () => rejectsAtomically(make, n, n - 2, bad, /would make .*(Infinity|NaN)/));
    }
  }

  it("the momentum methods without kernels too", () => {
    for (const make of [() => emaMomentum({ lr: 1e10 }), () => heavyBall({ lr: 1e10 }), () => nesterov({ lr: 1e10 })]) {
      rejectsAtomically(make, 4, 1, 1e300, /would make params\[1\] -?Infinity/);
    }
  });

  it("Newton's method with a near-singular Hessian", () => {
    const opt = newton();
    const params = Float64Array.of(1, 1);
    const before = snapshot(opt, params);
    assert.throws(
      () => opt.step(params, Float64Array.of(1, 1e300), Float64Array.of(1, 0, 0, 1e-12)),
      /newton: step 1 would make params\[\d\] (NaN|-?Infinity)/,
    );
    assertSame(before, snapshot(opt, params), "newton");
    opt.step(params, Float64Array.of(1, 1), Float64Array.of(1, 0, 0, 1));
    assert.deepEqual(Array.from(params), [0, 0]);
  });

  it("a step with ε = 0 that would divide 0 by 0", () => {
    const opt = adam({ eps: 0 });
    const params = Float64Array.of(1, 2, 3);
    assert.throws(() => opt.step(params, Float64Array.of(1, 0, 1)), /adam: step 1 would make params\[1\] NaN/);
    assert.deepEqual(Array.from(params), [1, 2, 3]);
    assert.equal(opt.state.t, 0);
  });

  it("a rejected first step leaves the optimizer fresh (the state unallocated)", () => {
    const opt = adam();
    assert.throws(() => opt.step(Float64Array.of(1, 2), Float64Array.of(1, 1e200)), /v\[1\] Infinity/);
    assert.equal(opt.state.t, 0);
    assert.equal(opt.state.m.length, 0);
    opt.step(Float64Array.of(1, 2, 3), Float64Array.of(1, 1, 1)); // a new size is still welcome
    assert.equal(opt.state.t, 1);
  });

  it("steps that stay finite are not affected: large but safe gradients go through", () => {
    const opt = adam();
    const params = Float64Array.of(1, 2);
    opt.step(params, Float64Array.of(1e150, -1e150));
    assert.ok(params.every(Number.isFinite));
    assert.equal(opt.state.t, 1);
  });
});

describe("issue 17, item 2: non-finite parameters are rejected by name", () => {
  for (const [pathName, n] of PATHS) {
    it(`on ${pathName}`, () => {
      const previous = { chunk: setChunkLength(64), parallel: setParallelMinLength(8 * 64) };
      try {
        for (const bad of [Infinity, NaN, -Infinity]) {
          const opt = sgd({ lr: 0.1, momentum: 0.9 });
          const params = new Float64Array(n).fill(1);
          opt.step(params, new Float64Array(n).fill(1));
          params[n - 1] = bad;
          const before = snapshot(opt, params);
          assert.throws(() => opt.step(params, new Float64Array(n).fill(1)), new RegExp(`sgd: params\\[${n - 1}\\] is ${bad}`));
          assertSame(before, snapshot(opt, params), `params[${n - 1}] = ${bad}`);
        }
      } finally {
        setChunkLength(previous.chunk);
        setParallelMinLength(previous.parallel);
      }
    });
  }
});

describe("issue 17, item 3: a chain's step is atomic as a whole", () => {
  it("a throwing transform after decoupled decay leaves params, state and t as they were", () => {
    let calls = 0;
    const flaky = statelessTransform("flaky", () => {
      if (++calls === 2) throw new Error("flaky: the second call fails");
    });
    const opt = chain(decoupledWeightDecay(0.5), flaky, adam({ lr: 0.1 }));
    const params = Float64Array.of(1, 2);
    opt.step(params, Float64Array.of(1, 1));
    const before = snapshot(opt, params);
    assert.throws(() => opt.step(params, Float64Array.of(1, 1)), /flaky: the second call fails/);
    assertSame(before, snapshot(opt, params), "chain");
    assert.equal(opt.state.t, 1);
  });

  it("a transform that makes the gradient non-finite is rejected, naming the coordinate", () => {
    const opt = chain(statelessTransform("blowUp", (g) => void (g[1] = g[1] * 1e308 * 10)), sgd({ lr: 0.1 }));
    const params = Float64Array.of(1, 2);
    assert.throws(() => opt.step(params, Float64Array.of(1, 1)), /sgd: step 1 would make params\[1\] -Infinity/);
    assert.deepEqual(Array.from(params), [1, 2]);
  });
});

describe("issue 17, item 4: a late failure keeps the run", () => {
  const quartic = () => defineProblem({ name: "x⁴ + y²", expression: "x^4 + y^2", start: [1, 1], minima: [[0, 0]] });

  it("minimize with Newton keeps the steps before the singular Hessian and says why it stopped", () => {
    const run = minimize(quartic(), newton(), { steps: 50 });
    assert.ok(run.failed, "the run reports its failure");
    assert.ok(run.steps > 10 && run.steps < 50, `${run.steps} steps kept`);
    assert.equal(run.failed.step, run.steps + 1);
    assert.match(run.failed.reason, /singular/);
    assert.equal(run.losses.length, run.steps + 1);
    assert.equal(run.trajectory.length, 2 * (run.steps + 1));
    assert.equal(run.diverged, null);
    assert.ok(run.finalLoss < 1e-6);
  });

  it("minimize with an optimizer that throws mid-run", () => {
    let k = 0;
    const flaky = { step: (x: Float64Array, g: Float64Array) => {
      if (++k === 5) throw new Error("flaky optimizer");
      for (let i = 0; i < x.length; i++) x[i] -= 0.1 * g[i];
    } };
    const run = minimize(quartic(), flaky, { steps: 20 });
    assert.equal(run.steps, 4);
    assert.deepEqual(run.failed && [run.failed.step, run.failed.reason], [5, "flaky optimizer"]);
    // A failure at the very first update is a broken setup: thrown, not kept.
    assert.throws(() => minimize(quartic(), { step: () => { throw new Error("broken"); } }, { steps: 3 }), /broken/);
  });

  it("a step the optimizer refuses because it would overflow counts as divergence, even at update 1", () => {
    const run = minimize(quartic(), sgd({ lr: 1e306 }), { steps: 5, limit: 1e300 });
    assert.deepEqual(run.diverged, { step: 1 });
    assert.equal(run.failed, null);
    assert.equal(run.steps, 0);
    assert.deepEqual(run.point(0), [1, 1]);
  });

  it("fit keeps the epochs and updates before an optimizer that throws, with the parameters before it", () => {
    const data = xor({ n: 64, seed: 1 });
    const net = mlp({ sizes: [2, 4, 1], loss: "binaryCrossEntropy", seed: 1 });
    const inner = adam({ lr: 0.01 });
    let k = 0;
    let kept = new Float64Array(0);
    const flaky = { step: (p: Float64Array, g: Float64Array) => {
      if (++k === 7) {
        kept = p.slice();
        throw new Error("flaky optimizer");
      }
      inner.step(p, g);
    } };
    const history = fit(net, data, flaky, { epochs: 5, batchSize: 16 });
    assert.ok(history.failed);
    assert.deepEqual([history.failed.step, history.failed.epoch, history.failed.reason], [7, 2, "flaky optimizer"]);
    assert.equal(history.steps, 6);
    assert.equal(history.epochs, 1);
    assert.equal(history.batchLoss.length, 6);
    assert.equal(history.trainLoss.length, 2);
    assert.deepEqual(Array.from(net.params), Array.from(kept));
  });

  it("sweep keeps the other cells and says why a cell stopped", () => {
    const result = sweep(quartic(), (damping) => newton({ damping }), { x: [0, 1], steps: 60 });
    assert.ok(result.divergedAt[0] > 1, "damping 0 stops at the singular Hessian");
    assert.match(result.failures[0] ?? "", /x = 0, y = 0: update \d+ threw: .*singular/);
    assert.equal(result.divergedAt[1], 0);
    assert.equal(result.failures[1], null);
    assert.equal(result.best?.x, 1);
  });
});

describe("issue 17, item 5: metrics", () => {
  it("reduceOnPlateau rejects NaN and ±Infinity", () => {
    const s = reduceOnPlateau({ lr: 0.1, patience: 0 });
    for (const bad of [NaN, -Infinity, Infinity]) assert.throws(() => s.observe(bad), /reduceOnPlateau: metric must be finite/);
    assert.equal(s.best, Infinity);
    assert.equal(s.observe(1), 0.1);
  });
});

describe("issue 17, item 7: the network and the data", () => {
  const net = () => mlp({ sizes: [2, 3, 1], activation: "relu", loss: "binaryCrossEntropy", seed: 1 });
  it("the network rejects non-finite inputs and targets outside the loss's range", () => {
    assert.throws(() => net().forward([[NaN, 1]]), /mlp: x\[0\] is NaN/);
    assert.throws(() => net().lossAndGradient([[1, 2]], [Infinity]), /mlp: y\[0\] is Infinity/);
    assert.throws(() => net().lossAndGradient([[1, 2], [3, 4]], [2, -1]), /mlp: y\[0\] = 2 is not a probability/);
    assert.throws(() => mlp({ sizes: [2, 1], loss: "mse" }).loss([[1, 1]], [NaN]), /mlp: y\[0\] is NaN/);
    assert.throws(() => (mlp as unknown as () => unknown)(), /mlp: options with sizes and loss are required, got undefined/);
  });
  it("the data layer rejects junk arguments by name", () => {
    const data = xor({ n: 8, seed: 1 });
    assert.throws(() => batches(data, { batchSize: 2, shuffle: "no" as unknown as boolean }), /shuffle must be true or false, got "no"/);
    assert.throws(() => fit(net(), data, sgd({ lr: 0.1 }), { epochs: 1, shuffle: "no" as unknown as boolean }), /shuffle must be true or false/);
    assert.throws(() => batches(undefined as never, { batchSize: 2 }), /batches: data must be a Dataset/);
    assert.throws(() => batches(data, undefined as never), /batches: options with batchSize are required/);
    const r = rng(1);
    assert.throws(() => r.normal("a" as unknown as number), /rng.normal: mean must be a finite number, got "a"/);
    assert.throws(() => r.uniform(5, 1), /rng.uniform: low must be ≤ high/);
    assert.throws(() => r.normal(0, -1), /rng.normal: std must be ≥ 0/);
    assert.throws(() => r.shuffle("abc" as never), /rng.shuffle: array must be an array or a typed array, got "abc"/);
  });
});

describe("issue 17, item 8: the display layer", () => {
  it("plot and table reject junk, naming the argument", () => {
    assert.throws(() => plot(undefined as never), /plot: figure must be a plotly figure/);
    assert.throws(() => plot({ data: "junk" } as never), /plot: figure.data must be an array of traces, got "junk"/);
    assert.throws(() => plot({ data: [], layuot: {} } as never), /plot: unknown figure field "layuot"/);
    assert.throws(() => table([{ a: 1.5 }], { digits: -1 }), /table: digits must be an integer from 1 to 17, got -1/);
    assert.throws(() => table([{ a: 1.5 }], { digit: 2 } as never), /table: unknown option "digit"/);
    assert.throws(() => table([1, 2] as never), /table: rows\[0\] must be an object/);
  });
  it("a loss curve with NaN says so in its legend", () => {
    const figure = lossCurves({ run: [3, 2, NaN, NaN] }, { log: false });
    assert.match(String(figure.data[0].name), /run \(2 losses not finite, from index 2: not drawn\)/);
    assert.throws(() => lossCurves({ run: [1] }, { log: "yes" as never }), /log must be true or false/);
  });
});
