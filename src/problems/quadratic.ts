import { checkKeys, checkNumber, describe, reject } from "../core/checks";
import { rng } from "../data/rng";
import { Problem, checkPoint, defineProblem } from "./problem";
import { derive } from "./symbolic";
import { cos, sin } from "../math/portable";

/** A quadratic f(x) = ½ xᵀAx with A symmetric positive definite: the problem where theory gives rates. */
export interface QuadraticProblem extends Problem {
  /** The Hessian A, `dim × dim` row-major. */
  readonly A: Float64Array;
  /** The eigenvalues of A, ascending. */
  readonly eigenvalues: number[];
  /** The smallest eigenvalue μ. */
  readonly mu: number;
  /** The largest eigenvalue L. */
  readonly L: number;
  /** The condition number κ = L/μ. */
  readonly condition: number;
}

/** Rounds to 12 significant digits, so formulas print short and A equals what the formula says. */
function tidy(v: number): number {
  return Number(v.toPrecision(12));
}

function checkEigenvalues(eigenvalues: unknown): number[] {
  if (!Array.isArray(eigenvalues) || eigenvalues.length === 0) {
    throw new Error(`eigenvalues must be a non-empty array of positive numbers, got ${describe(eigenvalues)}`);
  }
  eigenvalues.forEach((v, i) => checkNumber(`eigenvalues[${i}]`, v, "positive"));
  return eigenvalues.slice();
}

/** A random orthogonal n × n matrix (row-major): Gram–Schmidt on a seeded normal matrix. */
function randomRotation(n: number, seed: number): Float64Array {
  const r = rng(seed);
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (;;) {
      for (let j = 0; j < n; j++) q[i * n + j] = r.normal();
      for (let k = 0; k < i; k++) {
        let dot = 0;
        for (let j = 0; j < n; j++) dot += q[i * n + j] * q[k * n + j];
        for (let j = 0; j < n; j++) q[i * n + j] -= dot * q[k * n + j];
      }
      let norm = 0;
      for (let j = 0; j < n; j++) norm += q[i * n + j] ** 2;
      norm = Math.sqrt(norm);
      if (norm > 1e-6) {
        for (let j = 0; j < n; j++) q[i * n + j] /= norm;
        break;
      }
    }
  }
  return q;
}

/** A = Qᵀ diag(λ) Q for orthogonal Q (rows of Q are the eigenvectors). */
function assemble(eigenvalues: number[], q: Float64Array | undefined): Float64Array {
  const n = eigenvalues.length;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let v = 0;
      if (q === undefined) v = i === j ? eigenvalues[i] : 0;
      else for (let k = 0; k < n; k++) v += q[k * n + i] * eigenvalues[k] * q[k * n + j];
      a[i * n + j] = a[j * n + i] = tidy(v);
    }
  }
  return a;
}

/** The mathjs formula ½ xᵀAx written out, with variables x1..xn (or the names given). */
function quadraticExpression(a: Float64Array, vars: string[]): string {
  const n = vars.length;
  const terms: string[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const c = i === j ? a[i * n + i] : tidy(2 * a[i * n + j]);
      if (c === 0) continue;
      terms.push(i === j ? `${c} * ${vars[i]}^2` : `${c} * ${vars[i]} * ${vars[j]}`);
    }
  }
  return `0.5 * (${terms.join(" + ").replace(/\+ -/g, "- ")})`;
}

/**
 * The n-dimensional quadratic f(x) = ½ xᵀAx with the given eigenvalues: A = diag(λ), or with
 * `rotate: true` A = Qᵀdiag(λ)Q for a random rotation Q drawn from `seed`. Its value, gradient Ax and
 * Hessian A are evaluated in closed form (any n); the symbolic `derivation()` and `tex` are built from
 * the written-out formula on demand (practical up to n ≈ 10). Start: all ones (or `start`).
 * GD with step α contracts the error along eigenvalue λ by |1 − αλ| per step, so rates can be tested.
 * @example const q = quadratic({ eigenvalues: [1, 10, 100] }); q.condition // 100
 */
export function quadratic(options: { eigenvalues: number[]; rotate?: boolean; seed?: number; start?: number[] }): QuadraticProblem {
  checkKeys("quadratic", options, ["eigenvalues", "rotate", "seed", "start"]);
  const eigenvalues = checkEigenvalues(options?.eigenvalues);
  const n = eigenvalues.length;
  const rotate = options.rotate ?? false;
  const a = assemble(eigenvalues, rotate ? randomRotation(n, options.seed ?? 0) : undefined);
  const start = options.start?.slice() ?? new Array<number>(n).fill(1);
  checkPoint("start", start, n);
  start.forEach((v, i) => checkNumber(`start[${i}]`, v));
  const vars = Array.from({ length: n }, (_, i) => `x${i + 1}`);
  const sorted = eigenvalues.slice().sort((p, q) => p - q);
  let expression: string | undefined;
  const formula = () => (expression ??= quadraticExpression(a, vars));
  const extent = Math.max(...start.map(Math.abs), 1) * 1.25;
  return {
    name: `quadratic (κ = ${tidy(sorted[n - 1] / sorted[0])}, n = ${n}${rotate ? ", rotated" : ""})`,
    dim: n,
    variables: vars,
    get expression() {
      return formula();
    },
    get tex() {
      return derive(formula(), vars, { hessian: false }).tex;
    },
    value(x) {
      checkPoint("x", x, n);
      let f = 0;
      for (let i = 0; i < n; i++) {
        let row = 0;
        for (let j = 0; j < n; j++) row += a[i * n + j] * x[j];
        f += x[i] * row;
      }
      return 0.5 * f;
    },
    gradient(x, out) {
      checkPoint("x", x, n);
      const g = out ?? new Float64Array(n);
      if (out !== undefined) checkPoint("out", out, n);
      for (let i = 0; i < n; i++) {
        let row = 0;
        for (let j = 0; j < n; j++) row += a[i * n + j] * x[j];
        g[i] = row;
      }
      return g;
    },
    hessian(x, out) {
      checkPoint("x", x, n);
      if (out !== undefined) checkPoint("out", out, n * n);
      const h = out ?? new Float64Array(n * n);
      h.set(a);
      return h;
    },
    derivation: () => derive(formula(), vars),
    minima: [new Array<number>(n).fill(0)],
    minValue: 0,
    start,
    xRange: [-extent, extent],
    yRange: [-extent, extent],
    A: a,
    eigenvalues: sorted,
    mu: sorted[0],
    L: sorted[n - 1],
    condition: sorted[n - 1] / sorted[0],
  };
}

/**
 * A 2-D quadratic bowl f = ½ xᵀAx with eigenvalues μ = scale/condition and L = scale, its long axis
 * along x (or turned by `angle` radians counter-clockwise). Its formula is written out with numbers
 * and differentiated by mathjs like every 2-D problem.
 * Defaults: condition = 10, angle = 0, scale = 1 (so GD is stable for α < 2 whatever the condition).
 * Start (−4, 2); window [−5, 5] × [−3, 3] ([−5, 5]² when turned).
 * @example quadraticBowl({ condition: 50, angle: Math.PI / 4 })
 */
export function quadraticBowl(options: { condition?: number; angle?: number; scale?: number } = {}): QuadraticProblem {
  checkKeys("quadraticBowl", options, ["condition", "angle", "scale"]);
  const condition = checkNumber("condition", options.condition ?? 10, "positive");
  if (condition < 1) reject("quadraticBowl: condition", "≥ 1", condition);
  const angle = checkNumber("angle", options.angle ?? 0);
  const scale = checkNumber("scale", options.scale ?? 1, "positive");
  const mu = scale / condition;
  const c = cos(angle);
  const s = sin(angle);
  // Rows of Q are the eigenvectors: (cos, sin) for μ, (−sin, cos) for L.
  const a = assemble([mu, scale], angle === 0 ? undefined : Float64Array.of(c, s, -s, c));
  const turned = angle !== 0;
  const problem = defineProblem({
    name: `quadratic bowl (κ = ${tidy(condition)}${turned ? `, turned ${tidy((angle * 180) / Math.PI)}°` : ""})`,
    expression: quadraticExpression(a, ["x", "y"]),
    variables: ["x", "y"],
    start: [-4, 2],
    minima: [[0, 0]],
    minValue: 0,
    xRange: [-5, 5],
    yRange: turned ? [-5, 5] : [-3, 3],
  });
  return Object.defineProperties(problem, {
    A: { value: a, enumerable: true },
    eigenvalues: { value: [mu, scale], enumerable: true },
    mu: { value: mu, enumerable: true },
    L: { value: scale, enumerable: true },
    condition: { value: condition, enumerable: true },
  }) as QuadraticProblem;
}
