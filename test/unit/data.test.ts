import { test } from "node:test";
import assert from "node:assert/strict";
import {
  batches,
  blobs,
  circles,
  dataset,
  epochOrder,
  linearRegression,
  moons,
  points004,
  regression003,
  rng,
  spirals,
  subset,
  tabularBinary,
  trainTestSplit,
  xor,
  type Dataset,
} from "../../src/data";

test("rng: xoshiro128** outputs pinned (computed independently in Python from the published algorithm)", () => {
  const r = rng(42);
  assert.deepEqual([r.uint32(), r.uint32(), r.uint32()], [2837322924, 544945897, 479756282]);
  assert.equal(rng(42, 1).uint32(), 2250697935);
});

test("rng: same seed, same sequence; different seeds or streams differ", () => {
  const draw = (seed: number, stream = 0) => {
    const r = rng(seed, stream);
    return [r.uniform(), r.normal(), r.int(1000), r.uniform(-3, 5), r.normal(2, 0.5)];
  };
  assert.deepEqual(draw(7), draw(7));
  assert.notDeepEqual(draw(7), draw(8));
  assert.notDeepEqual(draw(7), draw(7, 1));
  assert.notDeepEqual(draw(0), draw(2 ** 32), "high bits of the seed matter");
  assert.deepEqual(draw(-1), draw(-1));
});

test("rng: uniform in [low, high), normal with the right moments, int in range", () => {
  const r = rng(3);
  let sum = 0;
  let sq = 0;
  const N = 200_000;
  for (let i = 0; i < N; i++) {
    const u = r.uniform();
    assert.ok(u >= 0 && u < 1);
    const v = r.normal(1, 2);
    sum += v;
    sq += (v - 1) ** 2;
  }
  assert.ok(Math.abs(sum / N - 1) < 0.02, `mean ${sum / N}`);
  assert.ok(Math.abs(Math.sqrt(sq / N) - 2) < 0.02, `std ${Math.sqrt(sq / N)}`);
  const counts = new Array(5).fill(0);
  for (let i = 0; i < 50_000; i++) counts[r.int(5)]++;
  for (const c of counts) assert.ok(Math.abs(c - 10_000) < 500, `counts ${counts}`);
  for (let i = 0; i < 1000; i++) {
    const u = r.uniform(-2, -1);
    assert.ok(u >= -2 && u < -1);
  }
});

test("rng: shuffle and permutation are permutations, in place, deterministic", () => {
  const a = [1, 2, 3, 4, 5, 6, 7, 8];
  const same = rng(1).shuffle(a);
  assert.equal(same, a, "in place");
  assert.deepEqual([...a].sort(), [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(rng(1).shuffle([1, 2, 3, 4, 5, 6, 7, 8]), a);
  const p = rng(5).permutation(100);
  assert.ok(p instanceof Int32Array);
  assert.deepEqual(Array.from(p).sort((x, y) => x - y), Array.from({ length: 100 }, (_, i) => i));
  const f = Float64Array.of(0.5, 1.5, 2.5);
  rng(2).shuffle(f);
  assert.deepEqual(Array.from(f).sort(), [0.5, 1.5, 2.5]);
});

test("rng: bad seeds and counts name the culprit", () => {
  assert.throws(() => rng(1.5), /seed must be an integer, got 1.5/);
  assert.throws(() => rng(Number.NaN), /seed/);
  assert.throws(() => rng(1).int(0), /n must be an integer ≥ 1, got 0/);
  assert.throws(() => rng(1).permutation(-1), /n must be an integer ≥ 0, got -1/);
});

test("003 §4.1 and 004 §4 data are exactly the sources'", () => {
  const a = regression003();
  assert.deepEqual([a.n, a.d, a.k, a.classes], [5, 1, 1, 0]);
  assert.deepEqual(Array.from(a.x), [1, 2, 3, 4, 5]);
  assert.deepEqual(Array.from(a.y), [2, 4, 6, 8, 10]);
  const b = points004();
  assert.deepEqual([b.n, b.d, b.k, b.classes], [4, 2, 1, 2]);
  assert.deepEqual(Array.from(b.x), [1, 2, 2, 3, 3, 4, 4, 5]);
  assert.deepEqual(Array.from(b.y), [0, 1, 1, 0]);
});

function checkShape(data: Dataset, n: number, d: number, classes: number): void {
  assert.equal(data.n, n);
  assert.equal(data.d, d);
  assert.equal(data.k, 1);
  assert.equal(data.classes, classes);
  assert.equal(data.x.length, n * d);
  assert.equal(data.y.length, n);
  assert.ok(data.x.every(Number.isFinite));
  if (classes > 0) for (const v of data.y) assert.ok(Number.isInteger(v) && v >= 0 && v < classes);
}

function classCounts(data: Dataset): number[] {
  const counts = new Array(data.classes).fill(0);
  for (const v of data.y) counts[v]++;
  return counts;
}

test("generators: shapes, balanced classes, deterministic per seed", () => {
  const makers: [string, (seed: number) => Dataset, number, number, number][] = [
    ["blobs", (seed) => blobs({ n: 101, seed }), 101, 2, 2],
    ["blobs 4", (seed) => blobs({ n: 100, classes: 4, seed }), 100, 2, 4],
    ["xor", (seed) => xor({ n: 64, seed }), 64, 2, 2],
    ["moons", (seed) => moons({ n: 99, seed }), 99, 2, 2],
    ["circles", (seed) => circles({ n: 80, seed }), 80, 2, 2],
    ["spirals", (seed) => spirals({ n: 90, classes: 3, seed }), 90, 2, 3],
    ["tabular", (seed) => tabularBinary({ n: 200, seed }), 200, 8, 2],
  ];
  for (const [name, make, n, d, classes] of makers) {
    const a = make(1);
    checkShape(a, n, d, classes);
    const b = make(1);
    assert.deepEqual(Array.from(a.x), Array.from(b.x), `${name}: same seed, same x`);
    assert.deepEqual(Array.from(a.y), Array.from(b.y), `${name}: same seed, same y`);
    assert.notDeepEqual(Array.from(make(2).x), Array.from(a.x), `${name}: another seed differs`);
    if (name !== "xor" && name !== "tabular") {
      const counts = classCounts(a);
      assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `${name} balanced: ${counts}`);
    }
  }
});

test("blobs are linearly separable; xor labels follow the quadrants with a margin", () => {
  const b = blobs({ n: 400, std: 1.2, seed: 3 });
  for (let s = 0; s < b.n; s++) {
    const side = b.x[2 * s] + b.x[2 * s + 1] > 0 ? 0 : 1; // centre of class 0 is at 45°
    assert.equal(b.y[s], side, `point ${s}`);
  }
  const x = xor({ n: 300, margin: 0.2, seed: 4 });
  for (let s = 0; s < x.n; s++) {
    const [a, c] = [x.x[2 * s], x.x[2 * s + 1]];
    assert.ok(Math.abs(a) >= 0.2 && Math.abs(c) >= 0.2);
    assert.equal(x.y[s], a * c < 0 ? 1 : 0);
  }
});

test("moons and circles without noise lie on their curves", () => {
  const m = moons({ n: 50, noise: 0 });
  for (let s = 0; s < m.n; s++) {
    const [a, b] = [m.x[2 * s], m.x[2 * s + 1]];
    const r = m.y[s] === 0 ? Math.hypot(a, b) : Math.hypot(a - 1, b - 0.5);
    assert.ok(Math.abs(r - 1) < 1e-12);
  }
  const c = circles({ n: 40, noise: 0, factor: 0.3 });
  for (let s = 0; s < c.n; s++) {
    const r = Math.hypot(c.x[2 * s], c.x[2 * s + 1]);
    assert.ok(Math.abs(r - (c.y[s] === 0 ? 1 : 0.3)) < 1e-12);
  }
});

test("linear regression: the truth is returned and least squares recovers it", () => {
  const data = linearRegression({ n: 2000, noise: 0.05, seed: 9 });
  assert.deepEqual(data.weights, [2]);
  assert.equal(data.bias, 1);
  let sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (let s = 0; s < data.n; s++) {
    sx += data.x[s];
    sy += data.y[s];
    sxx += data.x[s] ** 2;
    sxy += data.x[s] * data.y[s];
  }
  const n = data.n;
  const w = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  const b = (sy - w * sx) / n;
  assert.ok(Math.abs(w - 2) < 0.01 && Math.abs(b - 1) < 0.01, `w ${w}, b ${b}`);
  const multi = linearRegression({ n: 10, d: 3, seed: 1 });
  assert.equal(multi.weights.length, 3);
  assert.equal(multi.x.length, 30);
  assert.deepEqual(linearRegression({ n: 10, d: 3, seed: 1 }).weights, multi.weights);
});

test("tabularBinary: 8 features, labels that depend on them but are noisy", () => {
  const t = tabularBinary();
  assert.equal(t.n, 768);
  assert.equal(t.d, 8);
  const ones = t.y.reduce((a, b) => a + b, 0);
  assert.ok(ones > 200 && ones < 568, `positives ${ones}`);
  // x₁ has weight 1.2: positives have a larger mean x₁
  let m1 = 0, m0 = 0;
  for (let s = 0; s < t.n; s++) (t.y[s] ? (m1 += t.x[s * 8]) : (m0 += t.x[s * 8]));
  assert.ok(m1 / ones - m0 / (t.n - ones) > 0.5);
});

test("dataset(): rows or flat arrays, shapes checked", () => {
  const a = dataset({ x: [[1, 2], [3, 4], [5, 6]], y: [0, 1, 0], classes: 2 });
  assert.deepEqual([a.n, a.d, a.k], [3, 2, 1]);
  const b = dataset({ x: Float64Array.of(1, 2, 3, 4), d: 2, y: [[1, 2], [3, 4]] });
  assert.deepEqual([b.n, b.d, b.k], [2, 2, 2]);
  assert.throws(() => dataset({ x: [], y: [] }), /empty/);
  assert.throws(() => dataset({ x: [[1, 2], [3]], y: [0, 1] }), /x\[1\] must be a row of 2 numbers/);
  assert.throws(() => dataset({ x: [[1], [2]], y: [0, 1, 2] }), /y has 3 values but n × k = 2 × 1 = 2/);
  assert.throws(() => dataset({ x: [[1], [2]], y: [0, 2], classes: 2 }), /y\[1\] = 2 is not a class index in 0..1/);
  assert.throws(() => dataset({ x: [[1], [Number.NaN]], y: [0, 1] }), /x\[1\] is not finite/);
  assert.throws(() => dataset({ x: [[1]], y: [0], colour: "red" } as never), /unknown option "colour"/);
});

test("generators reject bad options by name", () => {
  assert.throws(() => moons({ n: 0 }), /n must be an integer ≥ 2, got 0/);
  assert.throws(() => blobs({ n: 10.5 }), /n must be an integer ≥ 1, got 10.5/);
  assert.throws(() => blobs({ std: -1 }), /std must be a finite number > 0, got -1/);
  assert.throws(() => circles({ factor: 1.5 }), /factor must be in \(0, 1\), got 1.5/);
  assert.throws(() => spirals({ classes: 1 }), /classes must be an integer ≥ 2, got 1/);
  assert.throws(() => xor({ noise: 0.1 } as never), /xor: unknown option "noise"/);
  assert.throws(() => linearRegression({ d: 2, weights: [1] }), /weights must be an array of d = 2 numbers/);
});

test("trainTestSplit: disjoint, complete, sized, seeded", () => {
  const data = moons({ n: 100 });
  const { train, test: held } = trainTestSplit(data, { test: 0.25, seed: 3 });
  assert.equal(held.n, 25);
  assert.equal(train.n, 75);
  const key = (d: Dataset, s: number) => `${d.x[2 * s]},${d.x[2 * s + 1]}`;
  const all = new Set(Array.from({ length: data.n }, (_, s) => key(data, s)));
  const seen = new Set<string>();
  for (const part of [train, held]) for (let s = 0; s < part.n; s++) seen.add(key(part, s));
  assert.deepEqual(seen, all);
  assert.deepEqual(Array.from(trainTestSplit(data, { test: 0.25, seed: 3 }).test.x), Array.from(held.x));
  assert.notDeepEqual(Array.from(trainTestSplit(data, { test: 0.25, seed: 4 }).test.x), Array.from(held.x));
  assert.throws(() => trainTestSplit(data, { test: 1 }), /test must be a fraction in \(0, 1\), got 1/);
  assert.throws(() => trainTestSplit(points004(), { test: 0.1 }), /leaves an empty train or test set/);
});

test("batches: cover every sample once per epoch, sized, seeded, new order each epoch", () => {
  const data = moons({ n: 70 });
  const list = batches(data, { batchSize: 16, seed: 1, epoch: 0 });
  assert.deepEqual(list.map((b) => b.n), [16, 16, 16, 16, 6]);
  const seen = list.flatMap((b) => Array.from(b.indices)).sort((a, b) => a - b);
  assert.deepEqual(seen, Array.from({ length: 70 }, (_, i) => i));
  const b0 = list[0];
  for (let r = 0; r < b0.n; r++) {
    assert.equal(b0.x[2 * r], data.x[2 * b0.indices[r]]);
    assert.equal(b0.y[r], data.y[b0.indices[r]]);
  }
  assert.deepEqual(Array.from(batches(data, { batchSize: 16, seed: 1, epoch: 0 })[0].indices), Array.from(b0.indices));
  assert.notDeepEqual(Array.from(batches(data, { batchSize: 16, seed: 1, epoch: 1 })[0].indices), Array.from(b0.indices));
  assert.deepEqual(Array.from(batches(data, { batchSize: 16, shuffle: false })[1].indices), Array.from({ length: 16 }, (_, i) => 16 + i));
  assert.deepEqual(batches(data, { batchSize: 16, dropLast: true }).map((b) => b.n), [16, 16, 16, 16]);
  assert.deepEqual(Array.from(epochOrder(70, true, 1, 0)), list.flatMap((b) => Array.from(b.indices)));
  assert.throws(() => batches(data, { batchSize: 0 }), /batchSize must be an integer ≥ 1, got 0/);
  assert.throws(() => batches(data, { batchSize: -4 }), /batchSize must be an integer ≥ 1, got -4/);
  assert.throws(() => batches(data, { batchSize: 4, size: 3 } as never), /unknown option "size"/);
});

test("subset copies rows and checks indices", () => {
  const data = points004();
  const s = subset(data, [3, 0]);
  assert.deepEqual(Array.from(s.x), [4, 5, 1, 2]);
  assert.deepEqual(Array.from(s.y), [0, 0]);
  assert.throws(() => subset(data, [4]), /index 4 is out of range 0..3/);
});
