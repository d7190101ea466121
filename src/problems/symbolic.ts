import type * as MathJs from "mathjs";
import { checkKeys, describe } from "../core/checks";
import * as portable from "../math/portable";

/**
 * Symbolic differentiation with mathjs, and compilation of its results to plain JavaScript.
 *
 * A formula is written once, as a mathjs expression string. mathjs differentiates it (`derivative`),
 * simplifies the result (`simplify`, decimals kept as decimals) and prints LaTeX (`toTex`). For speed,
 * the simplified expression trees are then translated into the source of one plain JS function
 * (`new Function`): the gradient evaluator writes every partial derivative into a caller's buffer, so
 * a trajectory of 10⁴ steps allocates nothing per step.
 *
 * mathjs takes about a second to load, so it is loaded on first use, not on import.
 */

let mathjs: typeof MathJs | undefined;
function math(): typeof MathJs {
  mathjs ??= require("mathjs") as typeof MathJs;
  return mathjs;
}

/** The mathjs expression-tree fields the compiler reads. */
interface Node {
  type: string;
  value?: unknown;
  name?: string;
  fn?: unknown;
  args?: Node[];
  content?: Node;
  toString(): string;
  toTex(options?: object): string;
}

/**
 * LaTeX options: variables like `x1` print as x₁ (`x_{1}`) rather than "x1", and one-letter variables
 * print as variables: mathjs would typeset `b` and `g` upright, as the units bit and gram.
 */
const TEX_OPTIONS = {
  handler(node: Node): string | undefined {
    if (node.type !== "SymbolNode") return undefined;
    const match = /^([A-Za-z]+)_?(\d+)$/.exec(node.name!);
    if (match) return ` ${match[1]}_{${match[2]}}`;
    return /^[A-Za-z]$/.test(node.name!) ? ` ${node.name}` : undefined;
  },
};

function tex(node: Node): string {
  return node.toTex(TEX_OPTIONS);
}

/** A formula's symbolic gradient and Hessian, as mathjs expression strings and LaTeX. */
export interface Derivation {
  /** The formula as given. */
  expression: string;
  /** The variables, in the order of the gradient's entries. */
  variables: string[];
  /** LaTeX of the formula. */
  tex: string;
  /** ∂f/∂variables[i], simplified, as mathjs expression strings. */
  gradient: string[];
  /** LaTeX of each entry of the gradient. */
  gradientTex: string[];
  /** ∂²f/∂variables[i]∂variables[j] (symmetric; empty when derived with `hessian: false`). */
  hessian: string[][];
  /** LaTeX of each entry of the Hessian. */
  hessianTex: string[][];
}

/** Constants a formula may use without declaring them. */
const CONSTANTS: Record<string, string> = {
  pi: "Math.PI",
  PI: "Math.PI",
  e: "Math.E",
  E: "Math.E",
  tau: "(2 * Math.PI)",
};

function parse(expression: string): Node {
  if (typeof expression !== "string" || expression.trim() === "") {
    throw new Error(`expression must be a non-empty string, got ${describe(expression)}`);
  }
  try {
    return math().parse(expression) as unknown as Node;
  } catch (error) {
    throw new Error(`cannot parse expression ${JSON.stringify(expression)}: ${(error as Error).message}`);
  }
}

function symbolsOf(node: Node): string[] {
  const names: string[] = [];
  const visit = (n: Node, isFunctionName: boolean) => {
    if (n.type === "SymbolNode" && !isFunctionName) {
      if (!names.includes(n.name!) && !Object.hasOwn(CONSTANTS, n.name!)) names.push(n.name!);
    }
    if (n.type === "FunctionNode") visit(n.fn as Node, true);
    for (const a of n.args ?? []) visit(a, false);
    if (n.content) visit(n.content, false);
  };
  visit(node, false);
  return names;
}

/**
 * The variables of an expression in order of first appearance, leaving out the constants pi, e and tau.
 * @example variablesOf("x^2 + 3*x*y") // ["x", "y"]
 */
export function variablesOf(expression: string): string[] {
  return symbolsOf(parse(expression));
}

function checkVariables(expression: string, variables: readonly string[] | undefined, allowNone = false): string[] {
  const vars = variables === undefined ? variablesOf(expression) : Array.isArray(variables) ? variables.slice() : variables;
  if (!Array.isArray(vars) || (vars.length === 0 && !allowNone)) {
    throw new Error(`variables must be a non-empty array of names, got ${describe(variables)} for ${JSON.stringify(expression)}`);
  }
  vars.forEach((v, i) => {
    if (typeof v !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v)) {
      throw new Error(`variables[${i}] must be a name like "x" or "x1", got ${describe(v)}`);
    }
  });
  if (new Set(vars).size !== vars.length) throw new Error(`variables has duplicates: ${vars.join(", ")}`);
  return vars;
}

function differentiate(node: Node, variable: string): Node {
  const m = math();
  const raw = m.derivative(node as unknown as MathJs.MathNode, variable, { simplify: false });
  return m.simplify(raw, {}, { exactFractions: false }) as unknown as Node;
}

const derivationCache = new Map<string, Derivation>();

/**
 * Differentiates a formula symbolically: its gradient and (unless `hessian: false`) its Hessian, each
 * entry simplified, as expression strings and LaTeX. Symbols that are not variables are constants.
 * @example
 * const d = derive("x^2 + 3*x*y", ["x", "y"]);
 * d.gradient    // ["2 * x + 3 * y", "3 * x"]
 * d.gradientTex // ["2\\cdot x+3\\cdot y", "3\\cdot x"]
 * d.hessian     // [["2", "3"], ["3", "0"]]
 */
export function derive(expression: string, variables?: readonly string[], options: { hessian?: boolean } = {}): Derivation {
  checkKeys("derive", options, ["hessian"]);
  const vars = checkVariables(expression, variables);
  const withHessian = options.hessian ?? true;
  const key = `${expression}\u0000${vars.join(",")}\u0000${withHessian}`;
  const cached = derivationCache.get(key);
  if (cached) return copyDerivation(cached);
  const f = parse(expression);
  const grads = vars.map((v) => differentiate(f, v));
  const hess: Node[][] = [];
  if (withHessian) {
    for (let i = 0; i < vars.length; i++) hess.push(new Array<Node>(vars.length));
    for (let i = 0; i < vars.length; i++) {
      for (let j = i; j < vars.length; j++) {
        hess[i][j] = differentiate(grads[i], vars[j]);
        hess[j][i] = hess[i][j];
      }
    }
  }
  const result: Derivation = {
    expression,
    variables: vars,
    tex: tex(f),
    gradient: grads.map((g) => g.toString()),
    gradientTex: grads.map(tex),
    hessian: hess.map((row) => row.map((h) => h.toString())),
    hessianTex: hess.map((row) => row.map(tex)),
  };
  derivationCache.set(key, result);
  return copyDerivation(result);
}

function copyDerivation(d: Derivation): Derivation {
  return {
    ...d,
    variables: d.variables.slice(),
    gradient: d.gradient.slice(),
    gradientTex: d.gradientTex.slice(),
    hessian: d.hessian.map((r) => r.slice()),
    hessianTex: d.hessianTex.map((r) => r.slice()),
  };
}

/** JS for each mathjs function the compiler supports; `$0`, `$1` stand for the arguments. */
const FUNCTIONS: Record<string, string> = {
  sin: "pm.sin($0)",
  cos: "pm.cos($0)",
  tan: "Math.tan($0)",
  asin: "Math.asin($0)",
  acos: "Math.acos($0)",
  atan: "Math.atan($0)",
  atan2: "Math.atan2($0, $1)",
  sinh: "Math.sinh($0)",
  cosh: "Math.cosh($0)",
  tanh: "Math.tanh($0)",
  asinh: "Math.asinh($0)",
  acosh: "Math.acosh($0)",
  atanh: "Math.atanh($0)",
  sec: "(1 / pm.cos($0))",
  csc: "(1 / pm.sin($0))",
  cot: "(1 / Math.tan($0))",
  sech: "(1 / Math.cosh($0))",
  csch: "(1 / Math.sinh($0))",
  coth: "(1 / Math.tanh($0))",
  exp: "pm.exp($0)",
  expm1: "Math.expm1($0)",
  log: "pm.log($0)",
  log10: "Math.log10($0)",
  log2: "Math.log2($0)",
  log1p: "Math.log1p($0)",
  sqrt: "Math.sqrt($0)",
  cbrt: "Math.cbrt($0)",
  abs: "Math.abs($0)",
  sign: "Math.sign($0)",
  square: "sq($0)",
  cube: "cube($0)",
  pow: "pm.pow($0, $1)",
};

const BINARY: Record<string, string> = { add: "+", subtract: "-", multiply: "*", divide: "/", mod: "%" };

/** Translates one mathjs expression tree to a JS expression over the locals named in `locals`. */
function emit(node: Node, locals: Map<string, string>, constants: Record<string, number>, source: string): string {
  const recur = (n: Node) => emit(n, locals, constants, source);
  switch (node.type) {
    case "ConstantNode": {
      const v = node.value;
      if (typeof v !== "number") throw new Error(`unsupported constant ${describe(v)} in ${JSON.stringify(source)}`);
      return v < 0 || Object.is(v, -0) ? `(${v})` : String(v);
    }
    case "SymbolNode": {
      const name = node.name!;
      const local = locals.get(name);
      if (local !== undefined) return local;
      if (Object.hasOwn(constants, name)) {
        const v = constants[name];
        if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`constants.${name} must be a finite number, got ${describe(v)}`);
        return `(${v})`;
      }
      if (Object.hasOwn(CONSTANTS, name)) return CONSTANTS[name];
      throw new Error(`unknown symbol "${name}" in ${JSON.stringify(source)}: make it a variable or give its value in constants`);
    }
    case "ParenthesisNode":
      return recur(node.content!);
    case "OperatorNode": {
      const fn = node.fn as string;
      const args = node.args!;
      if (fn === "unaryMinus") return `(-${recur(args[0])})`;
      if (fn === "unaryPlus") return recur(args[0]);
      if (fn === "pow") {
        const exponent = args[1].type === "ConstantNode" ? args[1].value : undefined;
        const base = recur(args[0]);
        if (exponent === 2) return `sq(${base})`;
        if (exponent === 3) return `cube(${base})`;
        return `pm.pow(${base}, ${recur(args[1])})`;
      }
      const op = Object.hasOwn(BINARY, fn) ? BINARY[fn] : undefined;
      if (op === undefined) throw new Error(`unsupported operator "${fn}" in ${JSON.stringify(source)}`);
      return `(${args.map(recur).join(` ${op} `)})`;
    }
    case "FunctionNode": {
      const name = (node.fn as Node).name ?? String(node.fn);
      const args = node.args!;
      if (name === "log" && args.length === 2) return `(pm.log(${recur(args[0])}) / pm.log(${recur(args[1])}))`;
      const template = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
      if (template === undefined) throw new Error(`unsupported function "${name}" in ${JSON.stringify(source)}`);
      return template.replace(/\$(\d)/g, (_, i: string) => {
        const arg = args[Number(i)];
        if (arg === undefined) throw new Error(`function "${name}" is missing an argument in ${JSON.stringify(source)}`);
        return recur(arg);
      });
    }
    default:
      throw new Error(`unsupported syntax (${node.type}) in ${JSON.stringify(source)}`);
  }
}

const PROLOGUE = "const sq = (t) => t * t; const cube = (t) => t * t * t;";

function localsFor(variables: readonly string[]): { names: Map<string, string>; load: string } {
  const names = new Map<string, string>();
  variables.forEach((v, i) => names.set(v, `v${i}`));
  const load = variables.map((_, i) => `const v${i} = p[${i}];`).join(" ");
  return { names, load };
}

function build<F>(body: string): F {
  // The generated source only reads its arguments, Math and the portable functions (`pm`: exp, log,
  // sin, cos and pow give the same bits in every engine): no user string reaches it unparsed.
  return new Function("pm", `${PROLOGUE} return ${body};`)(portable) as F;
}

/** Evaluator of a formula's value: `f(p)` with `p[i]` the value of `variables[i]`. */
export type ValueFunction = (p: ArrayLike<number>) => number;
/** Evaluator that writes a vector or matrix into `out` and returns it. */
export type FillFunction = (p: ArrayLike<number>, out: Float64Array) => Float64Array;

/**
 * Compiles a formula to a plain JS function of a point (`p[i]` is `variables[i]`). Symbols that are
 * neither variables nor pi/e/tau need a value in `constants`.
 * @example compileExpression("x^2 + 3*x*y", ["x", "y"])([1, 2]) // 7
 */
export function compileExpression(expression: string, variables?: readonly string[], constants: Record<string, number> = {}): ValueFunction {
  const vars = checkVariables(expression, variables ?? variablesOf(expression).filter((v) => !Object.hasOwn(constants, v)), true);
  const { names, load } = localsFor(vars);
  const js = emit(parse(expression), names, constants, expression);
  return build<ValueFunction>(`function value(p) { ${load} return ${js}; }`);
}

/** Compiles expressions (row-major entries of a vector or matrix) into one function filling `out`. */
export function compileFill(expressions: readonly string[], variables: readonly string[], constants: Record<string, number> = {}): FillFunction {
  const { names, load } = localsFor(variables);
  const seen = new Map<string, number>();
  const lines = expressions.map((e, i) => {
    const first = seen.get(e);
    if (first !== undefined) return `out[${i}] = out[${first}];`; // symmetric Hessian entries
    seen.set(e, i);
    return `out[${i}] = ${emit(parse(e), names, constants, e)};`;
  });
  return build<FillFunction>(`function fill(p, out) { ${load} ${lines.join(" ")} return out; }`);
}
