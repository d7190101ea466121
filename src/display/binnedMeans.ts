import { checkInteger, describe } from "../data/checks";

/**
 * Means of a noisy series over about `count` bins of consecutive entries whose widths grow
 * geometrically (entry 0 is its own bin): on a log-scaled step axis each bin is about as wide, and a run
 * sitting at a noise floor draws a level line. `steps` holds each bin's centre index.
 */
export function binnedMeans(values: ArrayLike<number>, count = 80): { steps: number[]; means: number[] } {
  if (values === null || typeof values !== "object" || typeof values.length !== "number" || values.length === 0) throw new Error(`binnedMeans: values must be a non-empty array, got ${describe(values)}`);
  checkInteger("count", count, 1);
  const steps: number[] = [0], means: number[] = [values[0]];
  const last = values.length - 1;
  let start = 1;
  for (let j = 1; start <= last; j++) {
    const end = Math.min(last + 1, Math.max(start + 1, Math.round((last + 1) ** (j / count))));
    let sum = 0;
    for (let k = start; k < end; k++) sum += values[k];
    steps.push((start + end - 1) / 2);
    means.push(sum / (end - start));
    start = end;
  }
  return { steps, means };
}
