;; Adadelta's update in WebAssembly SIMD, two f64 lanes at a time: the same operations, in the same order,
;; as the loop in src/optimizers/adadelta.ts (bit-identical results; see adam.wat for why).
;;
;;   v ← ρ v + (1 − ρ) g g
;;   δ ← (√(u + ε) / √(v + ε)) g
;;   u ← ρ u + (1 − ρ) δ δ
;;   θ ← θ − γ δ
(module
  (import "env" "memory" (memory 1))

  (func (export "adadelta")
    (param $p i32) (param $g i32) (param $v i32) (param $u i32) (param $pairs i32)
    (param $rho f64) (param $eps f64) (param $lr f64)
    (local $i i32) (local $end i32)
    (local $r v128) (local $c v128) (local $e v128) (local $l v128)
    (local $gi v128) (local $vi v128) (local $d v128)
    (local.set $r (f64x2.splat (local.get $rho)))
    (local.set $c (f64x2.splat (f64.sub (f64.const 1) (local.get $rho))))
    (local.set $e (f64x2.splat (local.get $eps)))
    (local.set $l (f64x2.splat (local.get $lr)))
    (local.set $end (i32.shl (local.get $pairs) (i32.const 4)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $gi (v128.load (i32.add (local.get $g) (local.get $i))))
        ;; v ← ρ v + (1 − ρ) g g
        (local.set $vi
          (f64x2.add
            (f64x2.mul (local.get $r) (v128.load (i32.add (local.get $v) (local.get $i))))
            (f64x2.mul (f64x2.mul (local.get $c) (local.get $gi)) (local.get $gi))))
        (v128.store (i32.add (local.get $v) (local.get $i)) (local.get $vi))
        ;; δ ← (√(u + ε) / √(v + ε)) g
        (local.set $d
          (f64x2.mul
            (f64x2.div
              (f64x2.sqrt (f64x2.add (v128.load (i32.add (local.get $u) (local.get $i))) (local.get $e)))
              (f64x2.sqrt (f64x2.add (local.get $vi) (local.get $e))))
            (local.get $gi)))
        ;; u ← ρ u + (1 − ρ) δ δ
        (v128.store (i32.add (local.get $u) (local.get $i))
          (f64x2.add
            (f64x2.mul (local.get $r) (v128.load (i32.add (local.get $u) (local.get $i))))
            (f64x2.mul (f64x2.mul (local.get $c) (local.get $d)) (local.get $d))))
        ;; θ ← θ − γ δ
        (v128.store (i32.add (local.get $p) (local.get $i))
          (f64x2.sub (v128.load (i32.add (local.get $p) (local.get $i))) (f64x2.mul (local.get $l) (local.get $d))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pair))))
)
