;; Conversions between the f64 arrays of the from-scratch MLP and the f32 scratch arrays its float32
;; products run on (src/networks/simd.ts), in WebAssembly SIMD, four values per pass: about ten times
;; faster than a typed array's `set` from the other type, which converts one element at a time.
;; "narrow" rounds n f64 at $src to f32 at $dst (f32.demote: round to nearest, ties to even, as a
;; Float32Array's store of a number does); "widen" converts n f32 at $src to f64 at $dst (exact).
;; Byte addresses; no alignment needed.
(module
  (import "env" "memory" (memory 1))

  (func (export "narrow") (param $dst i32) (param $src i32) (param $n i32)
    (local $end i32) (local $end4 i32)
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $end4 (i32.add (local.get $src) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 3))))
    (block $done4 (loop $four
      (br_if $done4 (i32.ge_u (local.get $src) (local.get $end4)))
      ;; Each demote leaves two f32 in the low half; the shuffle puts the two halves side by side.
      (v128.store (local.get $dst)
        (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
          (f32x4.demote_f64x2_zero (v128.load (local.get $src)))
          (f32x4.demote_f64x2_zero (v128.load offset=16 (local.get $src)))))
      (local.set $src (i32.add (local.get $src) (i32.const 32)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
      (br $four)))
    (block $done (loop $one
      (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
      (f32.store (local.get $dst) (f32.demote_f64 (f64.load (local.get $src))))
      (local.set $src (i32.add (local.get $src) (i32.const 8)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
      (br $one))))

  (func (export "widen") (param $dst i32) (param $src i32) (param $n i32)
    (local $end i32) (local $end4 i32) (local $v v128)
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $end4 (i32.add (local.get $src) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done4 (loop $four
      (br_if $done4 (i32.ge_u (local.get $src) (local.get $end4)))
      (local.set $v (v128.load (local.get $src)))
      (v128.store (local.get $dst) (f64x2.promote_low_f32x4 (local.get $v)))
      (v128.store offset=16 (local.get $dst)
        (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))))
      (local.set $src (i32.add (local.get $src) (i32.const 16)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
      (br $four)))
    (block $done (loop $one
      (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
      (f64.store (local.get $dst) (f64.promote_f32 (f32.load (local.get $src))))
      (local.set $src (i32.add (local.get $src) (i32.const 4)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 8)))
      (br $one))))
)
