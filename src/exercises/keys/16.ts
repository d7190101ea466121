import { mnistDigits } from "../../data/mnist";
import { mlp } from "../../networks/mlp";
import { adam } from "../../optimizers/adam";
import { exponentialDecay } from "../../schedules/exponentialDecay";
import { smoothed } from "../../training/diagnostics";
import { fit } from "../../training/fit";
import { experimentKey, functionKey, numberKey } from "../key";

export default {
  "16.1": numberKey("the initial loss for 100 classes", () => Math.log(100), {
    hint: "uniform outputs give the right class probability 1/K; the loss is −ln of it.",
    mistakes: [{ value: () => 2, says: "That is log₁₀ 100; cross-entropy uses the natural logarithm." }],
  }),
  "16.2": numberKey("distinct learning rates in a 4 × 4 × 4 grid", () => 4, {
    tolerance: { rtol: 0, atol: 0.5 },
    hint: "a grid repeats each value of one hyperparameter for every combination of the others.",
    mistakes: [{ value: () => 64, says: "64 is the number of runs; each learning rate is repeated across the other two hyperparameters' values." }],
  }),
  "16.3": functionKey(
    "the second smoothed value",
    (x0: number, x1: number, beta: number) => smoothed([x0, x1], beta)[1],
    [[2.3, 2.1, 0.9], [1, 1, 0.5], [5, 0, 0.99], [0.2, 0.4, 0]],
    { hint: "m̂₁ = (1 − β)(βx₀ + x₁) / (1 − β²); with β = 0 it is just x₁." },
  ),
  "16.4": experimentKey(
    "the range test's suggested learning rate",
    ({ startLr }: { startLr: number }) => {
      const { train } = mnistDigits({ trainPerDigit: 200, testPerDigit: 100, side: 14, seed: 0 });
      const steps = 3 * Math.ceil(train.n / 32);
      const growth = 1e6 ** (1 / steps);
      const run = fit(mlp({ sizes: [196, 32, 10], loss: "softmaxCrossEntropy", init: "he", seed: 0 }), train, adam({ lr: exponentialDecay({ lr: startLr, gamma: growth }) }), { epochs: 3, batchSize: 32, limit: 1e6 });
      const loss = smoothed(run.batchLoss, 0.9);
      return (startLr * growth ** loss.indexOf(Math.min(...loss))) / 10;
    },
    { knobs: { startLr: 1e-4 }, tolerance: { rtol: 0.05 }, hint: "set startLr = 1e-4 in the range-test cell, re-run it, and copy the suggested η it prints (the rate at the lowest smoothed loss, divided by 10)." },
  ),
};
