;; Generated from emaMomentumUpdate in src/optimizers/emaMomentum.ts by scripts/gen-rule-kernels.mjs: do not edit; edit that loop and run
;; `npm run kernels`. Each coordinate's operations are the loop's, in the loop's order, on two lanes at a
;; time (f64x2); each ";;" line below is the source line that the instructions under it compute.
;; Arrays are byte offsets of whole pairs of f64 (the caller pads odd lengths); $pairs counts the pairs.
(module
  (import "env" "memory" (memory 1))

  (func (export "emaMomentum")
    (param $params i32) (param $grads i32) (param $v i32) (param $pairs i32) (param $beta f64) (param $lr f64)
    (local $i i32) (local $end i32)
    (local $beta_x2 v128) (local $c v128) (local $vi v128) (local $lr_x2 v128)
    (local.set $beta_x2 (f64x2.splat (local.get $beta)))
    (local.set $c (f64x2.splat (f64.sub (f64.const 1) (local.get $beta))))
    (local.set $lr_x2 (f64x2.splat (local.get $lr)))
    (local.set $end (i32.shl (local.get $pairs) (i32.const 4)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        ;; const vi = movingAverage(beta, v[i], grads[i]);
        (local.set $vi (f64x2.add (f64x2.mul (local.get $beta_x2) (v128.load (i32.add (local.get $v) (local.get $i)))) (f64x2.mul (local.get $c) (v128.load (i32.add (local.get $grads) (local.get $i))))))
        ;; v[i] = vi;
        (v128.store (i32.add (local.get $v) (local.get $i)) (local.get $vi))
        ;; params[i] -= lr * vi;
        (v128.store (i32.add (local.get $params) (local.get $i)) (f64x2.sub (v128.load (i32.add (local.get $params) (local.get $i))) (f64x2.mul (local.get $lr_x2) (local.get $vi))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pair)))
  )
)
