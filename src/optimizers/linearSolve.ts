/**
 * Solving A x = b for a small dense A by LU factorization with partial pivoting (Golub & Van Loan,
 * "Matrix Computations", §3.4). Used by Newton's method; n is the parameter count, so n×n stays small.
 */

/**
 * Factors the n×n row-major matrix `a` in place as P·A = L·U, L unit lower (stored below the diagonal)
 * and U upper, with the row swaps P recorded in `pivots`. Returns the index of the first pivot that is zero to working
 * precision (|u_kk| ≤ n·ε·max|a_ij|), or -1 when the matrix is nonsingular.
 */
export function luFactor(a: Float64Array, n: number, pivots: Int32Array): number {
  let largest = 0;
  for (let i = 0; i < n * n; i++) largest = Math.max(largest, Math.abs(a[i]));
  const tiny = n * Number.EPSILON * largest;
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i * n + k]) > Math.abs(a[p * n + k])) p = i;
    pivots[k] = p;
    if (!(Math.abs(a[p * n + k]) > tiny)) return k;
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const swap = a[k * n + j];
        a[k * n + j] = a[p * n + j];
        a[p * n + j] = swap;
      }
    }
    const pivot = a[k * n + k];
    for (let i = k + 1; i < n; i++) {
      const l = (a[i * n + k] /= pivot);
      for (let j = k + 1; j < n; j++) a[i * n + j] -= l * a[k * n + j];
    }
  }
  return -1;
}

/** Solves A x = b given `luFactor`'s output; writes x (which may be b itself). */
export function luSolve(lu: Float64Array, n: number, pivots: Int32Array, b: Float64Array, x: Float64Array): void {
  if (x !== b) x.set(b);
  for (let k = 0; k < n; k++) {
    const p = pivots[k];
    if (p !== k) {
      const swap = x[k];
      x[k] = x[p];
      x[p] = swap;
    }
  }
  for (let i = 1; i < n; i++) {
    let s = x[i];
    for (let j = 0; j < i; j++) s -= lu[i * n + j] * x[j];
    x[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let j = i + 1; j < n; j++) s -= lu[i * n + j] * x[j];
    x[i] = s / lu[i * n + i];
  }
}
