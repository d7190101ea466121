import * as tf from "@tensorflow/tfjs";
import type { Dataset } from "../data/dataset";
import { describe } from "../optimizers/validate";

/**
 * A classification dataset as TF.js tensors: `x` (n × d, float32) and `y` one-hot (n × classes), the
 * form `model.fit` takes with the loss "categoricalCrossentropy". The caller disposes both.
 */
export function classificationTensors(data: Dataset): { x: tf.Tensor2D; y: tf.Tensor2D } {
  if (data === null || typeof data !== "object" || !(data.x instanceof Float64Array)) throw new Error(`classificationTensors: expected a Dataset, got ${describe(data)}`);
  if (!(data.classes >= 2 && data.k === 1)) throw new Error(`classificationTensors: "${data.name}" must hold class indices (k = 1, classes ≥ 2), got k = ${data.k}, classes = ${data.classes}`);
  const labels = Int32Array.from(data.y);
  return tf.tidy(() => ({
    x: tf.tensor2d(Float32Array.from(data.x), [data.n, data.d]),
    y: tf.oneHot(tf.tensor1d(labels, "int32"), data.classes).toFloat() as tf.Tensor2D,
  }));
}
