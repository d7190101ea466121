;; Generated from yogiUpdate in src/optimizers/yogi.ts by scripts/gen-rule-kernels.mjs: do not edit; edit that loop and run
;; `npm run kernels`. Each coordinate's operations are the loop's, in the loop's order, on two lanes at a
;; time (f64x2); each ";;" line below is the source line that the instructions under it compute.
;; Arrays are byte offsets of whole pairs of f64 (the caller pads odd lengths); $pairs counts the pairs.
(module
  (import "env" "memory" (memory 1))

  (func (export "yogi")
    (param $params i32) (param $grads i32) (param $m i32) (param $v i32) (param $pairs i32) (param $beta1 f64) (param $beta2 f64) (param $stepSize f64) (param $rootBc2 f64) (param $eps f64)
    (local $i i32) (local $end i32)
    (local $g v128) (local $g2 v128) (local $beta1_x2 v128) (local $c v128) (local $mi v128) (local $sign v128) (local $c_2 v128) (local $vi v128) (local $stepSize_x2 v128) (local $rootBc2_x2 v128) (local $eps_x2 v128)
    (local.set $beta1_x2 (f64x2.splat (local.get $beta1)))
    (local.set $c (f64x2.splat (f64.sub (f64.const 1) (local.get $beta1))))
    (local.set $c_2 (f64x2.splat (f64.sub (f64.const 1) (local.get $beta2))))
    (local.set $stepSize_x2 (f64x2.splat (local.get $stepSize)))
    (local.set $rootBc2_x2 (f64x2.splat (local.get $rootBc2)))
    (local.set $eps_x2 (f64x2.splat (local.get $eps)))
    (local.set $end (i32.shl (local.get $pairs) (i32.const 4)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        ;; const g = grads[i];
        (local.set $g (v128.load (i32.add (local.get $grads) (local.get $i))))
        ;; const g2 = g * g;
        (local.set $g2 (f64x2.mul (local.get $g) (local.get $g)))
        ;; const mi = movingAverage(beta1, m[i], g);
        (local.set $mi (f64x2.add (f64x2.mul (local.get $beta1_x2) (v128.load (i32.add (local.get $m) (local.get $i)))) (f64x2.mul (local.get $c) (local.get $g))))
        ;; const vi = v[i] - (1 - beta2) * Math.sign(v[i] - g2) * g2;
        (local.set $vi (f64x2.sub (v128.load (i32.add (local.get $v) (local.get $i))) (f64x2.mul (f64x2.mul (local.get $c_2) (v128.bitselect (v128.or (v128.and (local.tee $sign (f64x2.sub (v128.load (i32.add (local.get $v) (local.get $i))) (local.get $g2))) (v128.const i64x2 0x8000000000000000 0x8000000000000000)) (v128.const f64x2 1 1)) (local.get $sign) (v128.and (f64x2.ne (local.get $sign) (v128.const f64x2 0 0)) (f64x2.eq (local.get $sign) (local.get $sign))))) (local.get $g2))))
        ;; m[i] = mi;
        (v128.store (i32.add (local.get $m) (local.get $i)) (local.get $mi))
        ;; v[i] = vi;
        (v128.store (i32.add (local.get $v) (local.get $i)) (local.get $vi))
        ;; params[i] -= (stepSize * mi) / (Math.sqrt(vi) / rootBc2 + eps);
        (v128.store (i32.add (local.get $params) (local.get $i)) (f64x2.sub (v128.load (i32.add (local.get $params) (local.get $i))) (f64x2.div (f64x2.mul (local.get $stepSize_x2) (local.get $mi)) (f64x2.add (f64x2.div (f64x2.sqrt (local.get $vi)) (local.get $rootBc2_x2)) (local.get $eps_x2)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pair)))
  )
)
