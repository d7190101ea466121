import { firstNonFinite } from "../core/finite";
import { checkBoolean, checkInteger, checkKeys, describe } from "../core/checks";
import { rng } from "./rng";

/**
 * A dataset of `n` samples, stored as flat row-major typed arrays so loops over it never allocate.
 *
 * - `x`: the inputs, `n × d` row-major (sample `s`, feature `i` at `x[s * d + i]`).
 * - `y`: the targets, `n × k` row-major. For classification `k = 1` and `y[s]` is the class index
 *   (0 or 1 for binary tasks, 0..classes-1 otherwise); for regression `y` holds the real targets.
 * - `classes`: the number of classes (2 for binary), or 0 for regression.
 */
export interface Dataset {
  readonly name: string;
  readonly n: number;
  readonly d: number;
  readonly k: number;
  readonly classes: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/** What `dataset` accepts: rows as nested arrays or flat arrays with their width. */
export interface DatasetSpec {
  /** Inputs: an array of rows, or a flat row-major array (then give `d`). */
  x: number[][] | number[] | Float64Array;
  /** Targets: one number per sample, an array of rows, or a flat row-major array (then give `k` if > 1). */
  y: number[][] | number[] | Float64Array;
  /** Features per sample; required for flat `x` with more than one feature. */
  d?: number;
  /** Target columns per sample; default 1 (or the row length of nested `y`). */
  k?: number;
  /** Number of classes (2 for binary), or 0 for regression (default 0). */
  classes?: number;
  name?: string;
}

/** A mini-batch: copies of the rows of a dataset picked by `indices`. */
export interface Batch {
  readonly n: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly indices: Int32Array;
}

function flatten(name: string, values: number[][] | number[] | Float64Array, width: number | undefined): { flat: Float64Array; width: number } {
  if (values instanceof Float64Array || (Array.isArray(values) && (values.length === 0 || !Array.isArray(values[0])))) {
    const flat = values instanceof Float64Array ? values : Float64Array.from(values as number[]);
    return { flat, width: width ?? 1 };
  }
  if (!Array.isArray(values)) throw new Error(`${name} must be an array or a Float64Array, got ${describe(values)}`);
  const rows = values as number[][];
  const w = rows[0].length;
  if (width !== undefined && width !== w) throw new Error(`${name} rows have ${w} columns but the width given is ${width}`);
  const flat = new Float64Array(rows.length * w);
  rows.forEach((row, s) => {
    if (!Array.isArray(row) || row.length !== w) {
      throw new Error(`${name}[${s}] must be a row of ${w} numbers, got ${describe(row)}`);
    }
    flat.set(row, s * w);
  });
  return { flat, width: w };
}

/**
 * Makes a `Dataset` from rows or flat arrays, checking shapes and values.
 * @example
 * const data = dataset({ x: [[1, 2], [2, 3]], y: [0, 1], classes: 2 }); // n = 2, d = 2, k = 1
 */
export function dataset(spec: DatasetSpec): Dataset {
  if (spec === null || typeof spec !== "object") throw new Error(`dataset spec must be an object, got ${describe(spec)}`);
  checkKeys("dataset", spec, ["x", "y", "d", "k", "classes", "name"]);
  if (spec.d !== undefined) checkInteger("d", spec.d, 1);
  if (spec.k !== undefined) checkInteger("k", spec.k, 1);
  const { flat: x, width: d } = flatten("x", spec.x, spec.d);
  const { flat: y, width: k } = flatten("y", spec.y, spec.k);
  const classes = spec.classes ?? 0;
  if (classes !== 0) checkInteger("classes", classes, 2);
  return makeDataset(spec.name ?? "data", x, y, d, k, classes);
}

/** Builds and validates a dataset from flat arrays (shared by every generator). */
export function makeDataset(name: string, x: Float64Array, y: Float64Array, d: number, k: number, classes: number): Dataset {
  if (x.length === 0) throw new Error(`dataset "${name}" is empty: x has no samples`);
  if (x.length % d !== 0) throw new Error(`x has ${x.length} values, not a multiple of d = ${d}`);
  const n = x.length / d;
  if (y.length !== n * k) throw new Error(`y has ${y.length} values but n × k = ${n} × ${k} = ${n * k}`);
  const bad = firstNonFinite(x);
  if (bad >= 0) throw new Error(`x[${bad}] is not finite: ${x[bad]}`);
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) throw new Error(`y[${i}] is not finite: ${v}`);
    if (classes > 0 && (!Number.isInteger(v) || v < 0 || v >= classes)) {
      throw new Error(`y[${i}] = ${v} is not a class index in 0..${classes - 1}`);
    }
  }
  if (classes > 0 && k !== 1) throw new Error(`classification targets are class indices: k must be 1, got ${k}`);
  return { name, n, d, k, classes, x, y };
}

/** Throws unless `data` is a Dataset (as `dataset` and the generators make), naming `owner`. */
export function checkDataset(owner: string, data: unknown): asserts data is Dataset {
  const s = data as Dataset;
  if (
    s === null ||
    typeof s !== "object" ||
    !(s.x instanceof Float64Array) ||
    !(s.y instanceof Float64Array) ||
    !Number.isInteger(s.n) ||
    s.x.length !== s.n * s.d ||
    s.y.length !== s.n * s.k
  ) {
    throw new Error(`${owner}: data must be a Dataset (from dataset() or a generator), got ${describe(data)}`);
  }
}

/** The rows of `data` at `indices`, as a new dataset (copies). */
export function subset(data: Dataset, indices: ArrayLike<number>, name = data?.name): Dataset {
  checkDataset("subset", data);
  if (indices === null || typeof indices !== "object" || typeof indices.length !== "number") {
    throw new Error(`subset: indices must be an array of row indices, got ${describe(indices)}`);
  }
  const { d, k } = data;
  const m = indices.length;
  const x = new Float64Array(m * d);
  const y = new Float64Array(m * k);
  for (let r = 0; r < m; r++) {
    const s = indices[r];
    if (!Number.isInteger(s) || s < 0 || s >= data.n) throw new Error(`index ${s} is out of range 0..${data.n - 1}`);
    x.set(data.x.subarray(s * d, s * d + d), r * d);
    y.set(data.y.subarray(s * k, s * k + k), r * k);
  }
  return makeDataset(name, x, y, d, k, data.classes);
}

/**
 * Splits `data` at random into a training and a test set (test gets `round(test × n)` samples,
 * at least 1, and so does train). Same seed, same split.
 * @example const { train, test } = trainTestSplit(moons({ n: 500 }), { test: 0.2, seed: 1 });
 */
export function trainTestSplit(data: Dataset, options: { test?: number; seed?: number } = {}): { train: Dataset; test: Dataset } {
  checkDataset("trainTestSplit", data);
  checkKeys("trainTestSplit", options, ["test", "seed"]);
  const fraction = options.test ?? 0.2;
  if (typeof fraction !== "number" || !(fraction > 0 && fraction < 1)) {
    throw new Error(`test must be a fraction in (0, 1), got ${describe(fraction)}`);
  }
  const seed = options.seed ?? 0;
  const nTest = Math.round(fraction * data.n);
  if (nTest < 1 || nTest > data.n - 1) {
    throw new Error(`test = ${fraction} of n = ${data.n} samples leaves an empty train or test set`);
  }
  const order = rng(seed).permutation(data.n);
  return {
    train: subset(data, order.subarray(nTest), `${data.name} (train)`),
    test: subset(data, order.subarray(0, nTest), `${data.name} (test)`),
  };
}

/** Options of `batches` (and of `fit`'s batching, which uses the same order). */
export interface BatchOptions {
  /** Samples per batch (the last batch may be smaller unless `dropLast`). */
  batchSize: number;
  /** Shuffle the samples each epoch (default true). */
  shuffle?: boolean;
  /** Seed of the shuffling (default 0). */
  seed?: number;
  /** Which epoch: each epoch of one seed has its own order (default 0). */
  epoch?: number;
  /** Drop a last batch smaller than batchSize (default false). */
  dropLast?: boolean;
}

/**
 * The sample order of one epoch: a permutation drawn from `rng(seed, epoch + 1)` when shuffling,
 * else 0..n-1. `fit` uses this same function, so `batches` shows exactly what `fit` trains on.
 */
export function epochOrder(n: number, shuffle: boolean, seed: number, epoch: number): Int32Array {
  if (!shuffle) {
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    return order;
  }
  return rng(seed, epoch + 1).permutation(n);
}

/** Validates batch options; returns them with defaults filled in. */
export function batchSettings(options: BatchOptions): Required<BatchOptions> {
  if (options === undefined) throw new Error("batches: options with batchSize are required, got undefined");
  checkKeys("batches", options, ["batchSize", "shuffle", "seed", "epoch", "dropLast"]);
  checkInteger("batchSize", options.batchSize, 1);
  const seed = checkInteger("seed", options.seed ?? 0);
  const epoch = checkInteger("epoch", options.epoch ?? 0, 0);
  const shuffle = checkBoolean("shuffle", options.shuffle ?? true);
  const dropLast = checkBoolean("dropLast", options.dropLast ?? false);
  return { batchSize: options.batchSize, shuffle, seed, epoch, dropLast };
}

/**
 * The mini-batches of one epoch, in order: seeded shuffling, `ceil(n / batchSize)` batches
 * (`floor` with `dropLast`). Each batch holds copies of its rows, as they are: `dataset` checked the
 * values when it made `data`, and a model checks what it is given (an MLP rejects a non-finite input).
 * @example
 * for (const b of batches(data, { batchSize: 32, seed: 0, epoch: e })) { ... b.x, b.y, b.n ... }
 */
export function batches(data: Dataset, options: BatchOptions): Batch[] {
  checkDataset("batches", data);
  const { batchSize, shuffle, seed, epoch, dropLast } = batchSettings(options);
  const order = epochOrder(data.n, shuffle, seed, epoch);
  const out: Batch[] = [];
  for (let start = 0; start < data.n; start += batchSize) {
    const end = Math.min(start + batchSize, data.n);
    if (dropLast && end - start < batchSize) break;
    const m = end - start;
    const x = new Float64Array(m * data.d);
    const y = new Float64Array(m * data.k);
    copyRows(data.x, data.d, order, start, end, x);
    copyRows(data.y, data.k, order, start, end, y);
    out.push({ n: m, x, y, indices: order.slice(start, end) });
  }
  return out;
}

/**
 * Copies the rows `order[start]`, …, `order[end - 1]` of the row-major `values` (rows of `width`) into
 * `out`, one after another from its start. The rows must be in range (as an epoch's order is).
 */
export function copyRows(values: Float64Array, width: number, order: ArrayLike<number>, start: number, end: number, out: Float64Array): void {
  if (width === 1) {
    for (let r = start; r < end; r++) out[r - start] = values[order[r]];
  } else if (width < 16) {
    for (let r = start; r < end; r++) {
      const from = order[r] * width;
      const to = (r - start) * width;
      for (let i = 0; i < width; i++) out[to + i] = values[from + i];
    }
  } else {
    // Long rows: each a bulk copy.
    for (let r = start; r < end; r++) out.set(values.subarray(order[r] * width, (order[r] + 1) * width), (r - start) * width);
  }
}
