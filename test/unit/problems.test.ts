import { test } from "node:test";
import assert from "node:assert/strict";
import { evaluate } from "mathjs";
import { rng } from "../../src/data";
import {
  beale,
  compileExpression,
  d2lQuadratic,
  defineProblem,
  derive,
  himmelblau,
  quadratic,
  quadraticBowl,
  rastrigin,
  rosenbrock,
  saddle,
  variablesOf,
  type Problem,
} from "../../src/problems";

const catalog: Problem[] = [
  d2lQuadratic(),
  rosenbrock(),
  rosenbrock({ a: 2, b: 10 }),
  beale(),
  himmelblau(),
  saddle(),
  rastrigin(),
  quadraticBowl(),
  quadraticBowl({ condition: 50, angle: Math.PI / 6 }),
];

function close(actual: number, expected: number, rel: number, what: string): void {
  const tol = rel * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected}`);
}

/** Random points in the problem's window. */
function points(p: Problem, count: number, seed: number): number[][] {
  const r = rng(seed);
  return Array.from({ length: count }, () => [r.uniform(...p.xRange), r.uniform(...p.yRange)].slice(0, p.dim));
}

function scope(p: Problem, x: number[]): Record<string, number> {
  return Object.fromEntries(p.variables.map((v, i) => [v, x[i]]));
}

test("derive: gradient, Hessian and LaTeX of an expression", () => {
  const d = derive("x^2 + 3*x*y", ["x", "y"]);
  assert.deepEqual(d.variables, ["x", "y"]);
  assert.deepEqual(d.gradient, ["2 * x + 3 * y", "3 * x"]);
  assert.deepEqual(d.hessian, [["2", "3"], ["3", "0"]]);
  assert.equal(d.gradientTex[1], "3\\cdot x");
  assert.match(d.tex, /x\}\^\{2\}/);
  assert.deepEqual(derive("x^2 + 3*x*y").variables, ["x", "y"], "variables default to the symbols in order");
  assert.deepEqual(derive("sin(t) * w", ["t"], { hessian: false }).hessian, []);
  assert.deepEqual(derive("sin(t) * w", ["t"]).gradient, ["w * cos(t)"]);
  assert.deepEqual(variablesOf("a*x1 + pi*e*x2"), ["a", "x1", "x2"]);
  assert.equal(derive("x1^2", ["x1"]).gradientTex[0], "2\\cdot x_{1}", "x1 prints as x with subscript 1");
  const copy = derive("x^2 + 3*x*y");
  copy.gradient[0] = "changed";
  assert.equal(derive("x^2 + 3*x*y").gradient[0], "2 * x + 3 * y", "results are copies: the cache cannot be corrupted");
});

test("compileExpression evaluates like mathjs, constants by name", () => {
  const f = compileExpression("x^2 + 3*x*y - exp(-y) / sqrt(1 + x^2) + log(x + 5) + a*tanh(y)", ["x", "y"], { a: 2 });
  const r = rng(1);
  for (let i = 0; i < 20; i++) {
    const x = r.uniform(-2, 2);
    const y = r.uniform(-2, 2);
    const expected = evaluate("x^2 + 3*x*y - exp(-y) / sqrt(1 + x^2) + log(x + 5) + a*tanh(y)", { x, y, a: 2 }) as number;
    close(f([x, y]), expected, 1e-13, "value");
  }
  assert.equal(compileExpression("2*pi*e")([]), 2 * Math.PI * Math.E);
  assert.throws(() => compileExpression("x + q", ["x"]), /unknown symbol "q"/);
  assert.throws(() => compileExpression("x + q", ["x"], { q: "1); evil(" as never }), /constants.q must be a finite number/);
  assert.throws(() => compileExpression("x +", ["x"]), /cannot parse expression "x \+"/);
  assert.throws(() => compileExpression("gamma(x)", ["x"]), /unsupported function "gamma"/);
  assert.throws(() => compileExpression("x", ["x", "x"]), /duplicates/);
  assert.throws(() => compileExpression("x", ["2x"]), /variables\[0\] must be a name/);
});

test("every problem: fast evaluators agree with mathjs on the symbolic formulas", () => {
  for (const p of catalog) {
    const d = p.derivation();
    assert.equal(d.expression, p.expression);
    for (const x of points(p, 25, 11)) {
      const s = scope(p, x);
      close(p.value(x), evaluate(p.expression, s) as number, 1e-12, `${p.name} value`);
      const g = p.gradient(x);
      d.gradient.forEach((e, i) => close(g[i], evaluate(e, s) as number, 1e-11, `${p.name} ∂${i}`));
      const h = p.hessian(x);
      d.hessian.forEach((row, i) => row.forEach((e, j) => close(h[i * p.dim + j], evaluate(e, s) as number, 1e-11, `${p.name} H${i}${j}`)));
    }
  }
});

test("every problem: gradient and Hessian match central finite differences", () => {
  for (const p of catalog) {
    for (const x of points(p, 10, 12)) {
      const g = p.gradient(x);
      const h = p.hessian(x);
      for (let i = 0; i < p.dim; i++) {
        const eps = 1e-5 * Math.max(1, Math.abs(x[i]));
        const up = x.slice();
        const down = x.slice();
        up[i] += eps;
        down[i] -= eps;
        const fd = (p.value(up) - p.value(down)) / (2 * eps);
        close(g[i], fd, 1e-5 * Math.max(1, Math.abs(p.value(x))), `${p.name} ∂f/∂${p.variables[i]}`);
        const gu = p.gradient(up);
        const gd = p.gradient(down);
        for (let j = 0; j < p.dim; j++) {
          close(h[j * p.dim + i], (gu[j] - gd[j]) / (2 * eps), 1e-5 * Math.max(1, Math.abs(h[j * p.dim + i])), `${p.name} H${j}${i}`);
        }
      }
    }
  }
});

test("every problem: minima are stationary with the stated value, start and window are sane", () => {
  for (const p of catalog) {
    assert.equal(p.start.length, p.dim);
    assert.ok(p.xRange[0] < p.xRange[1] && p.yRange[0] < p.yRange[1]);
    assert.ok(p.start[0] >= p.xRange[0] && p.start[0] <= p.xRange[1], `${p.name} start inside the window`);
    assert.ok(p.tex.length > 0);
    for (const m of p.minima) {
      const g = p.gradient(m);
      assert.ok(Math.hypot(...g) < 1e-9, `${p.name} gradient at ${m}: ${g}`);
      close(p.value(m), p.minValue!, 1e-12, `${p.name} f(min)`);
      const h = p.hessian(m);
      assert.ok(h[0] > 0 && h[0] * h[3] - h[1] * h[2] > 0, `${p.name}: the Hessian at a minimum is positive definite`);
    }
  }
  assert.equal(himmelblau().minima.length, 4);
  assert.deepEqual(rosenbrock({ a: 2, b: 10 }).minima, [[2, 4]]);
  assert.deepEqual(saddle().minima, []);
  assert.equal(saddle().minValue, undefined);
  assert.deepEqual(Array.from(saddle().hessian([0.3, -2])), [2, 0, 0, -2]);
});

test("d2l's quadratic and Rosenbrock: hand-checked values", () => {
  const d = d2lQuadratic();
  assert.deepEqual(d.start, [-5, -2]);
  assert.equal(d.value([-5, -2]), 0.1 * 25 + 2 * 4);
  assert.deepEqual(Array.from(d.gradient([-5, -2])), [-1, -8]);
  const r = rosenbrock();
  assert.deepEqual(r.start, [-1.2, 1]);
  close(r.value([-1.2, 1]), 24.2, 1e-14, "Rosenbrock f(-1.2, 1)");
  const g = r.gradient([-1.2, 1]);
  close(g[0], -215.6, 1e-14, "∂x");
  close(g[1], -88, 1e-14, "∂y");
  assert.deepEqual(Array.from(r.hessian([-1.2, 1])), [1330, 480, 480, 200]);
});

test("gradient writes into out without allocating and returns it", () => {
  const r = rosenbrock();
  const out = new Float64Array(2);
  assert.equal(r.gradient(Float64Array.of(0.5, 0.5), out), out);
  const h = new Float64Array(4);
  assert.equal(r.hessian([0.5, 0.5], h), h);
  assert.throws(() => r.gradient([1, 2, 3]), /x must have length 2, got an array of length 3/);
  assert.throws(() => r.gradient([1, 2], new Float64Array(3)), /out must have length 2/);
  assert.throws(() => r.hessian([1, 2], new Float64Array(2)), /out must have length 4/);
  assert.throws(() => r.value([1]), /x must have length 2/);
});

test("a 1e4-step gradient trajectory on Rosenbrock descends (its speed: npm run bench)", () => {
  const r = rosenbrock();
  const x = Float64Array.of(-1.2, 1);
  const g = new Float64Array(2);
  for (let k = 0; k < 10_000; k++) {
    r.gradient(x, g);
    x[0] -= 1e-4 * g[0];
    x[1] -= 1e-4 * g[1];
  }
  assert.ok(r.value(x) < 24.2);
});

test("quadraticBowl: the requested condition number, eigenvalues and rotation", () => {
  const b = quadraticBowl({ condition: 20 });
  assert.deepEqual([b.mu, b.L, b.condition], [0.05, 1, 20]);
  assert.deepEqual(Array.from(b.A), [0.05, 0, 0, 1]);
  assert.deepEqual(Array.from(b.hessian([3, 4])), [0.05, 0, 0, 1]);
  const t = quadraticBowl({ condition: 10, angle: Math.PI / 4 });
  const [a, c, , d] = t.A;
  const tr = a + d;
  const det = a * d - c * c;
  const disc = Math.sqrt(tr * tr / 4 - det);
  close(tr / 2 - disc, 0.1, 1e-10, "μ");
  close(tr / 2 + disc, 1, 1e-10, "L");
  // the flat direction is turned 45°: f grows slowest along (1, 1)
  close(t.value([1, 1]), 0.5 * 0.1 * 2, 1e-10, "f along the long axis");
  assert.match(t.name, /turned 45°/);
  assert.throws(() => quadraticBowl({ condition: 0.5 }), /condition must be >= 1, got 0.5/);
  assert.throws(() => quadraticBowl({ kappa: 3 } as never), /unknown option "kappa"/);
});

test("quadratic(n): closed form agrees with its symbolic formula; GD rate is |1 − αλ|", () => {
  const q = quadratic({ eigenvalues: [0.5, 2, 8], rotate: true, seed: 3 });
  assert.equal(q.dim, 3);
  assert.deepEqual(q.eigenvalues, [0.5, 2, 8]);
  assert.equal(q.condition, 16);
  const d = q.derivation();
  const r = rng(4);
  for (let t = 0; t < 10; t++) {
    const x = [r.normal(), r.normal(), r.normal()];
    const s = scope(q, x);
    close(q.value(x), evaluate(q.expression, s) as number, 1e-10, "value");
    const g = q.gradient(x);
    d.gradient.forEach((e, i) => close(g[i], evaluate(e, s) as number, 1e-10, `∂${i}`));
  }
  const h = q.hessian([0, 0, 0]);
  d.hessian.forEach((row, i) => row.forEach((e, j) => close(h[i * 3 + j], Number(evaluate(e)), 1e-10, `H${i}${j}`)));
  // trace and determinant of A are those of diag(λ)
  close(h[0] + h[4] + h[8], 10.5, 1e-9, "trace");
  // GD on the axis-aligned one contracts coordinate i by exactly 1 − αλᵢ
  const diag = quadratic({ eigenvalues: [1, 10] });
  const x = Float64Array.from(diag.start);
  const g = new Float64Array(2);
  const alpha = 0.15;
  for (let k = 0; k < 5; k++) {
    diag.gradient(x, g);
    for (let i = 0; i < 2; i++) x[i] -= alpha * g[i];
  }
  close(x[0], (1 - alpha) ** 5, 1e-14, "slow coordinate");
  close(x[1], (1 - alpha * 10) ** 5, 1e-14, "fast coordinate");
  assert.throws(() => quadratic({ eigenvalues: [1, -1] }), /eigenvalues\[1\] must be a finite number > 0, got -1/);
  assert.throws(() => quadratic({ eigenvalues: [] }), /eigenvalues must be a non-empty array/);
  assert.throws(() => quadratic({ eigenvalues: [1, 2], start: [1] }), /start must have length 2/);
});

test("defineProblem: a lesson's own formula, with defaults", () => {
  const p = defineProblem({ name: "parabola", expression: "x^2", start: [10], minima: [[0]] });
  assert.equal(p.dim, 1);
  assert.deepEqual(Array.from(p.gradient([3])), [6]);
  assert.deepEqual(Array.from(p.hessian([3])), [2]);
  assert.equal(p.minValue, 0);
  assert.ok(p.xRange[0] < 0 && p.xRange[1] > 10);
  const c = defineProblem({ name: "scaled", expression: "k * (x - m)^2 + y^2", constants: { k: 3, m: 1 }, start: [0, 1] });
  assert.deepEqual(c.variables, ["x", "y"]);
  assert.deepEqual(Array.from(c.gradient([2, 1])), [6, 2]);
  assert.throws(() => defineProblem({ name: "bad", expression: "x^2", start: [1, 2] }), /start must have length 1/);
  assert.throws(() => defineProblem({ name: "bad", expression: "x^2", start: [1], xRange: [2, 1] }), /xRange must be \[low, high\] with low < high/);
  assert.throws(() => defineProblem({ name: "bad", expression: "x^2", start: [1], colour: 1 } as never), /unknown option "colour"/);
  assert.throws(() => defineProblem({ name: "bad", expression: "x^2 + k*y", variables: ["x", "y"], start: [1, 1] }), /unknown symbol "k"/);
  assert.throws(() => defineProblem({ name: "bad", expression: "x^^2", start: [1] }), /cannot parse expression "x\^\^2"/);
});

test("one-letter variables are typeset as variables, not as mathjs units (b is bit, g is gram)", () => {
  const d = derive("(w*x + b - y)^2 + g", ["w", "b", "g"]);
  assert.ok(!d.tex.includes("\\mathrm"), d.tex);
  assert.ok(d.gradientTex.every((t) => !t.includes("\\mathrm")), d.gradientTex.join(" ; "));
});
