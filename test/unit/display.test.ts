import { test } from "node:test";
import assert from "node:assert/strict";
import { assertClose, assertThat, checkAnswer, checkFunction, isClose } from "../../src/display/check";
import { figureHtml, withDefaults } from "../../src/display/plot";
import { formatCell, tableBundle } from "../../src/display/table";
import { inNotebook, nextDisplayId } from "../../src/display/jupyter";
import { progress } from "../../src/display/progress";

test("outside a kernel nothing claims to be a notebook", () => {
  assert.equal(inNotebook(), false);
});

test("display ids are counters, not clocks: unique and reproducible in order", () => {
  const a = nextDisplayId("x");
  const b = nextDisplayId("x");
  assert.notEqual(a, b);
  assert.match(a, /^x-\d+$/);
  assert.equal(Number(b.split("-")[1]), Number(a.split("-")[1]) + 1);
});

test("figure HTML draws into its own element and escapes </script> in the data", () => {
  const fig = withDefaults({ data: [{ y: [1, 2], name: "</script><b>" }], layout: { title: { text: "t" } } });
  const html = figureHtml(fig);
  const id = html.match(/id="([^"]+)"/)![1];
  assert.ok(html.includes(`document.getElementById(${JSON.stringify(id)})`));
  assert.ok(!html.slice(html.indexOf("<script")).includes("</script><b>"), "the figure JSON must not close the script");
  assert.equal((fig.layout as { height: number }).height, 420);
  assert.equal((fig.config as { displaylogo: boolean }).displaylogo, false);
});

test("user layout wins over defaults", () => {
  const fig = withDefaults({ data: [], layout: { height: 300 } });
  assert.equal((fig.layout as { height: number }).height, 300);
});

test("table cells: integers as is, reals to significant digits, tiny and huge in exponent form", () => {
  assert.equal(formatCell(42), "42");
  assert.equal(formatCell(0.123456), "0.1235");
  assert.equal(formatCell(0.123456, 6), "0.123456");
  assert.equal(formatCell(1.5e-7), "1.500e-7");
  assert.equal(formatCell(Number.NaN), "NaN");
  assert.equal(formatCell(undefined), "");
  assert.equal(formatCell("adam"), "adam");
});

test("table bundle: HTML with escaped text, aligned plain text, columns in order of appearance", () => {
  const bundle = tableBundle([{ name: "a<b", loss: 0.5 }, { name: "sgd", loss: 2, extra: 1 }], { caption: "cmp" });
  assert.ok(bundle["text/html"].includes("a&#60;b"));
  assert.ok(bundle["text/html"].includes("<caption>cmp</caption>"));
  const lines = bundle["text/plain"].split("\n");
  assert.deepEqual(lines[1].split(/\s+/), ["name", "loss", "extra"]);
  assert.equal(lines.length, 5);
});

test("isClose follows |a-b| <= atol + rtol*|b|", () => {
  assert.ok(isClose(1 + 1e-7, 1));
  assert.ok(!isClose(1.01, 1));
  assert.ok(isClose(1.01, 1, { rtol: 0.02 }));
  assert.ok(!isClose(Number.NaN, Number.NaN));
});

test("assertClose and assertThat throw with the label when a claim fails", () => {
  assert.throws(() => assertClose("rate", 0.5, 0.6), /rate: expected 0.6, got 0.5/);
  assert.doesNotThrow(() => assertClose("rate", 0.6, 0.6));
  assert.throws(() => assertThat(false, "loss decreases"), /claim failed: loss decreases/);
});

test("exercise checks mark answers without throwing", () => {
  assert.equal(checkAnswer("q", undefined, 1), false);
  assert.equal(checkAnswer("q", 1.0005, 1), true);
  assert.equal(checkAnswer("q", 2, 1), false);
  const square = (x: number) => x * x;
  assert.equal(checkFunction("f", square, (x: number) => x ** 2, [[1], [3]]), true);
  assert.equal(checkFunction("f", (x: number) => 2 * x, square, [[1], [3]]), false);
  assert.equal(checkFunction("f", (_x: number): number => { throw new Error("no"); }, square, [[1]]), false);
  assert.equal(checkFunction("f", undefined, square, [[1]]), false);
});

test("progress rejects a non-positive total and is silent until closed outside a notebook", () => {
  assert.throws(() => progress(0), /total must be an integer ≥ 1, got 0/);
  const p = progress(10, "epochs");
  assert.doesNotThrow(() => p.update(5));
});
