// Translates an update rule's element-wise loop, written in TypeScript in src/optimizers/<rule>.ts, into
// the WebAssembly text of its kernel (f64x2 SIMD, two coordinates per instruction). The loop is the one
// source of the rule: the JavaScript path calls it, the WebAssembly path runs this translation of it.
//
// The loop must be an exported function of this shape, in a small subset of TypeScript:
//
//   export function adamUpdate(params: Float64Array, grads: Float64Array, { m, v }: AdamState, { beta1, eps, amsgrad }: AdamStep): void {
//     for (let i = 0; i < params.length; i++) { ... }
//   }
//
// where AdamStep (an interface or type literal in the same file) gives each scalar the type number (f64)
// or boolean (a flag, i32). In the loop: const/let of numbers; assignment (=, +=, −=, ×=, ÷=) to them
// and to array[i]; `if (flag)` / `if (!flag)` with blocks; expressions of + − × ÷, unary −, numeric
// literals, array[i], the scalars, Math.sqrt/abs/max/min/sign, `flag ? a : b` and calls of helpers.
// A helper is a function declared in the same file, or imported by name from a relative module, whose
// parameters are numbers and whose body is one `return expression` of its parameters in the same subset
// (e.g. movingAverage in src/optimizers/moments.ts): the call is replaced by that expression with the
// arguments in place of the parameters. Anything else is an error naming the line. Each operation becomes the same IEEE 754 operation on both lanes, in the same
// order (no reassociation, no fused multiply-add), so the kernel's results equal the loop's bit for bit:
// Math.max/min are f64x2.max/min (NaN if either is NaN, −0 below +0, as in JavaScript), Math.sign keeps
// ±0 and NaN. Subexpressions of scalars only are computed once, before the loop, in f64.
import { readFileSync } from "node:fs";
import { posix } from "node:path";
import ts from "typescript";

const OPS = { "+": "add", "-": "sub", "*": "mul", "/": "div" };
const COMPOUND = {
  [ts.SyntaxKind.PlusEqualsToken]: "+",
  [ts.SyntaxKind.MinusEqualsToken]: "-",
  [ts.SyntaxKind.AsteriskEqualsToken]: "*",
  [ts.SyntaxKind.SlashEqualsToken]: "/",
};
const BINARY = {
  [ts.SyntaxKind.PlusToken]: "+",
  [ts.SyntaxKind.MinusToken]: "-",
  [ts.SyntaxKind.AsteriskToken]: "*",
  [ts.SyntaxKind.SlashToken]: "/",
};
const RESERVED = new Set(["pairs", "end", "done", "pair"]);

/** A double as WebAssembly text that parses back to the same bits (hexadecimal for non-integers). */
export function watNumber(x) {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (Object.is(x, -0)) return "-0";
  if (Number.isInteger(x) && Math.abs(x) < 2 ** 53) return String(x);
  const bits = new DataView(new ArrayBuffer(8));
  bits.setFloat64(0, x);
  const hi = bits.getUint32(0);
  const lo = bits.getUint32(4);
  const sign = hi >>> 31 ? "-" : "";
  const exponent = (hi >>> 20) & 0x7ff;
  const mantissa = ((hi & 0xfffff).toString(16).padStart(5, "0") + lo.toString(16).padStart(8, "0")).replace(/0+$/, "") || "0";
  return exponent === 0 ? `${sign}0x0.${mantissa}p-1022` : `${sign}0x1.${mantissa}p${exponent - 1023}`;
}

/** Throws an error naming the file, line and source text of `node`. */
function fail(file, node, why) {
  const { line } = node.getSourceFile().getLineAndCharacterOfPosition(node.getStart());
  throw new Error(`${file}:${line + 1}: ${why}: ${node.getText().replace(/\s+/g, " ").slice(0, 80)}`);
}

/**
 * A resolver of the helper functions that `source` (from `file`) declares or imports by name from a
 * relative module, read with `read(path)`: name → { declaration, file, helpers } or undefined.
 */
function helperResolver(source, file, read, cache = new Map()) {
  return (name, at) => {
    const own = source.statements.find((s) => ts.isFunctionDeclaration(s) && s.name?.text === name);
    if (own) return { declaration: own, file, helpers: helperResolver(source, file, read, cache) };
    for (const s of source.statements) {
      const named = s.importClause?.namedBindings;
      if (!ts.isImportDeclaration(s) || !named || !ts.isNamedImports(named)) continue;
      const element = named.elements.find((e) => e.name.text === name);
      if (!element) continue;
      const spec = s.moduleSpecifier.text;
      if (!spec.startsWith(".")) fail(file, at, `the helper ${name} must come from a relative module, not ${spec}`);
      const path = posix.join(posix.dirname(file), `${spec}.ts`);
      if (!cache.has(path)) {
        let text;
        try {
          text = read(path);
        } catch {
          fail(file, at, `cannot read ${path}, where the helper ${name} is imported from`);
        }
        cache.set(path, ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true));
      }
      const module = cache.get(path);
      const original = (element.propertyName ?? element.name).text;
      const declaration = module.statements.find((d) => ts.isFunctionDeclaration(d) && d.name?.text === original);
      if (!declaration?.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
        fail(file, at, `${path} has no exported function ${original}`);
      }
      return { declaration, file: path, helpers: helperResolver(module, path, read, cache) };
    }
    return undefined;
  };
}

/** The parameter names and returned expression of helper `declaration`, or an error saying what is wrong. */
function helperParts(file, declaration) {
  const why = "a helper must be `function f(a: number, ...): number { return expression; }`";
  const names = declaration.parameters.map((p) => {
    if (!ts.isIdentifier(p.name) || p.initializer || p.dotDotDotToken || p.questionToken || p.type?.kind !== ts.SyntaxKind.NumberKeyword) fail(file, p, why);
    return p.name.text;
  });
  const statements = declaration.body?.statements ?? [];
  if (declaration.asteriskToken || declaration.typeParameters || statements.length !== 1 || !ts.isReturnStatement(statements[0]) || !statements[0].expression) {
    fail(file, declaration.name ?? declaration, why);
  }
  return { names, returned: statements[0].expression };
}

/** Names of a `{ a, b }` parameter, in order. */
function bindingNames(file, parameter) {
  if (!ts.isObjectBindingPattern(parameter.name)) fail(file, parameter, "expected a destructured parameter { a, b, ... }");
  return parameter.name.elements.map((e) => {
    if (e.propertyName || e.initializer || e.dotDotDotToken || !ts.isIdentifier(e.name)) fail(file, e, "expected a plain name");
    return e.name.text;
  });
}

/** The scalar names' types ("f64" or "i32") from the annotation of the step parameter. */
function scalarTypes(file, source, parameter) {
  let type = parameter.type;
  if (type && ts.isTypeReferenceNode(type)) {
    const name = type.typeName.getText();
    const declaration = source.statements.find((s) => (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text === name);
    if (!declaration) fail(file, type, `the type ${name} must be declared in the same file`);
    type = ts.isInterfaceDeclaration(declaration) ? declaration : declaration.type;
  }
  if (!type || !(ts.isInterfaceDeclaration(type) || ts.isTypeLiteralNode(type))) fail(file, parameter, "the step's scalars need a type: an interface or a type literal");
  const types = new Map();
  for (const member of type.members) {
    if (!ts.isPropertySignature(member) || !member.type) fail(file, member, "expected `name: number` or `name: boolean`");
    const t = member.type.kind === ts.SyntaxKind.NumberKeyword ? "f64" : member.type.kind === ts.SyntaxKind.BooleanKeyword ? "i32" : fail(file, member, "a scalar must be a number or a boolean");
    types.set(member.name.getText(), t);
  }
  return types;
}

/**
 * The kernel of exported function `fn` in TypeScript `text` (from `file`), exported from the module as
 * `name`: { wat, state, scalars } with the WebAssembly text and the names of its state arrays and scalars,
 * in the order of the kernel's parameters (params, grads, the state arrays, pairs, the scalars).
 */
export function translateRule(text, file, fn, name, { read = (path) => readFileSync(path, "utf8") } = {}) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const helpers = helperResolver(source, file, read);
  const declaration = source.statements.find((s) => ts.isFunctionDeclaration(s) && s.name?.text === fn);
  if (!declaration) throw new Error(`${file}: no function ${fn}`);
  if (!declaration.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) fail(file, declaration.name, "the rule's loop must be exported");
  const ps = declaration.parameters;
  if (ps.length !== 4 || !ts.isIdentifier(ps[0].name) || !ts.isIdentifier(ps[1].name)) {
    fail(file, declaration.name, "expected (params, grads, { state arrays }, { scalars })");
  }
  const params = ps[0].name.text;
  const grads = ps[1].name.text;
  const state = bindingNames(file, ps[2]);
  const scalars = bindingNames(file, ps[3]);
  const types = scalarTypes(file, source, ps[3]);
  for (const s of scalars) if (!types.has(s)) fail(file, ps[3], `no type for ${s}`);
  const arrays = new Set([params, grads, ...state]);
  for (const n of [...arrays, ...scalars]) if (RESERVED.has(n)) fail(file, declaration.name, `the name ${n} is reserved`);

  const body = declaration.body.statements;
  const loop = body[body.length - 1];
  if (!loop || !ts.isForStatement(loop)) fail(file, declaration.name, "the body must end with the loop over the coordinates");
  const init = loop.initializer;
  const index = init && ts.isVariableDeclarationList(init) && init.declarations.length === 1 && ts.isIdentifier(init.declarations[0].name) ? init.declarations[0].name.text : undefined;
  const header = `for (let ${index} = 0; ${index} < ${params}.length; ${index}++)`;
  const written = `for (${init?.getText()}; ${loop.condition?.getText()}; ${loop.incrementor?.getText()})`;
  if (!index || written !== header) fail(file, loop, `the loop must be \`${header}\``);

  // Locals: the kernel's own, then the loop's, each unique; invariants hoisted before the loop.
  const locals = []; // [name, type]
  const used = new Set([...arrays, ...scalars, index, "pairs", "end"]);
  const fresh = (base, type) => {
    let n = base;
    for (let k = 2; used.has(n); k++) n = `${base}_${k}`;
    used.add(n);
    locals.push([n, type]);
    return n;
  };
  const prelude = []; // f64 and v128 set-ups before the loop
  const splats = new Map(); // f64 code → v128 local
  const consts = new Map(); // name of a scalar const before the loop → f64 local

  /** An expression: { vec: boolean, code } (code is f64 when !vec, v128 when vec). */
  let scope = [];
  const lookup = (name) => {
    for (let s = scope.length - 1; s >= 0; s--) if (scope[s].has(name)) return scope[s].get(name);
    return undefined;
  };
  const asVector = (e) => {
    if (e.vec) return e.code;
    if (!splats.has(e.code)) {
      const named = /^\(local\.get \$(\w+)\)$/.exec(e.code);
      const local = fresh(named ? `${named[1]}_x2` : "c", "v128");
      prelude.push(`(local.set $${local} (f64x2.splat ${e.code}))`);
      splats.set(e.code, local);
    }
    return `(local.get $${splats.get(e.code)})`;
  };
  /** The boolean scalars the loop branches on, in order of first use. */
  const flags = [];
  const condition = (node) => {
    if (inlining.length > 0) fail(here(), node, "a helper may use only its parameters, numbers");
    if (ts.isParenthesizedExpression(node)) return condition(node.expression);
    if (ts.isIdentifier(node) && types.get(node.text) === "i32" && scalars.includes(node.text)) {
      if (!flags.includes(node.text)) flags.push(node.text);
      return `(local.get $${node.text})`;
    }
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) return `(i32.eqz ${condition(node.operand)})`;
    return fail(file, node, "a condition must be a boolean scalar (or its negation)");
  };
  const load = (node) => {
    if (inlining.length > 0) fail(here(), node, "a helper may use only its parameters, numbers");
    if (!ts.isIdentifier(node.expression) || !arrays.has(node.expression.text)) fail(file, node, "only the rule's arrays can be indexed");
    if (!ts.isIdentifier(node.argumentExpression) || node.argumentExpression.text !== index) fail(file, node, `arrays are indexed by ${index} only`);
    return `(i32.add (local.get $${node.expression.text}) (local.get $${index}))`;
  };
  // Helper calls being inlined, innermost last: { name, file, helpers, args: Map(parameter → value) }.
  const inlining = [];
  const here = () => inlining.at(-1)?.file ?? file;
  const call = (node) => {
    const callee = node.expression.text;
    const frame = inlining.at(-1);
    const helper = (frame?.helpers ?? helpers)(callee, node);
    if (!helper) fail(here(), node, `${callee} is neither a function of this file nor imported from a relative module`);
    if (inlining.some((f) => f.declaration === helper.declaration)) fail(here(), node, `the helper ${callee} calls itself`);
    const { names, returned } = helperParts(helper.file, helper.declaration);
    if (node.arguments.length !== names.length) fail(here(), node, `${callee} takes ${names.length} arguments`);
    const values = node.arguments.map(expr);
    inlining.push({ declaration: helper.declaration, file: helper.file, helpers: helper.helpers, args: new Map(names.map((n, k) => [n, values[k]])) });
    try {
      return expr(returned);
    } finally {
      inlining.pop();
    }
  };
  const expr = (node) => {
    if (ts.isParenthesizedExpression(node)) return expr(node.expression);
    if (ts.isNumericLiteral(node)) return { vec: false, code: `(f64.const ${watNumber(Number(node.text))})` };
    if (ts.isIdentifier(node) && inlining.length > 0) {
      const value = inlining.at(-1).args.get(node.text);
      return value ?? fail(here(), node, "a helper may use only its parameters");
    }
    if (ts.isIdentifier(node)) {
      const local = lookup(node.text);
      if (local) return { vec: true, code: `(local.get $${local})` };
      if (consts.has(node.text)) return { vec: false, code: `(local.get $${consts.get(node.text)})` };
      if (scalars.includes(node.text) && types.get(node.text) === "f64") return { vec: false, code: `(local.get $${node.text})` };
      return fail(file, node, "not a number here");
    }
    if (ts.isElementAccessExpression(node)) return { vec: true, code: `(v128.load ${load(node)})` };
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) {
      if (ts.isNumericLiteral(node.operand)) return { vec: false, code: `(f64.const ${watNumber(-Number(node.operand.text))})` };
      const a = expr(node.operand);
      return a.vec ? { vec: true, code: `(f64x2.neg ${a.code})` } : { vec: false, code: `(f64.neg ${a.code})` };
    }
    if (ts.isBinaryExpression(node) && BINARY[node.operatorToken.kind]) {
      return arithmetic(OPS[BINARY[node.operatorToken.kind]], [expr(node.left), expr(node.right)]);
    }
    if (ts.isConditionalExpression(node)) {
      const test = condition(node.condition);
      const [a, b] = [expr(node.whenTrue), expr(node.whenFalse)];
      if (!a.vec && !b.vec) return { vec: false, code: `(select ${a.code} ${b.code} ${test})` };
      return { vec: true, code: `(if (result v128) ${test} (then ${asVector(a)}) (else ${asVector(b)}))` };
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.expression.getText() === "Math") {
      const f = node.expression.name.text;
      const args = node.arguments.map(expr);
      if ((f === "sqrt" || f === "abs") && args.length === 1) {
        const [a] = args;
        return a.vec ? { vec: true, code: `(f64x2.${f} ${a.code})` } : { vec: false, code: `(f64.${f} ${a.code})` };
      }
      if ((f === "max" || f === "min") && args.length >= 2) {
        // Math.max(a, b, c) = max(max(a, b), c): the same NaN and ±0 rules, associative.
        return args.slice(1).reduce((acc, b) => arithmetic(f, [acc, b]), args[0]);
      }
      if (f === "sign" && args.length === 1) {
        // ±1 with x's sign where x is neither ±0 nor NaN; x itself (±0, NaN) elsewhere.
        const x = fresh("sign", "v128");
        const one = "(v128.const f64x2 1 1)";
        const signBit = "(v128.const i64x2 0x8000000000000000 0x8000000000000000)";
        const nonzero = `(v128.and (f64x2.ne (local.get $${x}) (v128.const f64x2 0 0)) (f64x2.eq (local.get $${x}) (local.get $${x})))`;
        return { vec: true, code: `(v128.bitselect (v128.or (v128.and (local.tee $${x} ${asVector(args[0])}) ${signBit}) ${one}) (local.get $${x}) ${nonzero})` };
      }
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) return call(node);
    return fail(here(), node, "not in the subset a kernel is generated from");
  };
  /** op ∈ add sub mul div max min over two operands, in f64 when both are scalar, else f64x2. */
  function arithmetic(op, [a, b]) {
    if (!a.vec && !b.vec) return { vec: false, code: `(f64.${op} ${a.code} ${b.code})` };
    return { vec: true, code: `(f64x2.${op} ${asVector(a)} ${asVector(b)})` };
  }

  // Scalar constants before the loop.
  for (const s of body.slice(0, -1)) {
    if (!ts.isVariableStatement(s) || !(s.declarationList.flags & ts.NodeFlags.Const)) fail(file, s, "before the loop, only const scalars");
    for (const d of s.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || !d.initializer) fail(file, d, "expected const name = expression");
      const e = expr(d.initializer);
      if (e.vec) fail(file, d, "before the loop, only scalars");
      const local = fresh(d.name.text, "f64");
      prelude.push(`(local.set $${local} ${e.code})`);
      consts.set(d.name.text, local);
    }
  }

  const comment = (node) => `;; ${node.getText().replace(/\s+/g, " ")}`;
  /** Statements of the loop body as lines of WebAssembly text. */
  const statements = (nodes, depth) => {
    scope.push(new Map());
    const lines = [];
    const pad = "  ".repeat(depth);
    for (const s of nodes) {
      if (ts.isVariableStatement(s)) {
        for (const d of s.declarationList.declarations) {
          if (!ts.isIdentifier(d.name) || !d.initializer) fail(file, d, "expected a declaration with a value");
          if (lookup(d.name.text) || arrays.has(d.name.text) || scalars.includes(d.name.text)) fail(file, d, "a name must not shadow another");
          const value = asVector(expr(d.initializer));
          const local = fresh(d.name.text, "v128");
          scope[scope.length - 1].set(d.name.text, local);
          lines.push(pad + comment(s.declarationList.declarations.length === 1 ? s : d), `${pad}(local.set $${local} ${value})`);
        }
      } else if (ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression)) {
        const { left, operatorToken, right } = s.expression;
        const kind = operatorToken.kind;
        if (kind !== ts.SyntaxKind.EqualsToken && !COMPOUND[kind]) fail(file, s, "expected an assignment");
        const value = COMPOUND[kind] ? arithmetic(OPS[COMPOUND[kind]], [expr(left), expr(right)]) : expr(right);
        lines.push(pad + comment(s));
        if (ts.isElementAccessExpression(left)) lines.push(`${pad}(v128.store ${load(left)} ${asVector(value)})`);
        else if (ts.isIdentifier(left) && lookup(left.text)) lines.push(`${pad}(local.set $${lookup(left.text)} ${asVector(value)})`);
        else fail(file, left, "can only assign to the loop's variables and to arrays at the index");
      } else if (ts.isIfStatement(s)) {
        const block = (b) => (ts.isBlock(b) ? [...b.statements] : [b]);
        lines.push(`${pad};; if (${s.expression.getText()})`, `${pad}(if ${condition(s.expression)}`, `${pad}  (then`);
        lines.push(...statements(block(s.thenStatement), depth + 2), `${pad}  )`);
        if (s.elseStatement) lines.push(`${pad}  (else`, ...statements(block(s.elseStatement), depth + 2), `${pad}  )`);
        lines.push(`${pad})`);
      } else if (ts.isBlock(s)) {
        lines.push(...statements([...s.statements], depth));
      } else {
        fail(file, s, "not in the subset a kernel is generated from");
      }
    }
    scope.pop();
    return lines;
  };
  const loopLines = statements(ts.isBlock(loop.statement) ? [...loop.statement.statements] : [loop.statement], 3);

  const signature = [
    ...[params, grads, ...state].map((n) => `(param $${n} i32)`),
    "(param $pairs i32)",
    ...scalars.map((n) => `(param $${n} ${types.get(n)})`),
  ];
  // The loop once for each setting of the flags it branches on, with the flags as constants there: V8
  // does not move a branch on a loop-invariant flag out of a loop, and the branch inside cost about a
  // third of a plain step's time (sgd at 1e5 parameters, measured in one process, one thread).
  const loopFor = (setting, pad) => [
    `${pad}(block $done`,
    `${pad}  (loop $pair`,
    `${pad}    (br_if $done (i32.ge_u (local.get $${index}) (local.get $end)))`,
    ...loopLines.map((l) => `${pad.slice(4)}  ${l.replace(/\(local\.get \$(\w+)\)/g, (all, name) => (setting.has(name) ? `(i32.const ${setting.get(name)})` : all))}`),
    `${pad}    (local.set $${index} (i32.add (local.get $${index}) (i32.const 16)))`,
    `${pad}    (br $pair)))`,
  ];
  function unswitched(f, setting, pad) {
    if (f === flags.length) return loopFor(setting, pad);
    const flag = flags[f];
    return [
      `${pad};; ${flag} ? … : … (the loop below written for each)`,
      `${pad}(if (local.get $${flag})`,
      `${pad}  (then`,
      ...unswitched(f + 1, new Map([...setting, [flag, 1]]), pad + "    "),
      `${pad}  )`,
      `${pad}  (else`,
      ...unswitched(f + 1, new Map([...setting, [flag, 0]]), pad + "    "),
      `${pad}  ))`,
    ];
  }
  const wat = [
    `;; Generated from ${fn} in ${file} by scripts/gen-rule-kernels.mjs: do not edit; edit that loop and run`,
    `;; \`npm run kernels\`. Each coordinate's operations are the loop's, in the loop's order, on two lanes at a`,
    `;; time (f64x2); each ";;" line below is the source line that the instructions under it compute.`,
    `;; Arrays are byte offsets of whole pairs of f64 (the caller pads odd lengths); $pairs counts the pairs.`,
    ...(flags.length > 0
      ? [
          `;; The loop is written out once for each setting of ${flags.map((f) => `$${f}`).join(" and ")}, with the setting as constants`,
          `;; inside (V8 drops the branches not taken, which it would not move out of a single loop).`,
        ]
      : []),
    "(module",
    '  (import "env" "memory" (memory 1))',
    "",
    `  (func (export "${name}")`,
    `    ${signature.join(" ")}`,
    `    (local $${index} i32) (local $end i32)`,
    ...(locals.length > 0 ? [`    ${locals.map(([n, t]) => `(local $${n} ${t})`).join(" ")}`] : []),
    ...prelude.map((l) => `    ${l}`),
    "    (local.set $end (i32.shl (local.get $pairs) (i32.const 4)))",
    ...unswitched(0, new Map(), "    "),
    "  )",
    ")",
    "",
  ].join("\n");
  return { wat, state, scalars };
}
