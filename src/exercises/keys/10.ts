import { tfjsPresets } from "../../optimizers/conventions";
import { functionKey, numberKey } from "../key";

export default {
  "10.1": numberKey("optimizer steps in 001 §4's fit on 614 samples", () => Math.ceil(614 / 32) * 10, {
    tolerance: { rtol: 0, atol: 0.5 },
    hint: "steps per epoch = ⌈samples / batch size⌉ (the last batch is smaller), times the epochs.",
    mistakes: [{ value: () => Math.floor(614 / 32) * 10, says: "Keras does not drop the last, smaller batch: round up." }],
  }),
  "10.2": functionKey("kernelIndex", (j: number, i: number, _inputs: number, outputs: number) => i * outputs + j, [[0, 0, 8, 10], [3, 5, 8, 10], [9, 7, 8, 10], [0, 1, 2, 1]], {
    hint: "a Dense kernel has shape [inputs, outputs], row-major: row i, column j.",
  }),
  "10.3": numberKey("the ε that matches tf.train.adam", () => tfjsPresets.adam.eps, {
    tolerance: { rtol: 1e-6 },
    hint: "TF.js's adam defaults to the backend's epsilon; the lesson measured it above.",
  }),
};
