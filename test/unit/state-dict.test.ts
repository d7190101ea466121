/**
 * Saving and restoring state (torch's state_dict / load_state_dict): a run stopped after k steps,
 * saved to JSON text, loaded into a fresh optimizer and continued, ends bit for bit where the
 * uninterrupted run ends, for every optimizer on the JavaScript loop, the WebAssembly kernel and the
 * checked path; a saved state of another kind, options or shape is rejected by name and changes nothing.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  adadelta, adagrad, adam, adamax, adamw, chain, clipByGlobalNorm, cosineDecay, decoupledWeightDecay, emaMomentum,
  heavyBall, nadam, nesterov, newton, rmsprop, sgd, statelessTransform, yogi,
  constantLr, exponentialDecay, inverseTimeDecay, linearWarmup, multiStepDecay, oneCycle, polynomialDecay,
  reduceOnPlateau, sequentialLr, stepDecay, withWarmup,
} from "../../src";
import { rng } from "../../src/data/rng";
import { KERNEL_MIN_LENGTH } from "../../src/kernels/arena";

interface AnyOptimizer {
  readonly name: string;
  readonly state: Record<string, unknown>;
  step(params: Float64Array, grads: Float64Array, ...extra: Float64Array[]): void;
  stateDict(): unknown;
  loadStateDict(saved: unknown): void;
}

/** A transform without a bound: every step it takes part in runs checked (scanned, undone on failure). */
const halve = () => statelessTransform("halve", (g) => { for (let i = 0; i < g.length; i++) g[i] *= 0.5; });

const MAKERS: [string, () => AnyOptimizer][] = [
  ["sgd", () => sgd({ lr: 0.05 })],
  ["sgd momentum nesterov wd", () => sgd({ lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 1e-3 })],
  ["adagrad", () => adagrad({ lr: 0.1 })],
  ["rmsprop centered momentum", () => rmsprop({ lr: 0.01, centered: true, momentum: 0.5 })],
  ["adadelta", () => adadelta()],
  ["adam amsgrad", () => adam({ lr: 0.01, amsgrad: true })],
  ["adam cosine", () => adam({ lr: cosineDecay({ lr: 0.01, totalSteps: 20 }) })],
  ["adamw", () => adamw({ lr: 0.01 })],
  ["adamax", () => adamax({ lr: 0.01 })],
  ["nadam", () => nadam({ lr: 0.01 })],
  ["yogi", () => yogi({ lr: 0.01 })],
  ["emaMomentum", () => emaMomentum({ lr: 0.05, beta: 0.9 })],
  ["heavyBall", () => heavyBall({ lr: 0.05, beta: 0.8 })],
  ["nesterov", () => nesterov({ lr: 0.05, beta: 0.8 })],
  ["chain(clip, decay, adam)", () => chain(clipByGlobalNorm(1), decoupledWeightDecay(0.01), adam({ lr: 0.01 }))],
  ["adam amsgrad, kernel wasm", () => adam({ lr: 0.01, amsgrad: true, kernel: "wasm" })],
  ["rmsprop centered momentum, kernel js", () => rmsprop({ lr: 0.01, centered: true, momentum: 0.5, kernel: "js" })],
  ["yogi, kernel wasm", () => yogi({ lr: 0.01, kernel: "wasm" })],
  ["sgd nesterov, kernel js", () => sgd({ lr: 0.05, momentum: 0.9, nesterov: true, kernel: "js" })],
];

/** Gradients of a quadratic with noise, drawn from a seed, so two runs see the same sequence. */
function gradient(p: Float64Array, r: ReturnType<typeof rng>): Float64Array {
  return Float64Array.from(p, (x, i) => (1 + i % 3) * x - 1 + 0.3 * r.normal());
}

function run(opt: AnyOptimizer, params: Float64Array, r: ReturnType<typeof rng>, steps: number, hessian?: Float64Array): void {
  for (let s = 0; s < steps; s++) {
    const g = gradient(params, r);
    if (hessian) opt.step(params, g, hessian);
    else opt.step(params, g);
  }
}

function sameBits(a: Float64Array, b: Float64Array, what: string): void {
  assert.equal(a.length, b.length, `${what}: length`);
  for (let i = 0; i < a.length; i++) assert.ok(Object.is(a[i], b[i]), `${what}[${i}]: ${a[i]} vs ${b[i]}`);
}

function sameState(a: AnyOptimizer, b: AnyOptimizer, what: string): void {
  for (const [key, value] of Object.entries(a.state)) {
    if (value instanceof Float64Array) sameBits(value, b.state[key] as Float64Array, `${what} state.${key}`);
    else assert.ok(Object.is(value, b.state[key]), `${what} state.${key}: ${value} vs ${b.state[key]}`);
  }
}

/** Runs 2k steps straight, and k steps, save through JSON text, load into a fresh optimizer, k more. */
function resumes(make: () => AnyOptimizer, n: number, what: string, hessian?: Float64Array): void {
  const k = 7;
  const straight = make();
  const p1 = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1));
  const r1 = rng(3);
  run(straight, p1, r1, 2 * k, hessian);

  const first = make();
  const p2 = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1));
  const r2 = rng(3);
  run(first, p2, r2, k, hessian);
  const text = JSON.stringify(first.stateDict());
  const second = make();
  second.loadStateDict(JSON.parse(text));
  assert.deepEqual(second.stateDict(), JSON.parse(text), `${what}: the loaded state saves as it was saved`);
  run(second, p2, r2, k, hessian);
  sameBits(p1, p2, `${what} params`);
  sameState(straight, second, what);
}

describe("state_dict: a resumed run continues bit for bit", () => {
  for (const [what, make] of MAKERS) {
    it(`${what}: JavaScript loop (n = 5)`, () => resumes(make, 5, what));
    it(`${what}: kernel (n = ${4 * KERNEL_MIN_LENGTH})`, () => resumes(make, 4 * KERNEL_MIN_LENGTH, what));
    it(`${what}: checked steps (a transform without a bound)`, () => resumes(() => chain(halve(), make() as never) as unknown as AnyOptimizer, 4 * KERNEL_MIN_LENGTH, what));
  }
  it("newton (checked: no bound)", () => {
    const n = 3;
    const h = Float64Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? 2 + i : 0.1));
    resumes(() => newton({ lr: 0.5 }) as unknown as AnyOptimizer, n, "newton", h);
  });
  it("a run saved on one path (kernel) resumes on the other bit for bit", () => {
    const makers: ((kernel: "js" | "wasm") => AnyOptimizer)[] = [
      (kernel) => adam({ lr: 0.01, amsgrad: true, kernel }),
      (kernel) => rmsprop({ lr: 0.01, centered: true, momentum: 0.5, kernel }),
      (kernel) => yogi({ lr: 0.01, kernel }),
      (kernel) => nadam({ lr: 0.01, kernel }),
      (kernel) => sgd({ lr: 0.05, momentum: 0.9, kernel }),
    ];
    for (const make of makers) {
      for (const [from, to] of [["js", "wasm"], ["wasm", "js"]] as const) {
        const n = 9;
        const straight = make(to);
        const p1 = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1));
        const r1 = rng(5);
        run(straight, p1, r1, 10);
        const first = make(from);
        const p2 = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1));
        const r2 = rng(5);
        run(first, p2, r2, 5);
        const second = make(to);
        second.loadStateDict(JSON.parse(JSON.stringify(first.stateDict())));
        assert.equal((second.stateDict() as { options: { kernel: string } }).options.kernel, to, "the loader keeps its own path");
        run(second, p2, r2, 5);
        sameBits(p1, p2, `${first.name} ${from} → ${to} params`);
        sameState(straight, second, `${first.name} ${from} → ${to}`);
      }
    }
  });
  it("a state saved before the first step loads as a fresh optimizer, and resets a used one", () => {
    const saved = adam().stateDict();
    assert.equal((saved as { size: unknown }).size, null);
    const used = adam();
    used.step(new Float64Array([1, 2]), new Float64Array([0.5, -0.5]));
    used.loadStateDict(saved);
    assert.equal(used.state.t, 0);
    assert.equal(used.state.m.length, 0);
  });
  it("NaN, ±Infinity and −0 survive the JSON text", () => {
    const opt = sgd({ lr: 0.1, momentum: 0.9 });
    const p = new Float64Array([1, 2, 3]);
    opt.step(p, new Float64Array([-0, 1, 2]));
    const saved = opt.stateDict();
    const again = sgd({ lr: 0.1, momentum: 0.9 });
    again.loadStateDict(JSON.parse(JSON.stringify(saved)));
    assert.ok(Object.is(again.state.b[0], opt.state.b[0]), "−0 kept");
    assert.ok(Number.isNaN(adam().stateDict().lr as never) === false, "lr is written as JSON");
  });
});

describe("load_state_dict rejects a mismatch by name and changes nothing", () => {
  const used = () => {
    const opt = adam({ lr: 0.01 });
    const p = new Float64Array(20).fill(1);
    opt.step(p, new Float64Array(20).fill(0.5));
    return opt;
  };
  const cases: [string, (saved: Record<string, any>) => unknown, RegExp][] = [
    ["another optimizer's state", () => sgd({ lr: 0.01 }).stateDict(), /adam: the saved state is "sgd"'s/],
    ["other options", (s) => ({ ...s, options: { ...s.options, beta1: 0.8 } }), /adam: options\.beta1 is 0\.8 in the saved state but 0\.9 here/],
    ["a buffer of the wrong length", (s) => ({ ...s, state: { ...s.state, m: { float64: [1, 2] } } }), /adam: state\.m must be \{ float64: \[\.\.\.\] \} of length 20/],
    ["a junk entry", (s) => ({ ...s, state: { ...s.state, v: { float64: [...s.state.v.float64.slice(0, 19), "x"] } } }), /adam: state\.v\[19\] must be a number, got "x"/],
    ["a missing buffer", (s) => { const { m: _m, ...rest } = s.state; return { ...s, state: rest }; }, /adam: the saved state has no state\.m/],
    ["a bad t", (s) => ({ ...s, t: -1 }), /t must be an integer ≥ 0, got -1/],
    ["other transforms", (s) => ({ ...s, transforms: ["clipByGlobalNorm"] }), /adam: the saved state's transforms are/],
    ["not an object", () => "adam", /adam: a saved state must be an object/],
  ];
  for (const [what, change, message] of cases) {
    it(what, () => {
      const opt = used();
      const before = JSON.stringify(opt.stateDict());
      const saved = JSON.parse(before);
      assert.throws(() => opt.loadStateDict(change(saved) as never), message);
      assert.equal(JSON.stringify(opt.stateDict()), before, "nothing changed");
    });
  }
  it("a saved state of another size is checked before the optimizer is resized", () => {
    const opt = used();
    const before = JSON.stringify(opt.stateDict());
    const other = adam({ lr: 0.01 });
    other.step(new Float64Array(3), new Float64Array(3).fill(1));
    const saved = JSON.parse(JSON.stringify(other.stateDict()));
    saved.state.v = { float64: [1, 2] };
    assert.throws(() => opt.loadStateDict(saved), /adam: state\.v must be \{ float64: \[\.\.\.\] \} of length 3/);
    assert.equal(JSON.stringify(opt.stateDict()), before);
    delete saved.state.v;
    saved.state.v = other.stateDict().state.v;
    opt.loadStateDict(saved);
    assert.equal(opt.state.m.length, 3, "then loads and resizes");
  });
});

describe("schedules save and load their state", () => {
  const SCHEDULES: [string, () => { (step: number): number; stateDict(): unknown; loadStateDict(saved: unknown): void }][] = [
    ["constantLr", () => constantLr(0.1)],
    ["stepDecay", () => stepDecay({ lr: 0.1, stepSize: 3 })],
    ["multiStepDecay", () => multiStepDecay({ lr: 0.1, milestones: [2, 5] })],
    ["exponentialDecay", () => exponentialDecay({ lr: 0.1, gamma: 0.9, decaySteps: 2, staircase: true })],
    ["inverseTimeDecay", () => inverseTimeDecay({ lr: 0.1, decayRate: 0.5, decaySteps: 2 })],
    ["polynomialDecay", () => polynomialDecay({ lr: 0.1, totalSteps: 10, power: 2 })],
    ["cosineDecay", () => cosineDecay({ lr: 0.1, totalSteps: 10 })],
    ["linearWarmup", () => linearWarmup({ lr: 0.1, warmupSteps: 4 })],
    ["oneCycle", () => oneCycle({ maxLr: 0.1, totalSteps: 20 })],
    ["sequentialLr", () => sequentialLr({ schedules: [constantLr(0.01), cosineDecay({ lr: 0.1, totalSteps: 8 })], milestones: [3] })],
    ["withWarmup", () => withWarmup(stepDecay({ lr: 0.1, stepSize: 3 }), { warmupSteps: 2 })],
  ];
  for (const [what, make] of SCHEDULES) {
    it(`${what}: loads into a twin, rejects one with other options by name`, () => {
      const saved = JSON.parse(JSON.stringify(make().stateDict()));
      const twin = make();
      twin.loadStateDict(saved);
      for (let t = 0; t < 12; t++) assert.ok(Object.is(twin(t), make()(t)));
      const changed = { ...saved, options: { ...saved.options, [Object.keys(saved.options)[0]]: 12345 } };
      assert.throws(() => twin.loadStateDict(changed), new RegExp(`^RangeError: ${saved.name}: options\\.${Object.keys(saved.options)[0]} is 12345 in the saved state`));
      assert.throws(() => twin.loadStateDict({ ...saved, name: "other" }), /the saved state is "other"'s/);
    });
  }

  it("reduceOnPlateau: a resumed schedule reduces exactly when the uninterrupted one does", () => {
    const metrics = [1, 0.9, 0.95, 0.97, 0.96, 0.99, 0.8, 0.85, 0.9, 0.91, 0.92, 0.93, 0.94];
    const make = () => reduceOnPlateau({ lr: 0.1, patience: 2, factor: 0.5, cooldown: 1 });
    const straight = make();
    const rates = metrics.map((m) => straight.observe(m));
    const first = make();
    metrics.slice(0, 5).forEach((m) => first.observe(m));
    const second = make();
    second.loadStateDict(JSON.parse(JSON.stringify(first.stateDict())));
    const resumed = [...metrics.slice(0, 5).map((_, i) => rates[i]), ...metrics.slice(5).map((m) => second.observe(m))];
    assert.deepEqual(resumed, rates);
    assert.deepEqual(second.stateDict(), straight.stateDict());
    assert.ok(rates[rates.length - 1] < 0.1, "the run does reduce");
  });

  it("reduceOnPlateau: a bad saved counter is rejected by name and changes nothing", () => {
    const s = reduceOnPlateau({ lr: 0.1, patience: 2 });
    s.observe(1);
    const before = JSON.stringify(s.stateDict());
    const saved = JSON.parse(before);
    assert.throws(() => s.loadStateDict({ ...saved, state: { ...saved.state, badEpochs: -1 } }), /state\.badEpochs must be an integer ≥ 0, got -1/);
    assert.throws(() => s.loadStateDict({ ...saved, state: { ...saved.state, lr: "x" } }), /reduceOnPlateau: state\.lr must be a number, got "x"/);
    assert.throws(() => s.loadStateDict({ ...saved, options: { ...saved.options, patience: 3 } }), /options\.patience is 3 in the saved state but 2 here/);
    assert.equal(JSON.stringify(s.stateDict()), before);
  });
});
