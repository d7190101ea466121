import { checkKeys, checkNumber } from "../core/checks";
import { Problem, defineProblem } from "./problem";

/**
 * The classic 2-D test functions of the lessons. Each is one mathjs formula; `defineProblem` derives
 * its gradient and Hessian. Every call returns a fresh object (mutating its `start` is safe).
 */

/**
 * d2l's ill-conditioned quadratic f = 0.1x₁² + 2x₂² (Dive into Deep Learning, optimization chapter),
 * from d2l's start (−5, −2), in d2l's window x₁ ∈ [−5.5, 1.5], x₂ ∈ [−3, 3].
 * d2l reports after 20 steps: GD η = 0.4 → (−0.943467, −0.000073); momentum η = 0.6, β = 0.5 →
 * (0.007188, 0.002553).
 */
export function d2lQuadratic(): Problem {
  return defineProblem({
    name: "0.1x₁² + 2x₂² (d2l)",
    expression: "0.1 * x1^2 + 2 * x2^2",
    variables: ["x1", "x2"],
    start: [-5, -2],
    minima: [[0, 0]],
    minValue: 0,
    xRange: [-5.5, 1.5],
    yRange: [-3, 3],
  });
}

/**
 * Rosenbrock's banana valley f = (a − x)² + b(y − x²)², minimum (a, a²). Defaults a = 1, b = 100;
 * the classic start (−1.2, 1); window [−2, 2] × [−1, 3].
 */
export function rosenbrock(options: { a?: number; b?: number } = {}): Problem {
  checkKeys("rosenbrock", options, ["a", "b"]);
  const a = checkNumber("a", options.a ?? 1);
  const b = checkNumber("b", options.b ?? 100, "positive");
  return defineProblem({
    name: a === 1 && b === 100 ? "Rosenbrock" : `Rosenbrock (a = ${a}, b = ${b})`,
    expression: `(${a} - x)^2 + ${b} * (y - x^2)^2`,
    variables: ["x", "y"],
    start: [-1.2, 1],
    minima: [[a, a * a]],
    minValue: 0,
    xRange: [Math.min(-2, a - 1), Math.max(2, a + 1)],
    yRange: [-1, Math.max(3, a * a + 1)],
  });
}

/**
 * Beale's function f = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)², minimum (3, 0.5) with
 * flat plateaus and steep walls. Start (1, 1.5); window [−4.5, 4.5]².
 */
export function beale(): Problem {
  return defineProblem({
    name: "Beale",
    expression: "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
    variables: ["x", "y"],
    start: [1, 1.5],
    minima: [[3, 0.5]],
    minValue: 0,
    xRange: [-4.5, 4.5],
    yRange: [-4.5, 4.5],
  });
}

/**
 * Himmelblau's function f = (x² + y − 11)² + (x + y² − 7)², four global minima of value 0 (which one
 * an optimizer finds depends on where it starts). Start (0, 0); window [−5, 5]².
 */
export function himmelblau(): Problem {
  return defineProblem({
    name: "Himmelblau",
    expression: "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
    variables: ["x", "y"],
    start: [0, 0],
    minima: [
      [3, 2],
      [-2.805118086952745, 3.131312518250573],
      [-3.779310253377747, -3.283185991286170],
      [3.584428340330492, -1.848126526964404],
    ],
    minValue: 0,
    xRange: [-5, 5],
    yRange: [-5, 5],
  });
}

/**
 * The saddle f = x² − y²: a stationary point at (0, 0) that is no minimum (unbounded below, so
 * `minima` is empty). Started just off the x-axis at (1, 0.01), gradient descent first slides towards
 * the saddle, then escapes along y. Window [−1.5, 1.5]².
 */
export function saddle(): Problem {
  return defineProblem({
    name: "saddle x² − y²",
    expression: "x^2 - y^2",
    variables: ["x", "y"],
    start: [1, 0.01],
    minima: [],
    xRange: [-1.5, 1.5],
    yRange: [-1.5, 1.5],
  });
}

/**
 * Rastrigin's function f = 20 + x² − 10cos(2πx) + y² − 10cos(2πy): a bowl covered in local minima near
 * every integer point; the global minimum is (0, 0). Start (3.2, −2.3); window [−5.12, 5.12]².
 */
export function rastrigin(): Problem {
  return defineProblem({
    name: "Rastrigin",
    expression: "20 + x^2 - 10 * cos(2 * pi * x) + y^2 - 10 * cos(2 * pi * y)",
    variables: ["x", "y"],
    start: [3.2, -2.3],
    minima: [[0, 0]],
    minValue: 0,
    xRange: [-5.12, 5.12],
    yRange: [-5.12, 5.12],
  });
}
