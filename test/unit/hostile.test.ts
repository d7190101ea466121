/**
 * A hostile pass over the public API, as a new user might make it: junk types, NaN and ±Infinity,
 * negative and zero sizes, empty arrays, mismatched lengths and misspelt options, sent to every public
 * function. Each case must be rejected with an Error whose message names the culprit (the function,
 * the argument or option, or the coordinate), never accepted silently and never a raw crash from
 * inside the library ("Cannot read properties of undefined"). Cases are grouped by class; the counts
 * per class are printed with the results.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as L from "../../src";

type Case = [label: string, call: () => unknown, culprit: RegExp];

const JUNK: [string, unknown][] = [
  ["undefined", undefined],
  ["null", null],
  ["a string", "0.1"],
  ["an array", [0.1]],
  ["a function", () => 0.1],
];
const NON_FINITE: [string, number][] = [
  ["NaN", NaN],
  ["Infinity", Infinity],
  ["-Infinity", -Infinity],
];
const call = (f: unknown, ...args: unknown[]) => () => (f as (...a: unknown[]) => unknown)(...args);

const CLASSES: Record<string, Case[]> = {
  "junk types": [],
  "NaN and ±Infinity": [],
  "negative and zero sizes": [],
  "empty arrays": [],
  "mismatched lengths": [],
  "misspelt options": [],
  "overflow inside a step": [],
};
const add = (klass: string, ...cases: Case[]) => CLASSES[klass].push(...cases);

// Optimizers: their options, their step's arguments.
const OPTIMIZERS: [string, (o?: unknown) => { step(...a: unknown[]): void }, string[]][] = [
  ["sgd", (o) => L.sgd(o as never), ["momentum", "dampening", "weightDecay"]],
  ["adagrad", (o) => L.adagrad(o as never), ["lrDecay", "eps", "initialAccumulatorValue"]],
  ["rmsprop", (o) => L.rmsprop(o as never), ["alpha", "eps", "momentum"]],
  ["adadelta", (o) => L.adadelta(o as never), ["rho", "eps"]],
  ["adam", (o) => L.adam(o as never), ["beta1", "beta2", "eps"]],
  ["adamw", (o) => L.adamw(o as never), ["beta1", "beta2", "weightDecay"]],
  ["adamax", (o) => L.adamax(o as never), ["beta1", "beta2", "eps"]],
  ["nadam", (o) => L.nadam(o as never), ["beta1", "momentumDecay"]],
  ["yogi", (o) => L.yogi(o as never), ["beta1", "beta2", "eps", "initialAccumulatorValue"]],
  ["emaMomentum", (o) => L.emaMomentum(o as never), ["beta"]],
  ["heavyBall", (o) => L.heavyBall(o as never), ["beta"]],
  ["nesterov", (o) => L.nesterov(o as never), ["beta"]],
  ["newton", (o) => L.newton(o as never), ["damping"]],
];
for (const [name, make, options] of OPTIMIZERS) {
  const owner = new RegExp(`^${name}: `);
  for (const [what, junk] of JUNK.slice(1, 4)) add("junk types", [`${name}(${what})`, () => make(junk), owner]);
  for (const option of ["lr", ...options]) {
    for (const [what, bad] of NON_FINITE) add("NaN and ±Infinity", [`${name}({ ${option}: ${what} })`, () => make({ lr: 0.1, [option]: bad }), new RegExp(`${name}: ${option}`)]);
    add("negative and zero sizes", [`${name}({ ${option}: -1 })`, () => make({ lr: 0.1, [option]: -1 }), new RegExp(`${name}: ${option}`)]);
    add("junk types", [`${name}({ ${option}: "0.1" })`, () => make({ lr: 0.1, [option]: "0.1" }), new RegExp(`${name}: ${option}`)]);
  }
  add("misspelt options", [`${name}({ lr, ${options[0]}s })`, () => make({ lr: 0.1, [`${options[0]}s`]: 0.5 }), new RegExp(`${name}: unknown option "${options[0]}s"`)]);
  const opt = () => make({ lr: 0.1 });
  const hessian = name === "newton" ? [Float64Array.of(1, 0, 0, 1)] : [];
  for (const [what, junk] of JUNK) {
    add("junk types", [`${name}.step(${what}, grads)`, () => opt().step(junk, Float64Array.of(1, 1), ...hessian), /params must be a Float64Array/]);
    add("junk types", [`${name}.step(params, ${what})`, () => opt().step(Float64Array.of(1, 1), junk, ...hessian), /grads must be a Float64Array/]);
  }
  add("junk types", [`${name}.step(Float32Array)`, () => opt().step(Float32Array.of(1, 1), Float32Array.of(1, 1), ...hessian), /params must be a Float64Array/]);
  for (const [what, bad] of NON_FINITE) {
    add("NaN and ±Infinity", [`${name}.step(grads[1] = ${what})`, () => opt().step(Float64Array.of(1, 1), Float64Array.of(1, bad), ...hessian), new RegExp(`${name}: grads\\[1\\] is ${what}`)]);
    add("NaN and ±Infinity", [`${name}.step(params[0] = ${what})`, () => opt().step(Float64Array.of(bad, 1), Float64Array.of(1, 1), ...hessian), new RegExp(`${name}: params\\[0\\] is ${what}`)]);
  }
  add("mismatched lengths", [`${name}.step(2 params, 3 grads)`, () => opt().step(Float64Array.of(1, 1), Float64Array.of(1, 1, 1), ...hessian), /grads has length 3 but params has length 2/]);
  add("mismatched lengths", [`${name}.step() with a new size`, () => {
    const o = opt();
    o.step(Float64Array.of(1, 1), Float64Array.of(1, 1), ...hessian);
    o.step(Float64Array.of(1), Float64Array.of(1), ...(name === "newton" ? [Float64Array.of(1)] : []));
  }, /params has length 1 but the state was sized for 2/]);
  // 1e200² overflows the squared-gradient averages; lr·g = 1e310 overflows the rest.
  const huge = ["sgd", "adamax", "emaMomentum", "heavyBall", "nesterov", "newton"].includes(name) ? 1e300 : 1e200;
  add("overflow inside a step", [`${name}({ lr: 1e10 }).step(grads = ${huge})`, () => make({ lr: 1e10 }).step(Float64Array.of(1, 1), Float64Array.of(1, huge), ...(name === "newton" ? [Float64Array.of(1, 0, 0, 1e-12)] : [])), new RegExp(`${name}: step 1 would make \\w+\\[\\d\\]`)]);
}
add("junk types", ["newton.step without a Hessian", () => (L.newton() as unknown as { step(p: Float64Array, g: Float64Array): void }).step(Float64Array.of(1), Float64Array.of(1)), /newton: the Hessian must be a Float64Array/]);
add("mismatched lengths", ["newton.step with a 3-entry Hessian", () => L.newton().step(Float64Array.of(1, 1), Float64Array.of(1, 1), Float64Array.of(1, 0, 1)), /newton: the Hessian has 3 entries/]);
add("NaN and ±Infinity", ["newton.step with a NaN Hessian", () => L.newton().step(Float64Array.of(1), Float64Array.of(1), Float64Array.of(NaN)), /newton: hessian\[0\] is NaN/]);

// Transforms and chain.
for (const [name, make] of [["clipByGlobalNorm", L.clipByGlobalNorm], ["clipByValue", L.clipByValue], ["l2Penalty", L.l2Penalty], ["l1Penalty", L.l1Penalty], ["decoupledWeightDecay", L.decoupledWeightDecay]] as const) {
  for (const [what, bad] of NON_FINITE) add("NaN and ±Infinity", [`${name}(${what})`, call(make, bad), new RegExp(`^${name}: `)]);
  add("negative and zero sizes", [`${name}(-1)`, call(make, -1), new RegExp(`^${name}: `)]);
  add("junk types", [`${name}("1")`, call(make, "1"), new RegExp(`^${name}: `)]);
}
for (const [what, junk] of JUNK) add("junk types", [`chain(${what}, adam())`, () => L.chain(junk as never, L.adam()), /chain: item 0 must be a gradient transform/]);

// Schedules.
const SCHEDULES: [string, (o: unknown) => unknown, Record<string, unknown>][] = [
  ["stepDecay", (o) => L.stepDecay(o as never), { lr: 0.1, stepSize: 10 }],
  ["multiStepDecay", (o) => L.multiStepDecay(o as never), { lr: 0.1, milestones: [10, 20] }],
  ["exponentialDecay", (o) => L.exponentialDecay(o as never), { lr: 0.1, gamma: 0.9 }],
  ["inverseTimeDecay", (o) => L.inverseTimeDecay(o as never), { lr: 0.1, decayRate: 0.5 }],
  ["polynomialDecay", (o) => L.polynomialDecay(o as never), { lr: 0.1, totalSteps: 100 }],
  ["cosineDecay", (o) => L.cosineDecay(o as never), { lr: 0.1, totalSteps: 100 }],
  ["linearWarmup", (o) => L.linearWarmup(o as never), { lr: 0.1, warmupSteps: 10 }],
  ["oneCycle", (o) => L.oneCycle(o as never), { maxLr: 0.1, totalSteps: 100 }],
  ["reduceOnPlateau", (o) => L.reduceOnPlateau(o as never), { lr: 0.1 }],
];
for (const [name, make, valid] of SCHEDULES) {
  const owner = new RegExp(`^${name}: `);
  for (const [what, junk] of JUNK.slice(0, 4)) add("junk types", [`${name}(${what})`, () => make(junk), owner]);
  for (const key of Object.keys(valid)) {
    for (const [what, bad] of NON_FINITE) add("NaN and ±Infinity", [`${name}({ ${key}: ${what} })`, () => make({ ...valid, [key]: bad }), new RegExp(`${name}: ${key}`)]);
    add("negative and zero sizes", [`${name}({ ${key}: -1 })`, () => make({ ...valid, [key]: -1 }), new RegExp(`${name}: ${key}`)]);
  }
  add("misspelt options", [`${name}({ ..., stepsize })`, () => make({ ...valid, stepsize: 5 }), new RegExp(`${name}: unknown option "stepsize"`)]);
  const schedule = make(valid) as (s: number) => number;
  for (const [what, bad] of [...NON_FINITE, ["-1", -1], ["\"3\"", "3"]] as [string, unknown][]) add("NaN and ±Infinity", [`${name}(step = ${what})`, call(schedule, bad), new RegExp(`${name}: step must be`)]);
}
add("empty arrays", ["multiStepDecay({ milestones: [\"\"] })", () => L.multiStepDecay({ lr: 0.1, milestones: [""] as never }), /multiStepDecay: milestones\[0\]/]);
add("empty arrays", ["sequentialLr({ schedules: [] })", () => L.sequentialLr({ schedules: [], milestones: [] }), /sequentialLr: /]);
add("mismatched lengths", ["sequentialLr with 2 schedules and 2 milestones", () => L.sequentialLr({ schedules: [L.constantLr(1), L.constantLr(2)], milestones: [3, 4] }), /sequentialLr: /]);
add("NaN and ±Infinity", ["constantLr(NaN)", call(L.constantLr, NaN), /constantLr: lr/]);
for (const [what, bad] of NON_FINITE) {
  add("NaN and ±Infinity", [`reduceOnPlateau.observe(${what})`, () => L.reduceOnPlateau({ lr: 0.1 }).observe(bad), /reduceOnPlateau: metric must be finite/]);
}
add("junk types", ["reduceOnPlateau.observe(\"0.5\")", () => L.reduceOnPlateau({ lr: 0.1 }).observe("0.5" as never), /reduceOnPlateau: metric must be a number/]);
add("overflow inside a step", ["stepDecay({ gamma: 10 })(400)", () => L.stepDecay({ lr: 1, stepSize: 1, gamma: 10 })(400), /stepDecay: the rate at step 400 is Infinity/]);
add("overflow inside a step", ["adam with a schedule that overflows", () => L.adam({ lr: () => Infinity }).step(Float64Array.of(1), Float64Array.of(1)), /adam: the learning-rate schedule gave Infinity/]);

// Data.
const GENERATORS: [string, (o: unknown) => unknown][] = [
  ["blobs", (o) => L.blobs(o as never)],
  ["xor", (o) => L.xor(o as never)],
  ["moons", (o) => L.moons(o as never)],
  ["circles", (o) => L.circles(o as never)],
  ["spirals", (o) => L.spirals(o as never)],
  ["tabularBinary", (o) => L.tabularBinary(o as never)],
];
for (const [name, make] of GENERATORS) {
  for (const n of [-1, 0, 2.5, NaN, Infinity]) add(n <= 0 ? "negative and zero sizes" : "NaN and ±Infinity", [`${name}({ n: ${n} })`, () => make({ n }), /\bn must be/]);
  add("junk types", [`${name}({ n: "10" })`, () => make({ n: "10" }), /\bn must be/]);
  add("junk types", [`${name}("10")`, () => make("10"), /options must be an object/]);
  add("misspelt options", [`${name}({ seeds: 1 })`, () => make({ seeds: 1 }), /unknown option "seeds"/]);
}
for (const noise of [-1, NaN, Infinity]) add("NaN and ±Infinity", [`moons({ noise: ${noise} })`, () => L.moons({ noise }), /noise must be/]);
const data = () => L.xor({ n: 8, seed: 1 });
add("junk types", ["dataset(undefined)", call(L.dataset, undefined), /dataset spec must be an object/]);
add("empty arrays", ["dataset({ x: [], y: [] })", () => L.dataset({ x: [], y: [] }), /empty/]);
add("mismatched lengths", ["dataset({ 2 rows of x, 3 of y })", () => L.dataset({ x: [[1], [2]], y: [1, 2, 3] }), /y has 3 values/]);
add("NaN and ±Infinity", ["dataset({ x: [[NaN]] })", () => L.dataset({ x: [[NaN]], y: [1] }), /x\[0\] is not finite/]);
add("misspelt options", ["dataset({ x, y, clases })", () => L.dataset({ x: [[1]], y: [1], clases: 2 } as never), /unknown option "clases"/]);
add("junk types", ["batches(undefined, ...)", () => L.batches(undefined as never, { batchSize: 2 }), /batches: data must be a Dataset/]);
add("junk types", ["batches(data, undefined)", () => L.batches(data(), undefined as never), /batches: options with batchSize are required/]);
add("junk types", ["batches({ shuffle: \"no\" })", () => L.batches(data(), { batchSize: 2, shuffle: "no" as never }), /shuffle must be true or false/]);
add("negative and zero sizes", ["batches({ batchSize: 0 })", () => L.batches(data(), { batchSize: 0 }), /batchSize must be/]);
add("misspelt options", ["batches({ batchsize })", () => L.batches(data(), { batchsize: 2 } as never), /unknown option "batchsize"/]);
add("junk types", ["subset(undefined, [0])", () => L.subset(undefined as never, [0]), /subset: data must be a Dataset/]);
add("mismatched lengths", ["subset(data, [99])", () => L.subset(data(), [99]), /index 99 is out of range/]);
add("junk types", ["trainTestSplit(\"data\")", () => L.trainTestSplit("data" as never), /trainTestSplit: data must be a Dataset/]);
add("NaN and ±Infinity", ["trainTestSplit({ test: NaN })", () => L.trainTestSplit(data(), { test: NaN }), /test must be a fraction/]);
const r = L.rng(1);
add("junk types", ["rng(\"a\")", call(L.rng, "a"), /seed must be an integer/]);
add("NaN and ±Infinity", ["rng(NaN)", call(L.rng, NaN), /seed must be an integer/]);
add("junk types", ["rng.normal(\"a\")", () => r.normal("a" as never), /rng.normal: mean must be a finite number/]);
add("NaN and ±Infinity", ["rng.normal(0, NaN)", () => r.normal(0, NaN), /rng.normal: std must be a finite number/]);
add("negative and zero sizes", ["rng.normal(0, -1)", () => r.normal(0, -1), /rng.normal: std must be ≥ 0/]);
add("mismatched lengths", ["rng.uniform(5, 1)", () => r.uniform(5, 1), /rng.uniform: low must be ≤ high/]);
add("NaN and ±Infinity", ["rng.uniform(0, Infinity)", () => r.uniform(0, Infinity), /rng.uniform: high must be a finite number/]);
add("junk types", ["rng.shuffle(\"abc\")", () => r.shuffle("abc" as never), /rng.shuffle: array must be an array/]);
add("negative and zero sizes", ["rng.int(0)", () => r.int(0), /\bn must be a positive integer/]);
add("negative and zero sizes", ["rng.permutation(-1)", () => r.permutation(-1), /\bn must be a non-negative integer/]);

// The network.
add("junk types", ["mlp()", call(L.mlp), /mlp: options with sizes and loss are required/]);
add("empty arrays", ["mlp({ sizes: [] })", () => L.mlp({ sizes: [], loss: "mse" }), /sizes must list at least/]);
add("negative and zero sizes", ["mlp({ sizes: [2, 0] })", () => L.mlp({ sizes: [2, 0], loss: "mse" }), /sizes\[1\] must be a positive integer/]);
add("negative and zero sizes", ["mlp({ sizes: [2, -3] })", () => L.mlp({ sizes: [2, -3], loss: "mse" }), /sizes\[1\] must be a positive integer/]);
add("junk types", ["mlp({ loss: \"mae\" })", () => L.mlp({ sizes: [2, 1], loss: "mae" as never }), /loss must be one of/]);
add("misspelt options", ["mlp({ activaton })", () => L.mlp({ sizes: [2, 1], loss: "mse", activaton: "relu" } as never), /unknown option "activaton"/]);
add("junk types", ["mlp({ activation: \"sigmoidd\" })", () => L.mlp({ sizes: [2, 3, 1], loss: "mse", activation: "sigmoidd" as never }), /activation\[0\] must be one of/]);
add("negative and zero sizes", ["mlp({ dropout: 1 })", () => L.mlp({ sizes: [2, 3, 1], loss: "mse", dropout: 1 }), /dropout\[0\] must be in \[0, 1\)/]);
const net = () => L.mlp({ sizes: [2, 3, 1], activation: "relu", loss: "binaryCrossEntropy", seed: 1 });
for (const [what, bad] of NON_FINITE) {
  add("NaN and ±Infinity", [`mlp.forward(x = ${what})`, () => net().forward([[bad, 1]]), new RegExp(`mlp: x\\[0\\] is ${what}`)]);
  add("NaN and ±Infinity", [`mlp.lossAndGradient(y = ${what})`, () => net().lossAndGradient([[1, 1]], [bad]), new RegExp(`mlp: y\\[0\\] is ${what}`)]);
}
for (const bad of [2, -1, 0.5001 + 1]) add("NaN and ±Infinity", [`binaryCrossEntropy target ${bad}`, () => net().lossAndGradient([[1, 1]], [bad]), /is not a probability in \[0, 1\]/]);
add("empty arrays", ["mlp.forward([])", () => net().forward([]), /x is empty/]);
add("mismatched lengths", ["mlp.forward(3 values for 2 inputs)", () => net().forward(Float64Array.of(1, 2, 3)), /not a multiple of 2/]);
add("mismatched lengths", ["mlp.lossAndGradient(2 samples, 1 target)", () => net().lossAndGradient([[1, 1], [2, 2]], [1]), /y has 1 values but 2 samples need 2/]);
add("junk types", ["mlp.forward(\"x\")", () => net().forward("x" as never), /x must be a Float64Array or an array/]);
add("junk types", ["softmax class 1.5", () => L.mlp({ sizes: [2, 3], loss: "softmaxCrossEntropy" }).lossAndGradient([[1, 1]], [1.5]), /y\[0\] = 1.5 is not a class index/]);

// Problems and training.
add("empty arrays", ["quadratic({ eigenvalues: [] })", () => L.quadratic({ eigenvalues: [] }), /eigenvalues/]);
add("NaN and ±Infinity", ["quadratic({ eigenvalues: [NaN] })", () => L.quadratic({ eigenvalues: [NaN] }), /eigenvalues/]);
add("NaN and ±Infinity", ["rosenbrock({ a: NaN })", () => L.rosenbrock({ a: NaN }), /\ba must be/]);
add("misspelt options", ["rosenbrock({ A: 1 })", () => L.rosenbrock({ A: 1 } as never), /unknown option "A"/]);
add("mismatched lengths", ["rosenbrock().value([1])", () => L.rosenbrock().value([1]), /must have length 2/]);
add("junk types", ["defineProblem({ expression: 5 })", () => L.defineProblem({ name: "p", expression: 5 as never, start: [0] }), /expression/]);
const quartic = () => L.rosenbrock();
add("negative and zero sizes", ["minimize({ steps: 0 })", () => L.minimize(quartic(), L.adam(), { steps: 0 }), /steps must be a positive integer/]);
add("NaN and ±Infinity", ["minimize({ steps: NaN })", () => L.minimize(quartic(), L.adam(), { steps: NaN }), /steps must be a positive integer/]);
add("misspelt options", ["minimize({ step: 10 })", () => L.minimize(quartic(), L.adam(), { step: 10 } as never), /unknown option "step"/]);
add("junk types", ["minimize(problem, \"adam\")", () => L.minimize(quartic(), "adam" as never, { steps: 1 }), /minimize: optimizer must have a step/]);
add("mismatched lengths", ["minimize({ start: [1] })", () => L.minimize(quartic(), L.adam(), { steps: 1, start: [1] }), /start must have length 2/]);
add("NaN and ±Infinity", ["minimize({ start: [NaN, 1] })", () => L.minimize(quartic(), L.adam(), { steps: 1, start: [NaN, 1] }), /start\[0\] must be a finite number/]);
add("empty arrays", ["sweep({ x: [] })", () => L.sweep(quartic(), (lr) => L.adam({ lr }), { x: [], steps: 1 }), /\bx must be a non-empty array/]);
add("NaN and ±Infinity", ["sweep({ x: [NaN] })", () => L.sweep(quartic(), (lr) => L.adam({ lr }), { x: [NaN], steps: 1 }), /x\[0\] must be a finite number/]);
add("junk types", ["sweep(problem, \"adam\")", () => L.sweep(quartic(), "adam" as never, { x: [1], steps: 1 }), /sweep: factory must be a function/]);
const model = () => L.mlp({ sizes: [2, 1], loss: "binaryCrossEntropy" });
add("negative and zero sizes", ["fit({ epochs: 0 })", () => L.fit(model(), data(), L.adam(), { epochs: 0 }), /epochs must be a positive integer/]);
add("misspelt options", ["fit({ epoch: 1 })", () => L.fit(model(), data(), L.adam(), { epoch: 1 } as never), /unknown option "epoch"/]);
add("junk types", ["fit({ shuffle: \"no\" })", () => L.fit(model(), data(), L.adam(), { epochs: 1, shuffle: "no" as never }), /shuffle must be true or false/]);
add("mismatched lengths", ["fit(3-input model, 2-feature data)", () => L.fit(L.mlp({ sizes: [3, 1], loss: "binaryCrossEntropy" }), data(), L.adam(), { epochs: 1 }), /d = 2 features but the model takes 3/]);

// Display.
add("junk types", ["plot(undefined)", call(L.plot, undefined), /plot: figure must be a plotly figure/]);
add("junk types", ["plot({ data: \"junk\" })", call(L.plot, { data: "junk" }), /plot: figure.data must be an array/]);
add("junk types", ["plot({ data: [5] })", call(L.plot, { data: [5] }), /plot: figure.data\[0\] must be a trace object/]);
add("misspelt options", ["plot({ data, layuot })", call(L.plot, { data: [], layuot: {} }), /plot: unknown figure field "layuot"/]);
add("negative and zero sizes", ["table(rows, { digits: -1 })", () => L.table([{ a: 1.5 }], { digits: -1 }), /table: digits must be an integer/]);
add("NaN and ±Infinity", ["table(rows, { digits: NaN })", () => L.table([{ a: 1.5 }], { digits: NaN }), /table: digits must be an integer/]);
add("misspelt options", ["table(rows, { digit: 2 })", () => L.table([{ a: 1.5 }], { digit: 2 } as never), /table: unknown option "digit"/]);
add("junk types", ["table(\"rows\")", call(L.table, "rows"), /table: rows must be an array/]);
add("junk types", ["table([1, 2])", call(L.table, [1, 2]), /table: rows\[0\] must be an object/]);
add("junk types", ["tex(5)", call(L.tex, 5), /tex: latex must be a string/]);
add("junk types", ["md(undefined)", call(L.md, undefined), /md: markdown must be a string/]);
add("negative and zero sizes", ["progress(-1)", call(L.progress, -1), /progress: total must be a positive integer/]);
add("junk types", ["lossCurves(\"junk\")", call(L.lossCurves, "junk"), /runs must be an object of named runs/]);
add("empty arrays", ["lossCurves({})", call(L.lossCurves, {}), /lossCurves: runs is empty/]);
add("empty arrays", ["lossCurves({ a: [] })", call(L.lossCurves, { a: [] }), /run "a" has no losses/]);
add("misspelt options", ["lossCurves(runs, { logg })", call(L.lossCurves, { a: [1] }, { logg: true }), /unknown option "logg"/]);
add("junk types", ["lossCurves(runs, { log: \"yes\" })", call(L.lossCurves, { a: [1] }, { log: "yes" }), /log must be true or false/]);
add("mismatched lengths", ["lossCurves({ a: { losses: [1, 2], x: [0] } })", call(L.lossCurves, { a: { losses: [1, 2], x: [0] } }), /x has 1 values but losses has 2/]);
add("misspelt options", ["lrCurves(s, { step: 10 })", call(L.lrCurves, { a: L.constantLr(1) }, { step: 10 }), /unknown option "step"/]);
add("junk types", ["trajectoriesOnContour(rosenbrock, { a: 5 })", call(L.trajectoriesOnContour, L.rosenbrock(), { a: 5 }), /path "a" must be an array of points/]);

const ALL = Object.values(CLASSES).flat();

/** How a case is handled: "named" (rejected with its culprit named), or what went wrong. */
function outcome([, run, culprit]: Case): string {
  try {
    run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return culprit.test(message) ? "named" : `thrown without the culprit: ${message}`;
  }
  return "accepted silently";
}

describe(`hostile inputs to the public API (${ALL.length} cases)`, () => {
  for (const [klass, cases] of Object.entries(CLASSES)) {
    it(`${klass} (${cases.length} cases): each rejected with its culprit named`, () => {
      const bad = cases.map((c) => [c[0], outcome(c)]).filter(([, o]) => o !== "named");
      assert.deepEqual(bad, [], `${bad.length} of ${cases.length} not handled:\n${bad.map(([l, o]) => `  ${l}: ${o}`).join("\n")}`);
    });
  }
});
