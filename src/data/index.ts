/**
 * Seeded data: one random number generator (`rng`), the lessons' datasets, train/test splits and
 * mini-batches. A `Dataset` stores inputs and targets as flat row-major Float64Arrays (see `Dataset`).
 */
export { rng } from "./rng";
export type { Rng } from "./rng";
export { dataset, subset, trainTestSplit, batches, epochOrder } from "./dataset";
export type { Dataset, DatasetSpec, Batch, BatchOptions } from "./dataset";
export {
  regression003,
  points004,
  linearRegression,
  blobs,
  xor,
  moons,
  circles,
  spirals,
  tabularBinary,
} from "./synthetic";
export type { LinearRegressionData } from "./synthetic";
export { np } from "./numpyLike";
export { mnistDigits, mnistDigitImages, parseDigitFile, poolImages, MNIST_SIDE } from "./mnist";
export type { MnistOptions } from "./mnist";
export { sparseRegression } from "./sparse";
export type { SparseRegressionData } from "./sparse";
