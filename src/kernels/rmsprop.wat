;; Generated from rmspropUpdate in src/optimizers/rmsprop.ts by scripts/gen-rule-kernels.mjs: do not edit; edit that loop and run
;; `npm run kernels`. Each coordinate's operations are the loop's, in the loop's order, on two lanes at a
;; time (f64x2); each ";;" line below is the source line that the instructions under it compute.
;; Arrays are byte offsets of whole pairs of f64 (the caller pads odd lengths); $pairs counts the pairs.
;; The loop is written out once for each setting of $centered and $useMomentum, with the setting as constants
;; inside (V8 drops the branches not taken, which it would not move out of a single loop).
(module
  (import "env" "memory" (memory 1))

  (func (export "rmsprop")
    (param $params i32) (param $grads i32) (param $v i32) (param $gAvg i32) (param $b i32) (param $pairs i32) (param $alpha f64) (param $epsIn f64) (param $epsOut f64) (param $lr f64) (param $momentum f64) (param $inner f64) (param $outer f64) (param $centered i32) (param $useMomentum i32)
    (local $i i32) (local $end i32)
    (local $g v128) (local $alpha_x2 v128) (local $c v128) (local $vi v128) (local $vTilde v128) (local $a v128) (local $c_2 v128) (local $epsIn_x2 v128) (local $epsOut_x2 v128) (local $scaled v128) (local $momentum_x2 v128) (local $inner_x2 v128) (local $bi v128) (local $outer_x2 v128) (local $lr_x2 v128)
    (local.set $alpha_x2 (f64x2.splat (local.get $alpha)))
    (local.set $c (f64x2.splat (f64.sub (f64.const 1) (local.get $alpha))))
    (local.set $c_2 (f64x2.splat (f64.const 0)))
    (local.set $epsIn_x2 (f64x2.splat (local.get $epsIn)))
    (local.set $epsOut_x2 (f64x2.splat (local.get $epsOut)))
    (local.set $momentum_x2 (f64x2.splat (local.get $momentum)))
    (local.set $inner_x2 (f64x2.splat (local.get $inner)))
    (local.set $outer_x2 (f64x2.splat (local.get $outer)))
    (local.set $lr_x2 (f64x2.splat (local.get $lr)))
    (local.set $end (i32.shl (local.get $pairs) (i32.const 4)))
    ;; centered ? … : … (the loop below written for each)
    (if (local.get $centered)
      (then
        ;; useMomentum ? … : … (the loop below written for each)
        (if (local.get $useMomentum)
          (then
            (block $done
              (loop $pair
                (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
                ;; const g = grads[i];
                (local.set $g (v128.load (i32.add (local.get $grads) (local.get $i))))
                ;; const vi = movingAverageOfSquares(alpha, v[i], g);
                (local.set $vi (f64x2.add (f64x2.mul (local.get $alpha_x2) (v128.load (i32.add (local.get $v) (local.get $i)))) (f64x2.mul (f64x2.mul (local.get $c) (local.get $g)) (local.get $g))))
                ;; v[i] = vi;
                (v128.store (i32.add (local.get $v) (local.get $i)) (local.get $vi))
                ;; let vTilde = vi;
                (local.set $vTilde (local.get $vi))
                ;; if (centered)
                (if (i32.const 1)
                  (then
                    ;; const a = movingAverage(alpha, gAvg[i], g);
                    (local.set $a (f64x2.add (f64x2.mul (local.get $alpha_x2) (v128.load (i32.add (local.get $gAvg) (local.get $i)))) (f64x2.mul (local.get $c) (local.get $g))))
                    ;; gAvg[i] = a;
                    (v128.store (i32.add (local.get $gAvg) (local.get $i)) (local.get $a))
                    ;; vTilde = Math.max(vi - a * a, 0);
                    (local.set $vTilde (f64x2.max (f64x2.sub (local.get $vi) (f64x2.mul (local.get $a) (local.get $a))) (local.get $c_2)))
                  )
                )
                ;; const scaled = g / (Math.sqrt(vTilde + epsIn) + epsOut);
                (local.set $scaled (f64x2.div (local.get $g) (f64x2.add (f64x2.sqrt (f64x2.add (local.get $vTilde) (local.get $epsIn_x2))) (local.get $epsOut_x2))))
                ;; if (useMomentum)
                (if (i32.const 1)
                  (then
                    ;; const bi = momentum * b[i] + inner * scaled;
                    (local.set $bi (f64x2.add (f64x2.mul (local.get $momentum_x2) (v128.load (i32.add (local.get $b) (local.get $i)))) (f64x2.mul (local.get $inner_x2) (local.get $scaled))))
                    ;; b[i] = bi;
                    (v128.store (i32.add (local.get $b) (local.get $i)) (local.get $bi))
                    ;; params[i] -= outer * bi;
                    (v128.store (i32.add (local.get $params) (local.get $i)) (f64x2.sub (v128.load (i32.add (local.get $params) (local.get $i))) (f64x2.mul (local.get $outer_x2) (local.get $bi))))
                  )
                  (else
                    ;; params[i] -= lr * scaled;
                    (v128.store (i32.add (local.get $params) (local.get $i)) (f64x2.sub (v128.load (i32.add (local.get $params) (local.get $i))) (f64x2.mul (local.get $lr_x2) (local.get $scaled))))
                  )
                )
                (local.set $i (i32.add (local.get $i) (i32.const 16)))
                (br $pair)))
          )
          (else
            (block $done
              (loop $pair
                (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
                ;; const g = grads[i];
                (local.set $g (v128.load (i32.add (local.get $grads) (local.get $i))))
                ;; const vi = movingAverageOfSquares(alpha, v[i], g);
                (local.set $vi (f64x2.add (f64x2.mul (local.get $alpha_x2) (v128.load (i32.add (local.get $v) (local.get $i)))) (f64x2.mul (f64x2.mul (local.get $c) (local.get $g)) (local.get $g))))
                ;; v[i] = vi;
                (v128.store (i32.add (local.get $v) (local.get $i)) (local.get $vi))
                ;; let vTilde = vi;
                (local.set $vTilde (local.get $vi))
                ;; if (centered)
                (if (i32.const 1)
                  (then
                    ;; const a = movingAverage(alpha, gAvg[i], g);
                    (local.set $a (f64x2.add (f64x2.mul (local.get $alpha_x2) (v128.load (i32.add (local.get $gAvg) (local.get $i)))) (f64x2.mul (local.get $c) (local.get $g))))
                    ;; gAvg[i] = a;
                    (v128.store (i32.add (local.get $gAvg) (local.get $i)) (local.get $a))
                    ;; vTilde = Math.max(vi - a * a, 0);
                    (local.set $vTilde (f64x2.max (f64x2.sub (local.get $vi) (f64x2.mul (local.get $a) (local.get $a))) (local.get $c_2)))
                  )
                )
                ;; const scaled = g / (Math.sqrt(vTilde + epsIn) + epsOut);
                (local.set $scaled (f64x2.div (local.get $g) (f64x2.add (f64x2.sqrt (f64x2.add (local.get $vTilde) (local.get $epsIn_x2))) (local.get $epsOut_x2))))
                ;; if (useMomentum)
                (if (i32.const 0)
                  (then
                    ;; const bi = momentum * b[i] + inner * scaled;
                    (local.set $bi (f64x2.add (f64x2.mul (local.get $momentum_x2) (v128.load (i32.add (local.get $b) (local.get $i)))) (f64x2.mul (local.get $inner_x2) (local.get $scaled))))
                    ;; b[i] = bi;
                    (v128.store (i32.add (local.get $b) (local.get $i)) (local.get $bi))
                    ;; params[i] -= outer * bi;
                    (v128.store (i32.add (local.get $params) (local.get $i)) (f64x2.sub (v128.load (i32.add (local.get $params) (local.get $i))) (f64x2.mul (local.get $outer_x2) (local.get $bi))))
                  )
                  (else
                    ;; params[i] -= lr * scaled;
                    (v128.store (i32.add (local.get $params) (local.get $i)) (f64x2.sub (v128.load (i32.add (local.get $params) (local.get $i))) (f64x2.mul (local.get $lr_x2) (local.get $scaled))))
                  )
                )
                (local.set $i (i32.add (local.get $i) (i32.const 16)))
                (br $pair)))
          ))
      )
      (else
        ;; useMomentum ? … : … (the loop below written for each)
        (if (local.get $useMomentum)
          (then
            (block $done
              (loop $pair
                (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
                ;; const g = grads[i];
                (local.set $g (v128.load (i32.add (local.get $grads) (local.get $i))))
                ;; const vi = movingAverageOfSquares(alpha, v[i], g);
                (local.set $vi (f64x2.add (f64x2.mul (local.get $alpha_x2) (v128.load (i32.add (local.get $v) (local.get $i)))) (f64x2.mul (f64x2.mul (local.get $c) (local.get $g)) (local.get $g))))
                ;; v[i] = vi;
                (v128.store (i32.add (local.get $v) (local.get $i)) (local.get $vi))
                ;; let vTilde = vi;
                (local.set $vTilde (local.get $vi))
                ;; if (centered)
                (if (i32.const 0)
                  (then
                    ;; const a = movingAverage(alpha, gAvg[i], g);
                    (local.set $a (f64x2.add (f64x2.mul (local.get $alpha_x2) (v128.load (i32.add (local.get $gAvg) (local.get $i)))) (f64x2.mul (local.get $c) (local.get $g))))
                    ;; gAvg[i] = a;
                    (v128.store (i32.add (local.get $gAvg) (local.get $i)) (local.get $a))
                    ;; vTilde = Math.max(vi - a * a, 0);
                    (local.set $vTilde (f64x2.max (f64x2.sub (local.get $vi) (f64x2.mul (local.get $a) (local.get $a))) (local.get $c_2)))
                  )
                )
                ;; const scaled = g / (Math.sqrt(vTilde + epsIn) + epsOut);
                (local.set $scaled (f64x2.div (local.get $g) (f64x2.add (f64x2.sqrt (f64x2.add (local.get $vTilde) (local.get $epsIn_x2))) (local.get $epsOut_x2))))
                ;; if (useMomentum)
                (if (i32.const 1)
                  (then
                    ;; const bi = momentum * b[i] + inner * scaled;
                    (local.set $bi (f64x2.add (f64x2.mul (local.get $momentum_x2) (v128.load (i32.add (local.get $b) (local.get $i)))) (f64x2.mul (local.get $inner_x2) (local.get $scaled))))
                    ;; b[i] = bi;
                    (v128.store (i32.add (local.get $b) (local.get $i)) (local.get $bi))
                    ;; params[i] -= outer * bi;
                    (v128.store (i32.add (local.get $params) (local.get $i)) (f64x2.sub (v128.load (i32.add (local.get $params) (local.get $i))) (f64x2.mul (local.get $outer_x2) (local.get $bi))))
                  )
                  (else
                    ;; params[i] -= lr * scaled;
                    (v128.store (i32.add (local.get $params) (local.get $i)) (f64x2.sub (v128.load (i32.add (local.get $params) (local.get $i))) (f64x2.mul (local.get $lr_x2) (local.get $scaled))))
                  )
                )
                (local.set $i (i32.add (local.get $i) (i32.const 16)))
                (br $pair)))
          )
          (else
            (block $done
              (loop $pair
                (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
                ;; const g = grads[i];
                (local.set $g (v128.load (i32.add (local.get $grads) (local.get $i))))
                ;; const vi = movingAverageOfSquares(alpha, v[i], g);
                (local.set $vi (f64x2.add (f64x2.mul (local.get $alpha_x2) (v128.load (i32.add (local.get $v) (local.get $i)))) (f64x2.mul (f64x2.mul (local.get $c) (local.get $g)) (local.get $g))))
                ;; v[i] = vi;
                (v128.store (i32.add (local.get $v) (local.get $i)) (local.get $vi))
                ;; let vTilde = vi;
                (local.set $vTilde (local.get $vi))
                ;; if (centered)
                (if (i32.const 0)
                  (then
                    ;; const a = movingAverage(alpha, gAvg[i], g);
                    (local.set $a (f64x2.add (f64x2.mul (local.get $alpha_x2) (v128.load (i32.add (local.get $gAvg) (local.get $i)))) (f64x2.mul (local.get $c) (local.get $g))))
                    ;; gAvg[i] = a;
                    (v128.store (i32.add (local.get $gAvg) (local.get $i)) (local.get $a))
                    ;; vTilde = Math.max(vi - a * a, 0);
                    (local.set $vTilde (f64x2.max (f64x2.sub (local.get $vi) (f64x2.mul (local.get $a) (local.get $a))) (local.get $c_2)))
                  )
                )
                ;; const scaled = g / (Math.sqrt(vTilde + epsIn) + epsOut);
                (local.set $scaled (f64x2.div (local.get $g) (f64x2.add (f64x2.sqrt (f64x2.add (local.get $vTilde) (local.get $epsIn_x2))) (local.get $epsOut_x2))))
                ;; if (useMomentum)
                (if (i32.const 0)
                  (then
                    ;; const bi = momentum * b[i] + inner * scaled;
                    (local.set $bi (f64x2.add (f64x2.mul (local.get $momentum_x2) (v128.load (i32.add (local.get $b) (local.get $i)))) (f64x2.mul (local.get $inner_x2) (local.get $scaled))))
                    ;; b[i] = bi;
                    (v128.store (i32.add (local.get $b) (local.get $i)) (local.get $bi))
                    ;; params[i] -= outer * bi;
                    (v128.store (i32.add (local.get $params) (local.get $i)) (f64x2.sub (v128.load (i32.add (local.get $params) (local.get $i))) (f64x2.mul (local.get $outer_x2) (local.get $bi))))
                  )
                  (else
                    ;; params[i] -= lr * scaled;
                    (v128.store (i32.add (local.get $params) (local.get $i)) (f64x2.sub (v128.load (i32.add (local.get $params) (local.get $i))) (f64x2.mul (local.get $lr_x2) (local.get $scaled))))
                  )
                )
                (local.set $i (i32.add (local.get $i) (i32.const 16)))
                (br $pair)))
          ))
      ))
  )
)
