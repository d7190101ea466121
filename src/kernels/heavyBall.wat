;; Generated from heavyBallUpdate in src/optimizers/heavyBall.ts by scripts/gen-rule-kernels.mjs: do not edit; edit that loop and run
;; `npm run kernels`. Each coordinate's operations are the loop's, in the loop's order, on two lanes at a
;; time (f64x2); each ";;" line below is the source line that the instructions under it compute.
;; Arrays are byte offsets of whole pairs of f64 (the caller pads odd lengths); $pairs counts the pairs.
(module
  (import "env" "memory" (memory 1))

  (func (export "heavyBall")
    (param $params i32) (param $grads i32) (param $previous i32) (param $pairs i32) (param $lr f64) (param $beta f64)
    (local $i i32) (local $end i32)
    (local $theta v128) (local $lr_x2 v128) (local $beta_x2 v128)
    (local.set $lr_x2 (f64x2.splat (local.get $lr)))
    (local.set $beta_x2 (f64x2.splat (local.get $beta)))
    (local.set $end (i32.shl (local.get $pairs) (i32.const 4)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        ;; const theta = params[i];
        (local.set $theta (v128.load (i32.add (local.get $params) (local.get $i))))
        ;; params[i] = theta - lr * grads[i] + beta * (theta - previous[i]);
        (v128.store (i32.add (local.get $params) (local.get $i)) (f64x2.add (f64x2.sub (local.get $theta) (f64x2.mul (local.get $lr_x2) (v128.load (i32.add (local.get $grads) (local.get $i))))) (f64x2.mul (local.get $beta_x2) (f64x2.sub (local.get $theta) (v128.load (i32.add (local.get $previous) (local.get $i)))))))
        ;; previous[i] = theta;
        (v128.store (i32.add (local.get $previous) (local.get $i)) (local.get $theta))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pair)))
  )
)
