;; ReLU and its derivative for the from-scratch MLP's hidden layers (src/networks/activations.ts), in
;; WebAssembly SIMD, two f64 lanes per pass, the same formulas as the activation table's loops:
;; "relu" writes h[i] = z[i] > 0 ? z[i] : 0 (the lanes where z > 0 kept by a mask, the others +0);
;; "reluBackward" multiplies g[i] by z[i] > 0 ? 1 : 0 (a product, as g[i] *= f'(z[i]) is: g·0 is ±0, NaN
;; stays NaN). No branch per value, so random signs cost no mispredictions. Byte addresses; n values; a
;; last odd value one at a time.
(module
  (import "env" "memory" (memory 1))

  (func (export "relu") (param $h i32) (param $z i32) (param $n i32)
    (local $end i32) (local $end2 i32) (local $v v128)
    (local.set $end (i32.add (local.get $z) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $end2 (i32.add (local.get $z) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (block $done2 (loop $two
      (br_if $done2 (i32.ge_u (local.get $z) (local.get $end2)))
      (local.set $v (v128.load (local.get $z)))
      (v128.store (local.get $h) (v128.and (local.get $v) (f64x2.gt (local.get $v) (f64x2.splat (f64.const 0)))))
      (local.set $z (i32.add (local.get $z) (i32.const 16)))
      (local.set $h (i32.add (local.get $h) (i32.const 16)))
      (br $two)))
    (if (i32.lt_u (local.get $z) (local.get $end))
      (then
        (f64.store (local.get $h)
          (select (f64.load (local.get $z)) (f64.const 0) (f64.gt (f64.load (local.get $z)) (f64.const 0)))))))

  (func (export "reluBackward") (param $g i32) (param $z i32) (param $n i32)
    (local $end i32) (local $end2 i32)
    (local.set $end (i32.add (local.get $z) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $end2 (i32.add (local.get $z) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (block $done2 (loop $two
      (br_if $done2 (i32.ge_u (local.get $z) (local.get $end2)))
      (v128.store (local.get $g)
        (f64x2.mul (v128.load (local.get $g))
          (v128.and (f64x2.gt (v128.load (local.get $z)) (f64x2.splat (f64.const 0))) (f64x2.splat (f64.const 1)))))
      (local.set $z (i32.add (local.get $z) (i32.const 16)))
      (local.set $g (i32.add (local.get $g) (i32.const 16)))
      (br $two)))
    (if (i32.lt_u (local.get $z) (local.get $end))
      (then
        (f64.store (local.get $g)
          (f64.mul (f64.load (local.get $g))
            (select (f64.const 1) (f64.const 0) (f64.gt (f64.load (local.get $z)) (f64.const 0))))))))
)
