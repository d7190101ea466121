/** Helpers the figure builders share. */
import { describe } from "../../core/checks";

/** A horizontal legend under the plot, clear of a colorbar. */
export const BELOW = { legend: { orientation: "h", x: 0, y: -0.25, yanchor: "top" } };

/** A plot window [low, high] given as an option, checked. */
export function windowOf(name: string, range: unknown): [number, number] {
  if (!Array.isArray(range) || range.length !== 2 || !(Number.isFinite(range[0]) && Number.isFinite(range[1]) && range[0] < range[1])) {
    throw new Error(`${name} must be [low, high] with low < high, got ${describe(range)}`);
  }
  return [range[0], range[1]];
}
