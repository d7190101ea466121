;; RMSprop's update in WebAssembly SIMD, two f64 lanes at a time: the same operations, in the same order,
;; as the loop in src/optimizers/rmsprop.ts (bit-identical results; see adam.wat for why).
;;
;;   v ← α v + (1 − α) g g
;;   ṽ ← v                                   (centered: a ← α a + (1 − α) g, ṽ ← max(v − a a, 0))
;;   q ← g / (√(ṽ + ε_in) + ε_out)
;;   θ ← θ − γ q                             (momentum: b ← μ b + inner q, θ ← θ − outer b)
(module
  (import "env" "memory" (memory 1))

  (func (export "rmsprop")
    (param $p i32) (param $g i32) (param $v i32) (param $gAvg i32) (param $b i32) (param $pairs i32)
    (param $alpha f64) (param $epsIn f64) (param $epsOut f64) (param $lr f64)
    (param $momentum f64) (param $inner f64) (param $outer f64) (param $centered i32) (param $useMomentum i32)
    (local $i i32) (local $end i32)
    (local $al v128) (local $c v128) (local $ein v128) (local $eout v128) (local $l v128)
    (local $mu v128) (local $in v128) (local $out v128)
    (local $gi v128) (local $vi v128) (local $vt v128) (local $a v128) (local $q v128) (local $bi v128)
    (local.set $al (f64x2.splat (local.get $alpha)))
    (local.set $c (f64x2.splat (f64.sub (f64.const 1) (local.get $alpha))))
    (local.set $ein (f64x2.splat (local.get $epsIn)))
    (local.set $eout (f64x2.splat (local.get $epsOut)))
    (local.set $l (f64x2.splat (local.get $lr)))
    (local.set $mu (f64x2.splat (local.get $momentum)))
    (local.set $in (f64x2.splat (local.get $inner)))
    (local.set $out (f64x2.splat (local.get $outer)))
    (local.set $end (i32.shl (local.get $pairs) (i32.const 4)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $gi (v128.load (i32.add (local.get $g) (local.get $i))))
        ;; v ← α v + (1 − α) g g
        (local.set $vi
          (f64x2.add
            (f64x2.mul (local.get $al) (v128.load (i32.add (local.get $v) (local.get $i))))
            (f64x2.mul (f64x2.mul (local.get $c) (local.get $gi)) (local.get $gi))))
        (v128.store (i32.add (local.get $v) (local.get $i)) (local.get $vi))
        (local.set $vt (local.get $vi))
        (if (local.get $centered)
          (then
            ;; a ← α a + (1 − α) g,  ṽ ← max(v − a a, 0)
            (local.set $a
              (f64x2.add
                (f64x2.mul (local.get $al) (v128.load (i32.add (local.get $gAvg) (local.get $i))))
                (f64x2.mul (local.get $c) (local.get $gi))))
            (v128.store (i32.add (local.get $gAvg) (local.get $i)) (local.get $a))
            (local.set $vt
              (f64x2.max (f64x2.sub (local.get $vi) (f64x2.mul (local.get $a) (local.get $a))) (v128.const f64x2 0 0)))))
        ;; q ← g / (√(ṽ + ε_in) + ε_out)
        (local.set $q
          (f64x2.div (local.get $gi)
            (f64x2.add (f64x2.sqrt (f64x2.add (local.get $vt) (local.get $ein))) (local.get $eout))))
        (if (local.get $useMomentum)
          (then
            ;; b ← μ b + inner q,  θ ← θ − outer b
            (local.set $bi
              (f64x2.add
                (f64x2.mul (local.get $mu) (v128.load (i32.add (local.get $b) (local.get $i))))
                (f64x2.mul (local.get $in) (local.get $q))))
            (v128.store (i32.add (local.get $b) (local.get $i)) (local.get $bi))
            (v128.store (i32.add (local.get $p) (local.get $i))
              (f64x2.sub (v128.load (i32.add (local.get $p) (local.get $i))) (f64x2.mul (local.get $out) (local.get $bi)))))
          (else
            ;; θ ← θ − γ q
            (v128.store (i32.add (local.get $p) (local.get $i))
              (f64x2.sub (v128.load (i32.add (local.get $p) (local.get $i))) (f64x2.mul (local.get $l) (local.get $q))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pair))))
)
