/**
 * The portable elementary functions: on Node 20 exp, log, sin and cos give exactly Math's bits (both
 * follow fdlibm), pow stays within one ulp of Math.pow, and the special values are Math's. The browser
 * side (same bits in Chromium) is checked by live-browser.test.ts.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cos, exp, log, pow, sin } from "../../src/math/portable";
import { rng } from "../../src/data/rng";

const bits = new Float64Array(1);
const words = new BigInt64Array(bits.buffer);
function ulps(a: number, b: number): number {
  if (Object.is(a, b)) return 0;
  bits[0] = a;
  const x = words[0];
  bits[0] = b;
  const d = x - words[0];
  return Number(d < 0n ? -d : d);
}

function worst(f: (x: number) => number, g: (x: number) => number, draw: () => number, n = 20000): { ulps: number; at: number } {
  let most = { ulps: 0, at: NaN };
  for (let k = 0; k < n; k++) {
    const x = draw();
    const u = ulps(f(x), g(x));
    if (u > most.ulps) most = { ulps: u, at: x };
  }
  return most;
}

describe("portable elementary functions", () => {
  const r = rng(11);
  const nodeMajor = Number(process.versions.node.split(".")[0]);
  const sameAsMath = nodeMajor === 20 ? it : it.skip;
  sameAsMath("exp, log, sin and cos return Math's bits on Node 20 (fdlibm's algorithms)", () => {
    assert.deepEqual(worst(exp, Math.exp, () => r.uniform(-745, 709.7)), { ulps: 0, at: NaN });
    assert.deepEqual(worst(exp, Math.exp, () => r.uniform(-1, 1)), { ulps: 0, at: NaN });
    assert.deepEqual(worst(log, Math.log, () => Math.exp(r.uniform(-700, 700))), { ulps: 0, at: NaN });
    assert.deepEqual(worst(log, Math.log, () => r.uniform(0.9, 1.1)), { ulps: 0, at: NaN });
    assert.deepEqual(worst(sin, Math.sin, () => r.uniform(-1e5, 1e5)), { ulps: 0, at: NaN });
    assert.deepEqual(worst(cos, Math.cos, () => r.uniform(-10, 10)), { ulps: 0, at: NaN });
  });
  it("pow is within one ulp of Math.pow (bias corrections β^t, schedules γ^(t/k), formulas)", () => {
    assert.ok(worst((t) => pow(0.999, t), (t) => 0.999 ** t, () => r.int(100000)).ulps <= 1);
    assert.ok(worst((y) => pow(0.96, y), (y) => 0.96 ** y, () => r.uniform(0, 40)).ulps <= 1);
    assert.ok(worst((x) => pow(x, 1.7), (x) => x ** 1.7, () => r.uniform(1e-6, 1e3)).ulps <= 1);
    assert.ok(worst((x) => pow(-x, 3), (x) => (-x) ** 3, () => r.uniform(0, 10)).ulps <= 1);
  });
  it("special values are Math's", () => {
    const cases: [number, number][] = [[0, 0], [0, -1], [-0, -3], [2, Infinity], [0.5, Infinity], [-8, 1 / 3], [NaN, 0], [1, NaN], [-1, Infinity], [2, -1075], [10, 400], [1e-300, 2], [Infinity, -2]];
    for (const [x, y] of cases) assert.ok(Object.is(pow(x, y), Math.pow(x, y)), `pow(${x}, ${y})`);
    for (const x of [0, -0, Infinity, -Infinity, NaN, 800, -800]) assert.ok(Object.is(exp(x), Math.exp(x)), `exp(${x})`);
    for (const x of [0, -0, -1, Infinity, NaN, 5e-324, 1]) assert.ok(Object.is(log(x), Math.log(x)), `log(${x})`);
    for (const x of [0, -0, Infinity, NaN, 1e300]) {
      assert.ok(Object.is(sin(x), Math.sin(x)), `sin(${x})`);
      assert.ok(Object.is(cos(x), Math.cos(x)), `cos(${x})`);
    }
  });
});
