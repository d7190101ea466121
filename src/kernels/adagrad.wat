;; Generated from adagradUpdate in src/optimizers/adagrad.ts by scripts/gen-rule-kernels.mjs: do not edit; edit that loop and run
;; `npm run kernels`. Each coordinate's operations are the loop's, in the loop's order, on two lanes at a
;; time (f64x2); each ";;" line below is the source line that the instructions under it compute.
;; Arrays are byte offsets of whole pairs of f64 (the caller pads odd lengths); $pairs counts the pairs.
(module
  (import "env" "memory" (memory 1))

  (func (export "adagrad")
    (param $params i32) (param $grads i32) (param $sum i32) (param $pairs i32) (param $clr f64) (param $epsIn f64) (param $epsOut f64)
    (local $i i32) (local $end i32)
    (local $g v128) (local $s v128) (local $clr_x2 v128) (local $epsIn_x2 v128) (local $epsOut_x2 v128)
    (local.set $clr_x2 (f64x2.splat (local.get $clr)))
    (local.set $epsIn_x2 (f64x2.splat (local.get $epsIn)))
    (local.set $epsOut_x2 (f64x2.splat (local.get $epsOut)))
    (local.set $end (i32.shl (local.get $pairs) (i32.const 4)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        ;; const g = grads[i];
        (local.set $g (v128.load (i32.add (local.get $grads) (local.get $i))))
        ;; const s = sum[i] + g * g;
        (local.set $s (f64x2.add (v128.load (i32.add (local.get $sum) (local.get $i))) (f64x2.mul (local.get $g) (local.get $g))))
        ;; sum[i] = s;
        (v128.store (i32.add (local.get $sum) (local.get $i)) (local.get $s))
        ;; params[i] -= (clr * g) / (Math.sqrt(s + epsIn) + epsOut);
        (v128.store (i32.add (local.get $params) (local.get $i)) (f64x2.sub (v128.load (i32.add (local.get $params) (local.get $i))) (f64x2.div (f64x2.mul (local.get $clr_x2) (local.get $g)) (f64x2.add (f64x2.sqrt (f64x2.add (local.get $s) (local.get $epsIn_x2))) (local.get $epsOut_x2)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pair)))
  )
)
