/**
 * Reading the options every optimizer shares, so that each factory only lists its own.
 */
import type { LearningRate } from "../core/learningRate";
import { boolean, learningRate, nonNegative, oneOf, readOptions } from "../core/checks";
import { KERNEL_CHOICES } from "../kernels/choice";

/** Defaults of the options every optimizer accepts besides its own. */
export const commonDefaults = { recordUpdate: false, kernel: "auto" } as const;

/**
 * Reads `options` against `defaults` plus the common options; checks `lr`, `weightDecay` (when the
 * optimizer has it), `recordUpdate` and `kernel`, and returns them typed along with the raw values of the rest.
 */
export function readOptimizerOptions<K extends string>(owner: string, options: unknown, defaults: Record<K, unknown>) {
  const o = readOptions<K | "recordUpdate" | "kernel">(owner, options, { ...defaults, ...commonDefaults });
  const raw = o as Record<string, unknown>;
  const lr: LearningRate = learningRate(owner, raw.lr);
  const weightDecay = "weightDecay" in raw ? nonNegative(owner, "weightDecay", raw.weightDecay) : 0;
  const recordUpdate = boolean(owner, "recordUpdate", raw.recordUpdate);
  const kernel = oneOf(owner, "kernel", raw.kernel, KERNEL_CHOICES);
  return { o, lr, weightDecay, recordUpdate, kernel };
}
