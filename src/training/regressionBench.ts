import { checkInteger, checkKeys, checkNumber } from "../data/checks";
import { linearRegression, type LinearRegressionData } from "../data/synthetic";
import { mlp } from "../networks/mlp";
import { sgd } from "../optimizers/sgd";
import type { LearningRate } from "../schedules/schedule";
import { fit, type FitResult } from "./fit";
import type { StepOptimizer } from "./optimizer";

export interface RegressionBenchOptions {
  /** Samples (default 256). */
  n?: number;
  /** Features (default 8). */
  features?: number;
  /** Standard deviation of the label noise (default 0.5). */
  labelNoise?: number;
  /** Mini-batch size (default 8). */
  batchSize?: number;
  /** Epochs of a run (default 40). */
  epochs?: number;
  /** Seed of the batch order, the same in every run (default 3). */
  seed?: number;
}

export interface RegressionBench {
  data: LinearRegressionData;
  n: number;
  features: number;
  labelNoise: number;
  batchSize: number;
  epochs: number;
  stepsPerEpoch: number;
  /** Updates in a run: epochs × stepsPerEpoch. */
  T: number;
  /** The least-squares training loss, from full-batch gradient descent run to convergence. */
  fStar: number;
  /** That full-batch run (exact gradients, 3000 epochs at η = 0.5). */
  exact: FitResult;
  /** Trains the model from its fixed start with SGD at rate (or schedule) `lr`, or with `optimizer`. */
  train(lr: LearningRate, options?: { epochs?: number; batchSize?: number; schedule?: { observe(metric: number): unknown }; optimizer?: StepOptimizer }): FitResult;
  /** A run's excess loss f − f* against updates, for `lossCurves`. */
  curve(run: FitResult): { losses: number[]; x: number[]; diverged: FitResult["diverged"] };
  /** f − f* after a run's last epoch. */
  excess(run: FitResult): number;
}

/**
 * A fixed training problem for comparing learning-rate schedules: linear regression with label noise,
 * a network without hidden layer (`mlp({ sizes: [features, 1], loss: "mse", seed: 1 })`), mini-batch
 * SGD from the same start on the same batch order in every run, and the best training loss f* found
 * by full-batch gradient descent (exact gradients, 3000 epochs at η = 0.5), so runs report f − f*.
 * @example const bench = regressionBench(); bench.excess(bench.train(cosineDecay({ lr: 0.1, totalSteps: bench.T })))
 */
export function regressionBench(options: RegressionBenchOptions = {}): RegressionBench {
  checkKeys("regressionBench", options, ["n", "features", "labelNoise", "batchSize", "epochs", "seed"]);
  const n = checkInteger("n", options.n ?? 256, 2);
  const features = checkInteger("features", options.features ?? 8, 1);
  const labelNoise = checkNumber("labelNoise", options.labelNoise ?? 0.5, "nonNegative");
  const batchSize = checkInteger("batchSize", options.batchSize ?? 8, 1);
  const epochs = checkInteger("epochs", options.epochs ?? 40, 1);
  const seed = checkInteger("seed", options.seed ?? 3, 0);
  const data = linearRegression({ n, d: features, noise: labelNoise, seed: 0 });
  const stepsPerEpoch = Math.ceil(n / batchSize);
  const train: RegressionBench["train"] = (lr, o = {}) =>
    fit(mlp({ sizes: [features, 1], loss: "mse", seed: 1 }), data, o.optimizer ?? sgd({ lr }), {
      epochs: o.epochs ?? epochs, batchSize: o.batchSize ?? batchSize, seed, schedule: o.schedule,
    });
  const exact = train(0.5, { epochs: 3000, batchSize: n });
  const fStar = exact.trainLoss[exact.epochs];
  return {
    data, n, features, labelNoise, batchSize, epochs, stepsPerEpoch, T: epochs * stepsPerEpoch, fStar, exact, train,
    curve: (run) => ({ losses: run.trainLoss.map((l) => l - fStar), x: run.trainLoss.map((_, e) => e * stepsPerEpoch), diverged: run.diverged }),
    excess: (run) => run.trainLoss[run.epochs] - fStar,
  };
}
