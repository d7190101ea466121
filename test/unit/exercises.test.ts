import { test } from "node:test";
import assert from "node:assert/strict";
import { checkAnswer, checkFunction, direction } from "../../src/display/check";
import { exercise, exerciseKey, exerciseKeys, judgeExercise } from "../../src/exercises";
import { firstAtOrBelow, stepsToTarget } from "../../src/training/stepsToTarget";
import { d2lQuadratic } from "../../src/problems/catalog";
import { sgd } from "../../src/optimizers/sgd";

test("checkAnswer: wrong types are the student's and say so; they are never right", () => {
  assert.equal(checkAnswer("q", null, 0), false);
  assert.equal(checkAnswer("q", "0.5", 0.5), false);
  assert.equal(checkAnswer("q", [0.5], 0.5), false);
  assert.equal(checkAnswer("q", NaN, 1), false);
  assert.equal(checkAnswer("q", 0.5, 0.5), true);
  assert.equal(checkAnswer("q", undefined, 0.5), false);
});

test("exercise messages: wrong type names what it got; NaN is not 'too small'", () => {
  assert.match(judgeExercise("02.2", null).message, /answer must be a number, got null/);
  assert.match(judgeExercise("02.2", "0.5").message, /answer must be a number, got the string "0.5"/);
  assert.match(judgeExercise("02.2", [0.5]).message, /answer must be a number, got an array/);
  const nan = judgeExercise("02.2", NaN);
  assert.equal(nan.ok, false);
  assert.match(nan.message, /NaN/);
  assert.doesNotMatch(nan.message, /too small|too large/);
});

test("checkAnswer and checkFunction: the author's mistakes throw, for the author", () => {
  assert.throws(() => checkAnswer("q", 1, undefined as unknown as number), /expected value must be a finite number, got undefined.*lesson's mistake/);
  assert.throws(() => checkAnswer("q", 1, NaN), /expected value must be a finite number/);
  assert.throws(() => checkAnswer("q", 1, 1, { rtol: -1 }), /tolerance rtol must be a finite number ≥ 0, got -1/);
  assert.throws(() => checkAnswer("q", 1, 1, { atol: NaN }), /tolerance atol/);
  assert.throws(() => checkFunction("f", (x: number) => x, (x: number) => x, []), /at least one test input/);
  assert.throws(() => checkFunction("f", undefined, (x: number) => x, []), /at least one test input/);
  assert.throws(() => checkFunction("f", (x: number) => x, (_x: number) => NaN, [[1]]), /expected value must be a finite number/);
});

test("checkFunction: right, wrong at an input, a throw, a non-function, a non-number result", () => {
  const square = (x: number) => x * x;
  assert.equal(checkFunction("f", square, (x: number) => x ** 2, [[1], [3]]), true);
  assert.equal(checkFunction("f", (x: number) => 2 * x, square, [[1], [3]]), false);
  assert.equal(checkFunction("f", (_x: number): number => { throw new Error("no"); }, square, [[1]]), false);
  assert.equal(checkFunction("f", 3 as unknown as (x: number) => number, square, [[1]]), false);
  assert.equal(checkFunction("f", ((x: number) => String(x * x)) as unknown as (x: number) => number, square, [[2]]), false);
});

test("feedback teaches: direction and rough size without the answer, and known mistakes get their own message", () => {
  assert.equal(direction(1.5, 1), "it is too large, off by less than a factor of 2");
  assert.equal(direction(30, 1), "it is too large, off by a factor of 10 or more");
  assert.equal(direction(0.6, 1), "it is too small, off by less than a factor of 2");
  assert.equal(direction(-1, 1), "it has the wrong sign");
  assert.equal(direction(1.05, 1), "it is too large, off by less than 10%");
  const boundary = judgeExercise("00.1", 1 / 22);
  assert.equal(boundary.ok, false);
  assert.match(boundary.message, /one step/);
  const wrong = judgeExercise("02.2", 1);
  assert.match(wrong.message, /too large.*Hint:/);
  assert.doesNotMatch(wrong.message, /0\.476/, "the expected value is not shown");
  assert.equal(judgeExercise("02.2", 2 / 4.2).ok, true);
  assert.equal(judgeExercise("02.2", undefined).ok, null);
  assert.equal(exercise("02.2", 2 / 4.2), true);
});

test("exercise: an unknown id throws for the author; unknown knobs are the student's", () => {
  assert.throws(() => exercise("99.9", 1), /no such exercise/);
  assert.throws(() => exercise("toString", 1), /no such exercise/);
  assert.match(judgeExercise("02.5", 10, { lr: 0.1 } as Record<string, number>).message, /unknown knob lr; this experiment's knobs are eta/);
});

test("experiment exercises re-measure with the student's knobs", () => {
  const at = (eta: number) => stepsToTarget(d2lQuadratic(), sgd({ lr: eta }), { target: 1e-6, maxSteps: 5000 });
  const steps = at(0.3)!;
  assert.ok(steps > 0);
  assert.equal(judgeExercise("02.5", steps, { eta: 0.3 }).ok, true);
  assert.equal(judgeExercise("02.5", steps, { eta: 0.4 }).ok, steps === at(0.4));
  assert.equal(judgeExercise("02.5", Infinity, { eta: 0.6 }).ok, true, "a diverging run never reaches the target");
});

test("stepsToTarget and firstAtOrBelow count from the start (index 0 is θ₀)", () => {
  assert.equal(firstAtOrBelow([3, 2, 1, 0.5], 1), 2);
  assert.equal(firstAtOrBelow([3, 2], 1), null);
  // f = x² from 10 at η = 0.25: x_t = 10·0.5ᵗ, f_t = 100·0.25ᵗ ≤ 1e-6 first at t = 14 (100·0.25¹⁴ ≈ 3.7e-7).
  const square = { dim: 1, start: [10], minValue: 0, value: (x: ArrayLike<number>) => x[0] ** 2, gradient: (x: ArrayLike<number>, out: Float64Array) => { out[0] = 2 * x[0]; return out; } };
  assert.equal(stepsToTarget(square, sgd({ lr: 0.25 }), { target: 1e-6, maxSteps: 100 }), 14);
});

test("every registered key gives a usable expected value", () => {
  for (const [id, key] of Object.entries(exerciseKeys)) {
    assert.equal(exerciseKey(id), key);
    assert.match(id, /^\d\d[a-z]?\.\d+$/, `id ${id}`);
    assert.ok(key.hint.length > 10 && key.prompt.length > 3, `${id} has a prompt and a hint`);
    if (key.kind === "number") {
      assert.ok(Number.isFinite(key.expected()), `${id}: expected`);
      assert.equal(judgeExercise(id, key.expected()).ok, true, `${id}: its own answer is right`);
      for (const m of key.mistakes) assert.equal(judgeExercise(id, m.value()).ok, false, `${id}: a known mistake is wrong`);
    } else if (key.kind === "function") {
      assert.ok(key.inputs.length > 0);
      assert.equal(judgeExercise(id, key.reference).ok, true, `${id}: its reference is right`);
    } else {
      const measured = key.measure(key.knobs);
      assert.ok(Number.isFinite(measured), `${id}: the default experiment measures a finite number`);
      assert.equal(judgeExercise(id, measured).ok, true);
    }
  }
});
