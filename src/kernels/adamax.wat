;; Adamax's update in WebAssembly SIMD, two f64 lanes at a time: the same operations, in the same order,
;; as the loop in src/optimizers/adamax.ts (bit-identical results; see adam.wat for why).
;;
;;   m ← β₁ m + (1 − β₁) g
;;   u ← max(β₂ u, |g| + ε_max)
;;   θ ← θ − (stepSize · m) / (u + ε_den)
;;
;; stepSize is γ / (1 − β₁ᵗ); one of ε_max and ε_den is ε and the other 0, per the convention.
(module
  (import "env" "memory" (memory 1))

  (func (export "adamax")
    (param $p i32) (param $g i32) (param $m i32) (param $u i32) (param $pairs i32)
    (param $beta1 f64) (param $beta2 f64) (param $stepSize f64) (param $epsInMax f64) (param $epsInDenominator f64)
    (local $i i32) (local $end i32)
    (local $b1 v128) (local $c1 v128) (local $b2 v128) (local $step v128) (local $emax v128) (local $eden v128)
    (local $gi v128) (local $mi v128) (local $ui v128)
    (local.set $b1 (f64x2.splat (local.get $beta1)))
    (local.set $c1 (f64x2.splat (f64.sub (f64.const 1) (local.get $beta1))))
    (local.set $b2 (f64x2.splat (local.get $beta2)))
    (local.set $step (f64x2.splat (local.get $stepSize)))
    (local.set $emax (f64x2.splat (local.get $epsInMax)))
    (local.set $eden (f64x2.splat (local.get $epsInDenominator)))
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
        ;; u ← max(β₂ u, |g| + ε_max)
        (local.set $ui
          (f64x2.max
            (f64x2.mul (local.get $b2) (v128.load (i32.add (local.get $u) (local.get $i))))
            (f64x2.add (f64x2.abs (local.get $gi)) (local.get $emax))))
        (v128.store (i32.add (local.get $m) (local.get $i)) (local.get $mi))
        (v128.store (i32.add (local.get $u) (local.get $i)) (local.get $ui))
        ;; θ ← θ − (stepSize · m) / (u + ε_den)
        (v128.store (i32.add (local.get $p) (local.get $i))
          (f64x2.sub
            (v128.load (i32.add (local.get $p) (local.get $i)))
            (f64x2.div (f64x2.mul (local.get $step) (local.get $mi)) (f64x2.add (local.get $ui) (local.get $eden)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pair))))
)
