/**
 * Our optimizers against TensorFlow.js's `tf.train`, a reference nobody here wrote. Both get the same
 * float32 gradient sequence (taken at our iterate), and every step's parameters are compared. TF.js
 * computes in float32 with its hyperparameters stored as float32, so ours gets β's rounded to float32,
 * and the tolerance is float32 rounding accumulated over t steps: t · 2⁻²³ · (distance travelled + |x|).
 *
 * Where TF.js is wrong (Adadelta, centered RMSprop), we pin what it actually does with a replica of its
 * formula, and show ours differs from it exactly at the defect.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { adadelta, adagrad, adam, adamax, rmsprop, sgd, tfjsPresets } from "../../src";
import { useFastestBackend } from "../../src/tfjs";
import { rng } from "../../src/data/rng";

type Stepper = { step(x: Float64Array, g: Float64Array): void };

interface Problem {
  name: string;
  x0: number[];
  grad: (x: ArrayLike<number>, t: number) => number[];
}

/** Uniform numbers in [0, 1) from the library's seeded generator. */
function uniformStream(seed: number): () => number {
  const r = rng(seed);
  return () => r.uniform();
}

const noise = (() => {
  const rand = uniformStream(11);
  return Array.from({ length: 200 }, () => Array.from({ length: 4 }, () => (rand() - 0.5) * 2));
})();

const problems: Problem[] = [
  { name: "ill-conditioned quadratic", x0: [1, -2, 0.5, 3], grad: (x) => [1, 10, 100, 0.1].map((a, i) => a * x[i]) },
  {
    name: "Rosenbrock",
    x0: [-1.2, 1],
    grad: (x) => [-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0]), 200 * (x[1] - x[0] * x[0])],
  },
  { name: "noisy quadratic", x0: [0.3, -0.7, 1.1, 2], grad: (x, t) => Array.from(x, (xi, i) => (i + 1) * xi + noise[t % 200][i]) },
];

const f32 = Math.fround;
let variables = 0;

/** Runs ours on `problem`, returning its trajectory and the float32 gradients it saw. */
function runOurs(opt: Stepper, problem: Problem, steps: number) {
  const x = Float64Array.from(problem.x0, f32);
  const grads: number[][] = [];
  const trajectory: number[][] = [];
  for (let t = 0; t < steps; t++) {
    const g = problem.grad(x, t).map(f32);
    grads.push(g);
    opt.step(x, Float64Array.from(g));
    trajectory.push(Array.from(x));
  }
  return { grads, trajectory };
}

/** Feeds `grads` to a tf.train optimizer from the same start, returning its trajectory. */
function runTf(opt: tf.Optimizer, x0: number[], grads: number[][]): number[][] {
  const name = `crosscheck_${variables++}`;
  const x = tf.variable(tf.tensor1d(x0.map(f32)), true, name);
  const trajectory = grads.map((g) => {
    tf.tidy(() => opt.applyGradients({ [name]: tf.tensor1d(g) }));
    return Array.from(x.dataSync());
  });
  x.dispose();
  opt.dispose();
  return trajectory;
}

/**
 * Largest |ours − tf| / tolerance over all steps: ≤ 1 means agreement. The tolerance is float32
 * rounding accumulated over t steps, t · 2⁻²³ · (distance travelled + |x|), plus `systematic` ·
 * (distance travelled) for a known relative error TF.js makes in every step.
 */
function discrepancy(x0: number[], ours: number[][], theirs: number[][], systematic = 0): number {
  const travelled = x0.map(() => 0);
  let previous = x0;
  let worst = 0;
  ours.forEach((x, t) => {
    x.forEach((xi, i) => {
      travelled[i] += Math.abs(xi - previous[i]);
      const tolerance = (t + 1) * 2 ** -23 * (travelled[i] + Math.abs(xi)) + systematic * travelled[i];
      worst = Math.max(worst, Math.abs(xi - theirs[t][i]) / tolerance);
    });
    previous = x;
  });
  return worst;
}

function crossCheck(makeOurs: () => Stepper, makeTf: () => tf.Optimizer, systematic = 0, steps = 100): void {
  for (const problem of problems) {
    const { grads, trajectory } = runOurs(makeOurs(), problem, steps);
    const theirs = runTf(makeTf(), problem.x0, grads);
    theirs.forEach((x, t) => x.forEach((xi) => assert.ok(Number.isFinite(xi), `${problem.name}: tf diverged at step ${t + 1}`)));
    const d = discrepancy(problem.x0.map(f32), trajectory, theirs, systematic);
    assert.ok(d <= 1, `${problem.name}: discrepancy ${d.toFixed(2)} × float32 tolerance`);
  }
}

const beta1 = f32(0.9);
const beta2 = f32(0.999);

/**
 * TF.js's Adam keeps β in float32 but computes the weight 1 − β in float64 and rounds that, so its
 * moment weights are β̃ = fround(β) and fround(1 − β) ≠ 1 − β̃. Ours uses β̃ and 1 − β̃. The step
 * ∝ m/√v is then off by a relative (r₁ − 1) − (r₂ − 1)/2 in every step, r = fround(1 − β)/(1 − fround(β)):
 * 6.4e-6 for β₂ = 0.999 (1 − fround(0.999) is 1.3e-5 away from fround(0.001)).
 */
function tfAdamWeightError(b1: number, b2: number): number {
  const r = (b: number) => f32(1 - b) / (1 - f32(b));
  return Math.abs(r(b1) - 1) + Math.abs(r(b2) - 1) / 2;
}

describe("step by step against tf.train, ours set to TF.js's conventions", () => {
  before(async () => {
    await useFastestBackend();
  });

  it("sgd = tf.train.sgd", () => crossCheck(() => sgd({ lr: 1e-3 }), () => tf.train.sgd(1e-3)));

  it("sgd momentum = tf.train.momentum", () => crossCheck(() => sgd({ lr: 5e-4, momentum: f32(0.9) }), () => tf.train.momentum(5e-4, 0.9)));

  it("sgd nesterov = tf.train.momentum(useNesterov)", () =>
    crossCheck(() => sgd({ lr: 5e-4, momentum: f32(0.9), nesterov: true }), () => tf.train.momentum(5e-4, 0.9, true)));

  it("adagrad = tf.train.adagrad", () => crossCheck(() => adagrad({ lr: 0.05, ...tfjsPresets.adagrad }), () => tf.train.adagrad(0.05)));

  it("adam = tf.train.adam", () =>
    crossCheck(() => adam({ lr: 0.01, ...tfjsPresets.adam, beta1, beta2 }), () => tf.train.adam(0.01), tfAdamWeightError(0.9, 0.999)));

  it("adam with other betas = tf.train.adam", () =>
    crossCheck(
      () => adam({ lr: 0.003, ...tfjsPresets.adam, beta1: f32(0.5), beta2: f32(0.9) }),
      () => tf.train.adam(0.003, 0.5, 0.9),
      tfAdamWeightError(0.5, 0.9),
    ));

  it("adamax = tf.train.adamax", () =>
    crossCheck(() => adamax({ lr: 0.01, ...tfjsPresets.adamax, beta1, beta2 }), () => tf.train.adamax(0.01)));

  it("rmsprop = tf.train.rmsprop", () =>
    crossCheck(() => rmsprop({ lr: 0.003, ...tfjsPresets.rmsprop, alpha: f32(0.9) }), () => tf.train.rmsprop(0.003)));

  it("rmsprop with momentum = tf.train.rmsprop(…, momentum)", () =>
    crossCheck(
      () => rmsprop({ lr: 0.001, ...tfjsPresets.rmsprop, alpha: f32(0.9), momentum: f32(0.5) }),
      () => tf.train.rmsprop(0.001, 0.9, 0.5),
    ));

  it("the conventions matter: with PyTorch's defaults ours does not match tf.train (tiny gradients)", () => {
    // ε's placement shows where second moments are ≲ ε: gradients of order 1e-5.
    const problem: Problem = { ...problems[2], grad: (x, t) => problems[2].grad(x, t).map((g) => 1e-5 * g) };
    const compare = (ours: Stepper, theirs: tf.Optimizer) => {
      const { grads, trajectory } = runOurs(ours, problem, 50);
      return discrepancy(problem.x0.map(f32), trajectory, runTf(theirs, problem.x0, grads));
    };
    assert.ok(compare(adagrad({ lr: 0.05 }), tf.train.adagrad(0.05)) > 100, "adagrad: initial accumulator and ε");
    assert.ok(compare(rmsprop({ lr: 0.003, alpha: 0.9 }), tf.train.rmsprop(0.003)) > 100, "rmsprop: ε inside the root");
    assert.ok(compare(adamax({ lr: 0.01, ...tfjsPresets.adamax, beta1, beta2 }), tf.train.adamax(0.01)) <= 1, "adamax: preset");
    assert.ok(compare(rmsprop({ lr: 0.003, ...tfjsPresets.rmsprop, alpha: f32(0.9) }), tf.train.rmsprop(0.003)) <= 1, "rmsprop: preset");
  });
});

describe("where TF.js is wrong, pinned", () => {
  before(async () => {
    await useFastestBackend();
  });

  /** TF.js's adadelta as written in tfjs-core: Δ = √(u + ε)/√(v_previous + ε) · g. `previous` false fixes it. */
  function adadeltaReplica(lr: number, rho: number, eps: number, previous: boolean): Stepper {
    let v: number[] = [];
    let u: number[] = [];
    return {
      step(x, g) {
        if (v.length === 0) {
          v = Array.from(g, () => 0);
          u = Array.from(g, () => 0);
        }
        x.forEach((_, i) => {
          const vNew = rho * v[i] + (1 - rho) * g[i] * g[i];
          const delta = (Math.sqrt(u[i] + eps) / Math.sqrt((previous ? v[i] : vNew) + eps)) * g[i];
          v[i] = vNew;
          u[i] = rho * u[i] + (1 - rho) * delta * delta;
          x[i] -= lr * delta;
        });
      },
    };
  }

  it("tf.train.adadelta divides by the previous average, so it is plain SGD; ours is Zeiler's (and PyTorch's)", () => {
    const lr = 0.01;
    const rho = 0.95;
    const eps = 1e-6;
    for (const problem of [problems[0], problems[2]]) {
      const steps = 60;
      const { grads, trajectory: ours } = runOurs(adadelta({ lr, rho: f32(rho), eps: f32(eps) }), problem, steps);
      const theirs = runTf(tf.train.adadelta(lr, rho, eps), problem.x0, grads);
      const x0 = problem.x0.map(f32);
      const replay = (opt: Stepper) => {
        const x = Float64Array.from(x0);
        return grads.map((g) => {
          opt.step(x, Float64Array.from(g));
          return Array.from(x);
        });
      };
      // What TF.js does: its own formula, which is exactly SGD with rate lr.
      assert.ok(discrepancy(x0, replay(adadeltaReplica(lr, f32(rho), f32(eps), true)), theirs) <= 1, "TF.js = its formula");
      assert.ok(discrepancy(x0, replay(sgd({ lr })), theirs) <= 1, "TF.js adadelta = SGD");
      // Ours = the same formula with the current average: the defect is the only difference.
      const fixed = replay(adadeltaReplica(lr, f32(rho), f32(eps), false));
      fixed.forEach((x, t) => x.forEach((xi, i) => assert.ok(Math.abs(xi - ours[t][i]) <= 1e-12 * (1 + Math.abs(xi)))));
      assert.ok(discrepancy(x0, ours, theirs) > 1000, "ours is not TF.js's");
    }
  });

  it("tf.train.rmsprop centered subtracts ε under the root (NaN for small gradients); ours adds it", () => {
    const lr = 0.001;
    const alpha = f32(0.9);
    const eps = 1e-7;
    /** Centered RMSprop with ε inside the root, added with `sign` +1 (ours) or −1 (TF.js). */
    const replica = (sign: number): Stepper => {
      let ms: number[] = [];
      let mg: number[] = [];
      return {
        step(x, g) {
          if (ms.length === 0) {
            ms = Array.from(g, () => 0);
            mg = Array.from(g, () => 0);
          }
          x.forEach((_, i) => {
            ms[i] = alpha * ms[i] + (1 - alpha) * g[i] * g[i];
            mg[i] = alpha * mg[i] + (1 - alpha) * g[i];
            x[i] -= (lr * g[i]) / Math.sqrt(ms[i] - mg[i] * mg[i] + sign * eps);
          });
        },
      };
    };
    // Gradients of order 1e-2: v − ḡ² is then within a few orders of ε, so its sign shows.
    const problem: Problem = { ...problems[2], grad: (x, t) => problems[2].grad(x, t).map((g) => 1e-2 * g) };
    const x0 = problem.x0.map(f32);
    const { grads, trajectory: ours } = runOurs(rmsprop({ ...tfjsPresets.rmsprop, lr, alpha, eps, centered: true }), problem, 60);
    const theirs = runTf(tf.train.rmsprop(lr, 0.9, 0, eps, true), problem.x0, grads);
    theirs.forEach((x, t) => x.forEach((xi) => assert.ok(Number.isFinite(xi), `tf went NaN at step ${t + 1}`)));
    const replay = (opt: Stepper) => {
      const x = Float64Array.from(x0);
      return grads.map((g) => {
        opt.step(x, Float64Array.from(g));
        return Array.from(x);
      });
    };
    assert.ok(discrepancy(x0, replay(replica(-1)), theirs) <= 1, "TF.js = √(v − ḡ² − ε)");
    const plus = replay(replica(+1));
    plus.forEach((x, t) => x.forEach((xi, i) => assert.ok(Math.abs(xi - ours[t][i]) <= 1e-12 * (1 + Math.abs(xi)), `step ${t + 1}[${i}]: replica ${xi}, ours ${ours[t][i]}`)));
    assert.ok(discrepancy(x0, ours, theirs) > 10, "ours differs");

    // A gradient below √(ε/(α(1 − α))) ≈ 1.05e-3 makes v − ḡ² < ε on the first step: TF.js gives NaN.
    const tiny = [f32(1e-4)];
    const [tfFirst] = runTf(tf.train.rmsprop(lr, 0.9, 0, eps, true), [1], [tiny]);
    assert.ok(Number.isNaN(tfFirst[0]), `TF.js: ${tfFirst[0]}`);
    const x = Float64Array.from([1]);
    rmsprop({ ...tfjsPresets.rmsprop, lr, alpha, eps, centered: true }).step(x, Float64Array.from(tiny));
    assert.ok(Number.isFinite(x[0]) && x[0] < 1, `ours: ${x[0]}`);
  });
});
