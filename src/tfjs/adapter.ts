/**
 * Lets any optimizer of this library train a TensorFlow.js model:
 *
 *   model.compile({ optimizer: toTfOptimizer(adam({ lr: 1e-3, ...tfjsPresets.adam })), loss: "meanSquaredError" });
 *   await model.fit(xs, ys);
 *
 * Each `applyGradients` reads every variable and its gradient into one flat Float64Array (variables in
 * the order of the first call), takes one `step`, and writes the values back to the float32 variables.
 * Our optimizer therefore sees the whole model as one parameter vector: global-norm clipping is global,
 * and `opt.state` covers every weight. Tensor memory is handled here only, at the edge.
 *
 * Not supported: variables without a gradient (TF.js skips them; this adapter throws, because one
 * step updates all parameters together), optimizers whose step needs more arguments (Newton), and
 * saving optimizer weights with the model (`getWeights`).
 */
import * as tf from "@tensorflow/tfjs";
import type { Optimizer } from "../optimizers/optimizer";
import { describe } from "../core/checks";

interface Slot {
  variable: tf.Variable;
  offset: number;
  size: number;
  /** float32 staging buffer for writing the variable back */
  values: Float32Array;
}

/** A `tf.Optimizer` that delegates every update to one of our optimizers. */
export class OptimlabTfOptimizer<O extends Optimizer<object, object, []> = Optimizer<object, object, []>> extends tf.Optimizer {
  static className = "OptimlabOptimizer";

  /** The optimizer doing the work; its `state` is readable during training. */
  readonly optimizer: O;
  private slots = new Map<string, Slot>();
  private params = new Float64Array(0);
  private grads = new Float64Array(0);

  constructor(optimizer: O) {
    super();
    if (typeof optimizer !== "object" || optimizer === null || typeof optimizer.step !== "function") {
      throw new TypeError(`toTfOptimizer: expected one of our optimizers, got ${describe(optimizer)}`);
    }
    this.optimizer = optimizer;
  }

  override applyGradients(variableGradients: tf.NamedTensorMap | { name: string; tensor: tf.Tensor }[]): void {
    const entries: [string, tf.Tensor | undefined][] = Array.isArray(variableGradients)
      ? variableGradients.map((v) => [v.name, v.tensor])
      : Object.keys(variableGradients).map((name) => [name, variableGradients[name]]);
    if (this.slots.size === 0) this.layOut(entries.map(([name]) => name));
    if (entries.length !== this.slots.size) {
      throw new RangeError(
        `toTfOptimizer: got gradients for ${entries.length} variables, but the first call had ${this.slots.size}`,
      );
    }
    for (const [name, gradient] of entries) {
      const slot = this.slots.get(name);
      if (slot === undefined) throw new RangeError(`toTfOptimizer: variable "${name}" was not in the first call`);
      if (gradient == null) {
        throw new RangeError(`toTfOptimizer: variable "${name}" has no gradient; every variable must get one each step`);
      }
      this.params.set(slot.variable.dataSync() as Float32Array, slot.offset);
      this.grads.set(gradient.dataSync() as Float32Array, slot.offset);
    }
    this.optimizer.step(this.params, this.grads);
    for (const slot of this.slots.values()) {
      const { values, offset } = slot;
      for (let i = 0; i < values.length; i++) values[i] = this.params[offset + i];
      tf.tidy(() => slot.variable.assign(tf.tensor(values, slot.variable.shape, "float32")));
    }
    this.incrementIterations();
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { optimizer: this.optimizer.name };
  }

  private layOut(names: string[]): void {
    let offset = 0;
    for (const name of names) {
      const variable = tf.engine().registeredVariables[name];
      if (variable === undefined) throw new RangeError(`toTfOptimizer: no variable named "${name}" is registered`);
      if (variable.dtype !== "float32") {
        throw new TypeError(`toTfOptimizer: variable "${name}" has dtype ${variable.dtype}; only float32 is supported`);
      }
      this.slots.set(name, { variable, offset, size: variable.size, values: new Float32Array(variable.size) });
      offset += variable.size;
    }
    this.params = new Float64Array(offset);
    this.grads = new Float64Array(offset);
  }
}

/** Wraps one of our optimizers (any but Newton) as a `tf.Optimizer` for `model.compile`. */
export function toTfOptimizer<O extends Optimizer<object, object, []>>(optimizer: O): OptimlabTfOptimizer<O> {
  return new OptimlabTfOptimizer(optimizer);
}
