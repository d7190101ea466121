import { test } from "node:test";
import assert from "node:assert/strict";
import { blobs, moons, spirals } from "../../src/data";
import { decisionBoundary, lossCurves, lrCurves, sliderFigure, sweepHeatmap, trajectoriesOnContour } from "../../src/display/figures";
import type { Figure } from "../../src/display/figure";
import { mlp } from "../../src/networks";
import { quadratic, quadraticBowl, rosenbrock, saddle } from "../../src/problems";
import { minimize, sweep, type StepOptimizer } from "../../src/training";

function gd(lr: number): StepOptimizer {
  return { step: (p, g) => { for (let i = 0; i < p.length; i++) p[i] -= lr * g[i]; } };
}

/** Title and axis titles as plotly reads them. */
function titles(fig: Figure): [string, string, string] {
  const l = fig.layout as { title: { text: string }; xaxis: { title: { text: string } }; yaxis: { title: { text: string } } };
  return [l.title.text, l.xaxis.title.text, l.yaxis.title.text];
}

/** Every number in the figure is finite and has at most 6 significant digits. */
function checkNumbers(fig: Figure): void {
  const json = JSON.stringify(fig);
  assert.ok(!/NaN|Infinity/.test(json), "no NaN or Infinity");
  const visit = (v: unknown) => {
    if (typeof v === "number") {
      assert.ok(Number.isFinite(v));
      assert.equal(v, Number(v.toPrecision(6)), `${v} has more than 6 significant digits`);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object") Object.values(v).forEach(visit);
  };
  fig.data.forEach(visit);
}

test("lossCurves: log y axis, one line and one end marker per run, diverged runs end with ✕", () => {
  const bowl = quadraticBowl({ condition: 10 });
  const ok = minimize(bowl, gd(1), { steps: 60 });
  const bad = minimize(bowl, gd(2.5), { steps: 60 });
  const fig = lossCurves({ "lr 1": ok, "lr 2.5": bad }, { title: "GD on a bowl" });
  assert.deepEqual(titles(fig), ["GD on a bowl", "step", "loss"]);
  assert.equal((fig.layout as { yaxis: { type: string } }).yaxis.type, "log");
  assert.equal(fig.data.length, 4);
  const [line0, end0, line1, end1] = fig.data as { x: number[]; y: number[]; name: string; marker?: { symbol: string } }[];
  assert.equal(line0.x.length, 61);
  assert.deepEqual(end0.x, [], "a run that finished has an empty diverged marker");
  assert.match(line1.name, new RegExp(`diverged at step ${bad.diverged!.step}`));
  assert.equal(end1.marker!.symbol, "x");
  assert.deepEqual(end1.x, [bad.steps]);
  assert.equal(end1.y[0], Number(bad.losses[bad.steps].toPrecision(6)));
  checkNumbers(fig);
});

test("lossCurves: long runs are thinned, f* subtracted, plain arrays and named arrays accepted", () => {
  const long = Array.from({ length: 10_000 }, (_, i) => 1 / (i + 1));
  const fig = lossCurves([{ name: "a", losses: long }], { maxPoints: 100, minus: 0, log: false, xTitle: "update" });
  const line = fig.data[0] as { x: number[]; y: number[] };
  assert.ok(line.x.length <= 100);
  assert.equal(line.x[0], 0);
  assert.equal(line.x[line.x.length - 1], 9999, "the last point is kept");
  assert.equal((fig.layout as { yaxis: { type?: string } }).yaxis.type, undefined);
  const shifted = lossCurves({ run: [3, 2, 1.5, 1] }, { minus: 1 });
  assert.deepEqual((shifted.data[0] as { y: (number | null)[] }).y, [2, 1, 0.5, null], "f − f* ≤ 0 is left off a log axis");
  assert.equal(titles(shifted)[2], "loss − f*");
  assert.throws(() => lossCurves({}), /runs is empty/);
  assert.throws(() => lossCurves({ a: [] }), /run "a" has no losses/);
  assert.throws(() => lossCurves({ a: { losses: [1, 2], x: [1] } }), /x has 1 values but losses has 2/);
  assert.throws(() => lossCurves({ a: [1] }, { scale: 2 } as never), /lossCurves: unknown option "scale"/);
});

test("trajectoriesOnContour: a log-level contour over the window, paths, ends and minima", () => {
  const p = rosenbrock();
  const run = minimize(p, gd(1e-3), { steps: 2000 });
  const fig = trajectoriesOnContour(p, { GD: run, manual: [[0, 0], [0.5, 0.25]] }, { resolution: 40 });
  const [contour, path, end, path2, , minima] = fig.data as Record<string, unknown>[];
  assert.equal(contour.type, "contour");
  assert.equal((contour.z as number[][]).length, 40);
  assert.equal((contour.z as number[][])[0].length, 40);
  assert.deepEqual(contour.x && (contour.x as number[])[0], -2);
  assert.ok(((path.x as number[]).length) <= 400);
  assert.equal((path.x as number[])[0], -1.2);
  assert.deepEqual(end.x, [Number(run.final[0].toPrecision(6))]);
  assert.deepEqual(path2.x, [0, 0.5]);
  assert.deepEqual(minima.x, [1]);
  assert.deepEqual(titles(fig), ["Paths on Rosenbrock", "x", "y"]);
  assert.deepEqual((fig.layout as { xaxis: { range: number[] } }).xaxis.range, p.xRange);
  // levels are log-spaced: the contour's z is log10(f − f* + ε), lowest near the minimum
  const z = contour.z as number[][];
  assert.ok(Math.min(...z.flat()) < -1 && Math.max(...z.flat()) > 3);
  checkNumbers(fig);
});

test("trajectoriesOnContour: diverged paths end with ✕; unbounded problems work; bad input is named", () => {
  const bowl = quadraticBowl();
  const bad = minimize(bowl, gd(2.2), { steps: 100 });
  const fig = trajectoriesOnContour(bowl, [{ name: "too fast", ...bad }]);
  assert.equal((fig.data[2] as { marker: { symbol: string } }).marker.symbol, "x");
  checkNumbers(fig);
  const s = saddle();
  const sFig = trajectoriesOnContour(s, { GD: minimize(s, gd(0.1), { steps: 30 }) });
  assert.equal((sFig.data[sFig.data.length - 1] as { showlegend: boolean }).showlegend, false, "no minima to show");
  checkNumbers(sFig);
  assert.throws(() => trajectoriesOnContour(quadratic({ eigenvalues: [1, 2, 3] }), {}), /needs a 2-D problem, got dim = 3/);
  assert.throws(() => trajectoriesOnContour(bowl, { a: { trajectory: [1, 2, 3] } }), /2 values per point/);
  assert.throws(() => trajectoriesOnContour(bowl, {}, { xRange: [1, 0] }), /xRange must be \[low, high\]/);
});

test("lrCurves: schedules as functions or arrays", () => {
  const fig = lrCurves({ constant: () => 0.1, halving: (t) => 0.1 * 0.5 ** Math.floor(t / 10), given: [0.3, 0.2, 0.1] }, { steps: 40, log: true });
  assert.deepEqual(titles(fig), ["Learning rate", "step", "learning rate"]);
  const [constant, halving, given] = fig.data as { x: number[]; y: number[] }[];
  assert.equal(constant.x.length, 40);
  assert.equal(halving.y[25], 0.025);
  assert.deepEqual(given.y, [0.3, 0.2, 0.1]);
  assert.equal(lrCurves({ long: (t) => 1 / (1 + t) }, { steps: 100_000 }).data[0].x instanceof Array, true);
  assert.ok(((lrCurves({ long: (t) => 1 / (1 + t) }, { steps: 100_000 }).data[0] as { x: number[] }).x.length) <= 500);
  assert.throws(() => lrCurves({ f: () => 0.1 }), /steps is required/);
  assert.throws(() => lrCurves({ f: () => Number.NaN }, { steps: 3 }), /schedule "f" gave NaN at step 0/);
});

test("sweepHeatmap: log axes as decade ticks, blank diverged cells, the best starred", () => {
  const bowl = quadraticBowl({ condition: 10 });
  const lrs = [0.01, 0.1, 1, 2.5];
  const result = sweep(bowl, (lr, beta) => {
    let v: Float64Array | undefined;
    return { step: (p, g) => { v ??= new Float64Array(2); for (let i = 0; i < 2; i++) { v[i] = beta * v[i] + g[i]; p[i] -= lr * v[i]; } } };
  }, { x: lrs, y: [0, 0.5, 0.9], steps: 50, xName: "lr", yName: "β" });
  const fig = sweepHeatmap(result);
  const [heat, best] = fig.data as Record<string, unknown>[];
  const z = heat.z as (number | null)[][];
  assert.equal(z.length, 3);
  assert.equal(z[0].length, 4);
  assert.equal(z[0][3], null, "lr 2.5 without momentum diverged");
  assert.equal(z[0][1], Number(Math.log10(result.final[1]).toPrecision(6)));
  assert.deepEqual(heat.x, [-2, -1, 0, Number(Math.log10(2.5).toPrecision(6))]);
  const layout = fig.layout as { xaxis: { tickvals: number[]; ticktext: string[]; title: { text: string } }; annotations: { text: string }[] };
  assert.deepEqual(layout.xaxis.ticktext.slice(0, 3), ["1e-2", "1e-1", "1e0"]);
  assert.equal(layout.xaxis.title.text, "lr (log scale)");
  assert.match(layout.annotations[0].text, /of 12 runs diverged/);
  assert.deepEqual(best.x, [Number(Math.log10(result.best!.x).toPrecision(6))]);
  assert.match(titles(fig)[0], /after 50 steps on quadratic bowl/);
  checkNumbers(fig);
  assert.throws(() => sweepHeatmap({ x: [1, 2], y: [1], final: [1] }), /final has 1 values but x × y is 2 × 1/);
});

test("decisionBoundary: probability map with the 0.5 contour for binary, argmax classes for softmax", () => {
  const data = blobs({ n: 40, seed: 1 });
  const net = mlp({ sizes: [2, 4, 1], loss: "binaryCrossEntropy", seed: 1 });
  const fig = decisionBoundary(net, data, { resolution: 30 });
  const [heat, contour, class0, class1] = fig.data as Record<string, unknown>[];
  assert.equal(heat.type, "heatmap");
  assert.equal((heat.z as number[][]).length, 30);
  assert.deepEqual((contour.contours as { start: number }).start, 0.5);
  assert.equal((class0.x as number[]).length + (class1.x as number[]).length, 40);
  assert.deepEqual(titles(fig), ["Decision boundary", "x₁", "x₂"]);
  checkNumbers(fig);
  const three = spirals({ n: 30, classes: 3 });
  const soft = decisionBoundary(mlp({ sizes: [2, 5, 3], loss: "softmaxCrossEntropy" }), three, { resolution: 20 });
  assert.equal(soft.data.length, 1 + 3);
  const z = (soft.data[0] as { z: number[][] }).z.flat();
  assert.ok(z.every((c) => c === 0 || c === 1 || c === 2));
  const fn = decisionBoundary((x) => Float64Array.from({ length: x.length / 2 }, (_, s) => (x[2 * s] > 0 ? 1 : 0)), moons({ n: 10 }), { resolution: 10 });
  assert.equal((fn.data[0] as { z: number[][] }).z[0][9], 1);
  assert.throws(() => decisionBoundary(net, { x: new Float64Array(3), y: new Float64Array(1), n: 1, d: 3 }), /needs 2-D inputs, got d = 3/);
  assert.throws(() => decisionBoundary({} as never, data), /model must be a function or have a predict method/);
});

test("sliderFigure: frames over precomputed figures, static traces stored once, union axis ranges", () => {
  const p = rosenbrock();
  const lrs = [1e-4, 5e-4, 1e-3];
  const frames = lrs.map((lr) => ({ label: lr, figure: trajectoriesOnContour(p, { GD: minimize(p, gd(lr), { steps: 300 }) }, { resolution: 30 }) }));
  const fig = sliderFigure(frames, { prefix: "lr = " });
  assert.equal(fig.frames!.length, 3);
  const frame = fig.frames![1] as { name: string; traces: number[]; data: unknown[] };
  assert.equal(frame.name, "0.0005");
  assert.deepEqual(frame.traces, [1, 2], "only the path and its end change; the contour and minima are static");
  assert.equal(frame.data.length, 2);
  const slider = (fig.layout as { sliders: { steps: { label: string; method: string; args: unknown[] }[]; currentvalue: { prefix: string } }[] }).sliders[0];
  assert.deepEqual(slider.steps.map((s) => s.label), ["0.0001", "0.0005", "0.001"]);
  assert.equal(slider.steps[0].method, "animate");
  assert.equal(slider.currentvalue.prefix, "lr = ");
  assert.equal(fig.data, frames[0].figure.data);
  assert.match(titles(fig)[0], /Rosenbrock/);
  const curves = sliderFigure([
    { label: "short", figure: lossCurves({ a: [1, 0.5] }) },
    { label: "long", figure: lossCurves({ a: [1, 0.5, 0.25, 0.1, 0.01] }) },
  ]);
  const layout = curves.layout as { xaxis: { range: number[] }; yaxis: { range: number[] } };
  assert.ok(layout.xaxis.range[0] < 0 && layout.xaxis.range[1] > 4, "x covers the longest run");
  assert.ok(layout.yaxis.range[0] < -2 && layout.yaxis.range[1] > 0, "log axis range in decades");
  assert.throws(() => sliderFigure([]), /frames must be a non-empty array/);
  assert.throws(() => sliderFigure([frames[0], { label: "x", figure: lossCurves({ a: [1] }) }]), /frames\[1\] has 2 traces but frames\[0\] has 4/);
  assert.throws(() => sliderFigure([frames[0], { ...frames[1], label: 0.0001 }]), /frame labels must be distinct/);
});
