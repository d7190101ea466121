/**
 * Cholesky factorization A = LLᵀ of a symmetric n×n matrix (row-major), and the solve with its factor.
 * It succeeds exactly when A is (numerically) positive definite, which makes it the test modified
 * Newton uses before trusting a Hessian (Nocedal & Wright, Numerical Optimization, §3.4).
 */

/** The lower-triangular L with A = LLᵀ (row-major n×n), or null if A is not positive definite. */
export function cholesky(a: ArrayLike<number>, n: number): Float64Array | null {
  if (!Number.isInteger(n) || n < 1 || a.length !== n * n) throw new Error(`cholesky: a must hold n × n = ${n} × ${n} values, got ${a.length}`);
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      if (i !== j) L[i * n + j] = s / L[j * n + j];
      else if (s > 0) L[i * n + i] = Math.sqrt(s);
      else return null;
    }
  }
  return L;
}

/** Solves LLᵀx = b for x, given the factor L of `cholesky` (forward, then backward substitution). */
export function choleskySolve(L: ArrayLike<number>, n: number, b: ArrayLike<number>): Float64Array {
  if (L.length !== n * n || b.length !== n) throw new Error(`choleskySolve: L must be ${n} × ${n} and b of length ${n}, got ${L.length} and ${b.length}`);
  const y = new Float64Array(n);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * y[k];
    y[i] = s / L[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * x[k];
    x[i] = s / L[i * n + i];
  }
  return x;
}
