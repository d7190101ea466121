import { positive } from "../core/checks";
import { globalNorm } from "./clip";

/**
 * Euclidean projection onto the ball ‖x − c‖ ≤ r, in place: the nearest point of the ball,
 * P(x) = c + (x − c)·min(1, r/‖x − c‖). Points inside stay where they are. The ball is convex, so P
 * is non-expansive: ‖P(x) − P(y)‖ ≤ ‖x − y‖. Clipping a gradient by its norm (`clipByGlobalNorm`)
 * is this projection of the gradient onto the ball of radius maxNorm around 0 (up to its 1e-6).
 */
export function projectOntoBall(x: Float64Array, radius: number, center?: ArrayLike<number>): Float64Array {
  const r = positive("projectOntoBall", "radius", radius);
  if (center !== undefined && center.length !== x.length) {
    throw new RangeError(`projectOntoBall: center has length ${center.length} but the point has ${x.length}`);
  }
  const offset = center === undefined ? x : x.map((v, i) => v - center[i]);
  const distance = globalNorm(offset);
  if (distance <= r) return x;
  const scale = r / distance;
  for (let i = 0; i < x.length; i++) {
    const c = center === undefined ? 0 : center[i];
    x[i] = c + (x[i] - c) * scale;
  }
  return x;
}
