;; NAdam's update in WebAssembly SIMD, two f64 lanes at a time: the same operations, in the same order,
;; as the loop in src/optimizers/nadam.ts (bit-identical results; see adam.wat for why).
;;
;;   m ← β₁ m + (1 − β₁) g
;;   v ← β₂ v + (1 − β₂) g g
;;   θ ← θ − (c_g g + c_m m) / (√v · after + ε)
;;
;; The caller folds the momentum schedule's products and the bias corrections into c_g, c_m and after.
(module
  (import "env" "memory" (memory 1))

  (func (export "nadam")
    (param $p i32) (param $g i32) (param $m i32) (param $v i32) (param $pairs i32)
    (param $beta1 f64) (param $beta2 f64) (param $gradCoefficient f64) (param $momentCoefficient f64)
    (param $after f64) (param $eps f64)
    (local $i i32) (local $end i32)
    (local $b1 v128) (local $c1 v128) (local $b2 v128) (local $c2 v128)
    (local $cg v128) (local $cm v128) (local $aft v128) (local $e v128)
    (local $gi v128) (local $mi v128) (local $vi v128)
    (local.set $b1 (f64x2.splat (local.get $beta1)))
    (local.set $c1 (f64x2.splat (f64.sub (f64.const 1) (local.get $beta1))))
    (local.set $b2 (f64x2.splat (local.get $beta2)))
    (local.set $c2 (f64x2.splat (f64.sub (f64.const 1) (local.get $beta2))))
    (local.set $cg (f64x2.splat (local.get $gradCoefficient)))
    (local.set $cm (f64x2.splat (local.get $momentCoefficient)))
    (local.set $aft (f64x2.splat (local.get $after)))
    (local.set $e (f64x2.splat (local.get $eps)))
    (local.set $end (i32.shl (local.get $pairs) (i32.const 4)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $gi (v128.load (i32.add (local.get $g) (local.get $i))))
        ;; m ← β₁ m + (1 − β₁) g
        (local.set $mi
          (f64x2.add
            (f64x2.mul (local.get $b1) (v128.load (i32.add (local.get $m) (local.get $i))))
            (f64x2.mul (local.get $c1) (local.get $gi))))
        ;; v ← β₂ v + (1 − β₂) g g
        (local.set $vi
          (f64x2.add
            (f64x2.mul (local.get $b2) (v128.load (i32.add (local.get $v) (local.get $i))))
            (f64x2.mul (f64x2.mul (local.get $c2) (local.get $gi)) (local.get $gi))))
        (v128.store (i32.add (local.get $m) (local.get $i)) (local.get $mi))
        (v128.store (i32.add (local.get $v) (local.get $i)) (local.get $vi))
        ;; θ ← θ − (c_g g + c_m m) / (√v · after + ε)
        (v128.store (i32.add (local.get $p) (local.get $i))
          (f64x2.sub
            (v128.load (i32.add (local.get $p) (local.get $i)))
            (f64x2.div
              (f64x2.add (f64x2.mul (local.get $cg) (local.get $gi)) (f64x2.mul (local.get $cm) (local.get $mi)))
              (f64x2.add (f64x2.mul (f64x2.sqrt (local.get $vi)) (local.get $aft)) (local.get $e)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pair))))
)
