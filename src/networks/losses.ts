import { exp } from "../math/portable";
import { ActivationName, multiplyByDerivative } from "./activations";

/**
 * The losses of the network, each the mean over the batch (and over output units):
 * - `mse`: C = 1/(n·k) Σ (a − y)², any output activation (default linear);
 * - `binaryCrossEntropy`: C = −1/(n·k) Σ [y log σ(z) + (1 − y) log(1 − σ(z))], sigmoid outputs, y ∈ {0, 1};
 * - `softmaxCrossEntropy`: C = −1/n Σ log softmax(z)[y], y the class index.
 * The cross-entropies are computed from the logits z (log-sum-exp form), so they never take log 0,
 * and their δᴸ = ∂C/∂zᴸ simplifies to (a − y)/(n·k) (one-hot y for softmax, divided by n).
 * These are the conventions of Keras/TF.js (`meanSquaredError`, `binaryCrossentropy`,
 * `sparseCategoricalCrossentropy`), so the numbers can be compared with theirs.
 */
export type LossName = "mse" | "binaryCrossEntropy" | "softmaxCrossEntropy";

export const LOSS_NAMES: readonly LossName[] = ["mse", "binaryCrossEntropy", "softmaxCrossEntropy"];

/** Each row's max and Σⱼ exp(z[s, j] − max), as `softmaxRows` computes them (n entries each). */
export interface SoftmaxSums {
  max: Float64Array;
  sum: Float64Array;
}

/**
 * Row-wise softmax of z (n × k) into h, shifted by each row's max for stability. With `sums`, also keeps
 * each row's max and sum of exponentials there, which the cross-entropy of the same z then reuses.
 */
export function softmaxRows(z: Float64Array, h: Float64Array, n: number, k: number, sums?: SoftmaxSums): void {
  for (let s = 0; s < n; s++) {
    const o = s * k;
    let max = -Infinity;
    for (let j = 0; j < k; j++) if (z[o + j] > max) max = z[o + j];
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const e = exp(z[o + j] - max);
      h[o + j] = e;
      sum += e;
    }
    for (let j = 0; j < k; j++) h[o + j] /= sum;
    if (sums) {
      sums.max[s] = max;
      sums.sum[s] = sum;
    }
  }
}

/**
 * The mean loss of a batch: `z` and `a` are the output layer's pre-activations and activations
 * (n × k), `y` the targets (n × k, or n class indices for softmax). With `delta`, also writes
 * δᴸ = ∂C/∂zᴸ into it (n × k). `sums`: the row maxima and sums of exponentials `softmaxRows` kept
 * for this same z, which the softmax cross-entropy then takes instead of computing them again (the
 * same numbers, so the same loss to the bit).
 */
export function outputLoss(
  loss: LossName,
  output: ActivationName | "softmax",
  z: Float64Array,
  a: Float64Array,
  y: Float64Array,
  n: number,
  k: number,
  delta: Float64Array | undefined,
  alpha: number,
  sums?: SoftmaxSums,
): number {
  let total = 0;
  switch (loss) {
    case "mse": {
      const scale = 1 / (n * k);
      for (let i = 0; i < n * k; i++) {
        const r = a[i] - y[i];
        total += r * r;
        if (delta) delta[i] = 2 * r * scale;
      }
      if (delta && output !== "softmax") multiplyByDerivative(output, z, a, delta, n * k, alpha);
      return total * scale;
    }
    case "binaryCrossEntropy": {
      const scale = 1 / (n * k);
      for (let i = 0; i < n * k; i++) {
        const zi = z[i];
        // −[y log σ(z) + (1 − y) log(1 − σ(z))] = max(z, 0) − z·y + log(1 + e^{−|z|})
        total += (zi > 0 ? zi : 0) - zi * y[i] + Math.log1p(exp(-Math.abs(zi)));
        if (delta) delta[i] = (a[i] - y[i]) * scale;
      }
      return total * scale;
    }
    case "softmaxCrossEntropy": {
      const scale = 1 / n;
      for (let s = 0; s < n; s++) {
        const o = s * k;
        const label = y[s];
        let max = -Infinity;
        let sum = 0;
        if (sums) {
          max = sums.max[s];
          sum = sums.sum[s];
        } else {
          for (let j = 0; j < k; j++) if (z[o + j] > max) max = z[o + j];
          for (let j = 0; j < k; j++) sum += exp(z[o + j] - max);
        }
        total += max + Math.log(sum) - z[o + label];
        if (delta) {
          for (let j = 0; j < k; j++) delta[o + j] = (a[o + j] - (j === label ? 1 : 0)) * scale;
        }
      }
      return total * scale;
    }
  }
}
