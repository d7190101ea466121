;; Plain gradient descent θ ← θ − ηg in one pass that checks its own results and can be undone exactly,
;; for params and grads in the kernel heap (src/kernels/undoableSgd.ts). Every other step first reads
;; params and grads once to check them (squares.wat) and then again to update them; plain SGD moves so
;; few bytes (read θ and g, write θ) that the first pass would cost two thirds as much again.
;;
;; The update of each pair is sgdUpdate's plain branch (src/optimizers/sgd.ts), `params[i] -= lr * g`:
;; q = η·g, then θ − q, the same two roundings. Before a pair is stored:
;; - its results must be finite (a NaN or ±∞ in θ or g, or an overflow, makes one that is not): if not,
;;   the pass stops there, that pair and those after it untouched;
;; - each old θ must come back exactly as (θ − q) + q, compared bit for bit. It nearly always does (the
;;   rounding of θ − q is at most half an ulp of θ unless the result moves to a larger binade, or is a
;;   tie); a pair where it does not is logged first, its old value and its byte address, 32 bytes an
;;   entry at $log, at most $capacity entries (a full log stops the pass, as a bad result does).
;; So every stored pair can be put back as it was: recompute (θ − q) + q, then write the logged values.
;; Stores at $out the pairs done (i32) and the entries logged (i32 at $out + 4).
(module
  (import "env" "memory" (memory 1))

  (func (export "undoableSgd") (param $p i32) (param $g i32) (param $pairs i32) (param $lr f64) (param $log i32) (param $capacity i32) (param $out i32)
    (local $i i32) (local $end i32) (local $d i32) (local $logged i32)
    (local $lr_x2 v128) (local $largest v128) (local $old v128) (local $q v128) (local $new v128)
    (local $old0 v128) (local $old1 v128) (local $old2 v128) (local $old3 v128) (local $q0 v128) (local $q1 v128) (local $q2 v128) (local $q3 v128)
    (local $new0 v128) (local $new1 v128) (local $new2 v128) (local $new3 v128) (local $sum v128)
    (local.set $lr_x2 (f64x2.splat (local.get $lr)))
    (local.set $largest (f64x2.splat (f64.const 0x1.fffffffffffffp+1023)))
    ;; $i walks params; grads sit $d bytes further on.
    (local.set $d (i32.sub (local.get $g) (local.get $p)))
    (local.set $i (local.get $p))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $pairs) (i32.const 4))))
    (block $stop
      (loop $next
        ;; Four pairs at a time while all pass both checks (nearly always): one test for the eight values.
        (block $careful
          (loop $four
            (br_if $careful (i32.lt_u (i32.sub (local.get $end) (local.get $i)) (i32.const 64)))
            (local.set $old0 (v128.load (local.get $i)))
            (local.set $old1 (v128.load offset=16 (local.get $i)))
            (local.set $old2 (v128.load offset=32 (local.get $i)))
            (local.set $old3 (v128.load offset=48 (local.get $i)))
            ;; params[i] -= lr * g;
            (local.set $q0 (f64x2.mul (local.get $lr_x2) (v128.load (i32.add (local.get $i) (local.get $d)))))
            (local.set $q1 (f64x2.mul (local.get $lr_x2) (v128.load offset=16 (i32.add (local.get $i) (local.get $d)))))
            (local.set $q2 (f64x2.mul (local.get $lr_x2) (v128.load offset=32 (i32.add (local.get $i) (local.get $d)))))
            (local.set $q3 (f64x2.mul (local.get $lr_x2) (v128.load offset=48 (i32.add (local.get $i) (local.get $d)))))
            (local.set $new0 (f64x2.sub (local.get $old0) (local.get $q0)))
            (local.set $new1 (f64x2.sub (local.get $old1) (local.get $q1)))
            (local.set $new2 (f64x2.sub (local.get $old2) (local.get $q2)))
            (local.set $new3 (f64x2.sub (local.get $old3) (local.get $q3)))
            ;; Both checks for the eight values at once, in as few instructions as possible (memory is the limit
            ;; here, and every instruction more keeps fewer loads in flight): the bits of (θ − q) + q XOR θ, all
            ;; zero when each θ comes back exactly; and s − s for the sum s of the eight results, +0 (bits
            ;; zero) when s is finite, NaN otherwise. A NaN or ±∞ among the results makes s NaN or ±∞, so a
            ;; finite s means finite results (a sum of finite results that overflows only sends these pairs
            ;; the careful way, where each check is made on its own).
            (br_if $careful (v128.any_true (v128.or
              (v128.or
                (v128.or (v128.xor (f64x2.add (local.get $new0) (local.get $q0)) (local.get $old0)) (v128.xor (f64x2.add (local.get $new1) (local.get $q1)) (local.get $old1)))
                (v128.or (v128.xor (f64x2.add (local.get $new2) (local.get $q2)) (local.get $old2)) (v128.xor (f64x2.add (local.get $new3) (local.get $q3)) (local.get $old3))))
              (f64x2.sub
                (local.tee $sum (f64x2.add (f64x2.add (local.get $new0) (local.get $new1)) (f64x2.add (local.get $new2) (local.get $new3))))
                (local.get $sum)))))
            (v128.store (local.get $i) (local.get $new0))
            (v128.store offset=16 (local.get $i) (local.get $new1))
            (v128.store offset=32 (local.get $i) (local.get $new2))
            (v128.store offset=48 (local.get $i) (local.get $new3))
            (local.set $i (i32.add (local.get $i) (i32.const 64)))
            (br $four)))
        ;; One pair with a check that failed above, or the last, lone pair: each check on its own.
        (br_if $stop (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $old (v128.load (local.get $i)))
        ;; params[i] -= lr * g;
        (local.set $q (f64x2.mul (local.get $lr_x2) (v128.load (i32.add (local.get $i) (local.get $d)))))
        (local.set $new (f64x2.sub (local.get $old) (local.get $q)))
        ;; |θ − q| ≤ the largest double, false for NaN: otherwise stop before anything of this pair changes.
        (br_if $stop (i32.eqz (i64x2.all_true (f64x2.le (f64x2.abs (local.get $new)) (local.get $largest)))))
        ;; (θ − q) + q must be θ, bit for bit; otherwise log the old pair (stop if the log is full).
        (if (i32.eqz (i64x2.all_true (i64x2.eq (f64x2.add (local.get $new) (local.get $q)) (local.get $old))))
          (then
            (br_if $stop (i32.ge_u (local.get $logged) (local.get $capacity)))
            (v128.store (i32.add (local.get $log) (i32.shl (local.get $logged) (i32.const 5))) (local.get $old))
            (i32.store offset=16 (i32.add (local.get $log) (i32.shl (local.get $logged) (i32.const 5))) (local.get $i))
            (local.set $logged (i32.add (local.get $logged) (i32.const 1)))))
        (v128.store (local.get $i) (local.get $new))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $next)))
    (i32.store (local.get $out) (i32.shr_u (i32.sub (local.get $i) (local.get $p)) (i32.const 4)))
    (i32.store offset=4 (local.get $out) (local.get $logged)))
)
