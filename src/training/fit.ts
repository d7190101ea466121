import { checkBoolean, checkInteger, checkKeys, checkNumber, describe } from "../core/checks";
import { copyRows, Dataset, epochOrder } from "../data/dataset";
import { kernelArray } from "../kernels/heap";
import { openProgress, type ProgressOption } from "./progress";
import { NonFiniteStepError } from "../optimizers/checked";
import { DEFAULT_LIMIT, type Failure, StepOptimizer, allFinite, failure } from "./optimizer";

/** What `fit` needs of a model (the library's `MLP` has it). */
export interface TrainableModel {
  /** All parameters, one flat array, updated in place by the optimizer. */
  readonly params: Float64Array;
  /** The gradient, filled by `lossAndGradient`, same layout. */
  readonly grads: Float64Array;
  readonly inputSize: number;
  /** Target values per sample. */
  readonly targetSize: number;
  /** Forward and backward on a batch (n × inputSize, n × targetSize): fills `grads`, returns the objective. */
  lossAndGradient(x: Float64Array, y: Float64Array): number;
  /** Mean data loss and accuracy (undefined for regression), no dropout. */
  evaluate(x: Float64Array, y: Float64Array): { loss: number; accuracy: number | undefined };
}

/** What `onEpoch` receives after each epoch. */
export interface EpochInfo {
  /** The epoch just finished, 1-based. */
  epoch: number;
  /** Updates so far. */
  steps: number;
  trainLoss: number;
  trainAccuracy: number | undefined;
  testLoss: number | undefined;
  testAccuracy: number | undefined;
  /** The learning rate of the last update, when the optimizer exposes it (`state.lr`). */
  lr: number | undefined;
}

/** What `onStep` receives after each update. */
export interface StepInfo {
  /** Updates so far, 1-based: this update's number. */
  step: number;
  /** The epoch this update belongs to, 1-based. */
  epoch: number;
  /** The objective of this update's batch, as trained (dropout on, L2 penalty included), before the update. */
  loss: number;
  /** Samples in this update's batch (the last batch of an epoch may be smaller). */
  batchSize: number;
  /** The model's parameters after the update: the live array, read it now or copy it (do not write to it). */
  params: Float64Array;
}

/** Options of `fit`. */
export interface FitOptions {
  /** Passes over the training data (a positive integer). */
  epochs: number;
  /** Samples per update (default 32; the last batch of an epoch may be smaller). */
  batchSize?: number;
  /** Seed of the shuffling: epoch e uses the order `batches(data, { batchSize, seed, epoch: e })` (default 0). */
  seed?: number;
  /** Shuffle every epoch (default true). */
  shuffle?: boolean;
  /** Held-out data evaluated after every epoch. */
  test?: Dataset;
  /**
   * A metric-driven schedule such as `reduceOnPlateau`: after every epoch `fit` calls
   * `schedule.observe(loss)` with the test loss (the train loss without test data). Pass the same
   * object as the optimizer's `lr`. Step-indexed schedules need nothing here: give them to the optimizer.
   */
  schedule?: { observe(metric: number): unknown };
  /** Called after every epoch (and not before the first); returning false stops training (early stopping). */
  onEpoch?: (info: EpochInfo) => void | boolean;
  /**
   * Called after every update (mini-batch step) with its number, epoch, batch loss and the new
   * parameters: record a path or an excess loss per step. Returning false stops training after this
   * update (`stopped` is set; the epoch's metrics are not evaluated). A throw stops training like a
   * failing update would: it is reported in `failed`, the parameters are kept as they are after the update.
   */
  onStep?: (info: StepInfo) => void | boolean;
  /**
   * Show progress, updated every epoch (default false): true or a label shows the notebook's progress
   * bar (set by the display layer), a function `(total, label) => { update, close }` reports elsewhere.
   */
  progress?: ProgressOption;
  /** A batch loss or parameter beyond ±limit (or NaN) stops the run as diverged (default 1e12). */
  limit?: number;
}

/** What `fit` returns. Per-epoch arrays have one entry per completed epoch plus entry 0, before training. */
export interface FitResult {
  /** Epochs completed. */
  epochs: number;
  /** Optimizer updates completed. */
  steps: number;
  /** Mean data loss on the whole training set, dropout off (no L2 penalty): [0] before training, [e] after epoch e. */
  trainLoss: number[];
  /** Training accuracy, same layout (classification only). */
  trainAccuracy: number[] | undefined;
  /** Test loss, same layout (with `test` only). */
  testLoss: number[] | undefined;
  testAccuracy: number[] | undefined;
  /** The objective of each update's batch as trained (dropout on, L2 penalty included), length `steps`. */
  batchLoss: Float64Array;
  /** The learning rate of the last update of each epoch (length `epochs`), when the optimizer exposes `state.lr`. */
  lr: number[] | undefined;
  /**
   * Set when update `step` (1-based, in epoch `epoch`) gave a non-finite or huge loss, gradient or
   * parameters; the model's parameters are restored to those before it and no array holds its values.
   */
  diverged: { step: number; epoch: number } | null;
  /**
   * Set when update `step` (in epoch `epoch`) threw, in the model or the optimizer: training stops there,
   * the parameters are those before it, and everything before it is kept. A throw at update 1 is thrown.
   */
  failed: (Failure & { epoch: number }) | null;
  /** True when `onEpoch` or `onStep` returned false. */
  stopped: boolean;
}

function checkData(name: string, data: Dataset, model: TrainableModel): void {
  if (data === null || typeof data !== "object" || !(data.x instanceof Float64Array) || !(data.y instanceof Float64Array)) {
    throw new Error(`${name} must be a Dataset, got ${describe(data)}`);
  }
  if (!(data.n > 0)) throw new Error(`${name} is empty (n = ${data.n})`);
  if (data.d !== model.inputSize) throw new Error(`${name} has d = ${data.d} features but the model takes ${model.inputSize} inputs`);
  if (data.k !== model.targetSize) throw new Error(`${name} has k = ${data.k} target columns but the model needs ${model.targetSize}`);
  if (data.x.length !== data.n * data.d || data.y.length !== data.n * data.k) {
    throw new Error(`${name}'s arrays do not match n = ${data.n}, d = ${data.d}, k = ${data.k}`);
  }
}

function lastLr(optimizer: StepOptimizer): number | undefined {
  const lr = (optimizer as { state?: { lr?: unknown } }).state?.lr;
  return typeof lr === "number" && Number.isFinite(lr) ? lr : undefined;
}

/**
 * Trains `model` on `data` with mini-batch updates of `optimizer` for `epochs` epochs, evaluating
 * train (and test) loss and accuracy after every epoch. Batches are copied into buffers allocated once.
 * @example
 * const { train, test } = trainTestSplit(moons({ n: 500, noise: 0.2 }), { seed: 1 });
 * const net = mlp({ sizes: [2, 16, 16, 1], activation: "tanh", loss: "binaryCrossEntropy" });
 * const history = fit(net, train, adam({ lr: 0.01 }), { epochs: 50, batchSize: 32, test });
 * history.testAccuracy![50] // after epoch 50 (index 0 is before training)
 */
export function fit(model: TrainableModel, data: Dataset, optimizer: StepOptimizer, options: FitOptions): FitResult {
  const epochs = fitEpochs(model, data, optimizer, options);
  for (;;) {
    const next = epochs.next();
    if (next.done) return next.value;
  }
}

/**
 * `fit` one epoch at a time: each `next()` trains one more epoch and yields the result so far (the same
 * object, growing), and the last returns it complete, exactly as `fit` would (`fit` is this, drained).
 * A page trains progressively with it, a bounded slice of work per animation frame. The options are
 * checked, and the data evaluated before training, at the first `next()`.
 * @example
 * const run = fitEpochs(net, train, adam({ lr: 0.01 }), { epochs: 200, batchSize: 32 });
 * for (let r = run.next(); !r.done; r = run.next()) draw(r.value.trainLoss);
 */
export function* fitEpochs(model: TrainableModel, data: Dataset, optimizer: StepOptimizer, options: FitOptions): Generator<FitResult, FitResult, void> {
  checkKeys("fit", options, ["epochs", "batchSize", "seed", "shuffle", "test", "schedule", "onEpoch", "onStep", "progress", "limit"]);
  if (options === undefined) throw new Error("fit: options with epochs are required");
  if (model === null || typeof model !== "object" || !(model.params instanceof Float64Array) || typeof model.lossAndGradient !== "function") {
    throw new Error(`fit: model must have params, grads and lossAndGradient (an MLP), got ${describe(model)}`);
  }
  if (optimizer === null || typeof optimizer !== "object" || typeof optimizer.step !== "function") {
    throw new Error(`fit: optimizer must have a step(params, grads) method, got ${describe(optimizer)}`);
  }
  const epochs = checkInteger("epochs", options.epochs, 1);
  const batchSize = checkInteger("batchSize", options.batchSize ?? 32, 1);
  const seed = checkInteger("seed", options.seed ?? 0);
  const shuffle = checkBoolean("shuffle", options.shuffle ?? true);
  const limit = checkNumber("limit", options.limit ?? DEFAULT_LIMIT, "positive");
  const { test, schedule, onEpoch, onStep } = options;
  checkData("data", data, model);
  if (test !== undefined) checkData("test", test, model);
  if (schedule !== undefined && (schedule === null || typeof schedule.observe !== "function")) {
    throw new Error(`schedule must have an observe(metric) method (e.g. reduceOnPlateau), got ${describe(schedule)}`);
  }
  if (onEpoch !== undefined && typeof onEpoch !== "function") throw new Error(`onEpoch must be a function, got ${describe(onEpoch)}`);
  if (onStep !== undefined && typeof onStep !== "function") throw new Error(`onStep must be a function, got ${describe(onStep)}`);

  const { n, d, k } = data;
  if (options.progress !== undefined && !["boolean", "string", "function"].includes(typeof options.progress)) {
    throw new Error(`progress must be true, false, a label or a function (total, label) => progress, got ${describe(options.progress)}`);
  }
  const bar = openProgress(options.progress, epochs, "epochs");
  const maxBatch = Math.min(batchSize, n);
  // In the kernel heap, where an MLP reads a batch without copying it in.
  const xb = kernelArray(maxBatch * d);
  const yb = new Float64Array(maxBatch * k);
  const before = new Float64Array(model.params.length);
  const batchLoss = new Float64Array(epochs * Math.ceil(n / batchSize));

  const initial = model.evaluate(data.x, data.y);
  const initialTest = test ? model.evaluate(test.x, test.y) : undefined;
  const result: FitResult = {
    epochs: 0,
    steps: 0,
    trainLoss: [initial.loss],
    trainAccuracy: initial.accuracy === undefined ? undefined : [initial.accuracy],
    testLoss: initialTest ? [initialTest.loss] : undefined,
    testAccuracy: initialTest?.accuracy === undefined ? undefined : [initialTest.accuracy],
    batchLoss,
    lr: undefined,
    diverged: null,
    failed: null,
    stopped: false,
  };
  const lrs: number[] = [];
  let steps = 0;
  training: for (let epoch = 0; epoch < epochs; epoch++) {
    const order = epochOrder(n, shuffle, seed, epoch);
    for (let startRow = 0; startRow < n; startRow += batchSize) {
      const m = Math.min(batchSize, n - startRow);
      copyRows(data.x, d, order, startRow, startRow + m, xb);
      copyRows(data.y, k, order, startRow, startRow + m, yb);
      const x = m === maxBatch ? xb : xb.subarray(0, m * d);
      const y = m === maxBatch ? yb : yb.subarray(0, m * k);
      before.set(model.params);
      let loss: number;
      try {
        loss = model.lossAndGradient(x, y);
        if (!(Math.abs(loss) <= limit) || !allFinite(model.grads, Infinity)) {
          result.diverged = { step: steps + 1, epoch: epoch + 1 };
          break training;
        }
        optimizer.step(model.params, model.grads);
      } catch (error) {
        model.params.set(before);
        if (error instanceof NonFiniteStepError) {
          // The optimizer refused a step that would overflow: the run diverged there.
          result.diverged = { step: steps + 1, epoch: epoch + 1 };
          break training;
        }
        if (steps === 0) throw error; // nothing to keep: a broken setup should fail loudly
        result.failed = { ...failure(steps + 1, error), epoch: epoch + 1 };
        break training;
      }
      if (!allFinite(model.params, limit)) {
        model.params.set(before);
        result.diverged = { step: steps + 1, epoch: epoch + 1 };
        break training;
      }
      batchLoss[steps] = loss;
      steps++;
      if (onStep) {
        let verdict: void | boolean;
        try {
          verdict = onStep({ step: steps, epoch: epoch + 1, loss, batchSize: m, params: model.params });
        } catch (error) {
          result.failed = { ...failure(steps, error), epoch: epoch + 1 };
          result.failed.reason = `onStep threw: ${result.failed.reason}`;
          break training;
        }
        if (verdict === false) {
          result.stopped = true;
          break training;
        }
      }
    }
    const train = model.evaluate(data.x, data.y);
    const held = test ? model.evaluate(test.x, test.y) : undefined;
    if (!Number.isFinite(train.loss) || (held && !Number.isFinite(held.loss))) {
      result.diverged = { step: steps, epoch: epoch + 1 };
      break;
    }
    result.trainLoss.push(train.loss);
    if (train.accuracy !== undefined) result.trainAccuracy?.push(train.accuracy);
    if (held) {
      result.testLoss!.push(held.loss);
      if (held.accuracy !== undefined) result.testAccuracy?.push(held.accuracy);
    }
    const lr = lastLr(optimizer);
    if (lr !== undefined) lrs.push(lr);
    result.epochs = epoch + 1;
    result.steps = steps;
    schedule?.observe(held ? held.loss : train.loss);
    bar?.update(epoch + 1, `loss ${train.loss.toPrecision(4)}${held ? `, test ${held.loss.toPrecision(4)}` : ""}`);
    const verdict = onEpoch?.({
      epoch: epoch + 1,
      steps,
      trainLoss: train.loss,
      trainAccuracy: train.accuracy,
      testLoss: held?.loss,
      testAccuracy: held?.accuracy,
      lr,
    });
    if (verdict === false) {
      result.stopped = true;
      break;
    }
    if (epoch + 1 < epochs) yield result;
  }
  result.steps = steps;
  result.batchLoss = batchLoss.slice(0, steps);
  if (lrs.length === result.epochs && lrs.length > 0) result.lr = lrs;
  bar?.close(
    result.diverged
      ? `diverged at update ${result.diverged.step}`
      : result.failed
      ? `stopped at update ${result.failed.step}: ${result.failed.reason}`
      : `loss ${result.trainLoss[result.epochs].toPrecision(4)}${result.testLoss ? `, test ${result.testLoss[result.epochs].toPrecision(4)}` : ""}`,
  );
  return result;
}
