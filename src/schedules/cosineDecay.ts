import { nonNegative, positiveInteger, optionSchema, type OptionsOf } from "../core/schema";
import { defineSchedule, type ClosedFormSchedule, type Schedule } from "./schedule";
import { cos } from "../math/portable";

export const cosineDecaySchema = optionSchema({
  /** The initial (largest) learning rate η_max. */
  lr: nonNegative(),
  /** Half-period T of the cosine (PyTorch `T_max`): the rate reaches `minLr` at step T. */
  totalSteps: positiveInteger(),
  /** The smallest rate η_min (default 0). */
  minLr: nonNegative(0),
});

export type CosineDecayOptions = OptionsOf<typeof cosineDecaySchema>;

/**
 * Cosine annealing, PyTorch's `CosineAnnealingLR` in closed form:
 * η_t = η_min + (η_max − η_min) · (1 + cos(π t / T)) / 2.
 * Past step T the cosine continues and the rate climbs back toward η_max, exactly as PyTorch's closed
 * form does (TensorFlow's `CosineDecay` instead holds η_min); train for T steps to end at the minimum.
 * Source: Loshchilov & Hutter, "SGDR" (2017), without restarts.
 *
 * Defaults: lr (required), totalSteps (required), minLr 0.
 */
export function cosineDecay(options: CosineDecayOptions): ClosedFormSchedule {
  const owner = "cosineDecay";
  const resolved = cosineDecaySchema.read(owner, options);
  const { lr, totalSteps, minLr } = resolved;
  return defineSchedule(owner, (t) => minLr + ((lr - minLr) * (1 + cos((Math.PI * t) / totalSteps))) / 2, resolved);
}
