;; Generated from sgdUpdate in src/optimizers/sgd.ts by scripts/gen-rule-kernels.mjs: do not edit; edit that loop and run
;; `npm run kernels`. Each coordinate's operations are the loop's, in the loop's order, on two lanes at a
;; time (f64x2); each ";;" line below is the source line that the instructions under it compute.
;; Arrays are byte offsets of whole pairs of f64 (the caller pads odd lengths); $pairs counts the pairs.
;; The loop is written out once for each setting of $useMomentum and $nesterov, with the setting as constants
;; inside (V8 drops the branches not taken, which it would not move out of a single loop).
(module
  (import "env" "memory" (memory 1))

  (func (export "sgd")
    (param $params i32) (param $grads i32) (param $b i32) (param $pairs i32) (param $lr f64) (param $momentum f64) (param $c f64) (param $inner f64) (param $outer f64) (param $useMomentum i32) (param $nesterov i32)
    (local $i i32) (local $end i32)
    (local $g v128) (local $momentum_x2 v128) (local $c_x2 v128) (local $bi v128) (local $inner_x2 v128) (local $outer_x2 v128) (local $lr_x2 v128)
    (local.set $momentum_x2 (f64x2.splat (local.get $momentum)))
    (local.set $c_x2 (f64x2.splat (local.get $c)))
    (local.set $inner_x2 (f64x2.splat (local.get $inner)))
    (local.set $outer_x2 (f64x2.splat (local.get $outer)))
    (local.set $lr_x2 (f64x2.splat (local.get $lr)))
    (local.set $end (i32.shl (local.get $pairs) (i32.const 4)))
    ;; useMomentum ? … : … (the loop below written for each)
    (if (local.get $useMomentum)
      (then
        ;; nesterov ? … : … (the loop below written for each)
        (if (local.get $nesterov)
          (then
            (block $done
              (loop $pair
                (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
                ;; const g = grads[i];
                (local.set $g (v128.load (i32.add (local.get $grads) (local.get $i))))
                ;; if (useMomentum)
                (if (i32.const 1)
                  (then
                    ;; const bi = momentum * b[i] + c * g;
                    (local.set $bi (f64x2.add (f64x2.mul (local.get $momentum_x2) (v128.load (i32.add (local.get $b) (local.get $i)))) (f64x2.mul (local.get $c_x2) (local.get $g))))
                    ;; b[i] = bi;
                    (v128.store (i32.add (local.get $b) (local.get $i)) (local.get $bi))
                    ;; params[i] -= outer * (nesterov ? inner * g + momentum * bi : bi);
                    (v128.store (i32.add (local.get $params) (local.get $i)) (f64x2.sub (v128.load (i32.add (local.get $params) (local.get $i))) (f64x2.mul (local.get $outer_x2) (if (result v128) (i32.const 1) (then (f64x2.add (f64x2.mul (local.get $inner_x2) (local.get $g)) (f64x2.mul (local.get $momentum_x2) (local.get $bi)))) (else (local.get $bi))))))
                  )
                  (else
                    ;; params[i] -= lr * g;
                    (v128.store (i32.add (local.get $params) (local.get $i)) (f64x2.sub (v128.load (i32.add (local.get $params) (local.get $i))) (f64x2.mul (local.get $lr_x2) (local.get $g))))
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
                ;; if (useMomentum)
                (if (i32.const 1)
                  (then
                    ;; const bi = momentum * b[i] + c * g;
                    (local.set $bi (f64x2.add (f64x2.mul (local.get $momentum_x2) (v128.load (i32.add (local.get $b) (local.get $i)))) (f64x2.mul (local.get $c_x2) (local.get $g))))
                    ;; b[i] = bi;
                    (v128.store (i32.add (local.get $b) (local.get $i)) (local.get $bi))
                    ;; params[i] -= outer * (nesterov ? inner * g + momentum * bi : bi);
                    (v128.store (i32.add (local.get $params) (local.get $i)) (f64x2.sub (v128.load (i32.add (local.get $params) (local.get $i))) (f64x2.mul (local.get $outer_x2) (if (result v128) (i32.const 0) (then (f64x2.add (f64x2.mul (local.get $inner_x2) (local.get $g)) (f64x2.mul (local.get $momentum_x2) (local.get $bi)))) (else (local.get $bi))))))
                  )
                  (else
                    ;; params[i] -= lr * g;
                    (v128.store (i32.add (local.get $params) (local.get $i)) (f64x2.sub (v128.load (i32.add (local.get $params) (local.get $i))) (f64x2.mul (local.get $lr_x2) (local.get $g))))
                  )
                )
                (local.set $i (i32.add (local.get $i) (i32.const 16)))
                (br $pair)))
          ))
      )
      (else
        ;; nesterov ? … : … (the loop below written for each)
        (if (local.get $nesterov)
          (then
            (block $done
              (loop $pair
                (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
                ;; const g = grads[i];
                (local.set $g (v128.load (i32.add (local.get $grads) (local.get $i))))
                ;; if (useMomentum)
                (if (i32.const 0)
                  (then
                    ;; const bi = momentum * b[i] + c * g;
                    (local.set $bi (f64x2.add (f64x2.mul (local.get $momentum_x2) (v128.load (i32.add (local.get $b) (local.get $i)))) (f64x2.mul (local.get $c_x2) (local.get $g))))
                    ;; b[i] = bi;
                    (v128.store (i32.add (local.get $b) (local.get $i)) (local.get $bi))
                    ;; params[i] -= outer * (nesterov ? inner * g + momentum * bi : bi);
                    (v128.store (i32.add (local.get $params) (local.get $i)) (f64x2.sub (v128.load (i32.add (local.get $params) (local.get $i))) (f64x2.mul (local.get $outer_x2) (if (result v128) (i32.const 1) (then (f64x2.add (f64x2.mul (local.get $inner_x2) (local.get $g)) (f64x2.mul (local.get $momentum_x2) (local.get $bi)))) (else (local.get $bi))))))
                  )
                  (else
                    ;; params[i] -= lr * g;
                    (v128.store (i32.add (local.get $params) (local.get $i)) (f64x2.sub (v128.load (i32.add (local.get $params) (local.get $i))) (f64x2.mul (local.get $lr_x2) (local.get $g))))
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
                ;; if (useMomentum)
                (if (i32.const 0)
                  (then
                    ;; const bi = momentum * b[i] + c * g;
                    (local.set $bi (f64x2.add (f64x2.mul (local.get $momentum_x2) (v128.load (i32.add (local.get $b) (local.get $i)))) (f64x2.mul (local.get $c_x2) (local.get $g))))
                    ;; b[i] = bi;
                    (v128.store (i32.add (local.get $b) (local.get $i)) (local.get $bi))
                    ;; params[i] -= outer * (nesterov ? inner * g + momentum * bi : bi);
                    (v128.store (i32.add (local.get $params) (local.get $i)) (f64x2.sub (v128.load (i32.add (local.get $params) (local.get $i))) (f64x2.mul (local.get $outer_x2) (if (result v128) (i32.const 0) (then (f64x2.add (f64x2.mul (local.get $inner_x2) (local.get $g)) (f64x2.mul (local.get $momentum_x2) (local.get $bi)))) (else (local.get $bi))))))
                  )
                  (else
                    ;; params[i] -= lr * g;
                    (v128.store (i32.add (local.get $params) (local.get $i)) (f64x2.sub (v128.load (i32.add (local.get $params) (local.get $i))) (f64x2.mul (local.get $lr_x2) (local.get $g))))
                  )
                )
                (local.set $i (i32.add (local.get $i) (i32.const 16)))
                (br $pair)))
          ))
      ))
  )
)
