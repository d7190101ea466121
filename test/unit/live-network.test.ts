/**
 * The live figures of lessons 09, 11, 12 and 14 in Node: stale gradients (`withStaleGradients`, the
 * `staleness` run option), `fitEpochs` (fit one epoch at a time), `initializationProfile`, and the
 * network figures, whose last frame must be what the lessons' own code computes; bad descriptions get
 * errors that name the culprit.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  adam, fit, fitEpochs, initializationProfile, liveInitScale, liveMoonsNetwork, liveRegularization, liveStaleGradients, minimize, mlp, moons,
  quadraticBowl, sgd, trainTestSplit, withStaleGradients, type MinimizeResult, type StepOptimizer,
} from "../../src";
import { checkLiveSpec, checkNetworkSpec, liveSession, networkSession, type LiveNetworkSpec, type LiveSpec } from "../../src/display/live";

const same = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

/** Lesson 14's stale-gradient SGD, written out: the gradient at step t is taken at the weights of step t − τ. */
function lessonStaleRun(tau: number, lr: number, steps: number): MinimizeResult {
  const bowl = quadraticBowl({ condition: 10, angle: Math.PI / 6 });
  const history: Float64Array[] = [];
  const g = new Float64Array(2);
  const stale: StepOptimizer = {
    step(params: Float64Array) {
      history.push(Float64Array.from(params));
      bowl.gradient(history[Math.max(0, history.length - 1 - tau)], g);
      for (let i = 0; i < params.length; i++) params[i] -= lr * g[i];
      if (history.length > tau + 1) history.shift();
    },
  } as StepOptimizer;
  return minimize(bowl, stale, { steps });
}

describe("stale gradients", () => {
  it("withStaleGradients with SGD is lesson 14's x_{t+1} = x_t − η∇f(x_{t−τ}), bit for bit; τ = 0 is plain SGD", () => {
    const bowl = quadraticBowl({ condition: 10, angle: Math.PI / 6 });
    for (const tau of [0, 1, 2, 5, 16]) {
      const want = lessonStaleRun(tau, 0.15, 200);
      const got = minimize(withStaleGradients(bowl, { staleness: tau }), sgd({ lr: 0.15 }), { steps: 200 });
      assert.ok(same(got.trajectory, want.trajectory) && same(got.losses, want.losses), `τ = ${tau}`);
    }
    assert.ok(same(minimize(withStaleGradients(bowl, { staleness: 0 }), sgd({ lr: 0.15 }), { steps: 50 }).trajectory, minimize(bowl, sgd({ lr: 0.15 }), { steps: 50 }).trajectory));
  });

  it("liveStaleGradients draws, at each τ, the run the lesson computes", () => {
    const session = liveSession(liveStaleGradients().live);
    for (const tau of [0, 3, 8, 16]) {
      const [stale, fresh] = session.update({ tau, eta: 0.15 }).result.runs;
      const want = lessonStaleRun(tau, 0.15, 120);
      assert.ok(same(stale.trajectory, want.trajectory) && same(stale.losses, want.losses), `τ = ${tau}`);
      assert.ok(same(fresh.trajectory, lessonStaleRun(0, 0.15, 120).trajectory));
    }
  });

  it("bad staleness gets a clear error", () => {
    const bowl = quadraticBowl({ condition: 10 });
    assert.throws(() => withStaleGradients(bowl, { staleness: -1 }), /staleness/);
    assert.throws(() => withStaleGradients(bowl, { staleness: 1.5 }), /staleness/);
    assert.throws(() => withStaleGradients(bowl, { staleness: 2, delay: 1 } as never), /delay/);
    assert.throws(() => withStaleGradients(null as never, { staleness: 2 }), /expected a problem/);
    const spec = liveStaleGradients().live;
    assert.throws(() => checkLiveSpec({ ...spec, runs: [{ ...spec.runs[0], staleness: { knob: "lag" } }] }), /runs\[0\]\.staleness.*names no knob/);
    const ls: LiveSpec = { title: "t", problem: { leastSquares: { n: 64, noise: 0.5, seed: 0 } }, runs: [{ name: "s", optimizer: "sgd", options: { lr: 0.1 }, staleness: 2 }], steps: 10, knobs: [], panels: ["loss"] };
    assert.throws(() => checkLiveSpec(ls), /staleness needs a deterministic problem/);
    const session = liveSession({ ...spec, knobs: spec.knobs.map((k) => (k.name === "tau" ? { ...k, values: undefined } : k)) });
    assert.throws(() => session.update({ tau: 2.5 }), /staleness τ must be a whole number of steps, got 2\.5/);
  });
});

describe("fitEpochs and initializationProfile", () => {
  it("fitEpochs yields after each epoch and, drained, is fit bit for bit", () => {
    const data = moons({ n: 120, noise: 0.2, seed: 4 });
    const make = () => mlp({ sizes: [2, 8, 1], loss: "binaryCrossEntropy", activation: "relu", seed: 2 });
    const a = make();
    const want = fit(a, data, adam({ lr: 0.02 }), { epochs: 7, batchSize: 16, seed: 3 });
    const b = make();
    const run = fitEpochs(b, data, adam({ lr: 0.02 }), { epochs: 7, batchSize: 16, seed: 3 });
    const seen: number[] = [];
    let r = run.next();
    for (; !r.done; r = run.next()) seen.push(r.value.epochs);
    assert.deepEqual(seen, [1, 2, 3, 4, 5, 6]);
    assert.ok(same(r.value.trainLoss, want.trainLoss) && same(r.value.batchLoss, want.batchLoss) && same(b.params, a.params));
    assert.throws(() => fitEpochs(make(), data, adam({ lr: 0.02 }), { epochs: 0 }).next(), /epochs/);
  });

  it("initializationProfile is lesson 12's geometric-mean profile, bit for bit", () => {
    const data = moons({ n: 200, noise: 0.1, seed: 0 });
    const net = (seed: number) => mlp({ sizes: [2, 32, 32, 32, 32, 1], loss: "binaryCrossEntropy", activation: "relu", init: "normal", initScale: 0.25, seed });
    // Lesson 12's `profile`, as the lesson writes it.
    const std = (v: Float64Array) => { let m = 0; for (const x of v) m += x / v.length; let s = 0; for (const x of v) s += (x - m) ** 2; return Math.sqrt(s / v.length); };
    const logGrad = new Array<number>(5).fill(0);
    const logStd = new Array<number>(5).fill(0);
    for (let seed = 0; seed < 3; seed++) {
      const n = net(seed);
      n.lossAndGradient(data, undefined, false);
      n.gradientNorms().forEach((g, l) => (logGrad[l] += Math.log(g) / 3));
      n.layerOutputs().z.forEach((z, l) => (logStd[l] += Math.log(std(z)) / 3));
    }
    const got = initializationProfile(net, data, 3);
    assert.ok(same(got.grad, logGrad.map(Math.exp)) && same(got.zStd, logStd.map(Math.exp)));
    assert.throws(() => initializationProfile(net, data, 0), /seeds/);
    assert.throws(() => initializationProfile((() => 3) as never, data, 1), /not a network/);
  });
});

describe("network figures", () => {
  it("liveMoonsNetwork ends where lesson 09's fit ends (same weights, losses, accuracy)", () => {
    const { train, test } = trainTestSplit(moons({ n: 300, noise: 0.2, seed: 0 }), { test: 0.3, seed: 0 });
    const net = mlp({ sizes: [2, 16, 16, 1], activation: "relu", loss: "binaryCrossEntropy", seed: 0 });
    const want = fit(net, train, adam({ lr: 0.01 }), { epochs: 200, batchSize: 32, seed: 0, test });
    const session = networkSession(liveMoonsNetwork().live);
    const first = session.update().state;
    assert.equal(first.epoch, 1);
    let frames = 0;
    while (!session.state.done) {
      session.advance({ epochs: 17 });
      frames++;
    }
    assert.equal(frames, Math.ceil(199 / 17));
    assert.ok(same(session.state.net!.params, net.params));
    assert.ok(same(session.state.history!.testLoss!, want.testLoss!) && same(session.state.history!.testAccuracy!, want.testAccuracy!));
    assert.ok(want.testAccuracy![200] >= 0.95, "lesson 09's assertion holds");
  });

  it("liveRegularization at λ and at p is lesson 11's bigNet trained by train30; λ = 0 and p = 0 are the unregularized run", () => {
    const train = moons({ n: 30, noise: 0.35, seed: 1 });
    const validation = moons({ n: 200, noise: 0.35, seed: 2 });
    const lesson = (options: { l2?: number; dropout?: number }) => {
      const net = mlp({ sizes: [2, 32, 32, 1], loss: "binaryCrossEntropy", activation: "relu", init: "he", seed: 0, ...options });
      return fit(net, train, adam({ lr: 0.01 }), { epochs: 200, batchSize: 10, test: validation });
    };
    const l2 = networkSession(liveRegularization({ regularizer: "l2" }).live);
    const dropout = networkSession(liveRegularization({ regularizer: "dropout" }).live);
    const end = (s: typeof l2, values: Record<string, number>) => (s.update(values), s.advance({ epochs: Infinity }).state.history!);
    assert.ok(same(end(l2, { lambda: 3e-3 }).testLoss!, lesson({ l2: 3e-3 }).testLoss!));
    assert.ok(same(end(dropout, { p: 0.3 }).testLoss!, lesson({ dropout: 0.3 }).testLoss!));
    const plain = lesson({}).testLoss!;
    assert.ok(same(end(l2, { lambda: 0 }).testLoss!, plain) && same(end(dropout, { p: 0 }).testLoss!, plain));
  });

  it("liveInitScale recomputes lesson 12's profile at each s; the figure has one panel per layer profile", () => {
    const fig = liveInitScale();
    const session = networkSession(fig.live);
    const data = moons({ n: 200, noise: 0.1, seed: 0 });
    for (const s of [0.01, 0.25, 1]) {
      const { state, figure } = session.update({ s });
      const want = initializationProfile((seed) => mlp({ sizes: [2, ...new Array<number>(10).fill(32), 1], loss: "binaryCrossEntropy", activation: "relu", init: "normal", initScale: s, seed }), data, 3);
      assert.ok(same(state.profile!.grad, want.grad) && same(state.profile!.zStd, want.zStd), `s = ${s}`);
      assert.equal(figure.data.length, 2);
    }
  });

  it("bad network descriptions and options get clear errors", () => {
    const spec = liveMoonsNetwork({ epochs: 2 }).live;
    const bad = (patch: Partial<LiveNetworkSpec>, message: RegExp) => assert.throws(() => checkNetworkSpec({ ...spec, ...patch } as LiveNetworkSpec), message);
    bad({ kind: "moons" as never }, /kind "network"/);
    bad({ panels: ["boundary", "heatmap" as never] }, /unknown network panel "heatmap"/);
    bad({ net: { ...spec.net, l2: { knob: "lambda" } } }, /net\.l2: knob reference .* names no knob/);
    bad({ net: { ...spec.net, sizes: [3, 4, 1] } }, /net\.sizes must take 2 inputs/);
    bad({ training: { ...spec.training!, epochs: 10_000 } }, /too many to train live/);
    bad({ training: { ...spec.training!, optimizer: "lbfgs" as never } }, /training\.optimizer/);
    bad({ panels: ["boundary", "perLayer"], profile: { seeds: 2 } }, /perLayer panel/);
    bad({ data: { moons: spec.data.moons } }, /loss panel needs held-out data/);
    assert.throws(() => liveMoonsNetwork({ batchSize: 33 }), /batchSize must be one of/);
    assert.throws(() => liveRegularization({ regularizer: "l1" as never }), /regularizer/);
    assert.throws(() => liveRegularization({ regularizer: "l2", value: 0.5 }), /λ must be one of/);
    assert.throws(() => liveInitScale({ s: -1 }), /s/);
  });
});
