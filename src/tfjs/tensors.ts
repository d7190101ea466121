import * as tf from "@tensorflow/tfjs";
import type { Dataset } from "../data/dataset";
import type { MLP } from "../networks/mlp";
import { describe } from "../core/checks";

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

/**
 * Sets a TF.js model of dense layers to the weights of one of our `MLP`s, so both start from the same
 * point. Our Wˡ is outputs × inputs (z = Wa + b); a TF.js `Dense` kernel is inputs × outputs
 * (z = aK + b), so K = Wᵀ. The model must have the MLP's layer sizes.
 */
export function copyMlpWeights(net: MLP, model: tf.LayersModel): void {
  const shapes = model.getWeights().map((w) => w.shape.join("×"));
  const wanted = net.layers.flatMap((l) => [`${l.inputs}×${l.outputs}`, `${l.outputs}`]);
  if (shapes.join(",") !== wanted.join(",")) throw new Error(`copyMlpWeights: the model's weights are ${shapes.join(", ")}, but the MLP needs ${wanted.join(", ")}`);
  const tensors = net.layers.flatMap((layer) => {
    const kernel = new Float32Array(layer.inputs * layer.outputs);
    for (let i = 0; i < layer.inputs; i++) {
      for (let j = 0; j < layer.outputs; j++) kernel[i * layer.outputs + j] = layer.W[j * layer.inputs + i];
    }
    return [tf.tensor2d(kernel, [layer.inputs, layer.outputs]), tf.tensor1d(Float32Array.from(layer.b))];
  });
  model.setWeights(tensors);
  tf.dispose(tensors);
}
