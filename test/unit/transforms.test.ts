/**
 * Gradient transforms: each rule on its own, composition with `chain`, composition with optimizers,
 * and the equivalence of an optimizer's own weightDecay with the corresponding transform.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  adam,
  adamw,
  chain,
  clipByGlobalNorm,
  clipByValue,
  decoupledWeightDecay,
  globalNorm,
  l1Penalty,
  l2Penalty,
  nadam,
  rmsprop,
  sgd,
  statelessTransform,
  type GradientTransform,
} from "../../src";

const context = { lr: 0.1, t: 1 };

function apply(transform: GradientTransform<any>, grads: number[], params: number[]) {
  const g = Float64Array.from(grads);
  const p = Float64Array.from(params);
  transform.update(g, transform.init(g.length), p, context);
  return { g: Array.from(g), p: Array.from(p) };
}

describe("transforms, one at a time", () => {
  it("l2Penalty: g + λθ", () => {
    assert.deepEqual(apply(l2Penalty(0.5), [1, 2], [2, -4]).g, [2, 0]);
  });

  it("l1Penalty: g + λ·sign(θ), 0 at θ = 0", () => {
    assert.deepEqual(apply(l1Penalty(0.5), [1, 2, 3], [2, -4, 0]).g, [1.5, 1.5, 3]);
  });

  it("decoupledWeightDecay: gradient and parameters untouched, λ declared as a term of the update", () => {
    const { g, p } = apply(decoupledWeightDecay(0.5), [1, 2], [2, -4]);
    assert.deepEqual(g, [1, 2]);
    assert.deepEqual(p, [2, -4]);
    assert.deepEqual(decoupledWeightDecay(0.5).decoupledDecay, [0.5]);
  });

  it("clipByGlobalNorm: PyTorch's max/(‖g‖ + 1e-6) when below 1, direction kept", () => {
    const { g } = apply(clipByGlobalNorm(1), [3, 4], [0, 0]);
    const c = 1 / (5 + 1e-6);
    assert.deepEqual(g, [3 * c, 4 * c]);
    assert.deepEqual(apply(clipByGlobalNorm(10), [3, 4], [0, 0]).g, [3, 4], "short gradients untouched");
  });

  it("globalNorm does not overflow", () => {
    assert.equal(globalNorm(Float64Array.from([3, 4])), 5);
    const huge = globalNorm(Float64Array.from([3e200, 4e200]));
    assert.ok(Math.abs(huge / 5e200 - 1) < 1e-15, String(huge));
  });

  it("clipByValue: clamp to [−limit, limit]", () => {
    assert.deepEqual(apply(clipByValue(1), [-3, 0.5, 2], [0, 0, 0]).g, [-1, 0.5, 1]);
  });

  it("validation names the transform, option and value", () => {
    assert.throws(() => l2Penalty(-1), /l2Penalty: weightDecay must be a finite number ≥ 0, got -1/);
    assert.throws(() => l1Penalty(NaN), /l1Penalty: strength .* got NaN/);
    assert.throws(() => decoupledWeightDecay(-0.1), /decoupledWeightDecay: weightDecay .* got -0.1/);
    assert.throws(() => clipByGlobalNorm(0), /clipByGlobalNorm: maxNorm must be a finite number > 0, got 0/);
    assert.throws(() => clipByValue(-1), /clipByValue: limit .* got -1/);
  });
});

describe("chain", () => {
  it("composes transforms left to right", () => {
    const both = chain(l2Penalty(1), clipByValue(1));
    assert.deepEqual(apply(both, [0.5, 0.5], [0.2, 2]).g, [0.7, 1]);
    const reversed = chain(clipByValue(1), l2Penalty(1));
    assert.deepEqual(apply(reversed, [0.5, 0.5], [0.2, 2]).g, [0.7, 2.5]);
    assert.equal(both.name, "chain(l2Penalty, clipByValue)");
  });

  it("threads state through stateful transforms", () => {
    const counter: GradientTransform<{ calls: number }> = {
      name: "counter",
      init: () => ({ calls: 0 }),
      update: (g, state) => {
        for (let i = 0; i < g.length; i++) g[i] += state.calls;
        return { calls: state.calls + 1 };
      },
    };
    const opt = chain(counter, sgd({ lr: 1 }));
    const x = Float64Array.from([0]);
    for (let t = 0; t < 3; t++) opt.step(x, Float64Array.from([0]));
    assert.equal(x[0], -(0 + 1 + 2));
  });

  it("with an optimizer last: a new optimizer of the same kind, transforms first, fresh state", () => {
    const base = adam({ lr: 0.01, weightDecay: 0.1 });
    const clipped = chain(clipByGlobalNorm(1), base);
    assert.equal(clipped.name, "adam");
    assert.deepEqual(clipped.transforms.map((t) => t.name), ["clipByGlobalNorm", "l2Penalty"]);
    assert.deepEqual({ ...clipped.options }, { ...base.options });
    clipped.step(new Float64Array(2), Float64Array.from([30, 40]));
    assert.equal(base.state.t, 0, "the original is untouched");
    assert.equal(clipped.state.t, 1);
  });

  it("the caller's gradient array is never modified", () => {
    const opt = chain(clipByValue(0.1), l2Penalty(1), sgd({ lr: 0.1 }));
    const grads = Float64Array.from([5, -5]);
    opt.step(Float64Array.from([1, 1]), grads);
    assert.deepEqual(Array.from(grads), [5, -5]);
  });

  it("rejects things that are not transforms", () => {
    assert.throws(() => chain(l2Penalty(1), 3 as never, sgd({ lr: 1 })), /chain: item 1 must be a gradient transform .*, got 3/);
    assert.throws(() => sgd({ lr: 1 }).withTransforms({} as never), /sgd: transform 0 must be a gradient transform/);
  });

  it("statelessTransform builds a custom transform", () => {
    const negate = statelessTransform("negate", (g) => {
      for (let i = 0; i < g.length; i++) g[i] = -g[i];
    });
    const opt = chain(negate, sgd({ lr: 1 }));
    const x = Float64Array.from([0]);
    opt.step(x, Float64Array.from([2]));
    assert.equal(x[0], 2, "gradient ascent");
  });
});

describe("optimizers' weightDecay is the transform, written once", () => {
  const run = (opt: { step(x: Float64Array, g: Float64Array): void }) => {
    const x = Float64Array.from([1, -2, 0.5]);
    for (let t = 0; t < 20; t++) opt.step(x, Float64Array.from(x, (xi, i) => (i + 1) * xi - 0.1));
    return Array.from(x);
  };

  it("coupled: sgd, rmsprop, adam with weightDecay = chain(l2Penalty, …)", () => {
    assert.deepEqual(run(sgd({ lr: 0.1, momentum: 0.9, weightDecay: 0.05 })), run(chain(l2Penalty(0.05), sgd({ lr: 0.1, momentum: 0.9 }))));
    assert.deepEqual(run(rmsprop({ lr: 0.01, weightDecay: 0.05 })), run(chain(l2Penalty(0.05), rmsprop({ lr: 0.01 }))));
    assert.deepEqual(run(adam({ lr: 0.01, weightDecay: 0.05 })), run(chain(l2Penalty(0.05), adam({ lr: 0.01 }))));
  });

  it("decoupled: adamw = chain(decoupledWeightDecay, adam); nadam's decoupledWeightDecay likewise", () => {
    assert.deepEqual(run(adamw({ lr: 0.01, weightDecay: 0.05 })), run(chain(decoupledWeightDecay(0.05), adam({ lr: 0.01 }))));
    assert.deepEqual(
      run(nadam({ lr: 0.01, weightDecay: 0.05, decoupledWeightDecay: true })),
      run(chain(decoupledWeightDecay(0.05), nadam({ lr: 0.01 }))),
    );
  });

  it("decoupled decay uses the step's scheduled learning rate", () => {
    const opt = chain(decoupledWeightDecay(1), sgd({ lr: (k: number) => 0.1 * (k + 1) }));
    const x = Float64Array.from([1]);
    opt.step(x, Float64Array.from([0]));
    opt.step(x, Float64Array.from([0]));
    assert.ok(Math.abs(x[0] - 0.9 * 0.8) < 1e-15);
  });

  it("clipping by global norm bounds the SGD step", () => {
    const opt = chain(clipByGlobalNorm(1), sgd({ lr: 1 }));
    const x = new Float64Array(2);
    opt.step(x, Float64Array.from([300, 400]));
    assert.ok(Math.abs(Math.hypot(x[0], x[1]) - 1) < 1e-6);
  });
});

describe("the transform model (README, Transforms): a transform maps the gradient, the optimizer's update alone writes θ", () => {
  const n = 40; // above the kernels' threshold; `sizes` runs the JavaScript loops too
  const sizes = [5, n];
  const trajectory = (make: () => { step(p: Float64Array, g: Float64Array): void }, size: number) => {
    const opt = make();
    const p = Float64Array.from({ length: size }, (_, i) => Math.sin(i + 1) * 3);
    const g = new Float64Array(size);
    for (let t = 0; t < 25; t++) {
      for (let i = 0; i < size; i++) g[i] = 2 * ((i % 3) + 1) * p[i] + Math.cos(t + i);
      opt.step(p, g);
    }
    return Array.from(p);
  };
  const same = (a: () => { step(p: Float64Array, g: Float64Array): void }, b: typeof a, what: string) => {
    for (const size of sizes) assert.deepEqual(trajectory(a, size), trajectory(b, size), `${what}, ${size} parameters`);
  };

  it("no library transform writes the parameters", () => {
    for (const t of [l2Penalty(0.5), l1Penalty(0.5), clipByGlobalNorm(0.1), clipByValue(0.1), decoupledWeightDecay(0.5), chain(decoupledWeightDecay(0.5), l2Penalty(1))]) {
      assert.deepEqual(apply(t, [1, 2, 3], [2, -4, 0]).p, [2, -4, 0], t.name);
    }
  });

  it("decoupled decay is θ(1 − ηλ) − Δθ: chain(decoupledWeightDecay, sgd) against the formula written out", () => {
    const eta = 0.3;
    const lambda = 0.01;
    const p = Float64Array.from([1.5, -2, 0.25]);
    const expected = Array.from(p);
    const opt = chain(decoupledWeightDecay(lambda), sgd({ lr: eta }));
    for (let t = 0; t < 10; t++) {
      const g = expected.map((x, i) => x * (i + 1) + t);
      for (let i = 0; i < 3; i++) expected[i] = expected[i] * (1 - eta * lambda) - eta * g[i];
      opt.step(p, Float64Array.from(g));
    }
    assert.deepEqual(Array.from(p), expected);
  });

  it("AdamW: adam's decay fused in its rule = chain(decoupledWeightDecay, adam) = adam's own flag, bit for bit on both paths", () => {
    same(() => adamw({ lr: 0.05, weightDecay: 0.1 }), () => chain(decoupledWeightDecay(0.1), adam({ lr: 0.05 })), "adamw vs chain");
    same(() => adamw({ lr: 0.05, weightDecay: 0.1 }), () => adam({ lr: 0.05, weightDecay: 0.1, decoupledWeightDecay: true }), "adamw vs adam's flag");
    same(() => nadam({ lr: 0.01, weightDecay: 0.1, decoupledWeightDecay: true }), () => chain(decoupledWeightDecay(0.1), nadam({ lr: 0.01 })), "nadam");
  });

  it("a decoupled decay's place in the chain does not matter; every gradient transform sees θ_{t−1}", () => {
    const lr = (k: number) => 0.1 / (1 + k);
    same(() => chain(decoupledWeightDecay(0.05), clipByGlobalNorm(0.5), adam({ lr })), () => chain(clipByGlobalNorm(0.5), decoupledWeightDecay(0.05), adam({ lr })), "adam");
    same(() => chain(decoupledWeightDecay(0.02), l2Penalty(0.1), sgd({ lr: 0.1 })), () => chain(l2Penalty(0.1), decoupledWeightDecay(0.02), sgd({ lr: 0.1 })), "l2 after or before");
  });

  it("nesting does not matter: chain(chain(a, b), c, optimizer) = chain(a, b, c, optimizer)", () => {
    same(
      () => chain(chain(clipByValue(0.3), decoupledWeightDecay(0.01)), l2Penalty(0.1), rmsprop({ lr: 0.01, momentum: 0.5 })),
      () => chain(clipByValue(0.3), decoupledWeightDecay(0.01), l2Penalty(0.1), rmsprop({ lr: 0.01, momentum: 0.5 })),
      "rmsprop",
    );
    assert.deepEqual(chain(clipByValue(1), chain(decoupledWeightDecay(0.1), decoupledWeightDecay(0.2))).decoupledDecay, [0.1, 0.2]);
  });

  it("coupled L2 three ways: the weightDecay option is chain(l2Penalty, …) exactly; a loss penalty gives the same gradient", () => {
    same(() => sgd({ lr: 0.1, momentum: 0.9, weightDecay: 0.05 }), () => chain(l2Penalty(0.05), sgd({ lr: 0.1, momentum: 0.9 })), "sgd");
    same(() => adam({ lr: 0.05, weightDecay: 0.05 }), () => chain(l2Penalty(0.05), adam({ lr: 0.05 })), "adam");
    // (λ/2)‖θ‖² in the loss: its gradient λθ added to the gradient by hand is what l2Penalty adds.
    const withPenalty = (penaltyInLoss: boolean) => {
      const opt = penaltyInLoss ? sgd({ lr: 0.1 }) : chain(l2Penalty(0.05), sgd({ lr: 0.1 }));
      const p = Float64Array.from([1, -2, 3]);
      for (let t = 0; t < 10; t++) opt.step(p, p.map((x) => 2 * x + (penaltyInLoss ? 0.05 * x : 0)));
      return Array.from(p);
    };
    assert.deepEqual(withPenalty(true), withPenalty(false));
  });

  it("withTransforms rejects a malformed decoupledDecay, naming the transform", () => {
    const bad = { ...statelessTransform("mine", () => {}), decoupledDecay: [-1] };
    assert.throws(() => sgd({ lr: 0.1 }).withTransforms(bad), /sgd: transform 0's decoupledDecay must be an array of finite numbers ≥ 0, got \[-1\]/);
  });
});
