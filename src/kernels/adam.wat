;; Adam's update in WebAssembly SIMD, two f64 lanes at a time: the same formula, in the same order of
;; operations, as the loop in src/optimizers/adam.ts, so the two give bit-identical results (WebAssembly's
;; f64 arithmetic is IEEE 754 with round-to-nearest, as JavaScript's is, and there is no fused multiply-add).
;;
;;   m ← β₁ m + (1 − β₁) g
;;   v ← β₂ v + (1 − β₂) g g
;;   s ← v · before                 (AMSGrad: s ← max(vMax, s), vMax ← s)
;;   θ ← θ · keep − (stepSize · m) / (√s · after + ε)
;;
;; The caller folds the bias corrections and conventions into stepSize, before, after and ε, and AdamW's
;; decoupled weight decay into keep = 1 − γλ (1 without it; θ · 1 is θ exactly) (see adam.ts).
;; Every array holds a whole number of pairs: the caller rounds n up to even and pads with zeros.
(module
  (import "env" "memory" (memory 1))

  (func (export "adam")
    (param $p i32) (param $g i32) (param $m i32) (param $v i32) (param $vMax i32) (param $pairs i32)
    (param $beta1 f64) (param $beta2 f64) (param $stepSize f64) (param $before f64) (param $after f64)
    (param $eps f64) (param $keep f64) (param $amsgrad i32)
    (local $i i32) (local $end i32)
    (local $b1 v128) (local $c1 v128) (local $b2 v128) (local $c2 v128)
    (local $step v128) (local $bef v128) (local $aft v128) (local $e v128) (local $k v128)
    (local $gi v128) (local $mi v128) (local $vi v128) (local $s v128)
    (local.set $b1 (f64x2.splat (local.get $beta1)))
    (local.set $c1 (f64x2.splat (f64.sub (f64.const 1) (local.get $beta1))))
    (local.set $b2 (f64x2.splat (local.get $beta2)))
    (local.set $c2 (f64x2.splat (f64.sub (f64.const 1) (local.get $beta2))))
    (local.set $step (f64x2.splat (local.get $stepSize)))
    (local.set $bef (f64x2.splat (local.get $before)))
    (local.set $aft (f64x2.splat (local.get $after)))
    (local.set $e (f64x2.splat (local.get $eps)))
    (local.set $k (f64x2.splat (local.get $keep)))
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
        (local.set $s (f64x2.mul (local.get $vi) (local.get $bef)))
        (if (local.get $amsgrad)
          (then
            (local.set $s (f64x2.max (v128.load (i32.add (local.get $vMax) (local.get $i))) (local.get $s)))
            (v128.store (i32.add (local.get $vMax) (local.get $i)) (local.get $s))))
        ;; θ ← θ · keep − (stepSize · m) / (√s · after + ε)
        (v128.store (i32.add (local.get $p) (local.get $i))
          (f64x2.sub
            (f64x2.mul (v128.load (i32.add (local.get $p) (local.get $i))) (local.get $k))
            (f64x2.div
              (f64x2.mul (local.get $step) (local.get $mi))
              (f64x2.add (f64x2.mul (f64x2.sqrt (local.get $s)) (local.get $aft)) (local.get $e)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pair))))
)
