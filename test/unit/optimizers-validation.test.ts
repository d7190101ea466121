/**
 * Bad input: every invalid hyperparameter throws in the factory with a message naming the option and
 * the value; a rejected step leaves parameters and state exactly as they were.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  adadelta,
  adagrad,
  adam,
  adamax,
  adamw,
  chain,
  clipByGlobalNorm,
  emaMomentum,
  heavyBall,
  l2Penalty,
  nadam,
  nesterov,
  newton,
  rmsprop,
  sgd,
} from "../../src";

/** Expects `make` to throw an error whose message contains every fragment. */
function rejects(make: () => unknown, ...fragments: string[]): void {
  assert.throws(make, (error: unknown) => {
    assert.ok(error instanceof Error, "throws an Error");
    for (const fragment of fragments) assert.ok(error.message.includes(fragment), `"${error.message}" should mention "${fragment}"`);
    return true;
  });
}

describe("factories reject bad hyperparameters, naming option and value", () => {
  const badLr: [unknown, string][] = [[-1, "-1"], [NaN, "NaN"], [Infinity, "Infinity"], ["0.1", '"0.1"']];

  it("lr: missing where required, negative, non-finite, not a number", () => {
    rejects(() => sgd({} as never), "sgd", "lr is required");
    rejects(() => emaMomentum({} as never), "emaMomentum", "lr is required");
    rejects(() => heavyBall({} as never), "heavyBall", "lr is required");
    rejects(() => nesterov({} as never), "nesterov", "lr is required");
    const factories: [string, (o: object) => unknown][] = [
      ["sgd", (o) => sgd(o as never)],
      ["adagrad", adagrad],
      ["rmsprop", rmsprop],
      ["adadelta", adadelta],
      ["adam", adam],
      ["adamw", adamw],
      ["adamax", adamax],
      ["nadam", nadam],
      ["emaMomentum", (o) => emaMomentum(o as never)],
      ["heavyBall", (o) => heavyBall(o as never)],
      ["nesterov", (o) => nesterov(o as never)],
      ["newton", newton],
    ];
    for (const [name, make] of factories) {
      for (const [value, shown] of badLr) rejects(() => make({ lr: value }), `${name}: lr`, shown);
    }
  });

  it("β, α outside [0, 1)", () => {
    for (const value of [-0.1, 1, 1.5, NaN]) {
      rejects(() => adam({ beta1: value }), "adam: beta1", String(value));
      rejects(() => adam({ beta2: value }), "adam: beta2", String(value));
      rejects(() => adamw({ beta1: value }), "adamw: beta1", String(value));
      rejects(() => adamax({ beta2: value }), "adamax: beta2", String(value));
      rejects(() => nadam({ beta1: value }), "nadam: beta1", String(value));
      rejects(() => rmsprop({ alpha: value }), "rmsprop: alpha", String(value));
      rejects(() => emaMomentum({ lr: 0.1, beta: value }), "emaMomentum: beta", String(value));
      rejects(() => heavyBall({ lr: 0.1, beta: value }), "heavyBall: beta", String(value));
      rejects(() => nesterov({ lr: 0.1, beta: value }), "nesterov: beta", String(value));
    }
    adam({ beta1: 0, beta2: 0 }); // the closed end is allowed
  });

  it("ρ outside [0, 1]", () => {
    for (const value of [-0.1, 1.01, NaN]) rejects(() => adadelta({ rho: value }), "adadelta: rho", String(value));
    adadelta({ rho: 1 });
    adadelta({ rho: 0 });
  });

  it("negative eps, momentum, decays, weight decay", () => {
    rejects(() => adam({ eps: -1e-8 }), "adam: eps", "-1e-8");
    rejects(() => adagrad({ eps: -1 }), "adagrad: eps", "-1");
    rejects(() => rmsprop({ eps: -1 }), "rmsprop: eps");
    rejects(() => adadelta({ eps: -1 }), "adadelta: eps");
    rejects(() => adamax({ eps: -1 }), "adamax: eps");
    rejects(() => nadam({ eps: -1 }), "nadam: eps");
    rejects(() => sgd({ lr: 0.1, momentum: -0.5 }), "sgd: momentum", "-0.5");
    rejects(() => rmsprop({ momentum: -0.5 }), "rmsprop: momentum", "-0.5");
    rejects(() => sgd({ lr: 0.1, dampening: -0.1 }), "sgd: dampening", "-0.1");
    rejects(() => adagrad({ lrDecay: -0.1 }), "adagrad: lrDecay", "-0.1");
    rejects(() => adagrad({ initialAccumulatorValue: -0.1 }), "adagrad: initialAccumulatorValue", "-0.1");
    rejects(() => nadam({ momentumDecay: -0.1 }), "nadam: momentumDecay", "-0.1");
    rejects(() => newton({ damping: -1 }), "newton: damping", "-1");
    for (const [name, make] of [
      ["sgd", (wd: number) => sgd({ lr: 0.1, weightDecay: wd })],
      ["adagrad", (wd: number) => adagrad({ weightDecay: wd })],
      ["rmsprop", (wd: number) => rmsprop({ weightDecay: wd })],
      ["adadelta", (wd: number) => adadelta({ weightDecay: wd })],
      ["adam", (wd: number) => adam({ weightDecay: wd })],
      ["adamw", (wd: number) => adamw({ weightDecay: wd })],
      ["adamax", (wd: number) => adamax({ weightDecay: wd })],
      ["nadam", (wd: number) => nadam({ weightDecay: wd })],
    ] as const) {
      rejects(() => make(-0.01), `${name}: weightDecay`, "-0.01");
      rejects(() => make(Infinity), `${name}: weightDecay`, "Infinity");
    }
  });

  it("nesterov without momentum or with dampening", () => {
    rejects(() => sgd({ lr: 0.1, nesterov: true }), "sgd: nesterov", "momentum 0");
    rejects(() => sgd({ lr: 0.1, nesterov: true, momentum: 0.9, dampening: 0.1 }), "sgd: nesterov", "dampening 0.1");
    sgd({ lr: 0.1, nesterov: true, momentum: 0.9 });
  });

  it("unknown option names, wrong types and wrong choices", () => {
    rejects(() => adam({ betas: [0.9, 0.999] } as never), 'adam: unknown option "betas"');
    rejects(() => adam({ learningRate: 0.1 } as never), 'unknown option "learningRate"');
    rejects(() => sgd({ lr: 0.1, decoupledWeightDecay: true } as never), 'sgd: unknown option "decoupledWeightDecay"');
    rejects(() => adamw({ decoupledWeightDecay: false } as never), 'adamw: unknown option "decoupledWeightDecay"');
    rejects(() => adam({ amsgrad: 1 } as never), "adam: amsgrad", "true or false", "1");
    rejects(() => adam({ amsgradMax: "before" } as never), "adam: amsgradMax", '"before"');
    rejects(() => adam(42 as never), "adam: options must be an object", "42");
  });
});

// ---------------------------------------------------------------------------------------------

type AnyOptimizer = {
  name: string;
  state: object;
  step(params: Float64Array, grads: Float64Array, ...extra: Float64Array[]): void;
};

/** A deep copy of the state: typed arrays copied, numbers kept. */
function snapshot(state: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(state).map(([k, v]) => [k, v instanceof Float64Array ? Array.from(v) : v]));
}

function assertUnchanged(opt: AnyOptimizer, params: Float64Array, before: { params: number[]; state: Record<string, unknown> }) {
  assert.deepEqual(Array.from(params), before.params, `${opt.name}: params changed`);
  assert.deepEqual(snapshot(opt.state), before.state, `${opt.name}: state changed`);
}

describe("a rejected step changes nothing", () => {
  const makers: (() => AnyOptimizer)[] = [
    () => sgd({ lr: 0.1, momentum: 0.9, weightDecay: 0.1, recordUpdate: true }),
    () => adagrad({ lrDecay: 0.1 }),
    () => rmsprop({ momentum: 0.9, centered: true }),
    () => adadelta(),
    () => adam({ amsgrad: true }),
    () => adamw({ recordUpdate: true }),
    () => adamax(),
    () => nadam(),
    () => emaMomentum({ lr: 0.1 }),
    () => heavyBall({ lr: 0.1 }),
    () => nesterov({ lr: 0.1 }),
    () => chain(clipByGlobalNorm(1), l2Penalty(0.1), adam()),
  ];
  const grads = () => Float64Array.from([0.1, -0.2, 0.3]);
  const badSteps: [string, (opt: AnyOptimizer, params: Float64Array) => void, string][] = [
    ["NaN gradient", (opt, p) => opt.step(p, Float64Array.from([0.1, NaN, 0.3])), "grads[1] is NaN"],
    ["infinite gradient", (opt, p) => opt.step(p, Float64Array.from([0.1, 0.2, -Infinity])), "grads[2] is -Infinity"],
    ["lengths differ", (opt, p) => opt.step(p, Float64Array.from([0.1, 0.2])), "grads has length 2 but params has length 3"],
    ["grads not a Float64Array", (opt, p) => opt.step(p, [0.1, 0.2, 0.3] as never), "grads must be a Float64Array"],
    ["params not a Float64Array", (opt) => opt.step(Float32Array.from([1, 2, 3]) as never, grads()), "params must be a Float64Array"],
  ];

  for (const make of makers) {
    const name = make().name;
    it(`${name}: before the first step (state stays unallocated, t stays 0)`, () => {
      for (const [, bad, message] of badSteps) {
        const opt = make();
        const params = Float64Array.from([1, 2, 3]);
        const before = { params: Array.from(params), state: snapshot(opt.state) };
        assert.throws(() => bad(opt, params), (e: Error) => e.message.includes(message));
        assertUnchanged(opt, params, before);
      }
    });
    it(`${name}: after some steps`, () => {
      for (const [, bad, message] of badSteps) {
        const opt = make();
        const params = Float64Array.from([1, 2, 3]);
        opt.step(params, grads());
        opt.step(params, grads());
        const before = { params: Array.from(params), state: snapshot(opt.state) };
        assert.throws(() => bad(opt, params), (e: Error) => e.message.includes(message));
        assertUnchanged(opt, params, before);
        // A parameter count other than the one the state was sized for is refused too.
        const longer = new Float64Array(4);
        assert.throws(() => opt.step(longer, new Float64Array(4)), /sized for 3 on the first step/);
        assertUnchanged(opt, params, before);
        // And the optimizer still works afterwards.
        opt.step(params, grads());
        assert.equal((opt.state as { t: number }).t, 3);
      }
    });
  }

  it("a schedule giving a non-finite or negative lr is refused, naming the step", () => {
    for (const value of [NaN, Infinity, -0.1]) {
      const opt = adam({ lr: (k: number) => (k < 2 ? 0.1 : value) });
      const params = Float64Array.from([1, 2, 3]);
      opt.step(params, grads());
      opt.step(params, grads());
      const before = { params: Array.from(params), state: snapshot(opt.state) };
      assert.throws(() => opt.step(params, grads()), (e: Error) => e.message.includes(`gave ${value} at step 2`));
      assertUnchanged(opt as AnyOptimizer, params, before);
    }
    const first = sgd({ lr: () => NaN });
    const params = Float64Array.from([1]);
    assert.throws(() => first.step(params, Float64Array.from([1])), /gave NaN at step 0/);
    assert.equal(first.state.t, 0);
    assert.equal(first.state.b.length, 0);
  });

  it("newton: a wrong-sized, non-finite or singular Hessian changes nothing", () => {
    const opt = newton();
    const params = Float64Array.from([1, 2]);
    opt.step(params, Float64Array.from([1, 1]), Float64Array.from([2, 0, 0, 2]));
    const before = { params: Array.from(params), state: snapshot(opt.state) };
    rejects(() => opt.step(params, Float64Array.from([1, 1]), Float64Array.from([1, 0, 0])), "newton", "3 entries", "need 4");
    rejects(() => opt.step(params, Float64Array.from([1, 1]), Float64Array.from([1, 0, 0, NaN])), "hessian[3] is NaN");
    rejects(() => opt.step(params, Float64Array.from([1, 1]), Float64Array.from([1, 2, 2, 4])), "singular");
    rejects(() => opt.step(params, Float64Array.from([1, 1]), [1, 0, 0, 1] as never), "must be a Float64Array");
    assertUnchanged(opt as AnyOptimizer, params, before);
    // Damping makes the singular Hessian usable.
    newton({ damping: 1e-3 }).step(params, Float64Array.from([1, 1]), Float64Array.from([1, 2, 2, 4]));
  });
});
