;; Σ xᵢ² over an array of f64, in WebAssembly SIMD: the pass every optimizer step makes over params and
;; grads to check them and bound their magnitudes (src/optimizers/guard.ts), for arrays in the kernel
;; heap. Four accumulators of two lanes keep eight products in flight; NaN or ±Infinity anywhere makes
;; the sum NaN or +Infinity, as in the JavaScript loop (whose association differs: the sum is a bound,
;; compared with a threshold far from overflow, not a result). Returns the sum over `pairs` pairs at $a.
(module
  (import "env" "memory" (memory 1))

  (func (export "sumsq") (param $a i32) (param $pairs i32) (result f64)
    (local $i i32) (local $end i32) (local $end4 i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $x v128)
    (local.set $end (i32.add (local.get $a) (i32.shl (local.get $pairs) (i32.const 4))))
    (local.set $end4 (i32.add (local.get $a) (i32.shl (i32.and (local.get $pairs) (i32.const -4)) (i32.const 4))))
    (local.set $i (local.get $a))
    (block $done4
      (loop $four
        (br_if $done4 (i32.ge_u (local.get $i) (local.get $end4)))
        (local.set $x (v128.load (local.get $i)))
        (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $x) (local.get $x))))
        (local.set $x (v128.load offset=16 (local.get $i)))
        (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $x) (local.get $x))))
        (local.set $x (v128.load offset=32 (local.get $i)))
        (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $x) (local.get $x))))
        (local.set $x (v128.load offset=48 (local.get $i)))
        (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.get $x) (local.get $x))))
        (local.set $i (i32.add (local.get $i) (i32.const 64)))
        (br $four)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $x (v128.load (local.get $i)))
        (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $x) (local.get $x))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pair)))
    (local.set $s0 (f64x2.add (f64x2.add (local.get $s0) (local.get $s1)) (f64x2.add (local.get $s2) (local.get $s3))))
    (f64.add (f64x2.extract_lane 0 (local.get $s0)) (f64x2.extract_lane 1 (local.get $s0))))
)
