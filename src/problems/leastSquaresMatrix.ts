import { describe } from "../data/checks";

/** A least-squares loss on a design matrix: what `minimize` needs, and the matrix and targets it holds. */
export interface LeastSquaresMatrix {
  readonly name: string;
  readonly dim: number;
  readonly start: number[];
  readonly X: number[][];
  readonly y: number[];
  value(theta: ArrayLike<number>): number;
  gradient(theta: ArrayLike<number>, out?: Float64Array): Float64Array;
}

/**
 * f(θ) = ‖Xθ − y‖² / (2m) for an m × d design matrix X (rows are samples; put a column of ones in it
 * for a bias), with gradient ∇f(θ) = Xᵀ(Xθ − y)/m: the loss and gradient the sources' NumPy code
 * computes as `(1/m) * X.T.dot(X.dot(theta) - y)`. Start θ = 0.
 * @example minimize(leastSquaresMatrix(X, y), rmsprop({ lr: 0.01 }), { steps: 300 })
 */
export function leastSquaresMatrix(X: number[][], y: number[], name = "least squares ‖Xθ − y‖²/(2m)"): LeastSquaresMatrix {
  if (!Array.isArray(X) || X.length === 0 || !Array.isArray(X[0])) throw new Error(`leastSquaresMatrix: X must be a non-empty array of rows, got ${describe(X)}`);
  const m = X.length, d = X[0].length;
  if (!Array.isArray(y) || y.length !== m) throw new Error(`leastSquaresMatrix: y must have one target per row of X (${m}), got ${describe(y)}`);
  X.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== d || !row.every(Number.isFinite)) throw new Error(`leastSquaresMatrix: row ${i} of X must hold ${d} finite numbers`);
  });
  if (!y.every(Number.isFinite)) throw new Error("leastSquaresMatrix: y must hold finite numbers");
  const residual = (theta: ArrayLike<number>) => X.map((row, i) => row.reduce((s, v, j) => s + v * theta[j], 0) - y[i]);
  return {
    name, dim: d, start: new Array(d).fill(0), X, y,
    value: (theta) => residual(theta).reduce((s, r) => s + r * r, 0) / (2 * m),
    gradient(theta, out = new Float64Array(d)) {
      const r = residual(theta);
      for (let j = 0; j < d; j++) out[j] = X.reduce((s, row, i) => s + row[j] * r[i], 0) / m;
      return out;
    },
  };
}
