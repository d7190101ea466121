import { nonNegative, readOptions } from "../core/checks";
import { defineSchedule, type ClosedFormSchedule, type Schedule } from "./schedule";

/**
 * The same learning rate at every step: η_t = lr. PyTorch's default (no scheduler).
 * Accepts the rate itself or `{ lr }`: `constantLr(0.1)` and `constantLr({ lr: 0.1 })` are the same.
 */
export function constantLr(options: number | { lr: number }): ClosedFormSchedule {
  const owner = "constantLr";
  const raw = typeof options === "number" ? options : readOptions(owner, options, { lr: undefined }).lr;
  const lr = nonNegative(owner, "lr", raw);
  return defineSchedule(owner, () => lr, { lr });
}
