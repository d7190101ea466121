/**
 * The eigenvalues of a real symmetric n × n matrix (row-major), ascending, by the cyclic Jacobi method:
 * plane rotations J chosen to zero one off-diagonal entry at a time, A ← JᵀAJ, swept over all pairs
 * until the off-diagonal entries are negligible (Jacobi, 1846; Golub & Van Loan, *Matrix Computations*,
 * 4th ed., §8.5). Accurate to a few ulps of ‖A‖ for the small Hessians of the lessons. The matrix is
 * not modified. Throws, naming the entry, when it is not square, not finite or not symmetric.
 * @example symmetricEigenvalues([2, 1, 1, 2], 2) // [1, 3]
 */
export function symmetricEigenvalues(matrix: ArrayLike<number>, n: number): number[] {
  if (!Number.isInteger(n) || n < 1) throw new Error(`symmetricEigenvalues: n must be a positive integer, got ${n}`);
  if (matrix === null || typeof matrix !== "object" || matrix.length !== n * n) throw new Error(`symmetricEigenvalues: matrix must hold n × n = ${n * n} numbers (row-major), got ${matrix?.length ?? String(matrix)}`);
  const a = Float64Array.from(matrix);
  let scale = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = a[i * n + j];
      if (!Number.isFinite(v)) throw new Error(`symmetricEigenvalues: matrix[${i}][${j}] is not finite: ${v}`);
      scale = Math.max(scale, Math.abs(v));
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(a[i * n + j] - a[j * n + i]) > 1e-12 * Math.max(1, scale)) throw new Error(`symmetricEigenvalues: matrix is not symmetric: [${i}][${j}] = ${a[i * n + j]} but [${j}][${i}] = ${a[j * n + i]}`);
    }
  }
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] ** 2;
    if (off <= (1e-17 * scale) ** 2) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1)); // the smaller rotation angle's tangent
        const cos = 1 / Math.sqrt(t * t + 1), sin = t * cos;
        for (let k = 0; k < n; k++) { // columns p and q
          const akp = a[k * n + p], akq = a[k * n + q];
          a[k * n + p] = cos * akp - sin * akq;
          a[k * n + q] = sin * akp + cos * akq;
        }
        for (let k = 0; k < n; k++) { // rows p and q
          const apk = a[p * n + k], aqk = a[q * n + k];
          a[p * n + k] = cos * apk - sin * aqk;
          a[q * n + k] = sin * apk + cos * aqk;
        }
      }
    }
  }
  return Array.from({ length: n }, (_, i) => a[i * n + i]).sort((x, y) => x - y);
}
