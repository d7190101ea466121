;; SGD's update in WebAssembly SIMD, two f64 lanes at a time: the same operations, in the same order, as
;; the loop in src/optimizers/sgd.ts (bit-identical results; see adam.wat for why).
;;
;;   without momentum:  θ ← θ − γ g
;;   with momentum:     b ← μ b + c g
;;                      θ ← θ − outer · b              (nesterov: θ ← θ − outer · (inner g + μ b))
;;
;; The caller folds dampening, PyTorch's first step and where the learning rate goes into c, inner and outer.
(module
  (import "env" "memory" (memory 1))

  (func (export "sgd")
    (param $p i32) (param $g i32) (param $b i32) (param $pairs i32)
    (param $lr f64) (param $momentum f64) (param $c f64) (param $inner f64) (param $outer f64)
    (param $useMomentum i32) (param $nesterov i32)
    (local $i i32) (local $end i32)
    (local $l v128) (local $mu v128) (local $cg v128) (local $in v128) (local $out v128)
    (local $gi v128) (local $bi v128) (local $d v128)
    (local.set $l (f64x2.splat (local.get $lr)))
    (local.set $mu (f64x2.splat (local.get $momentum)))
    (local.set $cg (f64x2.splat (local.get $c)))
    (local.set $in (f64x2.splat (local.get $inner)))
    (local.set $out (f64x2.splat (local.get $outer)))
    (local.set $end (i32.shl (local.get $pairs) (i32.const 4)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $gi (v128.load (i32.add (local.get $g) (local.get $i))))
        (if (local.get $useMomentum)
          (then
            ;; b ← μ b + c g
            (local.set $bi
              (f64x2.add
                (f64x2.mul (local.get $mu) (v128.load (i32.add (local.get $b) (local.get $i))))
                (f64x2.mul (local.get $cg) (local.get $gi))))
            (v128.store (i32.add (local.get $b) (local.get $i)) (local.get $bi))
            (local.set $d (local.get $bi))
            (if (local.get $nesterov)
              (then
                (local.set $d
                  (f64x2.add (f64x2.mul (local.get $in) (local.get $gi)) (f64x2.mul (local.get $mu) (local.get $bi))))))
            ;; θ ← θ − outer · d
            (v128.store (i32.add (local.get $p) (local.get $i))
              (f64x2.sub (v128.load (i32.add (local.get $p) (local.get $i))) (f64x2.mul (local.get $out) (local.get $d)))))
          (else
            ;; θ ← θ − γ g
            (v128.store (i32.add (local.get $p) (local.get $i))
              (f64x2.sub (v128.load (i32.add (local.get $p) (local.get $i))) (f64x2.mul (local.get $l) (local.get $gi))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pair))))
)
