/**
 * The per-epoch training loss as Keras and TF.js report it: the mean of the epoch's batch losses, each
 * weighted by its batch's size (the last batch of an epoch may be short), computed from `fit`'s
 * per-batch record `batchLoss`. Each batch loss is measured before that batch's update, so this is
 * not the loss at the end of the epoch, which `fit`'s `trainLoss` records.
 */

/** Keras-style epoch means of `batchLoss` for `n` samples in batches of `batchSize`, over `epochs` epochs. */
export function epochMeans(batchLoss: ArrayLike<number>, n: number, batchSize: number, epochs: number): number[] {
  for (const [name, v] of [["n", n], ["batchSize", batchSize], ["epochs", epochs]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`epochMeans: ${name} must be a positive integer, got ${v}`);
  }
  const perEpoch = Math.ceil(n / batchSize);
  if (batchLoss.length < perEpoch * epochs) {
    throw new Error(`epochMeans: ${epochs} epochs of ${perEpoch} batches need ${perEpoch * epochs} batch losses, got ${batchLoss.length}`);
  }
  return Array.from({ length: epochs }, (_, e) => {
    let sum = 0;
    for (let b = 0; b < perEpoch; b++) sum += batchLoss[e * perEpoch + b] * Math.min(batchSize, n - b * batchSize);
    return sum / n;
  });
}
