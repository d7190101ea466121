;; Generated from adamaxUpdate in src/optimizers/adamax.ts by scripts/gen-rule-kernels.mjs: do not edit; edit that loop and run
;; `npm run kernels`. Each coordinate's operations are the loop's, in the loop's order, on two lanes at a
;; time (f64x2); each ";;" line below is the source line that the instructions under it compute.
;; Arrays are byte offsets of whole pairs of f64 (the caller pads odd lengths); $pairs counts the pairs.
(module
  (import "env" "memory" (memory 1))

  (func (export "adamax")
    (param $params i32) (param $grads i32) (param $m i32) (param $u i32) (param $pairs i32) (param $beta1 f64) (param $beta2 f64) (param $stepSize f64) (param $epsInMax f64) (param $epsInDenominator f64)
    (local $i i32) (local $end i32)
    (local $g v128) (local $beta1_x2 v128) (local $c v128) (local $mi v128) (local $beta2_x2 v128) (local $epsInMax_x2 v128) (local $ui v128) (local $stepSize_x2 v128) (local $epsInDenominator_x2 v128)
    (local.set $beta1_x2 (f64x2.splat (local.get $beta1)))
    (local.set $c (f64x2.splat (f64.sub (f64.const 1) (local.get $beta1))))
    (local.set $beta2_x2 (f64x2.splat (local.get $beta2)))
    (local.set $epsInMax_x2 (f64x2.splat (local.get $epsInMax)))
    (local.set $stepSize_x2 (f64x2.splat (local.get $stepSize)))
    (local.set $epsInDenominator_x2 (f64x2.splat (local.get $epsInDenominator)))
    (local.set $end (i32.shl (local.get $pairs) (i32.const 4)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        ;; const g = grads[i];
        (local.set $g (v128.load (i32.add (local.get $grads) (local.get $i))))
        ;; const mi = movingAverage(beta1, m[i], g);
        (local.set $mi (f64x2.add (f64x2.mul (local.get $beta1_x2) (v128.load (i32.add (local.get $m) (local.get $i)))) (f64x2.mul (local.get $c) (local.get $g))))
        ;; const ui = Math.max(beta2 * u[i], Math.abs(g) + epsInMax);
        (local.set $ui (f64x2.max (f64x2.mul (local.get $beta2_x2) (v128.load (i32.add (local.get $u) (local.get $i)))) (f64x2.add (f64x2.abs (local.get $g)) (local.get $epsInMax_x2))))
        ;; m[i] = mi;
        (v128.store (i32.add (local.get $m) (local.get $i)) (local.get $mi))
        ;; u[i] = ui;
        (v128.store (i32.add (local.get $u) (local.get $i)) (local.get $ui))
        ;; params[i] -= (stepSize * mi) / (ui + epsInDenominator);
        (v128.store (i32.add (local.get $params) (local.get $i)) (f64x2.sub (v128.load (i32.add (local.get $params) (local.get $i))) (f64x2.div (f64x2.mul (local.get $stepSize_x2) (local.get $mi)) (f64x2.add (local.get $ui) (local.get $epsInDenominator_x2)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pair)))
  )
)
