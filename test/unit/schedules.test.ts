/**
 * Schedules against PyTorch's documented formulas and examples, each expected value computed here from
 * the formula (or copied from PyTorch's docstring example), and every validation error.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  constantLr,
  cosineDecay,
  exponentialDecay,
  inverseTimeDecay,
  linearWarmup,
  multiStepDecay,
  oneCycle,
  polynomialDecay,
  reduceOnPlateau,
  sequentialLr,
  sgd,
  stepDecay,
  withWarmup,
  type Schedule,
} from "../../src";

function close(actual: number, expected: number, what: string, rtol = 1e-14): void {
  assert.ok(Math.abs(actual - expected) <= rtol * Math.abs(expected) + 1e-300, `${what}: got ${actual}, expected ${expected}`);
}

function rejects(make: () => unknown, ...fragments: string[]): void {
  assert.throws(make, (error: Error) => {
    for (const f of fragments) assert.ok(error.message.includes(f), `"${error.message}" should mention "${f}"`);
    return true;
  });
}

describe("closed-form schedules (PyTorch semantics)", () => {
  it("constantLr", () => {
    assert.equal(constantLr(0.1)(0), 0.1);
    assert.equal(constantLr({ lr: 0.1 })(1000), 0.1);
  });

  it("stepDecay = StepLR: η₀ γ^⌊t/stepSize⌋", () => {
    const s = stepDecay({ lr: 0.05, stepSize: 30 });
    for (const t of [0, 29, 30, 59, 60, 90, 1000]) close(s(t), 0.05 * 0.1 ** Math.floor(t / 30), `t = ${t}`);
    // PyTorch's docstring: lr = 0.05 for epoch < 30, 0.005 for 30 ≤ epoch < 60, 0.0005 for 60 ≤ epoch < 90.
    close(s(45), 0.005, "docstring");
    close(s(75), 0.0005, "docstring");
  });

  it("multiStepDecay = MultiStepLR: η₀ γ^{#milestones ≤ t}, milestones in any order, repeats decaying twice", () => {
    const s = multiStepDecay({ lr: 0.05, milestones: [80, 30] });
    // PyTorch's docstring: 0.05 if epoch < 30, 0.005 if 30 ≤ epoch < 80, 0.0005 if epoch ≥ 80.
    close(s(0), 0.05, "t = 0");
    close(s(29), 0.05, "t = 29");
    close(s(30), 0.005, "t = 30");
    close(s(79), 0.005, "t = 79");
    close(s(80), 0.0005, "t = 80");
    close(multiStepDecay({ lr: 1, milestones: [5, 5], gamma: 0.5 })(5), 0.25, "repeated milestone");
    assert.equal(multiStepDecay({ lr: 1, milestones: [] })(100), 1);
  });

  it("exponentialDecay = ExponentialLR (η₀γᵗ), with TF's decaySteps and staircase", () => {
    const s = exponentialDecay({ lr: 0.1, gamma: 0.9 });
    for (const t of [0, 1, 2, 10, 57]) close(s(t), 0.1 * 0.9 ** t, `t = ${t}`);
    const tf = exponentialDecay({ lr: 0.1, gamma: 0.96, decaySteps: 100 });
    close(tf(250), 0.1 * 0.96 ** 2.5, "continuous");
    const stairs = exponentialDecay({ lr: 0.1, gamma: 0.96, decaySteps: 100, staircase: true });
    close(stairs(250), 0.1 * 0.96 ** 2, "staircase");
    close(exponentialDecay({ lr: 1e-5, gamma: 1.1 })(10), 1e-5 * 1.1 ** 10, "growth, as in a range test");
  });

  it("inverseTimeDecay: η₀/(1 + γt/decaySteps)", () => {
    const s = inverseTimeDecay({ lr: 0.5, decayRate: 0.5 });
    for (const t of [0, 1, 3, 100]) close(s(t), 0.5 / (1 + 0.5 * t), `t = ${t}`);
    const stairs = inverseTimeDecay({ lr: 0.1, decayRate: 0.5, decaySteps: 10, staircase: true });
    close(stairs(25), 0.1 / (1 + 0.5 * 2), "staircase");
    close(inverseTimeDecay({ lr: 0.1, decayRate: 0.5, decaySteps: 10 })(25), 0.1 / (1 + 0.5 * 2.5), "continuous");
  });

  it("polynomialDecay = PolynomialLR: η₀(1 − min(t,T)/T)^p, plus TF's endLr", () => {
    // PyTorch's docstring: lr 0.001, total_iters 4, power 1 → 0.001, 0.00075, 0.0005, 0.00025, 0.
    const s = polynomialDecay({ lr: 0.001, totalSteps: 4 });
    [0.001, 0.00075, 0.0005, 0.00025, 0, 0].forEach((value, t) => close(s(t), value, `t = ${t}`));
    const p = polynomialDecay({ lr: 0.1, totalSteps: 10, power: 2, endLr: 0.01 });
    for (const t of [0, 3, 10, 20]) close(p(t), (0.1 - 0.01) * (1 - Math.min(t, 10) / 10) ** 2 + 0.01, `t = ${t}`);
  });

  it("cosineDecay = CosineAnnealingLR closed form, continuing past T as PyTorch's does", () => {
    const s = cosineDecay({ lr: 0.1, totalSteps: 50, minLr: 0.001 });
    for (const t of [0, 1, 10, 25, 49, 50, 75, 100]) {
      close(s(t), 0.001 + ((0.1 - 0.001) * (1 + Math.cos((Math.PI * t) / 50))) / 2, `t = ${t}`);
    }
    close(s(50), 0.001, "minimum at T");
    close(s(100), 0.1, "back at the top at 2T");
  });

  it("linearWarmup = LinearLR (end factor 1)", () => {
    // PyTorch's docstring: lr 0.05, start_factor 0.5, total_iters 4 → 0.025, 0.03125, 0.0375, 0.04375, 0.05.
    const s = linearWarmup({ lr: 0.05, warmupSteps: 4, startFactor: 0.5 });
    [0.025, 0.03125, 0.0375, 0.04375, 0.05, 0.05].forEach((value, t) => close(s(t), value, `t = ${t}`));
    close(linearWarmup({ lr: 0.3, warmupSteps: 5 })(0), 0.1, "default start factor 1/3");
    assert.equal(linearWarmup({ lr: 0.3, warmupSteps: 5, startFactor: 0 })(0), 0);
  });

  it("sequentialLr = SequentialLR: each schedule restarts from its step 0 at its milestone", () => {
    // PyTorch's docstring: ConstantLR(factor 0.1, 2 iters) then ExponentialLR(0.9), milestones [2], lr 1:
    // 0.1, 0.1, 0.9⁰, 0.9, 0.81.
    const s = sequentialLr({ schedules: [constantLr(0.1), exponentialDecay({ lr: 1, gamma: 0.9 })], milestones: [2] });
    [0.1, 0.1, 1, 0.9, 0.81].forEach((value, t) => close(s(t), value, `t = ${t}`));
    const three = sequentialLr({ schedules: [constantLr(1), constantLr(2), (t: number) => 3 + t], milestones: [2, 5] });
    assert.deepEqual([0, 1, 2, 4, 5, 6].map(three), [1, 1, 2, 2, 3, 4]);
  });

  it("withWarmup: a linear ramp to schedule(0), then the schedule from its own step 0", () => {
    const main = cosineDecay({ lr: 0.1, totalSteps: 20 });
    const s = withWarmup(main, { warmupSteps: 5, startFactor: 0.2 });
    for (let t = 0; t < 5; t++) close(s(t), 0.1 * (0.2 + (0.8 * t) / 5), `warmup t = ${t}`);
    for (let t = 5; t < 30; t++) close(s(t), main(t - 5), `t = ${t}`);
  });

  it("oneCycle = OneCycleLR: PyTorch's phase boundaries and cosine annealing", () => {
    const maxLr = 0.1;
    const T = 100;
    const initial = maxLr / 25;
    const min = initial / 1e4;
    const cos = (from: number, to: number, p: number) => to + ((from - to) / 2) * (Math.cos(Math.PI * p) + 1);
    const end1 = 0.3 * T - 1; // phase 1 ends at step 29
    const s = oneCycle({ maxLr, totalSteps: T });
    close(s(0), initial, "start");
    close(s(29), maxLr, "peak at pctStart·T − 1");
    close(s(99), min, "minimum at T − 1");
    for (const t of [5, 14, 28]) close(s(t), cos(initial, maxLr, t / end1), `t = ${t}`, 1e-13);
    for (const t of [30, 50, 98, 100]) close(s(t), cos(maxLr, min, (t - end1) / (T - 1 - end1)), `t = ${t}`, 1e-13);
    rejects(() => s(101), "step 101 is past totalSteps 100");

    const lin = oneCycle({ maxLr, totalSteps: T, annealStrategy: "linear" });
    close(lin(10), initial + ((maxLr - initial) * 10) / end1, "linear phase 1");
    close(lin(60), maxLr + ((min - maxLr) * (60 - end1)) / (T - 1 - end1), "linear phase 2", 1e-13);

    const three = oneCycle({ maxLr, totalSteps: T, threePhase: true });
    const end2 = 2 * 0.3 * T - 2; // 58
    close(three(29), maxLr, "three-phase peak");
    close(three(58), initial, "back to the start at 2·pctStart·T − 2");
    close(three(40), cos(maxLr, initial, (40 - end1) / (end2 - end1)), "phase 2", 1e-13);
    close(three(80), cos(initial, min, (80 - end2) / (T - 1 - end2)), "phase 3", 1e-13);
  });

  it("an optimizer's update k uses schedule(k)", () => {
    const schedule = stepDecay({ lr: 1, stepSize: 2, gamma: 0.5 });
    const opt = sgd({ lr: schedule });
    const x = Float64Array.from([0]);
    const expected = [1, 1, 0.5, 0.5, 0.25];
    let position = 0;
    for (const lr of expected) {
      opt.step(x, Float64Array.from([1]));
      position -= lr;
      assert.equal(x[0], position);
      assert.equal(opt.state.lr, lr);
    }
  });

  it("schedules refuse negative or non-finite steps", () => {
    const schedules: Schedule[] = [constantLr(1), stepDecay({ lr: 1, stepSize: 1 }), cosineDecay({ lr: 1, totalSteps: 10 })];
    for (const s of schedules) {
      rejects(() => s(-1), "step must be a finite number ≥ 0", "-1");
      rejects(() => s(NaN), "NaN");
    }
  });
});

describe("reduceOnPlateau = ReduceLROnPlateau", () => {
  const feed = (s: ReturnType<typeof reduceOnPlateau>, metrics: number[]) => metrics.map((m) => s.observe(m));

  it("reduces after more than `patience` observations without improvement", () => {
    const s = reduceOnPlateau({ lr: 1, patience: 2, factor: 0.5 });
    assert.deepEqual(feed(s, [10, 9, 9, 9, 9, 9, 9, 9, 9]), [1, 1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25]);
    assert.equal(s.best, 9);
    assert.equal(s.observations, 9);
    assert.equal(s(12345), 0.25, "callable as a schedule: the current rate");
  });

  it("works as an optimizer's lr", () => {
    const s = reduceOnPlateau({ lr: 1, patience: 0, factor: 0.5 });
    const opt = sgd({ lr: s });
    const x = Float64Array.from([0]);
    opt.step(x, Float64Array.from([1]));
    s.observe(1);
    s.observe(1); // not better: reduced to 0.5
    opt.step(x, Float64Array.from([1]));
    assert.equal(x[0], -1.5);
  });

  it("threshold modes: rel (best·(1 − threshold)) and abs (best − threshold)", () => {
    const rel = reduceOnPlateau({ lr: 1, patience: 0, threshold: 0.1 });
    assert.deepEqual(feed(rel, [10, 9.5, 8.9]), [1, 0.1, 0.1]); // 9.5 is not < 9: bad; 8.9 < 9: better
    assert.equal(rel.best, 8.9);
    const abs = reduceOnPlateau({ lr: 1, patience: 0, threshold: 0.5, thresholdMode: "abs" });
    assert.deepEqual(feed(abs, [10, 9.6, 9.4]), [1, 0.1, 0.1]);
    assert.equal(abs.best, 9.4);
  });

  it("mode max: larger is better", () => {
    const s = reduceOnPlateau({ lr: 1, mode: "max", patience: 1 });
    assert.deepEqual(feed(s, [0.5, 0.6, 0.6, 0.6]), [1, 1, 1, 0.1]);
    const abs = reduceOnPlateau({ lr: 1, mode: "max", patience: 0, threshold: 0.05, thresholdMode: "abs" });
    assert.deepEqual(feed(abs, [0.5, 0.54, 0.56]), [1, 0.1, 0.1]);
    assert.equal(abs.best, 0.56);
  });

  it("cooldown holds the bad count at 0 for that many observations after a reduction", () => {
    const s = reduceOnPlateau({ lr: 1, patience: 0, cooldown: 2, factor: 0.5 });
    assert.deepEqual(feed(s, [1, 1, 1, 1, 1, 1]), [1, 0.5, 0.5, 0.5, 0.25, 0.25]);
    assert.equal(s.cooldownCounter, 1);
  });

  it("minLr floors the rate; reductions within eps are skipped", () => {
    const s = reduceOnPlateau({ lr: 1, patience: 0, minLr: 0.05 });
    assert.deepEqual(feed(s, [1, 1, 1, 1]), [1, 0.1, 0.05, 0.05]);
    const tiny = reduceOnPlateau({ lr: 1e-8, patience: 0, eps: 1e-8 });
    assert.deepEqual(feed(tiny, [1, 1]), [1e-8, 1e-8]);
  });

  it("rejects a metric that is NaN or ±Infinity, naming it, and changes nothing (issue 17)", () => {
    for (const bad of [NaN, -Infinity, Infinity]) {
      const s = reduceOnPlateau({ lr: 1, patience: 0 });
      s.observe(1);
      rejects(() => s.observe(bad), "reduceOnPlateau: metric must be finite", String(bad));
      assert.equal(s.best, 1);
      assert.equal(s.observe(0.5), 1, "the next observation goes on from where it was");
    }
    rejects(() => reduceOnPlateau({ lr: 1 }).observe("0.5" as unknown as number), "reduceOnPlateau: metric must be a number", '"0.5"');
  });
});

describe("schedule validation names the option and value", () => {
  it("learning rates", () => {
    rejects(() => constantLr(-1), "constantLr: lr", "-1");
    rejects(() => stepDecay({ lr: NaN, stepSize: 1 }), "stepDecay: lr", "NaN");
    rejects(() => cosineDecay({ lr: Infinity, totalSteps: 1 }), "cosineDecay: lr", "Infinity");
    rejects(() => oneCycle({ maxLr: -1, totalSteps: 10 }), "oneCycle: maxLr", "-1");
    rejects(() => reduceOnPlateau({ lr: -1 }), "reduceOnPlateau: lr", "-1");
    rejects(() => polynomialDecay({ lr: 1, totalSteps: 1, endLr: -1 }), "polynomialDecay: endLr", "-1");
    rejects(() => cosineDecay({ lr: 1, totalSteps: 1, minLr: -1 }), "cosineDecay: minLr", "-1");
  });

  it("non-positive step sizes, totals and decay steps", () => {
    for (const bad of [0, -3]) {
      rejects(() => stepDecay({ lr: 1, stepSize: bad }), "stepDecay: stepSize", String(bad));
      rejects(() => polynomialDecay({ lr: 1, totalSteps: bad }), "polynomialDecay: totalSteps", String(bad));
      rejects(() => cosineDecay({ lr: 1, totalSteps: bad }), "cosineDecay: totalSteps", String(bad));
      rejects(() => oneCycle({ maxLr: 1, totalSteps: bad }), "oneCycle: totalSteps", String(bad));
      rejects(() => exponentialDecay({ lr: 1, gamma: 0.9, decaySteps: bad }), "exponentialDecay: decaySteps", String(bad));
      rejects(() => inverseTimeDecay({ lr: 1, decayRate: 0.9, decaySteps: bad }), "inverseTimeDecay: decaySteps", String(bad));
      rejects(() => linearWarmup({ lr: 1, warmupSteps: bad }), "linearWarmup: warmupSteps", String(bad));
      rejects(() => withWarmup(constantLr(1), { warmupSteps: bad }), "withWarmup: warmupSteps", String(bad));
    }
    rejects(() => stepDecay({ lr: 1, stepSize: 2.5 }), "stepDecay: stepSize", "integer", "2.5");
  });

  it("negative or non-finite gamma, factor and rates", () => {
    for (const bad of [-0.1, NaN, Infinity]) {
      rejects(() => stepDecay({ lr: 1, stepSize: 1, gamma: bad }), "stepDecay: gamma", String(bad));
      rejects(() => multiStepDecay({ lr: 1, milestones: [1], gamma: bad }), "multiStepDecay: gamma", String(bad));
      rejects(() => exponentialDecay({ lr: 1, gamma: bad }), "exponentialDecay: gamma", String(bad));
      rejects(() => inverseTimeDecay({ lr: 1, decayRate: bad }), "inverseTimeDecay: decayRate", String(bad));
      rejects(() => polynomialDecay({ lr: 1, totalSteps: 1, power: bad }), "polynomialDecay: power", String(bad));
      rejects(() => reduceOnPlateau({ lr: 1, factor: bad }), "reduceOnPlateau: factor", String(bad));
      rejects(() => reduceOnPlateau({ lr: 1, threshold: bad }), "reduceOnPlateau: threshold", String(bad));
      rejects(() => oneCycle({ maxLr: 1, totalSteps: 10, divFactor: bad }), "oneCycle: divFactor", String(bad));
      rejects(() => oneCycle({ maxLr: 1, totalSteps: 10, finalDivFactor: bad }), "oneCycle: finalDivFactor", String(bad));
    }
    rejects(() => reduceOnPlateau({ lr: 1, factor: 1 }), "reduceOnPlateau: factor", "[0, 1)", "1");
  });

  it("everything else", () => {
    rejects(() => exponentialDecay({ lr: 1 } as never), "exponentialDecay: gamma", "undefined");
    rejects(() => stepDecay({ lr: 1, stepSize: 1, gama: 0.5 } as never), 'stepDecay: unknown option "gama"');
    rejects(() => multiStepDecay({ lr: 1, milestones: 5 } as never), "multiStepDecay: milestones", "5");
    rejects(() => multiStepDecay({ lr: 1, milestones: [3, -1] }), "multiStepDecay: milestones[1]", "-1");
    rejects(() => linearWarmup({ lr: 1, warmupSteps: 3, startFactor: 1.5 }), "linearWarmup: startFactor", "1.5");
    rejects(() => sequentialLr({ schedules: [constantLr(1), constantLr(2)], milestones: [] }), "sequentialLr: milestones", "1 step");
    rejects(() => sequentialLr({ schedules: [constantLr(1), constantLr(2), constantLr(3)], milestones: [5, 5] }), "strictly increasing");
    rejects(() => sequentialLr({ schedules: [], milestones: [] }), "sequentialLr: schedules");
    rejects(() => withWarmup(0.1 as never, { warmupSteps: 3 }), "withWarmup: schedule", "0.1");
    rejects(() => oneCycle({ maxLr: 1, totalSteps: 10, pctStart: 1 }), "oneCycle: pctStart", "1");
    rejects(() => oneCycle({ maxLr: 1, totalSteps: 3, pctStart: 0.3 }), "oneCycle: phases must have positive length");
    rejects(() => oneCycle({ maxLr: 1, totalSteps: 10, annealStrategy: "cosine" } as never), "oneCycle: annealStrategy", '"cosine"');
    rejects(() => reduceOnPlateau({ lr: 1, mode: "minimum" } as never), "reduceOnPlateau: mode", '"minimum"');
    rejects(() => reduceOnPlateau({ lr: 1, thresholdMode: "relative" } as never), "reduceOnPlateau: thresholdMode", '"relative"');
    rejects(() => reduceOnPlateau({ lr: 1, patience: 1.5 }), "reduceOnPlateau: patience", "1.5");
    rejects(() => reduceOnPlateau({ lr: 1, cooldown: -1 }), "reduceOnPlateau: cooldown", "-1");
    rejects(() => reduceOnPlateau({ lr: 1, minLr: -1 }), "reduceOnPlateau: minLr", "-1");
    rejects(() => reduceOnPlateau({ lr: 1, eps: -1 }), "reduceOnPlateau: eps", "-1");
  });
});
