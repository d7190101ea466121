;; Generated from adadeltaUpdate in src/optimizers/adadelta.ts by scripts/gen-rule-kernels.mjs: do not edit; edit that loop and run
;; `npm run kernels`. Each coordinate's operations are the loop's, in the loop's order, on two lanes at a
;; time (f64x2); each ";;" line below is the source line that the instructions under it compute.
;; Arrays are byte offsets of whole pairs of f64 (the caller pads odd lengths); $pairs counts the pairs.
(module
  (import "env" "memory" (memory 1))

  (func (export "adadelta")
    (param $params i32) (param $grads i32) (param $v i32) (param $u i32) (param $pairs i32) (param $rho f64) (param $eps f64) (param $lr f64)
    (local $i i32) (local $end i32)
    (local $g v128) (local $rho_x2 v128) (local $c v128) (local $vi v128) (local $eps_x2 v128) (local $delta v128) (local $lr_x2 v128)
    (local.set $rho_x2 (f64x2.splat (local.get $rho)))
    (local.set $c (f64x2.splat (f64.sub (f64.const 1) (local.get $rho))))
    (local.set $eps_x2 (f64x2.splat (local.get $eps)))
    (local.set $lr_x2 (f64x2.splat (local.get $lr)))
    (local.set $end (i32.shl (local.get $pairs) (i32.const 4)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        ;; const g = grads[i];
        (local.set $g (v128.load (i32.add (local.get $grads) (local.get $i))))
        ;; const vi = movingAverageOfSquares(rho, v[i], g);
        (local.set $vi (f64x2.add (f64x2.mul (local.get $rho_x2) (v128.load (i32.add (local.get $v) (local.get $i)))) (f64x2.mul (f64x2.mul (local.get $c) (local.get $g)) (local.get $g))))
        ;; v[i] = vi;
        (v128.store (i32.add (local.get $v) (local.get $i)) (local.get $vi))
        ;; const delta = (Math.sqrt(u[i] + eps) / Math.sqrt(vi + eps)) * g;
        (local.set $delta (f64x2.mul (f64x2.div (f64x2.sqrt (f64x2.add (v128.load (i32.add (local.get $u) (local.get $i))) (local.get $eps_x2))) (f64x2.sqrt (f64x2.add (local.get $vi) (local.get $eps_x2)))) (local.get $g)))
        ;; u[i] = movingAverageOfSquares(rho, u[i], delta);
        (v128.store (i32.add (local.get $u) (local.get $i)) (f64x2.add (f64x2.mul (local.get $rho_x2) (v128.load (i32.add (local.get $u) (local.get $i)))) (f64x2.mul (f64x2.mul (local.get $c) (local.get $delta)) (local.get $delta))))
        ;; params[i] -= lr * delta;
        (v128.store (i32.add (local.get $params) (local.get $i)) (f64x2.sub (v128.load (i32.add (local.get $params) (local.get $i))) (f64x2.mul (local.get $lr_x2) (local.get $delta))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pair)))
  )
)
