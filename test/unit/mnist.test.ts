import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { MNIST_SIDE, mnistDigitImages, mnistDigits, parseDigitFile, poolImages } from "../../src/data";

const requireHere = createRequire(__filename);

test("mnistDigitImages: the package's own accessor returns the same images; 10 000 images in all", () => {
  const reference = requireHere("mnist") as { length?: number } & Record<number, { length: number; get(i: number): number[] }>;
  for (const digit of [0, 6, 9]) {
    const ours = mnistDigitImages(digit);
    assert.equal(ours.count, reference[digit].length);
    for (const i of [0, 17, ours.count - 1]) {
      assert.deepEqual(Array.from(ours.pixels.subarray(i * 784, (i + 1) * 784)), reference[digit].get(i));
    }
  }
  let total = 0;
  for (let digit = 0; digit <= 9; digit++) total += mnistDigitImages(digit).count;
  assert.equal(total, 10000);
});

test("mnistDigits: balanced, disjoint, deterministic splits with pixels in [0, 1]", () => {
  const { train, test: held } = mnistDigits({ trainPerDigit: 30, testPerDigit: 20, side: 14, seed: 3 });
  assert.deepEqual([train.n, train.d, train.k, train.classes], [300, 196, 1, 10]);
  assert.deepEqual([held.n, held.d], [200, 196]);
  const counts = (y: Float64Array) => Array.from({ length: 10 }, (_, c) => y.filter((v) => v === c).length);
  assert.deepEqual(counts(train.y), new Array(10).fill(30));
  assert.deepEqual(counts(held.y), new Array(10).fill(20));
  assert.ok(train.x.every((v) => v >= 0 && v <= 1));
  const key = (x: Float64Array, s: number) => x.subarray(s * 196, (s + 1) * 196).join(",");
  const trainImages = new Set(Array.from({ length: train.n }, (_, s) => key(train.x, s)));
  for (let s = 0; s < held.n; s++) assert.ok(!trainImages.has(key(held.x, s)), `test image ${s} also in train`);
  const again = mnistDigits({ trainPerDigit: 30, testPerDigit: 20, side: 14, seed: 3 });
  assert.deepEqual(again.train.x, train.x);
  assert.deepEqual(again.test.y, held.y);
  assert.notDeepEqual(mnistDigits({ trainPerDigit: 30, testPerDigit: 20, side: 14, seed: 4 }).train.x, train.x);
  const pair = mnistDigits({ trainPerDigit: 30, testPerDigit: 20, side: 7, digits: [3, 5], seed: 3 });
  assert.deepEqual([pair.train.n, pair.train.d, pair.train.classes], [60, 49, 2]);
  const threes = mnistDigits({ trainPerDigit: 30, testPerDigit: 20, side: 7, seed: 3 }).train;
  const threeImages = new Set(Array.from({ length: threes.n }, (_, s) => s).filter((s) => threes.y[s] === 3).map((s) => threes.x.subarray(s * 49, (s + 1) * 49).join(",")));
  for (let s = 0; s < pair.train.n; s++) if (pair.train.y[s] === 0) assert.ok(threeImages.has(pair.train.x.subarray(s * 49, (s + 1) * 49).join(",")), "class 0 of [3, 5] holds the same 3s");
  const full = mnistDigits({ trainPerDigit: 1, testPerDigit: 1, side: 28 });
  assert.equal(full.train.d, MNIST_SIDE * MNIST_SIDE);
});

test("poolImages: each block becomes its mean; total ink is divided by factor²", () => {
  const image = Float64Array.from({ length: 16 }, (_, i) => i); // one 4 × 4 image, 0..15 row by row
  assert.deepEqual(Array.from(poolImages(image, 1, 4, 2)), [2.5, 4.5, 10.5, 12.5]);
  const { pixels, count } = mnistDigitImages(2);
  const pooled = poolImages(pixels.subarray(0, 2 * 784), 2, 28, 4);
  const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);
  assert.ok(Math.abs(sum(pooled) * 16 - sum(pixels.subarray(0, 2 * 784))) < 1e-9);
  assert.ok(count > 900);
  assert.throws(() => poolImages(image, 1, 4, 3), /not a multiple/);
  assert.throws(() => poolImages(image, 2, 4, 2), /not 2 images/);
});

test("parseDigitFile and mnistDigits reject bad input, naming the culprit", () => {
  assert.throws(() => parseDigitFile({ pixels: [] }, "x.json"), /x\.json: expected an object with a "data" array/);
  assert.throws(() => parseDigitFile({ data: new Array(100).fill(0) }, "x.json"), /100 values is not a whole number of 28 × 28 images/);
  const bad = new Array(784 * 2).fill(0.5);
  bad[784 + 3] = 1.5;
  assert.throws(() => parseDigitFile({ data: bad }, "x.json"), /value 787 \(image 1\) must be a grey level in \[0, 1\], got 1\.5/);
  assert.equal(parseDigitFile({ data: new Array(784 * 3).fill(0.25) }, "x.json").count, 3);
  assert.throws(() => mnistDigits({ trainPerDigit: 900, testPerDigit: 100 }), /only \d+ images of the digit/);
  assert.throws(() => mnistDigits({ side: 10 as 14 }), /side must be 28, 14 or 7, got 10/);
  assert.throws(() => mnistDigits({ trainPerDigit: 0 }), /trainPerDigit must be an integer ≥ 1, got 0/);
  assert.throws(() => mnistDigits({ seeds: 1 } as never), /unknown option "seeds"/);
  assert.throws(() => mnistDigits({ digits: [3, 3] }), /digits must list at least two different digits 0\.\.9/);
  assert.throws(() => mnistDigitImages(10), /digit must be an integer 0\.\.9, got 10/);
});
