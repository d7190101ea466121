/**
 * The memory line the optimizer steps are measured against: the fastest way this machine can be made to
 * move f64 arrays, timed four ways side by side. STREAM's triad, a[i] = b[i] + s·c[i] (24 bytes per
 * element: two reads, one write), as a JavaScript loop and as a WebAssembly SIMD loop; and a bulk copy,
 * a[i] = b[i] (16 bytes per element), as `TypedArray.prototype.set` and as WebAssembly's `memory.copy`
 * (both native, vectorized copies, faster than any loop). The floor takes the fastest of the four.
 */
import initWabt from "wabt";

const WAT = `
(module
  (import "env" "memory" (memory 1))
  (func (export "triad") (param $a i32) (param $b i32) (param $c i32) (param $pairs i32) (param $s f64)
    (local $i i32) (local $end i32) (local $k v128)
    (local.set $k (f64x2.splat (local.get $s)))
    (local.set $end (i32.shl (local.get $pairs) (i32.const 4)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (v128.store (i32.add (local.get $a) (local.get $i))
          (f64x2.add
            (v128.load (i32.add (local.get $b) (local.get $i)))
            (f64x2.mul (local.get $k) (v128.load (i32.add (local.get $c) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pair))))
  (func (export "copy") (param $a i32) (param $b i32) (param $bytes i32)
    (memory.copy (local.get $a) (local.get $b) (local.get $bytes))))
`;

/** A way of moving memory, ready to run on arrays of n f64, and the bytes one element counts. */
export interface MemoryLine {
  name: string;
  bytesPerElement: number;
  run: () => void;
}

/** The JavaScript triad. */
export function jsTriad(a: Float64Array, b: Float64Array, c: Float64Array, s: number): void {
  for (let i = 0; i < a.length; i++) a[i] = b[i] + s * c[i];
}

/** The four memory lines over arrays of n f64 filled from b and c. */
export async function memoryLines(b: Float64Array, c: Float64Array, s: number): Promise<MemoryLine[]> {
  const wabt = await initWabt();
  const parsed = wabt.parseWat("memory.wat", WAT, { simd: true, bulk_memory: true });
  const { buffer } = parsed.toBinary({});
  parsed.destroy();
  const n = b.length;
  const pairs = Math.ceil(n / 2);
  const stride = pairs * 16;
  const memory = new WebAssembly.Memory({ initial: Math.ceil((3 * stride) / 65536) });
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(buffer), { env: { memory } });
  new Float64Array(memory.buffer, stride, n).set(b);
  new Float64Array(memory.buffer, 2 * stride, n).set(c);
  const triad = exports.triad as (a: number, b: number, c: number, pairs: number, s: number) => void;
  const copy = exports.copy as (a: number, b: number, bytes: number) => void;
  const a = new Float64Array(n);
  return [
    { name: "triad, JavaScript", bytesPerElement: 24, run: () => jsTriad(a, b, c, s) },
    { name: "triad, WebAssembly SIMD", bytesPerElement: 24, run: () => triad(0, stride, 2 * stride, pairs, s) },
    { name: "copy, TypedArray set", bytesPerElement: 16, run: () => a.set(b) },
    { name: "copy, WebAssembly memory.copy", bytesPerElement: 16, run: () => copy(0, stride, 8 * n) },
  ];
}
