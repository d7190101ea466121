/**
 * The eigenvalues h_1 ≤ … ≤ h_n of a symmetric n×n matrix (row-major), by cyclic Jacobi rotations:
 * each rotation zeroes one off-diagonal pair, and the sweeps repeat until the off-diagonal part is
 * negligible. Meant for the small Hessians of the lessons (a 2×2 at a saddle, a 9×9 of a regression),
 * where it is exact to rounding; their signs tell a minimum (all > 0) from a saddle (mixed signs).
 * @example symmetricEigenvalues(saddle().hessian([0, 0]), 2)   // [-2, 2]
 */
export function symmetricEigenvalues(a: ArrayLike<number>, n: number): number[] {
  if (!Number.isInteger(n) || n < 1 || a.length !== n * n) throw new Error(`symmetricEigenvalues: a must hold n × n = ${n} × ${n} values, got ${a.length}`);
  const m = Float64Array.from(a);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const x = m[i * n + j], y = m[j * n + i];
      if (!Number.isFinite(x) || !Number.isFinite(y)) throw new Error(`symmetricEigenvalues: entry (${i}, ${j}) is not finite`);
      if (Math.abs(x - y) > 1e-12 * Math.max(1, Math.abs(x), Math.abs(y))) throw new Error(`symmetricEigenvalues: the matrix is not symmetric at (${i}, ${j}): ${x} vs ${y}`);
    }
  }
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p * n + q] ** 2;
    if (off === 0 || off < 1e-30 * diagonalScale(m, n)) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q];
        if (apq === 0) continue;
        // tan of the angle that zeroes (p, q): t = sign(θ)/(|θ| + √(θ² + 1)), θ = (a_qq − a_pp)/(2a_pq).
        const theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < n; k++) {
          const kp = m[k * n + p], kq = m[k * n + q];
          m[k * n + p] = c * kp - s * kq;
          m[k * n + q] = s * kp + c * kq;
        }
        for (let k = 0; k < n; k++) {
          const pk = m[p * n + k], qk = m[q * n + k];
          m[p * n + k] = c * pk - s * qk;
          m[q * n + k] = s * pk + c * qk;
        }
      }
    }
  }
  return Array.from({ length: n }, (_, i) => m[i * n + i]).sort((x, y) => x - y);
}

function diagonalScale(m: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += m[i * n + i] ** 2;
  return Math.max(s, Number.MIN_VALUE);
}
