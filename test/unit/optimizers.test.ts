/**
 * Optimizers against (1) plain transcriptions of PyTorch's documented pseudocode, written here
 * independently of src/, (2) first steps worked out by hand, (3) the published numbers in COURSE.md,
 * (4) convergence-rate theory on quadratics, and (5) each other where two forms are equivalent.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  adadelta,
  adagrad,
  adam,
  adamax,
  adamw,
  emaMomentum,
  heavyBall,
  nadam,
  nesterov,
  newton,
  rmsprop,
  sgd,
  stepDecay,
  cosineDecay,
  conventions,
  tfjsPresets,
  kerasPresets,
} from "../../src";
import { rng } from "../../src/data/rng";

// ---------------------------------------------------------------------------------------------
// Helpers: a seeded RNG, test problems, closeness.

/** Uniform numbers in [0, 1) from the library's seeded generator. */
function uniformStream(seed: number): () => number {
  const r = rng(seed);
  return () => r.uniform();
}

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number, atol = 0, what = ""): void {
  assert.equal(actual.length, expected.length, `${what}: lengths differ`);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const e = expected[i];
    const ok = Math.abs(a - e) <= atol + rtol * Math.abs(e);
    if (!ok) assert.fail(`${what}[${i}]: got ${a}, expected ${e} (rtol ${rtol}, atol ${atol})`);
  }
}

interface Problem {
  name: string;
  x0: number[];
  grad: (x: ArrayLike<number>, t: number) => number[];
}

/** f = ½ Σ a_i x_i², ill-conditioned. */
const quadratic: Problem = {
  name: "ill-conditioned quadratic",
  x0: [1, -2, 0.5, 3],
  grad: (x) => [1, 10, 100, 0.1].map((a, i) => a * x[i]),
};

const rosenbrock: Problem = {
  name: "Rosenbrock",
  x0: [-1.2, 1],
  grad: (x) => [-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0]), 200 * (x[1] - x[0] * x[0])],
};

/** A quadratic with gradient noise of both signs and many scales: what SGD sees. */
const noisy: Problem = (() => {
  const rand = uniformStream(7);
  const noise = Array.from({ length: 400 }, () => Array.from({ length: 5 }, () => (rand() - 0.5) * 10 ** (rand() * 4 - 3)));
  return {
    name: "noisy quadratic",
    x0: [0.3, -0.7, 1.1, 0.05, -2],
    grad: (x, t) => Array.from(x, (xi, i) => (i + 1) * xi + noise[t % noise.length][i]),
  };
})();

const problems = [quadratic, rosenbrock, noisy];

type Step = (x: Float64Array, g: Float64Array) => void;

/** Runs ours and a reference side by side, feeding both the gradient at our iterate; compares every step. */
function agree(ours: { step: Step }, reference: (x: number[], g: number[]) => void, problem: Problem, steps = 60, rtol = 1e-12): void {
  const x = Float64Array.from(problem.x0);
  const y = [...problem.x0];
  for (let t = 0; t < steps; t++) {
    const g = problem.grad(x, t);
    ours.step(x, Float64Array.from(g));
    reference(y, g);
    assertClose(x, y, rtol, 1e-300, `${problem.name}, step ${t + 1}`);
  }
}

// ---------------------------------------------------------------------------------------------
// References: PyTorch's documented algorithms, one coordinate at a time, state in plain arrays.

function torchSgd(o: { lr: number; momentum?: number; dampening?: number; nesterov?: boolean; weightDecay?: number }) {
  const { lr, momentum = 0, dampening = 0, nesterov: useNesterov = false, weightDecay = 0 } = o;
  const b: number[] = [];
  let t = 0;
  return (x: number[], grad: number[]) => {
    t++;
    x.forEach((_, i) => {
      let g = grad[i] + weightDecay * x[i];
      if (momentum !== 0) {
        b[i] = t > 1 ? momentum * b[i] + (1 - dampening) * g : g;
        g = useNesterov ? g + momentum * b[i] : b[i];
      }
      x[i] = x[i] - lr * g;
    });
  };
}

function torchAdagrad(o: { lr: number; lrDecay?: number; weightDecay?: number; initialAccumulatorValue?: number; eps?: number }) {
  const { lr, lrDecay = 0, weightDecay = 0, initialAccumulatorValue = 0, eps = 1e-10 } = o;
  const sum: number[] = [];
  let t = 0;
  return (x: number[], grad: number[]) => {
    t++;
    const clr = lr / (1 + (t - 1) * lrDecay);
    x.forEach((_, i) => {
      const g = grad[i] + weightDecay * x[i];
      sum[i] = (sum[i] ?? initialAccumulatorValue) + g * g;
      x[i] = x[i] - (clr * g) / (Math.sqrt(sum[i]) + eps);
    });
  };
}

function torchRmsprop(o: { lr: number; alpha?: number; eps?: number; weightDecay?: number; momentum?: number; centered?: boolean }) {
  const { lr, alpha = 0.99, eps = 1e-8, weightDecay = 0, momentum = 0, centered = false } = o;
  const v: number[] = [];
  const gAve: number[] = [];
  const b: number[] = [];
  return (x: number[], grad: number[]) => {
    x.forEach((_, i) => {
      const g = grad[i] + weightDecay * x[i];
      v[i] = alpha * (v[i] ?? 0) + (1 - alpha) * g * g;
      let vTilde = v[i];
      if (centered) {
        gAve[i] = (gAve[i] ?? 0) * alpha + (1 - alpha) * g;
        vTilde = vTilde - gAve[i] * gAve[i];
      }
      if (momentum > 0) {
        b[i] = momentum * (b[i] ?? 0) + g / (Math.sqrt(vTilde) + eps);
        x[i] = x[i] - lr * b[i];
      } else {
        x[i] = x[i] - (lr * g) / (Math.sqrt(vTilde) + eps);
      }
    });
  };
}

function torchAdadelta(o: { lr?: number; rho?: number; eps?: number; weightDecay?: number }) {
  const { lr = 1, rho = 0.9, eps = 1e-6, weightDecay = 0 } = o;
  const v: number[] = [];
  const u: number[] = [];
  return (x: number[], grad: number[]) => {
    x.forEach((_, i) => {
      const g = grad[i] + weightDecay * x[i];
      v[i] = (v[i] ?? 0) * rho + g * g * (1 - rho);
      const dx = (Math.sqrt((u[i] ?? 0) + eps) / Math.sqrt(v[i] + eps)) * g;
      u[i] = (u[i] ?? 0) * rho + dx * dx * (1 - rho);
      x[i] = x[i] - lr * dx;
    });
  };
}

function torchAdam(o: { lr: number; beta1?: number; beta2?: number; eps?: number; weightDecay?: number; amsgrad?: boolean; decoupled?: boolean }) {
  const { lr, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 0, amsgrad = false, decoupled = false } = o;
  const m: number[] = [];
  const v: number[] = [];
  const vMax: number[] = [];
  let t = 0;
  return (x: number[], grad: number[]) => {
    t++;
    x.forEach((_, i) => {
      let g = grad[i];
      if (decoupled) x[i] = x[i] - lr * weightDecay * x[i];
      else g = g + weightDecay * x[i];
      m[i] = beta1 * (m[i] ?? 0) + (1 - beta1) * g;
      v[i] = beta2 * (v[i] ?? 0) + (1 - beta2) * g * g;
      const mHat = m[i] / (1 - beta1 ** t);
      let vHat: number;
      if (amsgrad) {
        vMax[i] = Math.max(vMax[i] ?? 0, v[i]);
        vHat = vMax[i] / (1 - beta2 ** t);
      } else {
        vHat = v[i] / (1 - beta2 ** t);
      }
      x[i] = x[i] - (lr * mHat) / (Math.sqrt(vHat) + eps);
    });
  };
}

function torchAdamax(o: { lr: number; beta1?: number; beta2?: number; eps?: number; weightDecay?: number }) {
  const { lr, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 0 } = o;
  const m: number[] = [];
  const u: number[] = [];
  let t = 0;
  return (x: number[], grad: number[]) => {
    t++;
    x.forEach((_, i) => {
      const g = grad[i] + weightDecay * x[i];
      m[i] = beta1 * (m[i] ?? 0) + (1 - beta1) * g;
      u[i] = Math.max(beta2 * (u[i] ?? 0), Math.abs(g) + eps);
      x[i] = x[i] - (lr * m[i]) / ((1 - beta1 ** t) * u[i]);
    });
  };
}

function torchNadam(o: { lr: number; beta1?: number; beta2?: number; eps?: number; weightDecay?: number; momentumDecay?: number }) {
  const { lr, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 0, momentumDecay = 4e-3 } = o;
  const m: number[] = [];
  const v: number[] = [];
  const mus: number[] = []; // μ_1, μ_2, ...
  const mu = (t: number) => beta1 * (1 - 0.5 * 0.96 ** (t * momentumDecay));
  const prod = (k: number) => mus.slice(0, k).reduce((p, q) => p * q, 1);
  let t = 0;
  return (x: number[], grad: number[]) => {
    t++;
    mus[t - 1] = mu(t);
    mus[t] = mu(t + 1);
    x.forEach((_, i) => {
      const g = grad[i] + weightDecay * x[i];
      m[i] = beta1 * (m[i] ?? 0) + (1 - beta1) * g;
      v[i] = beta2 * (v[i] ?? 0) + (1 - beta2) * g * g;
      const mHat = (mus[t] * m[i]) / (1 - prod(t + 1)) + ((1 - mus[t - 1]) * g) / (1 - prod(t));
      const vHat = v[i] / (1 - beta2 ** t);
      x[i] = x[i] - (lr * mHat) / (Math.sqrt(vHat) + eps);
    });
  };
}

// ---------------------------------------------------------------------------------------------

describe("optimizers match PyTorch's documented algorithms", () => {
  const cases: [string, () => { step: Step }, () => (x: number[], g: number[]) => void][] = [
    ["sgd", () => sgd({ lr: 1e-3 }), () => torchSgd({ lr: 1e-3 })],
    ["sgd momentum", () => sgd({ lr: 5e-4, momentum: 0.9 }), () => torchSgd({ lr: 5e-4, momentum: 0.9 })],
    [
      "sgd momentum + dampening + weightDecay",
      () => sgd({ lr: 5e-4, momentum: 0.8, dampening: 0.3, weightDecay: 0.05 }),
      () => torchSgd({ lr: 5e-4, momentum: 0.8, dampening: 0.3, weightDecay: 0.05 }),
    ],
    ["sgd nesterov", () => sgd({ lr: 5e-4, momentum: 0.9, nesterov: true }), () => torchSgd({ lr: 5e-4, momentum: 0.9, nesterov: true })],
    ["adagrad", () => adagrad({ lr: 0.1 }), () => torchAdagrad({ lr: 0.1 })],
    [
      "adagrad lrDecay + initial accumulator + weightDecay",
      () => adagrad({ lr: 0.1, lrDecay: 0.01, initialAccumulatorValue: 0.2, weightDecay: 0.01 }),
      () => torchAdagrad({ lr: 0.1, lrDecay: 0.01, initialAccumulatorValue: 0.2, weightDecay: 0.01 }),
    ],
    ["rmsprop", () => rmsprop({ lr: 0.001 }), () => torchRmsprop({ lr: 0.001 })],
    [
      "rmsprop centered + momentum + weightDecay",
      () => rmsprop({ lr: 0.001, centered: true, momentum: 0.9, weightDecay: 0.01, alpha: 0.9 }),
      () => torchRmsprop({ lr: 0.001, centered: true, momentum: 0.9, weightDecay: 0.01, alpha: 0.9 }),
    ],
    ["adadelta", () => adadelta(), () => torchAdadelta({})],
    ["adadelta lr + weightDecay", () => adadelta({ lr: 0.5, rho: 0.95, weightDecay: 0.01 }), () => torchAdadelta({ lr: 0.5, rho: 0.95, weightDecay: 0.01 })],
    ["adam", () => adam({ lr: 0.01 }), () => torchAdam({ lr: 0.01 })],
    ["adam amsgrad + weightDecay", () => adam({ lr: 0.01, amsgrad: true, weightDecay: 0.1 }), () => torchAdam({ lr: 0.01, amsgrad: true, weightDecay: 0.1 })],
    ["adamw", () => adamw({ lr: 0.01 }), () => torchAdam({ lr: 0.01, weightDecay: 0.01, decoupled: true })],
    ["adamw amsgrad", () => adamw({ lr: 0.01, weightDecay: 0.1, amsgrad: true }), () => torchAdam({ lr: 0.01, weightDecay: 0.1, amsgrad: true, decoupled: true })],
    ["adam decoupledWeightDecay = adamw", () => adam({ lr: 0.01, weightDecay: 0.1, decoupledWeightDecay: true }), () => torchAdam({ lr: 0.01, weightDecay: 0.1, decoupled: true })],
    ["adamax", () => adamax({ lr: 0.01 }), () => torchAdamax({ lr: 0.01 })],
    ["adamax weightDecay", () => adamax({ lr: 0.01, weightDecay: 0.1, beta2: 0.99 }), () => torchAdamax({ lr: 0.01, weightDecay: 0.1, beta2: 0.99 })],
    ["nadam", () => nadam({ lr: 0.01 }), () => torchNadam({ lr: 0.01 })],
    ["nadam momentumDecay + weightDecay", () => nadam({ lr: 0.01, momentumDecay: 0.1, weightDecay: 0.01 }), () => torchNadam({ lr: 0.01, momentumDecay: 0.1, weightDecay: 0.01 })],
  ];
  for (const [name, ours, reference] of cases) {
    it(name, () => {
      for (const problem of problems) agree(ours(), reference(), problem);
    });
  }
});

describe("first steps worked out by hand", () => {
  const g = Float64Array.from([0.5, -3, 1e3, 1e-3]);
  const x0 = () => Float64Array.from([1, 2, -3, 4]);
  const firstStep = (opt: { step: Step }) => {
    const x = x0();
    opt.step(x, g);
    return Array.from(x, (xi, i) => xi - x0()[i]);
  };

  it("sgd: θ − γg exactly", () => {
    assert.deepEqual(firstStep(sgd({ lr: 0.1 })), Array.from(g, (gi, i) => x0()[i] - 0.1 * gi - x0()[i]));
  });

  it("adam: ≈ lr in every coordinate, whatever the gradient's scale (m̂₁ = g, v̂₁ = g²)", () => {
    const d = firstStep(adam({ lr: 1e-3 }));
    d.forEach((di, i) => assert.ok(Math.abs(Math.abs(di) - 1e-3) < 1e-3 * 1e-4, `coordinate ${i}: ${di}`));
    d.forEach((di, i) => assert.equal(Math.sign(di), -Math.sign(g[i])));
  });

  it("adam without bias correction: (1 − β₁)/√(1 − β₂) · lr ≈ 3.16 lr", () => {
    const d = firstStep(adam({ lr: 1e-3, biasCorrection: false }));
    d.forEach((di, i) => {
      const expected = (-1e-3 * 0.1 * g[i]) / (Math.sqrt(0.001) * Math.abs(g[i]) + 1e-8);
      assert.ok(Math.abs(di - expected) < 1e-12 * Math.abs(expected), `coordinate ${i}: ${di}`);
      if (Math.abs(g[i]) >= 0.5) assert.ok(Math.abs(Math.abs(di) / 1e-3 - 3.1623) < 1e-4, `coordinate ${i}: ${di}`);
    });
  });

  it("adagrad (s₀ = 0): γ g/(|g| + ε) ≈ γ", () => {
    firstStep(adagrad({ lr: 0.1 })).forEach((di, i) => assert.ok(Math.abs(di + (0.1 * g[i]) / (Math.abs(g[i]) + 1e-10)) < 1e-15));
  });

  it("rmsprop: γ g/(√(1 − α)|g| + ε) = 10γ at α = 0.99", () => {
    firstStep(rmsprop({ lr: 0.01 })).forEach((di, i) => {
      const expected = (-0.01 * g[i]) / (Math.sqrt(0.01) * Math.abs(g[i]) + 1e-8);
      assert.ok(Math.abs(di - expected) < 1e-12 * Math.abs(expected), `coordinate ${i}: ${di}`);
      if (Math.abs(g[i]) >= 0.5) assert.ok(Math.abs(Math.abs(di) - 0.1) < 1e-7, `coordinate ${i}: ${di}`);
    });
  });

  it("adadelta: √ε/√((1 − ρ)g² + ε) · g", () => {
    firstStep(adadelta()).forEach((di, i) => {
      const expected = -(Math.sqrt(1e-6) / Math.sqrt(0.1 * g[i] * g[i] + 1e-6)) * g[i];
      assert.ok(Math.abs(di - expected) <= 1e-12 * Math.abs(expected), `coordinate ${i}: ${di} vs ${expected}`);
    });
  });

  it("adamax: γ/(1 − β₁) · (1 − β₁)g/(|g| + ε) ≈ γ", () => {
    firstStep(adamax({ lr: 0.002 })).forEach((di, i) => assert.ok(Math.abs(Math.abs(di) - 0.002) < 0.002 * 1e-4));
  });

  it("nadam: γ(μ₂(1 − β₁)/(1 − μ₁μ₂) + (1 − μ₁)/(1 − μ₁)) · g/(|g| + ε)", () => {
    const mu1 = 0.9 * (1 - 0.5 * 0.96 ** 0.004);
    const mu2 = 0.9 * (1 - 0.5 * 0.96 ** 0.008);
    const coefficient = 0.002 * ((mu2 * 0.1) / (1 - mu1 * mu2) + 1);
    firstStep(nadam()).forEach((di, i) => {
      const expected = (-coefficient * g[i]) / (Math.abs(g[i]) + 1e-8);
      assert.ok(Math.abs(di - expected) <= 1e-13 * Math.abs(expected));
    });
  });
});

describe("PyTorch's quirks", () => {
  it("sgd: the first momentum step uses the raw gradient, dampening notwithstanding", () => {
    const opt = sgd({ lr: 0.1, momentum: 0.9, dampening: 0.5 });
    const x = Float64Array.from([1]);
    opt.step(x, Float64Array.from([2]));
    assert.equal(opt.state.b[0], 2);
    assert.equal(x[0], 1 - 0.1 * 2);
    opt.step(x, Float64Array.from([4]));
    assert.equal(opt.state.b[0], 0.9 * 2 + 0.5 * 4);
    // dampenFirstStep makes b start at 0, so b₁ = (1 − τ)g.
    const dampened = sgd({ lr: 0.1, momentum: 0.9, dampening: 0.5, dampenFirstStep: true });
    dampened.step(Float64Array.from([1]), Float64Array.from([2]));
    assert.equal(dampened.state.b[0], 1);
  });

  it("nadam: muProduct is the running product of μ_t = β₁(1 − ½·0.96^{tψ}), and uses momentumDecay", () => {
    const psi = 0.05;
    const opt = nadam({ lr: 0.01, momentumDecay: psi });
    const x = Float64Array.from([1, -1]);
    let product = 1;
    for (let t = 1; t <= 5; t++) {
      opt.step(x, Float64Array.from([0.3, 0.2]));
      product *= 0.9 * (1 - 0.5 * 0.96 ** (t * psi));
      assert.ok(Math.abs(opt.state.muProduct - product) < 1e-15, `t = ${t}`);
    }
    const other = nadam({ lr: 0.01 });
    other.step(Float64Array.from([1, -1]), Float64Array.from([0.3, 0.2]));
    assert.ok(Math.abs(other.state.muProduct - 0.9 * (1 - 0.5 * 0.96 ** 0.004)) < 1e-15);
  });

  it("adamw: θ ← θ(1 − lr·wd) before the Adam step (with a zero gradient, only the decay moves θ)", () => {
    const opt = adamw({ lr: 0.1, weightDecay: 0.5 });
    const x = Float64Array.from([2, -4]);
    opt.step(x, Float64Array.from([0, 0]));
    assert.deepEqual(Array.from(x), [2 * (1 - 0.05), -4 * (1 - 0.05)]);
    const y = Float64Array.from([2]);
    adamw({ lr: 0.1, weightDecay: 0.5 }).step(y, Float64Array.from([3]));
    assert.ok(Math.abs(y[0] - (2 * 0.95 - (0.1 * 3) / (3 + 1e-8))) < 1e-14);
    // Coupled decay (adam's weightDecay) instead adds λθ to the gradient, then normalizes it away.
    const z = Float64Array.from([2]);
    adam({ lr: 0.1, weightDecay: 0.5 }).step(z, Float64Array.from([0]));
    assert.ok(Math.abs(z[0] - (2 - 0.1)) < 1e-8);
  });

  it("amsgrad: keeps the max of the raw v and divides it by (1 − β₂ᵗ)", () => {
    const opt = adam({ lr: 0.01, amsgrad: true });
    const x = Float64Array.from([0]);
    const grads = [10, 0.1, 0.1];
    let v = 0;
    let vMax = 0;
    for (let t = 1; t <= grads.length; t++) {
      const before = x[0];
      opt.step(x, Float64Array.from([grads[t - 1]]));
      v = 0.999 * v + 0.001 * grads[t - 1] ** 2;
      vMax = Math.max(vMax, v);
      assert.ok(Math.abs(opt.state.vMax[0] - vMax) <= 1e-15 * vMax);
      const mHat = opt.state.m[0] / (1 - 0.9 ** t);
      const expected = before - (0.01 * mHat) / (Math.sqrt(vMax / (1 - 0.999 ** t)) + 1e-8);
      assert.ok(Math.abs(x[0] - expected) < 1e-15);
    }
    // The max of the bias-corrected v̂ ("corrected") is a different rule, and gives different numbers.
    const corrected = adam({ lr: 0.01, amsgrad: true, amsgradMax: "corrected" });
    const y = Float64Array.from([0]);
    for (const g of grads) corrected.step(y, Float64Array.from([g]));
    assert.ok(Math.abs(corrected.state.vMax[0] - 0.001 * 100 / 0.001) < 1e-9, "corrected keeps v̂₁ = g₁²");
    assert.notEqual(y[0], x[0]);
  });
});

describe("convention options", () => {
  it("adagrad epsInsideSqrt: γg/√(s + ε)", () => {
    const opt = adagrad({ lr: 0.1, eps: 1e-2, epsInsideSqrt: true, initialAccumulatorValue: 0.1 });
    const x = Float64Array.from([1]);
    opt.step(x, Float64Array.from([0.5]));
    assert.equal(x[0], 1 - (0.1 * 0.5) / Math.sqrt(0.1 + 0.25 + 1e-2));
  });

  it("rmsprop epsInsideSqrt and lrInsideMomentum: b ← μb + γg/√(v + ε), θ ← θ − b", () => {
    const opt = rmsprop({ lr: 0.1, alpha: 0.9, eps: 1e-3, momentum: 0.5, epsInsideSqrt: true, lrInsideMomentum: true });
    const x = Float64Array.from([1]);
    let v = 0;
    let b = 0;
    let y = 1;
    for (const g of [0.5, -0.2, 0.1]) {
      opt.step(x, Float64Array.from([g]));
      v = 0.9 * v + 0.1 * g * g;
      b = 0.5 * b + (0.1 * g) / Math.sqrt(v + 1e-3);
      y -= b;
      assert.ok(Math.abs(x[0] - y) < 1e-15);
    }
  });

  it("lr inside or outside the momentum buffer: equal at constant lr, different under a schedule", () => {
    const run = (lr: number | ((t: number) => number), inside: boolean) => {
      const opt = sgd({ lr, momentum: 0.9, lrInsideMomentum: inside });
      const x = Float64Array.from(quadratic.x0);
      for (let t = 0; t < 30; t++) opt.step(x, Float64Array.from(quadratic.grad(x, t)));
      return x;
    };
    assertClose(run(0.005, true), run(0.005, false), 1e-12, 1e-15, "constant lr");
    const schedule = stepDecay({ lr: 0.005, stepSize: 10, gamma: 0.1 });
    const inside = run(schedule, true);
    const outside = run(schedule, false);
    assert.ok(Math.abs(inside[0] - outside[0]) > 1e-4, `${inside[0]} vs ${outside[0]}`);
  });

  it("adam epsHat: Keras's θ ← θ − γ√(1 − β₂ᵗ)/(1 − β₁ᵗ) · m/(√v + ε)", () => {
    const opt = adam({ lr: 0.01, eps: 1e-3, epsHat: true });
    const x = Float64Array.from([1, 1]);
    let m = [0, 0];
    let v = [0, 0];
    const y = [1, 1];
    const gs = [[0.01, 2], [0.02, -1], [-0.005, 0.5]];
    gs.forEach((g, k) => {
      const t = k + 1;
      opt.step(x, Float64Array.from(g));
      m = m.map((mi, i) => 0.9 * mi + 0.1 * g[i]);
      v = v.map((vi, i) => 0.999 * vi + 0.001 * g[i] * g[i]);
      const alpha = (0.01 * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t);
      y.forEach((_, i) => (y[i] -= (alpha * m[i]) / (Math.sqrt(v[i]) + 1e-3)));
      assertClose(x, y, 1e-14, 0, `t = ${t}`);
    });
    // ε̂ is ε/√(1 − β₂) ≈ 31.6ε at t = 1 in PyTorch's form, so the first step for a tiny gradient differs.
    const plain = Float64Array.from([1, 1]);
    adam({ lr: 0.01, eps: 1e-3 }).step(plain, Float64Array.from(gs[0]));
    const hat = Float64Array.from([1, 1]);
    adam({ lr: 0.01, eps: 1e-3, epsHat: true }).step(hat, Float64Array.from(gs[0]));
    assert.ok(Math.abs(1 - hat[0]) < Math.abs(1 - plain[0]) / 2);
  });

  it("adamax epsInsideMax false: u ← max(β₂u, |g|), step m/(u + ε)", () => {
    const opt = adamax({ lr: 0.01, eps: 0.1, epsInsideMax: false });
    const x = Float64Array.from([1]);
    opt.step(x, Float64Array.from([0.5]));
    assert.ok(Math.abs(x[0] - (1 - ((0.01 / 0.1) * 0.05) / (0.5 + 0.1))) < 1e-15);
    assert.equal(opt.state.u[0], 0.5);
  });

  it("the conventions table covers every convention option and names all three libraries", () => {
    for (const option of ["lrInsideMomentum", "dampenFirstStep", "epsInsideSqrt", "initialAccumulatorValue", "epsHat", "amsgradMax", "epsInsideMax", "biasCorrection"]) {
      assert.ok(conventions.some((row) => row.option === option), option);
    }
    for (const row of conventions) for (const key of ["pytorch", "tfjs", "keras", "effect"] as const) assert.ok(row[key].length > 0);
    // Every preset is a valid set of options for its optimizer.
    adagrad({ ...tfjsPresets.adagrad });
    rmsprop({ ...tfjsPresets.rmsprop });
    adam({ ...tfjsPresets.adam });
    adamax({ ...tfjsPresets.adamax });
    sgd({ lr: 0.1, ...tfjsPresets.sgd });
    sgd({ lr: 0.1, ...kerasPresets.sgd });
    adagrad({ ...kerasPresets.adagrad });
    rmsprop({ ...kerasPresets.rmsprop });
    adadelta({ ...kerasPresets.adadelta });
    adam({ ...kerasPresets.adam });
    adamw({ ...kerasPresets.adamw });
    adamax({ ...kerasPresets.adamax });
  });
});

describe("published numbers (d2l, optimization chapter)", () => {
  it("f(x) = x² from x₀ = 10, 10 GD steps: 0.060466 / 3.486784 / 61.917 at η = 0.2 / 0.05 / 1.1", () => {
    const expected: [number, number][] = [[0.2, 0.060466], [0.05, 3.486784], [1.1, 61.917364]];
    for (const [eta, value] of expected) {
      const opt = sgd({ lr: eta });
      const x = Float64Array.from([10]);
      for (let t = 0; t < 10; t++) opt.step(x, Float64Array.from([2 * x[0]]));
      assert.ok(Math.abs(x[0] - value) < 5e-7, `η = ${eta}: ${x[0]}`);
    }
  });

  const grad2d = (x: Float64Array) => Float64Array.from([0.2 * x[0], 4 * x[1]]);

  it("f = 0.1x₁² + 2x₂² from (−5, −2), 20 GD steps at η = 0.4 → (−0.943467, −0.000073)", () => {
    const opt = sgd({ lr: 0.4 });
    const x = Float64Array.from([-5, -2]);
    for (let t = 0; t < 20; t++) opt.step(x, grad2d(x));
    assert.ok(Math.abs(x[0] - -0.943467) < 5e-7 && Math.abs(x[1] - -0.000073) < 5e-7, String(x));
  });

  it("same, momentum η = 0.6, β = 0.5 (d2l: v ← βv + g, x ← x − ηv) → (0.007188, 0.002553)", () => {
    const opt = sgd({ lr: 0.6, momentum: 0.5 });
    const x = Float64Array.from([-5, -2]);
    for (let t = 0; t < 20; t++) opt.step(x, grad2d(x));
    assert.ok(Math.abs(x[0] - 0.007188) < 5e-7 && Math.abs(x[1] - 0.002553) < 5e-7, String(x));
  });
});

describe("rates on quadratics (Distill, \"Why Momentum Really Works\")", () => {
  // f = ½ Σ λ_i x_i² with eigenvalues spread over [μ, L].
  const mu = 1;
  const L = 100;
  const kappa = L / mu;
  const eigenvalues = [mu, 3, 10, 42, 77, L];
  /** Per-step contraction of ‖x‖ measured between steps `from` and `to`. */
  const measuredRate = (opt: { step: Step }, from: number, to: number) => {
    const x = Float64Array.from(eigenvalues, () => 1);
    let normFrom = 0;
    for (let t = 0; t < to; t++) {
      if (t === from) normFrom = Math.hypot(...x);
      opt.step(x, Float64Array.from(x, (xi, i) => eigenvalues[i] * xi));
    }
    return (Math.hypot(...x) / normFrom) ** (1 / (to - from));
  };

  it("gradient descent with α = 2/(μ + L) converges at (κ − 1)/(κ + 1)", () => {
    const rate = measuredRate(sgd({ lr: 2 / (mu + L) }), 20, 120);
    const theory = (kappa - 1) / (kappa + 1);
    assert.ok(Math.abs(rate / theory - 1) < 0.02, `${rate} vs ${theory}`);
  });

  it("heavy ball with α = (2/(√L + √μ))², β = ((√κ − 1)/(√κ + 1))² converges at (√κ − 1)/(√κ + 1)", () => {
    const alpha = (2 / (Math.sqrt(L) + Math.sqrt(mu))) ** 2;
    const beta = ((Math.sqrt(kappa) - 1) / (Math.sqrt(kappa) + 1)) ** 2;
    const theory = (Math.sqrt(kappa) - 1) / (Math.sqrt(kappa) + 1);
    const rate = measuredRate(heavyBall({ lr: alpha, beta }), 40, 140);
    assert.ok(Math.abs(rate / theory - 1) < 0.02, `${rate} vs ${theory}`);
    assert.ok(rate < (kappa - 1) / (kappa + 1) - 0.1, "much faster than gradient descent");
  });
});

describe("the lesson optimizers", () => {
  const run = (opt: { step: Step }, problem: Problem, steps: number) => {
    const x = Float64Array.from(problem.x0);
    const trace: number[][] = [];
    for (let t = 0; t < steps; t++) {
      opt.step(x, Float64Array.from(problem.grad(x, t)));
      trace.push(Array.from(x));
    }
    return trace;
  };

  it("heavyBall θ − αg + β(θ_t − θ_{t−1}) gives PyTorch momentum's iterates", () => {
    for (const problem of problems) {
      const a = run(heavyBall({ lr: 0.002, beta: 0.9 }), problem, 50);
      const b = run(sgd({ lr: 0.002, momentum: 0.9 }), problem, 50);
      a.forEach((xa, t) => assertClose(xa, b[t], 1e-9, 1e-12, `${problem.name} step ${t + 1}`));
    }
  });

  it("heavyBall keeps θ_{t−1} in state.previous", () => {
    const opt = heavyBall({ lr: 0.1, beta: 0.5 });
    const x = Float64Array.from([1]);
    opt.step(x, Float64Array.from([1])); // θ₁ = 0.9 (no momentum on step 1)
    assert.equal(x[0], 0.9);
    assert.equal(opt.state.previous[0], 1);
    opt.step(x, Float64Array.from([1])); // θ₂ = 0.9 − 0.1 + 0.5(0.9 − 1)
    assert.ok(Math.abs(x[0] - 0.75) < 1e-15);
  });

  it("nesterov look-ahead points are PyTorch nesterov's iterates (φ = θ + βv)", () => {
    for (const problem of problems) {
      const nag = nesterov({ lr: 0.002, beta: 0.9 });
      const theta = Float64Array.from(problem.x0);
      const torch = sgd({ lr: 0.002, momentum: 0.9, nesterov: true });
      const phi = Float64Array.from(problem.x0);
      for (let t = 0; t < 50; t++) {
        const ahead = nag.lookAhead(theta);
        assertClose(ahead, phi, 1e-9, 1e-12, `${problem.name} step ${t}`);
        nag.step(theta, Float64Array.from(problem.grad(ahead, t)));
        torch.step(phi, Float64Array.from(problem.grad(phi, t)));
      }
    }
  });

  it("nesterov.lookAhead writes into out and checks lengths", () => {
    const nag = nesterov({ lr: 0.1, beta: 0.5 });
    const x = Float64Array.from([1, 2]);
    const out = new Float64Array(2);
    assert.equal(nag.lookAhead(x, out), out);
    assert.deepEqual(Array.from(out), [1, 2]);
    nag.step(x, Float64Array.from([1, 1]));
    assert.deepEqual(Array.from(nag.lookAhead(x)), [0.9 - 0.05, 1.9 - 0.05]);
    assert.throws(() => nag.lookAhead(x, new Float64Array(3)), /out has length 3/);
    assert.throws(() => nag.lookAhead(new Float64Array(3)), /sized for 2/);
  });

  it("emaMomentum v ← βv + (1 − β)g is sgd with dampening β on every step", () => {
    for (const problem of problems) {
      const a = run(emaMomentum({ lr: 0.01, beta: 0.9 }), problem, 40);
      const b = run(sgd({ lr: 0.01, momentum: 0.9, dampening: 0.9, dampenFirstStep: true }), problem, 40);
      a.forEach((xa, t) => assertClose(xa, b[t], 1e-12, 1e-15, `${problem.name} step ${t + 1}`));
    }
    const opt = emaMomentum({ lr: 1, beta: 0.9 });
    const x = Float64Array.from([0]);
    opt.step(x, Float64Array.from([1]));
    assert.ok(Math.abs(opt.state.v[0] - 0.1) < 1e-16 && Math.abs(x[0] + 0.1) < 1e-16);
  });

  it("newton solves a quadratic in one step", () => {
    const A = [4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 2];
    const b = [1, -2, 3];
    const x = Float64Array.from([10, -7, 3]);
    const grad = Float64Array.from([0, 1, 2], (i) => A[3 * i] * x[0] + A[3 * i + 1] * x[1] + A[3 * i + 2] * x[2] - b[i]);
    const opt = newton();
    opt.step(x, grad, Float64Array.from(A));
    const residual = [0, 1, 2].map((i) => A[3 * i] * x[0] + A[3 * i + 1] * x[1] + A[3 * i + 2] * x[2] - b[i]);
    residual.forEach((r) => assert.ok(Math.abs(r) < 1e-12, String(residual)));
    assert.equal(opt.state.direction.length, 3);
  });

  it("newton with partial pivoting handles a zero leading entry, and damping adds δI", () => {
    const opt = newton({ damping: 0 });
    const x = Float64Array.from([0, 0]);
    opt.step(x, Float64Array.from([1, 2]), Float64Array.from([0, 1, 1, 0])); // H = [[0,1],[1,0]]
    assert.deepEqual(Array.from(x), [-2, -1]);
    const damped = newton({ damping: 1, lr: 0.5 });
    const y = Float64Array.from([0]);
    damped.step(y, Float64Array.from([3]), Float64Array.from([2]));
    assert.equal(y[0], -0.5 * (3 / 3));
  });

  it("newton reaches Rosenbrock's minimum from (−1.2, 1) in a few steps", () => {
    const opt = newton();
    const x = Float64Array.from([-1.2, 1]);
    for (let t = 0; t < 8; t++) {
      const [a, b] = x;
      const hessian = Float64Array.from([2 - 400 * (b - 3 * a * a), -400 * a, -400 * a, 200]);
      opt.step(x, Float64Array.from(rosenbrock.grad(x, t)), hessian);
    }
    assert.ok(Math.abs(x[0] - 1) < 1e-10 && Math.abs(x[1] - 1) < 1e-10, String(x));
  });
});

describe("state, schedules and options", () => {
  it("state is empty before the first step and sized by it; t counts steps; lr records the rate used", () => {
    const opt = adam({ lr: cosineDecay({ lr: 0.1, totalSteps: 10 }) });
    assert.equal(opt.state.t, 0);
    assert.ok(Number.isNaN(opt.state.lr));
    assert.equal(opt.state.m.length, 0);
    const x = new Float64Array(3);
    opt.step(x, Float64Array.from([1, 2, 3]));
    assert.equal(opt.state.t, 1);
    assert.equal(opt.state.m.length, 3);
    assert.equal(opt.state.vMax.length, 0, "no AMSGrad buffer unless amsgrad");
    assert.equal(opt.state.lr, 0.1);
    opt.step(x, Float64Array.from([1, 2, 3]));
    assert.equal(opt.state.lr, 0.05 + 0.05 * Math.cos(Math.PI / 10));
    assert.equal(opt.lrAt(5), 0.05 + 0.05 * Math.cos(Math.PI / 2));
  });

  it("a schedule's step k is used by update k + 1 (0-based index)", () => {
    const schedule = (k: number) => 1 / (k + 1);
    const opt = sgd({ lr: schedule });
    const x = Float64Array.from([0]);
    for (let k = 0; k < 5; k++) {
      const before = x[0];
      opt.step(x, Float64Array.from([1]));
      assert.equal(x[0], before - 1 / (k + 1));
    }
  });

  it("recordUpdate keeps θ_t − θ_{t−1}", () => {
    const opt = adam({ lr: 0.01, recordUpdate: true });
    const x = Float64Array.from([1, -1]);
    const before = Array.from(x);
    opt.step(x, Float64Array.from([0.5, -0.25]));
    assertClose(opt.state.update, [x[0] - before[0], x[1] - before[1]], 1e-15);
    assert.equal(adam().state.update.length, 0);
  });

  it("reset forgets everything, and a new size is then accepted", () => {
    const opt = rmsprop({ lr: 0.01, momentum: 0.9, centered: true });
    opt.step(new Float64Array(2), Float64Array.from([1, 1]));
    const state = opt.state;
    opt.reset();
    assert.equal(opt.state, state, "same object, so references stay live");
    assert.equal(opt.state.t, 0);
    assert.equal(opt.state.v.length, 0);
    opt.step(new Float64Array(5), new Float64Array(5).fill(1));
    assert.equal(opt.state.b.length, 5);
  });

  it("options lists every hyperparameter with defaults filled in (PyTorch's)", () => {
    assert.deepEqual(
      { ...adam().options },
      { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, amsgrad: false, decoupledWeightDecay: false, epsHat: false, amsgradMax: "raw", biasCorrection: true, recordUpdate: false, kernel: "auto" },
    );
    assert.equal(adamw().options.weightDecay, 0.01);
    assert.equal(adamax().options.lr, 2e-3);
    assert.equal(nadam().options.momentumDecay, 4e-3);
    assert.equal(adadelta().options.lr, 1);
    assert.equal(adadelta().options.rho, 0.9);
    assert.equal(adadelta().options.eps, 1e-6);
    assert.equal(adagrad().options.eps, 1e-10);
    assert.equal(rmsprop().options.alpha, 0.99);
    assert.equal(rmsprop().options.lr, 0.01);
    assert.deepEqual(
      { ...sgd({ lr: 0.1 }).options },
      { lr: 0.1, momentum: 0, dampening: 0, nesterov: false, weightDecay: 0, lrInsideMomentum: false, dampenFirstStep: false, recordUpdate: false, kernel: "auto" },
    );
  });

  it("zero parameters is a valid (empty) step", () => {
    const opt = adam();
    opt.step(new Float64Array(0), new Float64Array(0));
    assert.equal(opt.state.t, 1);
  });
});
