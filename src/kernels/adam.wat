;; Generated from adamUpdate in src/optimizers/adam.ts by scripts/gen-rule-kernels.mjs: do not edit; edit that loop and run
;; `npm run kernels`. Each coordinate's operations are the loop's, in the loop's order, on two lanes at a
;; time (f64x2); each ";;" line below is the source line that the instructions under it compute.
;; Arrays are byte offsets of whole pairs of f64 (the caller pads odd lengths); $pairs counts the pairs.
;; The loop is written out once for each setting of $amsgrad, with the setting as constants
;; inside (V8 drops the branches not taken, which it would not move out of a single loop).
(module
  (import "env" "memory" (memory 1))

  (func (export "adam")
    (param $params i32) (param $grads i32) (param $m i32) (param $v i32) (param $vMax i32) (param $pairs i32) (param $beta1 f64) (param $beta2 f64) (param $stepSize f64) (param $before f64) (param $after f64) (param $eps f64) (param $keep f64) (param $amsgrad i32)
    (local $i i32) (local $end i32)
    (local $g v128) (local $beta1_x2 v128) (local $c v128) (local $mi v128) (local $beta2_x2 v128) (local $c_2 v128) (local $vi v128) (local $before_x2 v128) (local $second v128) (local $keep_x2 v128) (local $stepSize_x2 v128) (local $after_x2 v128) (local $eps_x2 v128)
    (local.set $beta1_x2 (f64x2.splat (local.get $beta1)))
    (local.set $c (f64x2.splat (f64.sub (f64.const 1) (local.get $beta1))))
    (local.set $beta2_x2 (f64x2.splat (local.get $beta2)))
    (local.set $c_2 (f64x2.splat (f64.sub (f64.const 1) (local.get $beta2))))
    (local.set $before_x2 (f64x2.splat (local.get $before)))
    (local.set $keep_x2 (f64x2.splat (local.get $keep)))
    (local.set $stepSize_x2 (f64x2.splat (local.get $stepSize)))
    (local.set $after_x2 (f64x2.splat (local.get $after)))
    (local.set $eps_x2 (f64x2.splat (local.get $eps)))
    (local.set $end (i32.shl (local.get $pairs) (i32.const 4)))
    ;; amsgrad ? … : … (the loop below written for each)
    (if (local.get $amsgrad)
      (then
        (block $done
          (loop $pair
            (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
            ;; const g = grads[i];
            (local.set $g (v128.load (i32.add (local.get $grads) (local.get $i))))
            ;; const mi = movingAverage(beta1, m[i], g);
            (local.set $mi (f64x2.add (f64x2.mul (local.get $beta1_x2) (v128.load (i32.add (local.get $m) (local.get $i)))) (f64x2.mul (local.get $c) (local.get $g))))
            ;; const vi = movingAverageOfSquares(beta2, v[i], g);
            (local.set $vi (f64x2.add (f64x2.mul (local.get $beta2_x2) (v128.load (i32.add (local.get $v) (local.get $i)))) (f64x2.mul (f64x2.mul (local.get $c_2) (local.get $g)) (local.get $g))))
            ;; m[i] = mi;
            (v128.store (i32.add (local.get $m) (local.get $i)) (local.get $mi))
            ;; v[i] = vi;
            (v128.store (i32.add (local.get $v) (local.get $i)) (local.get $vi))
            ;; let second = vi * before;
            (local.set $second (f64x2.mul (local.get $vi) (local.get $before_x2)))
            ;; if (amsgrad)
            (if (i32.const 1)
              (then
                ;; second = Math.max(vMax[i], second);
                (local.set $second (f64x2.max (v128.load (i32.add (local.get $vMax) (local.get $i))) (local.get $second)))
                ;; vMax[i] = second;
                (v128.store (i32.add (local.get $vMax) (local.get $i)) (local.get $second))
              )
            )
            ;; params[i] = params[i] * keep - (stepSize * mi) / (Math.sqrt(second) * after + eps);
            (v128.store (i32.add (local.get $params) (local.get $i)) (f64x2.sub (f64x2.mul (v128.load (i32.add (local.get $params) (local.get $i))) (local.get $keep_x2)) (f64x2.div (f64x2.mul (local.get $stepSize_x2) (local.get $mi)) (f64x2.add (f64x2.mul (f64x2.sqrt (local.get $second)) (local.get $after_x2)) (local.get $eps_x2)))))
            (local.set $i (i32.add (local.get $i) (i32.const 16)))
            (br $pair)))
      )
      (else
        (block $done
          (loop $pair
            (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
            ;; const g = grads[i];
            (local.set $g (v128.load (i32.add (local.get $grads) (local.get $i))))
            ;; const mi = movingAverage(beta1, m[i], g);
            (local.set $mi (f64x2.add (f64x2.mul (local.get $beta1_x2) (v128.load (i32.add (local.get $m) (local.get $i)))) (f64x2.mul (local.get $c) (local.get $g))))
            ;; const vi = movingAverageOfSquares(beta2, v[i], g);
            (local.set $vi (f64x2.add (f64x2.mul (local.get $beta2_x2) (v128.load (i32.add (local.get $v) (local.get $i)))) (f64x2.mul (f64x2.mul (local.get $c_2) (local.get $g)) (local.get $g))))
            ;; m[i] = mi;
            (v128.store (i32.add (local.get $m) (local.get $i)) (local.get $mi))
            ;; v[i] = vi;
            (v128.store (i32.add (local.get $v) (local.get $i)) (local.get $vi))
            ;; let second = vi * before;
            (local.set $second (f64x2.mul (local.get $vi) (local.get $before_x2)))
            ;; if (amsgrad)
            (if (i32.const 0)
              (then
                ;; second = Math.max(vMax[i], second);
                (local.set $second (f64x2.max (v128.load (i32.add (local.get $vMax) (local.get $i))) (local.get $second)))
                ;; vMax[i] = second;
                (v128.store (i32.add (local.get $vMax) (local.get $i)) (local.get $second))
              )
            )
            ;; params[i] = params[i] * keep - (stepSize * mi) / (Math.sqrt(second) * after + eps);
            (v128.store (i32.add (local.get $params) (local.get $i)) (f64x2.sub (f64x2.mul (v128.load (i32.add (local.get $params) (local.get $i))) (local.get $keep_x2)) (f64x2.div (f64x2.mul (local.get $stepSize_x2) (local.get $mi)) (f64x2.add (f64x2.mul (f64x2.sqrt (local.get $second)) (local.get $after_x2)) (local.get $eps_x2)))))
            (local.set $i (i32.add (local.get $i) (i32.const 16)))
            (br $pair)))
      ))
  )
)
