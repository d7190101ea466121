import { mnistDigits } from "../../data/mnist";
import { mlp } from "../../networks/mlp";
import { adam } from "../../optimizers/adam";
import { sgd } from "../../optimizers/sgd";
import { cosineDecay } from "../../schedules/cosineDecay";
import { fit } from "../../training/fit";
import { experimentKey, numberKey } from "../key";

/** The lesson's digits: 200 training and 100 test images of each digit, 14 × 14. */
const lessonDigits = () => mnistDigits({ trainPerDigit: 200, testPerDigit: 100, side: 14, seed: 0 });

export default {
  "15.1": numberKey("parameters of the 196-32-10 network", () => 196 * 32 + 32 + 32 * 10 + 10, {
    tolerance: { rtol: 0, atol: 0.5 },
    hint: "a dense layer from m inputs to k units has an m × k weight matrix and k biases; add both layers.",
    mistakes: [{ value: () => 196 * 32 + 32 * 10, says: "That counts the weights only: each unit also has a bias." }],
  }),
  "15.2": numberKey("the initial loss for 26 classes", () => Math.log(26), {
    hint: "with p = 1/K for the right class, the cross-entropy −ln p is ln K.",
    mistakes: [{ value: () => Math.log10(26), says: "Cross-entropy uses the natural logarithm, not log₁₀." }],
  }),
  "15.3": experimentKey(
    "final test accuracy without warmup",
    ({ warmEta }: { warmEta: number }) => {
      const { train, test } = lessonDigits();
      const net = mlp({ sizes: [196, 64, 64, 10], loss: "softmaxCrossEntropy", init: "he", seed: 0 });
      const run = fit(net, train, adam({ lr: cosineDecay({ lr: warmEta, totalSteps: 6 * Math.ceil(train.n / 50) }) }), { epochs: 6, batchSize: 50, test });
      return run.testAccuracy![run.epochs];
    },
    { knobs: { warmEta: 0.01 }, tolerance: { rtol: 0, atol: 0.0015 }, hint: "set warmEta = 0.01 in the warmup cell, re-run it, and read the final test accuracy of the run without warmup from the table (a fraction such as 0.87, not a percentage)." },
  ),
  "15.4": experimentKey(
    "final test accuracy of the constant schedule",
    ({ batchSize }: { batchSize: number }) => {
      const { train, test } = lessonDigits();
      const net = mlp({ sizes: [196, 32, 10], loss: "softmaxCrossEntropy", init: "he", seed: 0 });
      const run = fit(net, train, sgd({ lr: 0.1, momentum: 0.9 }), { epochs: 10, batchSize, test });
      return run.testAccuracy![run.epochs];
    },
    { knobs: { batchSize: 100 }, tolerance: { rtol: 0, atol: 0.0015 }, hint: "set schedBatch = 100 in the schedule comparison, re-run it, and read the constant schedule's final test accuracy from the table (a fraction, not a percentage)." },
  ),
};
