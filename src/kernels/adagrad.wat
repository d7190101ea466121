;; Adagrad's update in WebAssembly SIMD, two f64 lanes at a time: the same operations, in the same order,
;; as the loop in src/optimizers/adagrad.ts (bit-identical results; see adam.wat for why).
;;
;;   s ← s + g g
;;   θ ← θ − (γₜ g) / (√(s + ε_in) + ε_out)
;;
;; γₜ is the decayed learning rate; one of ε_in and ε_out is ε and the other 0, per the convention.
(module
  (import "env" "memory" (memory 1))

  (func (export "adagrad")
    (param $p i32) (param $g i32) (param $sum i32) (param $pairs i32)
    (param $clr f64) (param $epsIn f64) (param $epsOut f64)
    (local $i i32) (local $end i32)
    (local $lr v128) (local $in v128) (local $out v128) (local $gi v128) (local $s v128)
    (local.set $lr (f64x2.splat (local.get $clr)))
    (local.set $in (f64x2.splat (local.get $epsIn)))
    (local.set $out (f64x2.splat (local.get $epsOut)))
    (local.set $end (i32.shl (local.get $pairs) (i32.const 4)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $gi (v128.load (i32.add (local.get $g) (local.get $i))))
        ;; s ← s + g g
        (local.set $s
          (f64x2.add (v128.load (i32.add (local.get $sum) (local.get $i))) (f64x2.mul (local.get $gi) (local.get $gi))))
        (v128.store (i32.add (local.get $sum) (local.get $i)) (local.get $s))
        ;; θ ← θ − (γₜ g) / (√(s + ε_in) + ε_out)
        (v128.store (i32.add (local.get $p) (local.get $i))
          (f64x2.sub
            (v128.load (i32.add (local.get $p) (local.get $i)))
            (f64x2.div
              (f64x2.mul (local.get $lr) (local.get $gi))
              (f64x2.add (f64x2.sqrt (f64x2.add (local.get $s) (local.get $in))) (local.get $out)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pair))))
)
