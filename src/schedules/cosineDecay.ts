import { nonNegative, positiveInteger, readOptions } from "../core/checks";
import { defineSchedule, type ClosedFormSchedule, type Schedule } from "./schedule";
import { cos } from "../math/portable";

export interface CosineDecayOptions {
  /** The initial (largest) learning rate η_max. */
  lr: number;
  /** Half-period T of the cosine (PyTorch `T_max`): the rate reaches `minLr` at step T. */
  totalSteps: number;
  /** The smallest rate η_min (default 0). */
  minLr?: number;
}

/**
 * Cosine annealing, PyTorch's `CosineAnnealingLR` in closed form:
 * η_t = η_min + (η_max − η_min) · (1 + cos(π t / T)) / 2.
 * Past step T the cosine continues and the rate climbs back toward η_max, exactly as PyTorch's closed
 * form does (TensorFlow's `CosineDecay` instead holds η_min); train for T steps to end at the minimum.
 * Source: Loshchilov & Hutter, "SGDR" (2017), without restarts.
 *
 * Defaults: minLr 0 (lr and totalSteps required).
 */
export function cosineDecay(options: CosineDecayOptions): ClosedFormSchedule {
  const owner = "cosineDecay";
  const o = readOptions(owner, options, { lr: undefined, totalSteps: undefined, minLr: 0 });
  const lr = nonNegative(owner, "lr", o.lr);
  const totalSteps = positiveInteger(owner, "totalSteps", o.totalSteps);
  const minLr = nonNegative(owner, "minLr", o.minLr);
  return defineSchedule(owner, (t) => minLr + ((lr - minLr) * (1 + cos((Math.PI * t) / totalSteps))) / 2, { lr, totalSteps, minLr });
}
