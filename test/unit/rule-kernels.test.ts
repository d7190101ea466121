/**
 * The translator from an update rule's loop to its WebAssembly kernel (scripts/lib/rule-kernels.mjs):
 * on a tiny loop that uses every construct of the subset, the generated kernel gives the loop's bits,
 * ±0, infinities and NaN included; constructs outside the subset are refused by line; and the committed
 * kernels of src/kernels/ are what the rules' loops generate now (`npm run check:kernels`).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import ts from "typescript";
import initWabt from "wabt";
import { translateRule, watNumber } from "../../scripts/lib/rule-kernels.mjs";
import { RULES, staleRuleKernels } from "../../scripts/gen-rule-kernels.mjs";

const root = join(__dirname, "..", "..");
const read = (path: string) => readFileSync(join(root, path), "utf8");

const TINY = `
interface TinyStep { a: number; b: number; flip: boolean; keep: boolean }
export function tinyUpdate(params: Float64Array, grads: Float64Array, { s, t }: { s: Float64Array; t: Float64Array }, { a, b, flip, keep }: TinyStep): void {
  const twice = 2 * a;
  for (let i = 0; i < params.length; i++) {
    const g = grads[i];
    let d = Math.max(g, -a) / twice + Math.min(g, b, 0.1);
    if (!flip) {
      d = -d;
    } else {
      s[i] += Math.sign(g) * Math.abs(d);
    }
    s[i] = s[i] * (flip ? 0.1 : a - b) + (keep ? d : g * 3);
    t[i] = Math.sign(s[i] - g);
    params[i] -= Math.sqrt(Math.abs(s[i])) * (1 - b);
  }
}
`;

/** The tiny loop as JavaScript, and as its generated kernel on a memory of `bytes`. */
async function tiny() {
  const js = ts.transpileModule(TINY, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS } }).outputText;
  const exports: Record<string, (...args: unknown[]) => void> = {};
  new Function("exports", js)(exports);
  const { wat, state, scalars } = translateRule(TINY, "tiny.ts", "tinyUpdate", "tiny");
  const wabt = await initWabt();
  const module = wabt.parseWat("tiny.wat", wat, { simd: true });
  const binary = module.toBinary({}).buffer;
  module.destroy();
  const memory = new WebAssembly.Memory({ initial: 1 });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(binary), { env: { memory } });
  return { loop: exports.tinyUpdate, kernel: instance.exports.tiny as (...args: number[]) => void, memory, state, scalars, wat };
}

const SPECIAL = [0, -0, 1, -1, 0.1, -2.5, 1e-300, -5e-324, 1e300, Infinity, -Infinity, NaN, 3, -0.1];

describe("the translator from a rule's loop to its kernel", () => {
  it("lists the state arrays and the scalars in the order of the kernel's parameters", async () => {
    const { state, scalars, wat } = await tiny();
    assert.deepEqual(state, ["s", "t"]);
    assert.deepEqual(scalars, ["a", "b", "flip", "keep"]);
    assert.match(wat, /\(param \$params i32\) \(param \$grads i32\) \(param \$s i32\) \(param \$t i32\) \(param \$pairs i32\) \(param \$a f64\) \(param \$b f64\) \(param \$flip i32\) \(param \$keep i32\)/);
    assert.match(wat, /^;; Generated from tinyUpdate in tiny.ts by scripts\/gen-rule-kernels.mjs: do not edit/);
  });

  it("generates a kernel that gives the loop's bits, ±0, infinities and NaN included, for every flag", async () => {
    const { loop, kernel, memory } = await tiny();
    const n = SPECIAL.length * SPECIAL.length; // every pair of special values as (θ, g); even
    const f64 = new Float64Array(memory.buffer);
    for (const [a, b] of [[0.5, 0.25], [3, -0], [1e-3, 2]]) {
      for (const flip of [false, true]) {
        for (const keep of [false, true]) {
          const p = Float64Array.from({ length: n }, (_, k) => SPECIAL[Math.floor(k / SPECIAL.length)]);
          const g = Float64Array.from({ length: n }, (_, k) => SPECIAL[k % SPECIAL.length]);
          const s = Float64Array.from({ length: n }, (_, k) => SPECIAL[(k * 7) % SPECIAL.length]);
          const t = new Float64Array(n);
          // The kernel's copy: params, grads, s, t one after another in its memory.
          [p, g, s, t].forEach((x, j) => f64.set(x, j * n));
          loop(p, g, { s, t }, { a, b, flip, keep });
          kernel(0, 8 * n, 16 * n, 24 * n, n / 2, a, b, +flip, +keep);
          [p, s, t].forEach((x, j) => {
            const at = [0, 2, 3][j] * n;
            for (let k = 0; k < n; k++) {
              if (!Object.is(f64[at + k], x[k])) {
                assert.fail(`${["params", "s", "t"][j]}[${k}] (a ${a}, b ${b}, flip ${flip}, keep ${keep}): kernel ${f64[at + k]}, loop ${x[k]}`);
              }
            }
          });
        }
      }
    }
  });

  it("writes every double so that it parses back to the same bits", async () => {
    const wabt = await initWabt();
    const values = [0.1, -0.1, 1 / 3, 1e-300, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, -0, 0, 12345, 2 ** 60, Infinity, -Infinity];
    for (const x of values) {
      const module = wabt.parseWat("n.wat", `(module (func (export "f") (result f64) (f64.const ${watNumber(x)})))`, {});
      const binary = module.toBinary({}).buffer;
      module.destroy();
      const f = new WebAssembly.Instance(new WebAssembly.Module(binary)).exports.f as () => number;
      assert.ok(Object.is(f(), x), `${x} written as ${watNumber(x)} reads back as ${f()}`);
    }
  });

  it("refuses what is outside the subset, naming the line", () => {
    const bad: [string, RegExp][] = [
      ["params[i] = Math.exp(grads[i]);", /tiny\.ts:5: not in the subset a kernel is generated from: Math\.exp/],
      ["params[i + 1] = grads[i];", /tiny\.ts:5: arrays are indexed by i only/],
      ["if (a) params[i] = 0;", /tiny\.ts:5: a condition must be a boolean scalar/],
      ["params[i] = flip;", /tiny\.ts:5: not a number here: flip/],
      ["a = 1;", /tiny\.ts:5: can only assign to the loop's variables and to arrays/],
      ["params[i] = grads[i] ** 2;", /tiny\.ts:5: not in the subset/],
    ];
    for (const [line, message] of bad) {
      const text = `interface S { a: number; flip: boolean }
export function tinyUpdate(params: Float64Array, grads: Float64Array, { s }: { s: Float64Array }, { a, flip }: S): void {
  const twice = 2 * a;
  for (let i = 0; i < params.length; i++) {
    ${line}
  }
}`;
      assert.throws(() => translateRule(text, "tiny.ts", "tinyUpdate", "tiny"), message, line);
    }
    assert.throws(
      () => translateRule("export function f(params: Float64Array, grads: Float64Array, {}: {}, {}: {}) { for (let i = 0; i < grads.length; i++) {} }", "f.ts", "f", "f"),
      /the loop must be `for \(let i = 0; i < params.length; i\+\+\)`/,
    );
  });
});

/** The WebAssembly instructions of a kernel, without its comments (which quote the loop's source lines). */
const instructions = (wat: string) => wat.split("\n").filter((line) => !/^\s*;;/.test(line)).join("\n");

describe("helper functions called in a rule's loop", () => {
  const loop = (line: string, extra = "") => `${extra}
export function tinyUpdate(params: Float64Array, grads: Float64Array, { s }: { s: Float64Array }, { a, b }: { a: number; b: number }): void {
  for (let i = 0; i < params.length; i++) {
    ${line}
  }
}`;
  const moments = `export function average(beta: number, mean: number, x: number): number {
  return beta * mean + (1 - beta) * x;
}
export function ofSquares(beta: number, mean: number, x: number): number {
  return average(beta, mean, x * x) - (1 - beta) * x * x + (1 - beta) * x * x;
}
function hidden(x: number): number {
  return x;
}
export function twoLines(x: number): number {
  const y = x;
  return y;
}
export function fromOutside(x: number): number {
  return x * outside;
}
export function looping(x: number): number {
  return looping(x);
}
`;
  const files: Record<string, string> = { "lib/moments.ts": moments };
  const fromFiles = (path: string) => files[path] ?? assert.fail(`no file ${path}`);

  it("are inlined with their arguments in place of their parameters, into the same operations in the same order", () => {
    const written = loop("s[i] = a * s[i] + (1 - a) * grads[i] * grads[i];\n    params[i] -= s[i];");
    const ownHelper = loop(
      "s[i] = blend(a, s[i], grads[i] * grads[i]);\n    params[i] -= s[i];",
      "function blend(beta: number, mean: number, x: number): number {\n  return beta * mean + (1 - beta) * x;\n}",
    );
    const imported = loop("s[i] = average(a, s[i], grads[i] * grads[i]);\n    params[i] -= s[i];", 'import { average } from "./moments";');
    const renamed = loop("s[i] = mean(a, s[i], grads[i] * grads[i]);\n    params[i] -= s[i];", 'import { average as mean } from "./moments";');
    const expected = instructions(translateRule(written, "lib/tiny.ts", "tinyUpdate", "tiny").wat);
    // (1 − a) · (g · g) is another rounding than (1 − a) · g · g: the argument stays one operand, as in JavaScript.
    assert.notEqual(instructions(translateRule(ownHelper, "lib/tiny.ts", "tinyUpdate", "tiny").wat), expected);
    const grouped = instructions(translateRule(loop("s[i] = a * s[i] + (1 - a) * (grads[i] * grads[i]);\n    params[i] -= s[i];"), "lib/tiny.ts", "tinyUpdate", "tiny").wat);
    for (const text of [ownHelper, imported, renamed]) {
      assert.equal(instructions(translateRule(text, "lib/tiny.ts", "tinyUpdate", "tiny", { read: fromFiles }).wat), grouped);
    }
    // A helper may call another helper of its own module.
    const nested = loop("s[i] = ofSquares(a, s[i], grads[i]);", 'import { ofSquares } from "./moments";');
    const nestedWritten = loop("s[i] = a * s[i] + (1 - a) * (grads[i] * grads[i]) - (1 - a) * grads[i] * grads[i] + (1 - a) * grads[i] * grads[i];");
    assert.equal(
      instructions(translateRule(nested, "lib/tiny.ts", "tinyUpdate", "tiny", { read: fromFiles }).wat),
      instructions(translateRule(nestedWritten, "lib/tiny.ts", "tinyUpdate", "tiny").wat),
    );
  });

  it("refuse anything but a function of numbers returning one expression of its parameters, saying why", () => {
    const bad: [string, string, RegExp][] = [
      ["s[i] = nowhere(a);", "", /lib\/tiny\.ts:4: nowhere is neither a function of this file nor imported from a relative module/],
      ["s[i] = twoLines(a);", 'import { twoLines } from "./moments";', /lib\/moments\.ts:\d+: a helper must be `function f\(a: number, \.\.\.\): number \{ return expression; \}`/],
      ["s[i] = fromOutside(a);", 'import { fromOutside } from "./moments";', /lib\/moments\.ts:\d+: a helper may use only its parameters: outside/],
      ["s[i] = looping(a);", 'import { looping } from "./moments";', /lib\/moments\.ts:\d+: the helper looping calls itself/],
      ["s[i] = hidden(a);", 'import { hidden } from "./moments";', /lib\/tiny\.ts:\d+: lib\/moments\.ts has no exported function hidden/],
      ["s[i] = average(a, s[i]);", 'import { average } from "./moments";', /lib\/tiny\.ts:\d+: average takes 3 arguments/],
      ["s[i] = clamp(a);", 'import { clamp } from "some-package";', /the helper clamp must come from a relative module, not some-package/],
      ["s[i] = other(a);", 'import { other } from "./other";', /cannot read lib\/other\.ts, where the helper other is imported from/],
      ["s[i] = arrays(a);", "function arrays(x: number): number {\n  return s[0];\n}", /a helper may use only its parameters, numbers/],
      ["s[i] = typed(a);", "function typed(x: Float64Array): number {\n  return 1;\n}", /a helper must be/],
    ];
    for (const [line, extra, message] of bad) {
      assert.throws(() => translateRule(loop(line, extra), "lib/tiny.ts", "tinyUpdate", "tiny", { read: fromFiles }), message, line);
    }
  });
});

describe("the committed rule kernels", () => {
  it("are what the rules' loops generate now (else: npm run kernels)", () => {
    assert.deepEqual(staleRuleKernels(), []);
  });

  it("would be found stale after a change to a loop", () => {
    const { file, fn, name } = RULES.find((r: { name: string }) => r.name === "adam")!;
    const text = readFileSync(join(root, file), "utf8");
    const changed = text.replace("const mi = movingAverage(beta1, m[i], g);", "const mi = (1 - beta1) * g + beta1 * m[i];");
    assert.notEqual(changed, text);
    assert.notEqual(translateRule(changed, file, fn, name, { read }).wat, readFileSync(join(root, `src/kernels/${name}.wat`), "utf8"));
  });

  it("name the loop they come from, and every loop named in the table is an exported function of its rule's file", () => {
    for (const { file, fn, name } of RULES) {
      const wat = readFileSync(join(root, `src/kernels/${name}.wat`), "utf8");
      assert.ok(wat.startsWith(`;; Generated from ${fn} in ${file} by scripts/gen-rule-kernels.mjs`), name);
      assert.match(readFileSync(join(root, file), "utf8"), new RegExp(`export function ${fn}\\(`));
    }
  });
});
