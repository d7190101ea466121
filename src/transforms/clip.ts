import { positive } from "../core/checks";
import { statelessTransform, type GradientTransform } from "./transform";

/** The Euclidean norm of `values`, without overflow for very large entries. */
export function globalNorm(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] * values[i];
  if (Number.isFinite(sum)) return Math.sqrt(sum);
  // The squares overflowed: scale by the largest magnitude first.
  let largest = 0;
  for (let i = 0; i < values.length; i++) largest = Math.max(largest, Math.abs(values[i]));
  let scaled = 0;
  for (let i = 0; i < values.length; i++) scaled += (values[i] / largest) ** 2;
  return largest * Math.sqrt(scaled);
}

/**
 * Clipping by global norm, PyTorch's `clip_grad_norm_`: with c = maxNorm / (‖g‖ + 1e-6), g ← c·g when
 * c < 1. Direction kept, length capped near maxNorm. (optax's `clip_by_global_norm` omits the 1e-6.)
 */
export function clipByGlobalNorm(maxNorm: number): GradientTransform<undefined> {
  const limit = positive("clipByGlobalNorm", "maxNorm", maxNorm);
  return statelessTransform("clipByGlobalNorm", (g) => {
    const coefficient = limit / (globalNorm(g) + 1e-6);
    if (coefficient >= 1) return;
    for (let i = 0; i < g.length; i++) g[i] *= coefficient;
  }, () => {}); // never lengthens g
}

/** Clipping by value, PyTorch's `clip_grad_value_`: g_i ← min(max(g_i, −limit), limit). Direction may change. */
export function clipByValue(limit: number): GradientTransform<undefined> {
  const c = positive("clipByValue", "limit", limit);
  return statelessTransform("clipByValue", (g) => {
    for (let i = 0; i < g.length; i++) g[i] = Math.min(Math.max(g[i], -c), c);
  }, (b) => (b.g = Math.min(b.g, c)));
}
