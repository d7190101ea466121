import { checkInteger, checkKeys, checkNumber, describe } from "../core/checks";
import { Dataset, makeDataset } from "./dataset";
import { Rng, rng } from "./rng";

/**
 * The datasets of the lessons. Every generator is seeded (`seed`, default 0) and draws only from
 * `rng`, so the same options give the same numbers on every machine. Classification datasets put
 * the class index in `y` (`k = 1`); their sample order is shuffled, so any prefix mixes the classes.
 */

/** 003 §4.1's data: x = 1, 2, 3, 4, 5 and y = 2x (n = 5, d = 1, regression). */
export function regression003(): Dataset {
  return makeDataset("003 §4.1: y = 2x", Float64Array.of(1, 2, 3, 4, 5), Float64Array.of(2, 4, 6, 8, 10), 1, 1, 0);
}

/**
 * 004 §4's four points: X = [[1, 2], [2, 3], [3, 4], [4, 5]], y = [0, 1, 1, 0] (n = 4, d = 2, binary).
 * They lie on one line (x₂ = x₁ + 1) with labels 0, 1, 1, 0: no straight line separates them.
 */
export function points004(): Dataset {
  return makeDataset("004 §4: four points", Float64Array.of(1, 2, 2, 3, 3, 4, 4, 5), Float64Array.of(0, 1, 1, 0), 2, 1, 2);
}

function sampleCount(options: { n?: number }, fallback: number, min = 1): number {
  return checkInteger("n", options.n ?? fallback, min);
}

function finishClassification(name: string, r: Rng, x: Float64Array, y: Float64Array, d: number, classes: number): Dataset {
  const n = y.length;
  const order = r.permutation(n);
  const xs = new Float64Array(x.length);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = order[i];
    for (let j = 0; j < d; j++) xs[i * d + j] = x[s * d + j];
    ys[i] = y[s];
  }
  return makeDataset(name, xs, ys, d, 1, classes);
}

/** A linear-regression dataset and the truth it was drawn from. */
export interface LinearRegressionData extends Dataset {
  /** The true weights (length d). */
  readonly weights: number[];
  readonly bias: number;
  readonly noise: number;
}

/**
 * y = w·x + b + ε with x uniform in [-1, 1]^d and ε ~ N(0, noise²).
 * Defaults: n = 100, d = 1, weights = [2] for d = 1 (else drawn uniform in [-2, 2] from the seed),
 * bias = 1, noise = 0.1, seed = 0.
 */
export function linearRegression(
  options: { n?: number; d?: number; weights?: number[]; bias?: number; noise?: number; seed?: number } = {},
): LinearRegressionData {
  checkKeys("linearRegression", options, ["n", "d", "weights", "bias", "noise", "seed"]);
  const n = sampleCount(options, 100);
  const d = checkInteger("d", options.d ?? options.weights?.length ?? 1, 1);
  const r = rng(options.seed ?? 0);
  const weights = options.weights ?? (d === 1 ? [2] : Array.from({ length: d }, () => r.uniform(-2, 2)));
  if (!Array.isArray(weights) || weights.length !== d) {
    throw new Error(`weights must be an array of d = ${d} numbers, got ${describe(weights)}`);
  }
  weights.forEach((w, i) => checkNumber(`weights[${i}]`, w));
  const bias = checkNumber("bias", options.bias ?? 1);
  const noise = checkNumber("noise", options.noise ?? 0.1, "nonNegative");
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    let t = bias;
    for (let j = 0; j < d; j++) {
      const v = r.uniform(-1, 1);
      x[s * d + j] = v;
      t += weights[j] * v;
    }
    y[s] = t + r.normal(0, noise);
  }
  return { ...makeDataset("linear regression", x, y, d, 1, 0), weights: weights.slice(), bias, noise };
}

/**
 * Gaussian blobs, one per class, centred on a circle of radius `radius` (the first at 45°), each point
 * N(centre, std²) and redrawn until it lies nearer its own centre than any other: the classes are
 * always linearly separable (for 2 classes, by the line x₁ + x₂ = 0).
 * Defaults: n = 200, classes = 2, std = 0.5, radius = 2, seed = 0. Balanced classes.
 */
export function blobs(options: { n?: number; classes?: number; std?: number; radius?: number; seed?: number } = {}): Dataset {
  checkKeys("blobs", options, ["n", "classes", "std", "radius", "seed"]);
  const n = sampleCount(options, 200);
  const classes = checkInteger("classes", options.classes ?? 2, 2);
  const std = checkNumber("std", options.std ?? 0.5, "positive");
  const radius = checkNumber("radius", options.radius ?? 2, "positive");
  const r = rng(options.seed ?? 0);
  const cx = new Float64Array(classes);
  const cy = new Float64Array(classes);
  for (let c = 0; c < classes; c++) {
    const angle = Math.PI / 4 + (2 * Math.PI * c) / classes;
    cx[c] = radius * Math.cos(angle);
    cy[c] = radius * Math.sin(angle);
  }
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    const c = s % classes;
    let px: number, py: number;
    for (;;) {
      px = r.normal(cx[c], std);
      py = r.normal(cy[c], std);
      const own = (px - cx[c]) ** 2 + (py - cy[c]) ** 2;
      let nearest = true;
      for (let o = 0; o < classes && nearest; o++) {
        if (o !== c && (px - cx[o]) ** 2 + (py - cy[o]) ** 2 <= own) nearest = false;
      }
      if (nearest) break;
    }
    x[2 * s] = px;
    x[2 * s + 1] = py;
    y[s] = c;
  }
  return finishClassification("blobs", r, x, y, 2, classes);
}

/**
 * XOR: points uniform in [-1, 1]², label 1 where the two coordinates have opposite signs, else 0.
 * Points within `margin` of an axis are redrawn, leaving a clean gap between the quadrants.
 * Defaults: n = 200, margin = 0.1, seed = 0.
 */
export function xor(options: { n?: number; margin?: number; seed?: number } = {}): Dataset {
  checkKeys("xor", options, ["n", "margin", "seed"]);
  const n = sampleCount(options, 200);
  const margin = checkNumber("margin", options.margin ?? 0.1, "nonNegative");
  if (margin >= 1) throw new Error(`margin must be < 1, got ${margin}`);
  const r = rng(options.seed ?? 0);
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    let a: number, b: number;
    do {
      a = r.uniform(-1, 1);
      b = r.uniform(-1, 1);
    } while (Math.abs(a) < margin || Math.abs(b) < margin);
    x[2 * s] = a;
    x[2 * s + 1] = b;
    y[s] = a > 0 !== b > 0 ? 1 : 0;
  }
  return makeDataset("xor", x, y, 2, 1, 2);
}

/**
 * Two interleaved half circles: class 0 on (cos t, sin t), class 1 on (1 - cos t, 1/2 - sin t), t evenly
 * spaced in [0, π], plus N(0, noise²) in each coordinate. Defaults: n = 200, noise = 0.1, seed = 0.
 */
export function moons(options: { n?: number; noise?: number; seed?: number } = {}): Dataset {
  checkKeys("moons", options, ["n", "noise", "seed"]);
  const n = sampleCount(options, 200, 2);
  const noise = checkNumber("noise", options.noise ?? 0.1, "nonNegative");
  const r = rng(options.seed ?? 0);
  const nTop = Math.ceil(n / 2);
  const nBottom = n - nTop;
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    const top = s < nTop;
    const i = top ? s : s - nTop;
    const m = top ? nTop : nBottom;
    const t = m > 1 ? (Math.PI * i) / (m - 1) : 0;
    x[2 * s] = (top ? Math.cos(t) : 1 - Math.cos(t)) + r.normal(0, noise);
    x[2 * s + 1] = (top ? Math.sin(t) : 0.5 - Math.sin(t)) + r.normal(0, noise);
    y[s] = top ? 0 : 1;
  }
  return finishClassification("two moons", r, x, y, 2, 2);
}

/**
 * Two concentric circles: class 0 on the unit circle, class 1 on the circle of radius `factor`, angles
 * evenly spaced, plus N(0, noise²) in each coordinate. Defaults: n = 200, noise = 0.05, factor = 0.5, seed = 0.
 */
export function circles(options: { n?: number; noise?: number; factor?: number; seed?: number } = {}): Dataset {
  checkKeys("circles", options, ["n", "noise", "factor", "seed"]);
  const n = sampleCount(options, 200, 2);
  const noise = checkNumber("noise", options.noise ?? 0.05, "nonNegative");
  const factor = checkNumber("factor", options.factor ?? 0.5, "positive");
  if (factor >= 1) throw new Error(`factor must be in (0, 1), got ${factor}`);
  const r = rng(options.seed ?? 0);
  const nOuter = Math.ceil(n / 2);
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    const outer = s < nOuter;
    const i = outer ? s : s - nOuter;
    const m = outer ? nOuter : n - nOuter;
    const t = (2 * Math.PI * i) / m;
    const radius = outer ? 1 : factor;
    x[2 * s] = radius * Math.cos(t) + r.normal(0, noise);
    x[2 * s + 1] = radius * Math.sin(t) + r.normal(0, noise);
    y[s] = outer ? 0 : 1;
  }
  return finishClassification("circles", r, x, y, 2, 2);
}

/**
 * Interleaved spiral arms, one per class: point i of arm c at radius ρ = 0.1 + 0.9·i/(m-1) and angle
 * 2π·turns·ρ + 2πc/classes, plus N(0, noise²) in each coordinate. Balanced classes.
 * Defaults: n = 300, classes = 2, turns = 1, noise = 0.05, seed = 0.
 */
export function spirals(options: { n?: number; classes?: number; turns?: number; noise?: number; seed?: number } = {}): Dataset {
  checkKeys("spirals", options, ["n", "classes", "turns", "noise", "seed"]);
  const classes = checkInteger("classes", options.classes ?? 2, 2);
  const n = sampleCount(options, 300, classes);
  const turns = checkNumber("turns", options.turns ?? 1, "positive");
  const noise = checkNumber("noise", options.noise ?? 0.05, "nonNegative");
  const r = rng(options.seed ?? 0);
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    const c = s % classes;
    const i = Math.floor(s / classes);
    const m = Math.ceil((n - c) / classes); // points on arm c
    const rho = 0.1 + (m > 1 ? (0.9 * i) / (m - 1) : 0);
    const angle = 2 * Math.PI * turns * rho + (2 * Math.PI * c) / classes;
    x[2 * s] = rho * Math.cos(angle) + r.normal(0, noise);
    x[2 * s + 1] = rho * Math.sin(angle) + r.normal(0, noise);
    y[s] = c;
  }
  return finishClassification("spirals", r, x, y, 2, classes);
}

/** The fixed linear part of `tabularBinary`'s rule, one weight per feature. */
const TABULAR_WEIGHTS = [1.2, -0.8, 0.6, 0, 0.4, -0.3, 0, 0.2];

/**
 * A synthetic tabular binary task with 8 features, the shape of 001 §4's example
 * (`Dense(10, input_dim=8, activation='relu')`, then a sigmoid unit): features x ~ N(0, 1), label 1
 * with probability σ(2·g(x)), where g(x) = w·x + 0.8·x₁x₂ − 0.5·x₃² + 0.5 and
 * w = [1.2, −0.8, 0.6, 0, 0.4, −0.3, 0, 0.2]. Two features are pure noise, one interaction and one
 * square need a hidden layer, and the labels are noisy (no model reaches 100%).
 * Defaults: n = 768, seed = 0.
 */
export function tabularBinary(options: { n?: number; seed?: number } = {}): Dataset {
  checkKeys("tabularBinary", options, ["n", "seed"]);
  const n = sampleCount(options, 768);
  const d = TABULAR_WEIGHTS.length;
  const r = rng(options.seed ?? 0);
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    const row = x.subarray(s * d, s * d + d);
    let g = 0.5;
    for (let j = 0; j < d; j++) {
      row[j] = r.normal();
      g += TABULAR_WEIGHTS[j] * row[j];
    }
    g += 0.8 * row[0] * row[1] - 0.5 * row[2] * row[2];
    y[s] = r.uniform() < 1 / (1 + Math.exp(-2 * g)) ? 1 : 0;
  }
  return makeDataset("tabular binary (8 features)", x, y, d, 1, 2);
}
