/**
 * STREAM's triad, a[i] = b[i] + s·c[i] over f64 arrays (24 bytes per element: two reads, one write), the
 * memory-bandwidth line the optimizer steps are measured against. Two versions, timed side by side: a
 * JavaScript loop over Float64Arrays, and a WebAssembly SIMD loop (two lanes per instruction) over
 * arrays in its own memory. The floor takes the faster of the two, so that a rule run as a kernel is
 * held to the bandwidth a kernel can reach, not to what a scalar loop reaches.
 */
import initWabt from "wabt";

const TRIAD_WAT = `
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
        (br $pair)))))
`;

/** The JavaScript triad. */
export function jsTriad(a: Float64Array, b: Float64Array, c: Float64Array, s: number): void {
  for (let i = 0; i < a.length; i++) a[i] = b[i] + s * c[i];
}

/** A WebAssembly SIMD triad over three arrays of n f64 (filled from b and c), ready to run. */
export async function wasmTriad(b: Float64Array, c: Float64Array, s: number): Promise<() => void> {
  const wabt = await initWabt();
  const parsed = wabt.parseWat("triad.wat", TRIAD_WAT, { simd: true });
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
  return () => triad(0, stride, 2 * stride, pairs, s);
}
