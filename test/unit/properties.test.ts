/**
 * Property-based tests (fast-check, fixed seeds so every run tries the same cases): random and extreme
 * inputs to every optimizer, schedule and argument check either are rejected, naming the culprit, with
 * everything as it was, or leave every number finite. The optimizers run on all three step paths: the
 * JavaScript loop, the WebAssembly kernel, and the kernel pipelined over two threads.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  adadelta,
  adagrad,
  adam,
  adamax,
  adamw,
  chain,
  clipByGlobalNorm,
  clipByValue,
  constantLr,
  cosineDecay,
  decoupledWeightDecay,
  emaMomentum,
  exponentialDecay,
  heavyBall,
  inverseTimeDecay,
  l1Penalty,
  l2Penalty,
  linearWarmup,
  multiStepDecay,
  nadam,
  yogi,
  nesterov,
  newton,
  oneCycle,
  polynomialDecay,
  reduceOnPlateau,
  rmsprop,
  sequentialLr,
  sgd,
  stepDecay,
  withWarmup,
} from "../../src";
import { KERNEL_MIN_LENGTH, setChunkLength, setParallelMinLength } from "../../src/kernels/arena";
import * as validate from "../../src/optimizers/validate";
import { checkInteger, checkNumber } from "../../src/data/checks";

const SEED = 17;

/** Doubles as a hostile caller sends them: NaN, ±Infinity, ±0, subnormals, the largest doubles, and ordinary values. */
const extreme = fc.oneof(
  fc.double(),
  fc.constantFrom(1e300, -1e300, 1e200, -1e200, 1e160, 1e154, 1e-320, -0, 0, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE),
  fc.double({ min: -10, max: 10, noNaN: true }),
);
/** Mostly finite: a gradient or parameter vector with an occasional extreme entry. */
const mostlyOrdinary = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
  { weight: 1, arbitrary: extreme },
);
const learningRates = fc.constantFrom(1e-3, 0.1, 1, 1e10, 1e300);

interface Stepper {
  readonly name: string;
  readonly state: { t: number };
  step(params: Float64Array, grads: Float64Array): void;
}

/** Every optimizer of the library in several configurations, given a learning rate. */
const OPTIMIZERS: [string, (lr: number) => Stepper][] = [
  ["sgd", (lr) => sgd({ lr })],
  ["sgd momentum nesterov", (lr) => sgd({ lr, momentum: 0.9, nesterov: true, weightDecay: 0.01 })],
  ["sgd momentum > 1", (lr) => sgd({ lr, momentum: 3, dampening: 0.5 })],
  ["adagrad", (lr) => adagrad({ lr, lrDecay: 0.1 })],
  ["adagrad eps 0", (lr) => adagrad({ lr, eps: 0 })],
  ["rmsprop", (lr) => rmsprop({ lr })],
  ["rmsprop centered momentum", (lr) => rmsprop({ lr, centered: true, momentum: 0.9 })],
  ["adadelta", (lr) => adadelta({ lr })],
  ["adam", (lr) => adam({ lr })],
  ["adam amsgrad corrected, eps 0", (lr) => adam({ lr, amsgrad: true, amsgradMax: "corrected", eps: 0 })],
  ["adamw", (lr) => adamw({ lr, weightDecay: 0.1 })],
  ["adamax", (lr) => adamax({ lr })],
  ["nadam", (lr) => nadam({ lr, weightDecay: 0.1, decoupledWeightDecay: true })],
  ["yogi", (lr) => yogi({ lr, weightDecay: 0.01 })],
  ["yogi, paper form (v₀ = 0, no bias correction)", (lr) => yogi({ lr, initialAccumulatorValue: 0, biasCorrection: false })],
  ["emaMomentum", (lr) => emaMomentum({ lr })],
  ["heavyBall", (lr) => heavyBall({ lr })],
  ["nesterov", (lr) => nesterov({ lr })],
  ["chain(clip, l2, l1, decay, adam)", (lr) => chain(clipByValue(1e6), l2Penalty(0.1), l1Penalty(0.01), decoupledWeightDecay(0.1), adam({ lr }))],
  ["chain(clipByGlobalNorm, sgd)", (lr) => chain(clipByGlobalNorm(1), sgd({ lr, momentum: 0.5 }))],
];

function arraysOf(opt: Stepper): [string, Float64Array][] {
  return Object.entries(opt.state as object).filter((e): e is [string, Float64Array] => e[1] instanceof Float64Array);
}

function copyState(opt: Stepper, params: Float64Array): unknown[] {
  return [params.slice(), ...Object.values(opt.state as object).map((v: unknown) => (v instanceof Float64Array ? v.slice() : v))];
}

function sameState(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => {
    const y = b[i];
    if (x instanceof Float64Array) return y instanceof Float64Array && x.length === y.length && x.every((v, j) => Object.is(v, y[j]));
    return Object.is(x, y);
  });
}

/** One property run: steps with hostile gradients (and sometimes parameters); each is rejected cleanly or leaves all finite. */
function stepsAreSafe(make: (lr: number) => Stepper, lr: number, start: number[], gradients: number[][], badParam: number | undefined): boolean {
  const opt = make(lr);
  const params = Float64Array.from(start);
  if (badParam !== undefined) params[0] = badParam;
  for (const g of gradients) {
    const grads = Float64Array.from(g);
    const before = copyState(opt, params);
    try {
      opt.step(params, grads);
    } catch (error) {
      assert.ok(error instanceof Error && error.message.startsWith(`${opt.name}: `), `the error names ${opt.name}: ${String(error)}`);
      assert.ok(sameState(before, copyState(opt, params)), `${opt.name}: a rejected step changed something (${(error as Error).message})`);
      continue;
    }
    assert.ok(params.every(Number.isFinite), `${opt.name}: a step went through with non-finite params`);
    for (const [name, values] of arraysOf(opt)) assert.ok(values.every(Number.isFinite), `${opt.name}: state.${name} is not finite`);
  }
  return true;
}

function stepCases(n: number) {
  return fc.tuple(
    learningRates,
    fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n, maxLength: n }),
    fc.array(fc.array(mostlyOrdinary, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 4 }),
    fc.option(extreme, { freq: 5 }),
  );
}

describe("properties: every optimizer either rejects a step cleanly or stays finite", () => {
  for (const [label, make] of OPTIMIZERS) {
    it(`${label}, on the JavaScript loop and the kernel`, () => {
      for (const n of [3, KERNEL_MIN_LENGTH + 3]) {
        fc.assert(
          fc.property(stepCases(n), ([lr, start, gradients, bad]) => stepsAreSafe(make, lr, start, gradients, bad ?? undefined)),
          { seed: SEED, numRuns: 40 },
        );
      }
    });
  }

  it("every optimizer with a kernel, on two threads", () => {
    const previous = { chunk: setChunkLength(16), parallel: setParallelMinLength(64) };
    try {
      for (const [, make] of OPTIMIZERS) {
        fc.assert(
          fc.property(stepCases(64 + 5), ([lr, start, gradients, bad]) => stepsAreSafe(make, lr, start, gradients, bad ?? undefined)),
          { seed: SEED, numRuns: 8 },
        );
      }
    } finally {
      setChunkLength(previous.chunk);
      setParallelMinLength(previous.parallel);
    }
  });

  it("newton, with random Hessians", () => {
    fc.assert(
      fc.property(fc.array(mostlyOrdinary, { minLength: 4, maxLength: 4 }), fc.array(mostlyOrdinary, { minLength: 2, maxLength: 2 }), (h, g) => {
        const opt = newton();
        const params = Float64Array.of(1, -1);
        try {
          opt.step(params, Float64Array.from(g), Float64Array.from(h));
        } catch (error) {
          assert.match((error as Error).message, /^newton: /);
          assert.deepEqual(Array.from(params), [1, -1]);
          assert.equal(opt.state.t, 0);
          return true;
        }
        return params.every(Number.isFinite) && opt.state.direction.every(Number.isFinite);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

/** Every schedule factory, with options drawn from hostile values. */
const hostileOption = fc.oneof(
  extreme,
  fc.integer({ min: -3, max: 200 }),
  fc.constantFrom(undefined, null, "1", true, [], {}, [10, 5], [5, 10]),
);
const SCHEDULES: [string, (a: unknown, b: unknown, c: unknown) => unknown][] = [
  ["constantLr", (a) => constantLr(a as number)],
  ["stepDecay", (a, b, c) => stepDecay({ lr: a, stepSize: b, gamma: c } as never)],
  ["multiStepDecay", (a, b, c) => multiStepDecay({ lr: a, milestones: b, gamma: c } as never)],
  ["exponentialDecay", (a, b, c) => exponentialDecay({ lr: a, gamma: b, decaySteps: c } as never)],
  ["inverseTimeDecay", (a, b, c) => inverseTimeDecay({ lr: a, decayRate: b, decaySteps: c } as never)],
  ["polynomialDecay", (a, b, c) => polynomialDecay({ lr: a, totalSteps: b, power: c } as never)],
  ["cosineDecay", (a, b, c) => cosineDecay({ lr: a, totalSteps: b, minLr: c } as never)],
  ["linearWarmup", (a, b, c) => linearWarmup({ lr: a, warmupSteps: b, startFactor: c } as never)],
  ["oneCycle", (a, b, c) => oneCycle({ maxLr: a, totalSteps: b, pctStart: c } as never)],
  ["withWarmup", (a, b, c) => withWarmup(constantLr(0.1), { warmupSteps: b, startFactor: c } as never)],
  ["sequentialLr", (a, b) => sequentialLr({ schedules: [constantLr(0.1), cosineDecay({ lr: 0.1, totalSteps: 10 })], milestones: [b] } as never)],
  ["reduceOnPlateau", (a, b, c) => reduceOnPlateau({ lr: a, patience: b, factor: c } as never)],
];

describe("properties: every schedule is rejected by name or gives finite rates ≥ 0", () => {
  for (const [name, make] of SCHEDULES) {
    it(name, () => {
      fc.assert(
        fc.property(hostileOption, hostileOption, hostileOption, fc.array(fc.nat(10_000), { minLength: 1, maxLength: 5 }), (a, b, c, steps) => {
          let schedule: unknown;
          try {
            schedule = make(a, b, c);
          } catch (error) {
            assert.ok(error instanceof Error && error.message.startsWith(`${name}: `), `${name} should name itself: ${String(error)}`);
            return true;
          }
          for (const step of steps) {
            let rate: number;
            try {
              rate = (schedule as (s: number) => number)(step);
            } catch (error) {
              // A step past the schedule's end, or a rate that overflows: said by name, never returned.
              assert.ok(error instanceof Error && error.message.startsWith(`${name}: `), `${name}(${step}) should name itself: ${String(error)}`);
              continue;
            }
            assert.ok(Number.isFinite(rate) && rate >= 0, `${name}(${step}) = ${rate}`);
          }
          return true;
        }),
        { seed: SEED, numRuns: 150 },
      );
    });
  }

  it("reduceOnPlateau.observe: a metric is rejected unchanged or keeps the rate finite", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(extreme, fc.constantFrom(NaN, -Infinity, Infinity)), { minLength: 1, maxLength: 20 }), (metrics) => {
        const s = reduceOnPlateau({ lr: 1, patience: 1 });
        for (const metric of metrics) {
          const best = s.best;
          try {
            s.observe(metric);
          } catch (error) {
            assert.ok(!Number.isFinite(metric));
            assert.match((error as Error).message, /^reduceOnPlateau: metric/);
            assert.equal(s.best, best);
            continue;
          }
          assert.ok(Number.isFinite(s.best) && Number.isFinite(s(0)));
        }
        return true;
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

const anything = fc.oneof(extreme, fc.integer(), fc.string(), fc.boolean(), fc.constantFrom(undefined, null, [], {}, () => 1, [1], new Float64Array(1)));

describe("properties: every argument check accepts only what it promises, else names the argument", () => {
  const checks: [string, (v: unknown) => unknown, (v: number) => boolean][] = [
    ["nonNegative", (v) => validate.nonNegative("f", "arg", v), (v) => Number.isFinite(v) && v >= 0],
    ["positive", (v) => validate.positive("f", "arg", v), (v) => Number.isFinite(v) && v > 0],
    ["finite", (v) => validate.finite("f", "arg", v), (v) => Number.isFinite(v)],
    ["positiveInteger", (v) => validate.positiveInteger("f", "arg", v), (v) => Number.isInteger(v) && v >= 1],
    ["nonNegativeInteger", (v) => validate.nonNegativeInteger("f", "arg", v), (v) => Number.isInteger(v) && v >= 0],
    ["decayRate", (v) => validate.decayRate("f", "arg", v), (v) => v >= 0 && v < 1],
    ["fraction", (v) => validate.fraction("f", "arg", v), (v) => v >= 0 && v <= 1],
    ["openFraction", (v) => validate.openFraction("f", "arg", v), (v) => v > 0 && v < 1],
    ["learningRate", (v) => validate.learningRate("f", v), (v) => Number.isFinite(v) && v >= 0],
    ["checkNumber", (v) => checkNumber("arg", v, "positive"), (v) => Number.isFinite(v) && v > 0],
    ["checkInteger", (v) => checkInteger("arg", v, 0), (v) => Number.isInteger(v) && v >= 0],
  ];
  for (const [name, check, valid] of checks) {
    it(name, () => {
      fc.assert(
        fc.property(anything, (value) => {
          try {
            const out = check(value);
            assert.ok(Object.is(out, value), "returns what it was given");
            assert.ok(typeof value === "function" || (typeof value === "number" && valid(value)), `${name} accepted ${String(value)}`);
          } catch (error) {
            assert.ok(!(typeof value === "number" && valid(value)), `${name} rejected the valid ${value}`);
            assert.match((error as Error).message, name === "learningRate" ? /f: lr/ : /arg/, "the message names the argument");
          }
          return true;
        }),
        { seed: SEED, numRuns: 300 },
      );
    });
  }
});
