;; Σpᵢ² and Σgᵢ² over a step's params and grads in one pass, in WebAssembly SIMD: the check every
;; optimizer step makes before it changes anything (src/optimizers/guard.ts), for arrays in the kernel
;; heap. NaN or ±Infinity anywhere makes a sum NaN or +Infinity, so the sums both check that the inputs
;; are finite and bound their magnitudes (√Σx² ≥ every |xᵢ|). Both arrays are read side by side, two
;; pairs of each per iteration into two accumulators each, so eight products are in flight. The sums are
;; bounds compared with a threshold far from overflow, not results: their association is free. Stores
;; the two sums, over `pairs` pairs at byte offsets $p and $g, as f64 at $out and $out + 8, so that the
;; worker thread can run it on one half of the arrays while this thread runs it on the other
;; (src/kernels/finite.ts).
(module
  (import "env" "memory" (memory 1))

  (func (export "squares") (param $p i32) (param $g i32) (param $pairs i32) (param $out i32)
    (local $i i32) (local $end i32) (local $end2 i32) (local $d i32)
    (local $p0 v128) (local $p1 v128) (local $g0 v128) (local $g1 v128) (local $x v128)
    ;; $i walks params; grads sit $d bytes further on.
    (local.set $d (i32.sub (local.get $g) (local.get $p)))
    (local.set $i (local.get $p))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $pairs) (i32.const 4))))
    (local.set $end2 (i32.add (local.get $p) (i32.shl (i32.and (local.get $pairs) (i32.const -2)) (i32.const 4))))
    (block $done2
      (loop $two
        (br_if $done2 (i32.ge_u (local.get $i) (local.get $end2)))
        (local.set $x (v128.load (local.get $i)))
        (local.set $p0 (f64x2.add (local.get $p0) (f64x2.mul (local.get $x) (local.get $x))))
        (local.set $x (v128.load offset=16 (local.get $i)))
        (local.set $p1 (f64x2.add (local.get $p1) (f64x2.mul (local.get $x) (local.get $x))))
        (local.set $x (v128.load (i32.add (local.get $i) (local.get $d))))
        (local.set $g0 (f64x2.add (local.get $g0) (f64x2.mul (local.get $x) (local.get $x))))
        (local.set $x (v128.load offset=16 (i32.add (local.get $i) (local.get $d))))
        (local.set $g1 (f64x2.add (local.get $g1) (f64x2.mul (local.get $x) (local.get $x))))
        (local.set $i (i32.add (local.get $i) (i32.const 32)))
        (br $two)))
    (if (i32.lt_u (local.get $i) (local.get $end))
      (then
        (local.set $x (v128.load (local.get $i)))
        (local.set $p0 (f64x2.add (local.get $p0) (f64x2.mul (local.get $x) (local.get $x))))
        (local.set $x (v128.load (i32.add (local.get $i) (local.get $d))))
        (local.set $g0 (f64x2.add (local.get $g0) (f64x2.mul (local.get $x) (local.get $x))))))
    (local.set $p0 (f64x2.add (local.get $p0) (local.get $p1)))
    (local.set $g0 (f64x2.add (local.get $g0) (local.get $g1)))
    (f64.store (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $p0)) (f64x2.extract_lane 1 (local.get $p0))))
    (f64.store offset=8 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $g0)) (f64x2.extract_lane 1 (local.get $g0)))))
)
