/**
 * Just enough of NumPy, on plain arrays, for the lessons' faithful ports of the sources' Python code
 * (`X.dot(theta)`, `X.T.dot(r)`, `np.zeros(n)`, `a - b`, `c * a`). One copy, so the ports read like
 * the source and no lesson carries its own.
 */
export type Matrix = number[][];
export type Vector = number[];

export const np = Object.freeze({
  /** np.zeros(n) */
  zeros: (n: number): Vector => new Array<number>(n).fill(0),
  /** A.dot(v): the matrix–vector product. */
  dot: (A: Matrix, v: Vector): Vector => A.map((row) => row.reduce((s, a, j) => s + a * v[j], 0)),
  /** A.T.dot(r): the transpose's product, without forming the transpose. */
  dotT: (A: Matrix, r: Vector): Vector => A[0].map((_, j) => A.reduce((s, row, i) => s + row[j] * r[i], 0)),
  /** A.T */
  transpose: (A: Matrix): Matrix => A[0].map((_, j) => A.map((row) => row[j])),
  /** a - b, elementwise */
  minus: (a: Vector, b: Vector): Vector => a.map((v, i) => v - b[i]),
  /** c * a */
  times: (c: number, a: Vector): Vector => a.map((v) => c * v),
});
