import { sparseRegression } from "../../data/sparse";
import { mlp } from "../../networks/mlp";
import { sgd } from "../../optimizers/sgd";
import { fit } from "../../training/fit";
import { experimentKey, numberKey } from "../key";

export default {
  "05c.1": numberKey("the first coordinate's first Adagrad step", () => 0.5, {
    hint: "after one step s₁ = g₁², so the step is η·g₁/√(g₁²) = η·sign(g₁) in every coordinate, whatever the gradient's size.",
    mistakes: [{ value: () => 0.5 * 4, says: "That is plain gradient descent's step ηg; Adagrad divides by √s₁ = |g₁|." }],
  }),
  "05c.2": experimentKey(
    "SGD's RMS error on the rare weights",
    ({ rareRate }: { rareRate: number }) => {
      const data = sparseRegression({ n: 2000, common: 10, rare: 10, commonRate: 0.5, rareRate, seed: 1 });
      const runs = [0.01, 0.03, 0.1, 0.3, 1].map((lr) => {
        const net = mlp({ sizes: [20, 1], loss: "mse", init: "zeros" });
        const run = fit(net, data, sgd({ lr }), { epochs: 1, batchSize: 10 });
        const w = net.layers[0].W;
        return { loss: run.diverged ? Infinity : run.trainLoss[1], rare: Math.sqrt(data.rareFeatures.reduce((s, j) => s + (w[j] - data.weights[j]) ** 2, 0) / data.rareFeatures.length) };
      });
      return runs.reduce((a, b) => (b.loss < a.loss ? b : a)).rare;
    },
    { knobs: { rareRate: 0.1 }, tolerance: { rtol: 0.01 }, hint: "set rareRate = 0.1 at the top of the sparse experiment, re-run it, and read SGD's \"RMS error, rare weights\" from the table." },
  ),
};
