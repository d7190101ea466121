;; Whether every f64 of an array is finite, in WebAssembly SIMD: the check every optimizer step makes of
;; its gradient before it changes anything, at memory speed. x·0 is 0 for finite x and NaN for NaN and
;; ±Infinity, and a sum that meets a NaN stays NaN, so the sums are NaN exactly when some entry is not
;; finite (the same test as firstNonFinite's loop in src/optimizers/validate.ts). Four accumulators of
;; two lanes keep eight products in flight. Returns 1 when all `pairs` pairs at byte offset $a are finite.
(module
  (import "env" "memory" (memory 1))

  (func (export "finite") (param $a i32) (param $pairs i32) (result i32)
    (local $i i32) (local $end i32) (local $end4 i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $zero v128)
    (local.set $end (i32.add (local.get $a) (i32.shl (local.get $pairs) (i32.const 4))))
    (local.set $end4 (i32.add (local.get $a) (i32.shl (i32.and (local.get $pairs) (i32.const -4)) (i32.const 4))))
    (local.set $i (local.get $a))
    (block $done4
      (loop $four
        (br_if $done4 (i32.ge_u (local.get $i) (local.get $end4)))
        (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (v128.load (local.get $i)) (local.get $zero))))
        (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (v128.load offset=16 (local.get $i)) (local.get $zero))))
        (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (v128.load offset=32 (local.get $i)) (local.get $zero))))
        (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (v128.load offset=48 (local.get $i)) (local.get $zero))))
        (local.set $i (i32.add (local.get $i) (i32.const 64)))
        (br $four)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (v128.load (local.get $i)) (local.get $zero))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pair)))
    (local.set $s0 (f64x2.add (f64x2.add (local.get $s0) (local.get $s1)) (f64x2.add (local.get $s2) (local.get $s3))))
    ;; Finite exactly when both lanes equal themselves (NaN does not).
    (i64x2.all_true (f64x2.eq (local.get $s0) (local.get $s0))))
)
