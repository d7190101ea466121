import { checkInteger, checkKeys, checkNumber } from "../core/checks";
import { linearRegression } from "../data/synthetic";

/**
 * Fitting a line ŷ = wx + b to seeded data y = 2x + 1 + ε (x uniform in [−1, 1], ε ~ N(0, noise²)) by
 * least squares, f(w, b) = (1/n) Σ (w xᵢ + b − yᵢ)²: a 2-D quadratic whose mini-batch gradients are
 * noisy, where stochastic gradient descent has an exact noise floor. J, its gradient and Hessian
 * come from the data's moments; `batchGradient` averages the per-example gradients
 * 2(w xᵢ + b − yᵢ)(xᵢ, 1) over a slice of a sample order.
 * For constant-step SGD with batch size B and small η, E[f − f*] → η tr Σ* / (4B), Σ* the covariance
 * of the per-example gradients at the optimum (lesson 03 derives it).
 */
export interface LeastSquaresLine {
  readonly name: string;
  readonly dim: 2;
  readonly variables: string[];
  readonly n: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly start: number[];
  readonly minima: number[][];
  /** J(θ*), the least-squares loss at the optimum. */
  readonly minValue: number;
  readonly xRange: [number, number];
  readonly yRange: [number, number];
  /** The Hessian of J, 2 × 2 row-major. */
  readonly H: number[];
  /** tr Σ*: the total variance of the per-example gradients at the optimum. */
  readonly traceSigma: number;
  value(p: ArrayLike<number>): number;
  gradient(p: ArrayLike<number>, out?: Float64Array): Float64Array;
  /** The mean gradient over the examples order[from..to), into `out`. */
  batchGradient(p: ArrayLike<number>, order: ArrayLike<number>, from: number, to: number, out: Float64Array): Float64Array;
}

/**
 * The least-squares line on `n` seeded points (default 4096) with label noise `noise` (default 0.5,
 * seed 3: lesson 03's data), its optimum, Hessian and gradient noise at the optimum.
 * @example const ls = leastSquaresLine(); ls.minima[0] // [w*, b*]
 */
export function leastSquaresLine(options: { n?: number; noise?: number; seed?: number } = {}): LeastSquaresLine {
  checkKeys("leastSquaresLine", options, ["n", "noise", "seed"]);
  const n = checkInteger("n", options.n ?? 4096, 2);
  const noise = checkNumber("noise", options.noise ?? 0.5, "nonNegative");
  const seed = checkInteger("seed", options.seed ?? 3);
  const { x, y } = linearRegression({ n, noise, seed });
  let sx = 0, sxx = 0, sy = 0, sxy = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sx += x[i]; sxx += x[i] * x[i]; sy += y[i]; sxy += x[i] * y[i]; syy += y[i] * y[i];
  }
  const mx = sx / n, mxx = sxx / n, my = sy / n, mxy = sxy / n, myy = syy / n;
  const det = mxx - mx * mx;
  const wStar = (mxy - mx * my) / det;
  const bStar = my - wStar * mx;
  const value = (p: ArrayLike<number>) => {
    const w = p[0], b = p[1];
    return w * w * mxx + 2 * w * b * mx + b * b - 2 * w * mxy - 2 * b * my + myy;
  };
  let s00 = 0, s11 = 0;
  for (let i = 0; i < n; i++) {
    const r = y[i] - wStar * x[i] - bStar;
    s00 += 4 * r * r * x[i] * x[i];
    s11 += 4 * r * r;
  }
  return {
    name: `least squares f(w, b), n = ${n}`,
    dim: 2,
    variables: ["w", "b"],
    n,
    x,
    y,
    start: [0, 0],
    minima: [[wStar, bStar]],
    minValue: value([wStar, bStar]),
    xRange: [-0.3, 3],
    yRange: [-0.3, 1.8],
    H: [2 * mxx, 2 * mx, 2 * mx, 2],
    traceSigma: (s00 + s11) / n,
    value,
    gradient(p, out = new Float64Array(2)) {
      out[0] = 2 * (p[0] * mxx + p[1] * mx - mxy);
      out[1] = 2 * (p[0] * mx + p[1] - my);
      return out;
    },
    batchGradient(p, order, from, to, out) {
      let gw = 0, gb = 0;
      for (let k = from; k < to; k++) {
        const i = order[k];
        const r = p[0] * x[i] + p[1] - y[i];
        gw += 2 * r * x[i];
        gb += 2 * r;
      }
      out[0] = gw / (to - from);
      out[1] = gb / (to - from);
      return out;
    },
  };
}
