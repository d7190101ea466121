import { checkKeys, checkNumber, describe } from "../core/checks";
import { Derivation, FillFunction, ValueFunction, compileExpression, compileFill, derive, variablesOf } from "./symbolic";

/**
 * An objective function to minimize: its formula, value, gradient and Hessian, where its minima are,
 * where to start and which window to plot. Points are arrays of length `dim` (`x[i]` is
 * `variables[i]`). `gradient` and `hessian` write into `out` when given (no allocation: the hot path
 * of `minimize` and `sweep`), else into a new array; the Hessian is `dim × dim`, row-major.
 */
export interface Problem {
  readonly name: string;
  /** Number of variables. */
  readonly dim: number;
  readonly variables: string[];
  /** The formula, a mathjs expression string. */
  readonly expression: string;
  /** The formula in LaTeX. */
  readonly tex: string;
  value(x: ArrayLike<number>): number;
  gradient(x: ArrayLike<number>, out?: Float64Array): Float64Array;
  hessian(x: ArrayLike<number>, out?: Float64Array): Float64Array;
  /** The symbolic gradient and Hessian with their LaTeX (computed on first call). */
  derivation(): Derivation;
  /** The global minimizers (empty when the function is unbounded below, as for the saddle). */
  readonly minima: number[][];
  /** The minimum value, or undefined when unbounded below. */
  readonly minValue: number | undefined;
  /** A sensible starting point. */
  readonly start: number[];
  /** Plotting window of the first two variables. */
  readonly xRange: [number, number];
  readonly yRange: [number, number];
}

/** What `defineProblem` takes. */
export interface ProblemSpec {
  name: string;
  /** The formula, a mathjs expression string, e.g. "(1 - x)^2 + 100*(y - x^2)^2". */
  expression: string;
  /** The variables in order; default: the symbols of the expression in order of appearance. */
  variables?: string[];
  /** Values of other symbols in the expression (they stay symbols in its derivatives' LaTeX). */
  constants?: Record<string, number>;
  start: number[];
  minima?: number[][];
  /** Default: the value at the first minimum. */
  minValue?: number;
  /** Default: a window around the start and the minima. */
  xRange?: [number, number];
  yRange?: [number, number];
}

/** Throws unless `x` is an array-like of `dim` numbers. */
export function checkPoint(name: string, x: unknown, dim: number): void {
  if (x === null || typeof x !== "object" || (x as ArrayLike<number>).length !== dim) {
    throw new Error(`${name} must have length ${dim}, got ${describe(x)}`);
  }
}

function checkRange(name: string, range: unknown): [number, number] {
  if (!Array.isArray(range) || range.length !== 2 || !(Number.isFinite(range[0]) && Number.isFinite(range[1]) && range[0] < range[1])) {
    throw new Error(`${name} must be [low, high] with low < high, got ${describe(range)}`);
  }
  return [range[0], range[1]];
}

function windowAround(points: number[][], axis: number): [number, number] {
  const values = points.map((p) => p[axis] ?? 0);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = Math.max(0.25 * (hi - lo), 1);
  return [lo - pad, hi + pad];
}

/**
 * Makes a `Problem` from a formula written once: mathjs derives its gradient and Hessian symbolically
 * (on first use) and they are compiled to plain JS functions.
 * @example
 * const p = defineProblem({ name: "parabola", expression: "x^2", start: [10], minima: [[0]] });
 * p.gradient([3]) // Float64Array [6]
 */
export function defineProblem(spec: ProblemSpec): Problem {
  checkKeys("defineProblem", spec, ["name", "expression", "variables", "constants", "start", "minima", "minValue", "xRange", "yRange"]);
  const { expression } = spec;
  if (typeof spec.name !== "string") throw new Error(`name must be a string, got ${describe(spec.name)}`);
  const constants = { ...(spec.constants ?? {}) };
  for (const [k, v] of Object.entries(constants)) checkNumber(`constants.${k}`, v);
  // Parsing now reports a typo or an undeclared symbol where the problem is defined, not at first use.
  const symbols = variablesOf(expression).filter((v) => !Object.hasOwn(constants, v));
  const vars = spec.variables === undefined ? symbols : spec.variables.slice();
  if (!Array.isArray(vars) || vars.length === 0) throw new Error(`variables must be a non-empty array of names, got ${describe(spec.variables)}`);
  for (const s of symbols) {
    if (!vars.includes(s)) throw new Error(`unknown symbol "${s}" in ${JSON.stringify(expression)}: list it in variables or give its value in constants`);
  }
  const dim = vars.length;
  checkPoint("start", spec.start, dim);
  spec.start.forEach((v, i) => checkNumber(`start[${i}]`, v));
  const minima = (spec.minima ?? []).map((m, i) => {
    checkPoint(`minima[${i}]`, m, dim);
    return m.slice();
  });
  let valueFn: ValueFunction | undefined;
  let gradFn: FillFunction | undefined;
  let hessFn: FillFunction | undefined;
  let minValue = spec.minValue;
  if (minValue !== undefined) checkNumber("minValue", minValue);
  const problem: Problem = {
    name: spec.name,
    dim,
    variables: vars,
    expression,
    get tex() {
      return derive(expression, vars).tex;
    },
    value(x) {
      checkPoint("x", x, dim);
      valueFn ??= compileExpression(expression, vars, constants);
      return valueFn(x);
    },
    gradient(x, out) {
      checkPoint("x", x, dim);
      if (out !== undefined) checkPoint("out", out, dim);
      gradFn ??= compileFill(derive(expression, vars).gradient, vars, constants);
      return gradFn(x, out ?? new Float64Array(dim));
    },
    hessian(x, out) {
      checkPoint("x", x, dim);
      if (out !== undefined) checkPoint("out", out, dim * dim);
      hessFn ??= compileFill(derive(expression, vars).hessian.flat(), vars, constants);
      return hessFn(x, out ?? new Float64Array(dim * dim));
    },
    derivation: () => derive(expression, vars),
    minima,
    get minValue() {
      if (minValue === undefined && minima.length > 0) minValue = problem.value(minima[0]);
      return minValue;
    },
    start: spec.start.slice(),
    xRange: spec.xRange ? checkRange("xRange", spec.xRange) : windowAround([spec.start, ...minima], 0),
    yRange: spec.yRange ? checkRange("yRange", spec.yRange) : windowAround([spec.start, ...minima], 1),
  };
  return problem;
}
