/**
 * The transpose of W before the forward product (src/kernels/transpose.wat), checked value by value (and
 * its float32 form, which narrows as it transposes, against a Float32Array of the transpose),
 * and the f64 ↔ f32 conversions of the float32 matrix products (src/kernels/convert.wat) against
 * JavaScript's own (a Float32Array's store rounds to nearest, ties to even; reading one back widens
 * exactly): every bit the same, on lengths that leave every tail, at offsets that are not 16-aligned,
 * on values that round to ties, underflow to subnormals or zero, or overflow to ±Infinity.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rng } from "../../src/data/rng";
import { kernelHeap } from "../../src/kernels/heap";
import { convertWasm } from "../../src/kernels/convert.wasm";
import { lazyModule } from "../../src/kernels/arena";
import { transposeWasm } from "../../src/kernels/transpose.wasm";

const heap = kernelHeap();

describe("f64 ↔ f32 conversion and transpose kernels", { skip: heap ? false : "no kernel heap (shared memory unavailable)" }, () => {
  const { narrow, widen } = new WebAssembly.Instance(lazyModule(convertWasm).shared(), { env: { memory: heap!.memory } }).exports as Record<string, (dst: number, src: number, n: number) => void>;
  const owner = {};
  const r = rng(5);
  const hostile = [0, -0, 1, -1, 1 + 2 ** -24, 1 + 3 * 2 ** -24, 1 - 2 ** -25, 3.4028235677973366e38, 3.4028236e38, -1e39, 1e-45, 7e-46, 1e-46, 2 ** -149, 2 ** -150, 1.5 * 2 ** -149, 1e-300, Math.PI, -Math.E];

  it("narrow rounds exactly as a Float32Array does", () => {
    for (const n of [0, 1, 2, 3, 4, 5, 7, 8, 9, 63, 64, 1001]) {
      for (const shift of [0, 1]) {
        const src = heap!.f64(heap!.alloc((n + 1) * 8, owner, n + 1), n + 1).subarray(shift, shift + n);
        for (let i = 0; i < n; i++) src[i] = i < hostile.length ? hostile[(i + n) % hostile.length] : r.normal() * 10 ** r.int(9);
        const dst = heap!.f32(heap!.alloc((n + 1) * 4 + 4, owner), n + 2).subarray(1 - shift, 1 - shift + n + 1);
        dst[n] = 42; // must stay
        narrow(dst.byteOffset, src.byteOffset, n);
        const expected = Float32Array.from(src);
        for (let i = 0; i < n; i++) if (!Object.is(dst[i], expected[i])) assert.fail(`n ${n}, shift ${shift}: [${i}] = ${src[i]} gave ${dst[i]}, JavaScript ${expected[i]}`);
        assert.equal(dst[n], 42, `n ${n}: wrote past the end`);
      }
    }
  });

  it("widen converts exactly, as reading a Float32Array does", () => {
    for (const n of [0, 1, 3, 4, 5, 8, 11, 257]) {
      const src = heap!.f32(heap!.alloc(n * 4 + 4, owner), n + 1).subarray(1);
      for (let i = 0; i < n; i++) src[i] = i < hostile.length ? hostile[i] : r.normal();
      const dst = heap!.f64(heap!.alloc((n + 1) * 8, owner), n + 1);
      dst[n] = 42;
      widen(dst.byteOffset, src.byteOffset, n);
      for (let i = 0; i < n; i++) if (!Object.is(dst[i], src[i])) assert.fail(`n ${n}: [${i}] = ${src[i]} gave ${dst[i]}`);
      assert.equal(dst[n], 42, `n ${n}: wrote past the end`);
    }
  });

  it("transpose moves every value to its place, on every shape of tail", () => {
    const { transpose } = transposes();
    for (const rows of [1, 2, 3, 4, 5, 7, 8, 10, 128]) {
      for (const cols of [1, 2, 3, 4, 9, 784]) {
        const src = heap!.f64(heap!.alloc(rows * cols * 8 + 8, owner), rows * cols + 1).subarray(1);
        for (let i = 0; i < src.length; i++) src[i] = i + 0.5;
        const dst = heap!.f64(heap!.alloc(rows * cols * 8 + 16, owner), rows * cols + 2);
        dst[rows * cols + 1] = -1;
        transpose(dst.byteOffset + 8, src.byteOffset, rows, cols);
        for (let j = 0; j < rows; j++)
          for (let i = 0; i < cols; i++)
            if (dst[1 + i * rows + j] !== src[j * cols + i]) assert.fail(`${rows} × ${cols}: Bᵀ[${i}, ${j}] = ${dst[1 + i * rows + j]}, B[${j}, ${i}] = ${src[j * cols + i]}`);
        assert.equal(dst[0], 0, `${rows} × ${cols}: wrote before the start`);
        assert.equal(dst[rows * cols + 1], -1, `${rows} × ${cols}: wrote past the end`);
      }
    }
  });

  it("transposeNarrow gives the float32 rounding of the transpose, on every shape of tail", () => {
    const { transposeNarrow } = transposes();
    for (const rows of [1, 2, 3, 4, 5, 7, 8, 10, 128]) {
      for (const cols of [1, 2, 3, 4, 5, 7, 9, 784]) {
        const src = heap!.f64(heap!.alloc(rows * cols * 8 + 8, owner), rows * cols + 1).subarray(1);
        for (let i = 0; i < src.length; i++) src[i] = i < hostile.length ? hostile[i] : r.normal() * 10 ** r.int(9);
        const dst = heap!.f32(heap!.alloc(rows * cols * 4 + 8, owner), rows * cols + 2);
        dst[rows * cols + 1] = -1;
        transposeNarrow(dst.byteOffset + 4, src.byteOffset, rows, cols);
        for (let j = 0; j < rows; j++)
          for (let i = 0; i < cols; i++) {
            const expected = Math.fround(src[j * cols + i]);
            if (!Object.is(dst[1 + i * rows + j], expected)) assert.fail(`${rows} × ${cols}: Bᵀ[${i}, ${j}] = ${dst[1 + i * rows + j]}, fround(B[${j}, ${i}]) = ${expected}`);
          }
        assert.equal(dst[0], 0, `${rows} × ${cols}: wrote before the start`);
        assert.equal(dst[rows * cols + 1], -1, `${rows} × ${cols}: wrote past the end`);
      }
    }
  });
});

/** The exports of transpose.wat bound to the heap. */
function transposes(): Record<"transpose" | "transposeNarrow", (dst: number, src: number, rows: number, cols: number) => void> {
  return new WebAssembly.Instance(lazyModule(transposeWasm).shared(), { env: { memory: heap!.memory } }).exports as never;
}
