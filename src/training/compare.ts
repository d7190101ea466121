import { checkKeys, describe } from "../core/checks";
import type { Dataset } from "../data/dataset";
import { openProgress, type ProgressBar } from "./progress";
import { FitOptions, FitResult, TrainableModel, fit } from "./fit";
import type { StepOptimizer } from "./optimizer";

/** Options of `trainEach` and `tuneLearningRates`: `fit`'s, plus how to make a fresh model. */
export interface CompareOptions extends Pick<FitOptions, "epochs" | "batchSize" | "seed" | "test" | "limit"> {
  /** Makes the model every run starts from; call it the same way each time so all runs start alike. */
  model: () => TrainableModel;
  /** Label of the one progress bar shown for all runs (default "runs"), or a bar of your own; false hides it. */
  progress?: string | false | ProgressBar;
}

function splitOptions(what: string, options: CompareOptions): { fitOptions: FitOptions; model: () => TrainableModel; label: string | false | ProgressBar } {
  checkKeys(what, options, ["model", "epochs", "batchSize", "seed", "test", "limit", "progress"]);
  if (options === undefined || typeof options.model !== "function") {
    throw new Error(`${what}: options.model must be a function making a fresh model, got ${describe(options?.model)}`);
  }
  const { model, progress, ...fitOptions } = options;
  return { fitOptions, model, label: progress === undefined ? "runs" : progress };
}

/**
 * Trains a fresh model (`options.model()`) with each optimizer, same data, same batches, same
 * epochs, one progress bar over all the epochs of all the runs. Returns each run's `fit` history.
 * @example
 * const runs = trainEach({ SGD: () => sgd({ lr: 0.1 }), Adam: () => adam({ lr: 1e-3 }) }, train,
 *   { model: () => mlp({ sizes: [196, 64, 10], loss: "softmaxCrossEntropy" }), epochs: 5, test });
 * runs.Adam.testAccuracy![5]
 */
export function trainEach(optimizers: Record<string, () => StepOptimizer>, train: Dataset, options: CompareOptions): Record<string, FitResult> {
  const { fitOptions, model, label } = splitOptions("trainEach", options);
  const names = Object.keys(optimizers ?? {});
  if (names.length === 0) throw new Error("trainEach: optimizers must name at least one optimizer factory");
  for (const name of names) {
    if (typeof optimizers[name] !== "function") throw new Error(`trainEach: optimizers["${name}"] must be a function () => optimizer, got ${describe(optimizers[name])}`);
  }
  const bar = openProgress(label, names.length * fitOptions.epochs, "runs");
  const runs: Record<string, FitResult> = {};
  names.forEach((name, r) => {
    runs[name] = fit(model(), train, optimizers[name](), {
      ...fitOptions,
      onEpoch: (info) => bar?.update(r * fitOptions.epochs + info.epoch, name),
    });
  });
  bar?.close(`${names.length} runs of ${fitOptions.epochs} epochs`);
  return runs;
}

/** One optimizer's row of `tuneLearningRates`. */
export interface LearningRateScores {
  /** Validation accuracy after the last epoch, one per learning rate (0 for a run that diverged). */
  accuracy: number[];
  /** The learning rate with the highest validation accuracy (the smaller one on a tie). */
  best: number;
  /** Its validation accuracy. */
  bestAccuracy: number;
}

/**
 * Tunes each optimizer's learning rate on held-out data: for every factory and every `lr` in `lrs`,
 * trains a fresh model on `train` and scores it by its accuracy on `validation` after the last
 * epoch. Never looks at a test set: choose on validation, report on test.
 */
export function tuneLearningRates(
  factories: Record<string, (lr: number) => StepOptimizer>,
  lrs: number[],
  train: Dataset,
  validation: Dataset,
  options: Omit<CompareOptions, "test">,
): Record<string, LearningRateScores> {
  const { fitOptions, model, label } = splitOptions("tuneLearningRates", options);
  if (!Array.isArray(lrs) || lrs.length === 0 || !lrs.every((lr) => typeof lr === "number" && lr > 0 && Number.isFinite(lr))) {
    throw new Error(`tuneLearningRates: lrs must be a non-empty array of positive learning rates, got ${describe(lrs)}`);
  }
  const names = Object.keys(factories ?? {});
  if (names.length === 0) throw new Error("tuneLearningRates: factories must name at least one (lr) => optimizer");
  const bar = openProgress(label, names.length * lrs.length, "runs");
  const scores: Record<string, LearningRateScores> = {};
  names.forEach((name, r) => {
    if (typeof factories[name] !== "function") throw new Error(`tuneLearningRates: factories["${name}"] must be a function (lr) => optimizer, got ${describe(factories[name])}`);
    const accuracy = lrs.map((lr, j) => {
      const run = fit(model(), train, factories[name](lr), { ...fitOptions, test: validation });
      bar?.update(r * lrs.length + j + 1, `${name}, lr ${lr}`);
      return run.diverged ? 0 : run.testAccuracy![run.epochs];
    });
    const at = accuracy.indexOf(Math.max(...accuracy));
    scores[name] = { accuracy, best: lrs[at], bestAccuracy: accuracy[at] };
  });
  bar?.close(`${names.length} optimizers × ${lrs.length} learning rates`);
  return scores;
}
