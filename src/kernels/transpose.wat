;; Bᵀ from B in WebAssembly SIMD, for the from-scratch MLP's forward product z = x·Wᵀ (src/networks/
;; simd.ts): $src holds $rows × $cols f64 row-major, $dst receives its $cols × $rows transpose. Four rows
;; of B at a time, two columns per pass: each pass loads a pair of values from each of the four rows
;; and stores two rows of Bᵀ, four adjacent values each (so every line of Bᵀ is filled in few passes
;; while it is still in cache); leftover columns and rows one value at a time. It only moves values, so
;; the result is exact. "transposeNarrow" does the same for the float32 products, from f64 B to f32 Bᵀ in
;; one pass (each value rounded to nearest as f32.demote rounds, the same as narrowing after transposing):
;; four rows of B by four columns per pass, each row's four values narrowed into one vector and the 4 × 4
;; block transposed by shuffles. Byte addresses; no alignment needed.
(module
  (import "env" "memory" (memory 1))

  (func (export "transpose") (param $dst i32) (param $src i32) (param $rows i32) (param $cols i32)
    (local $j i32) (local $i i32) (local $s i32) (local $d i32) (local $rowBytes i32) (local $colBytes i32)
    (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128)
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 3))) ;; one row of B
    (local.set $colBytes (i32.shl (local.get $rows) (i32.const 3))) ;; one row of Bᵀ
    (local.set $j (i32.const 0))
    (block $rows4_done (loop $rows4
      (br_if $rows4_done (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $rows)))
      (local.set $s (i32.add (local.get $src) (i32.mul (local.get $j) (local.get $rowBytes))))
      (local.set $d (i32.add (local.get $dst) (i32.shl (local.get $j) (i32.const 3))))
      (local.set $i (i32.const 0))
      (block $cols2_done (loop $cols2
        (br_if $cols2_done (i32.gt_u (i32.add (local.get $i) (i32.const 2)) (local.get $cols)))
        (local.set $r0 (v128.load (local.get $s)))
        (local.set $r1 (v128.load (i32.add (local.get $s) (local.get $rowBytes))))
        (local.set $r2 (v128.load (i32.add (local.get $s) (i32.shl (local.get $rowBytes) (i32.const 1)))))
        (local.set $r3 (v128.load (i32.add (local.get $s) (i32.mul (local.get $rowBytes) (i32.const 3)))))
        ;; Row i of Bᵀ gets the first lane of each, row i + 1 the second.
        (v128.store (local.get $d) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $r0) (local.get $r1)))
        (v128.store offset=16 (local.get $d) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $r2) (local.get $r3)))
        (v128.store (i32.add (local.get $d) (local.get $colBytes))
          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $r0) (local.get $r1)))
        (v128.store offset=16 (i32.add (local.get $d) (local.get $colBytes))
          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $r2) (local.get $r3)))
        (local.set $s (i32.add (local.get $s) (i32.const 16)))
        (local.set $d (i32.add (local.get $d) (i32.shl (local.get $colBytes) (i32.const 1))))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $cols2)))
      ;; An odd last column: one value from each of the four rows.
      (if (i32.lt_u (local.get $i) (local.get $cols))
        (then
          (f64.store (local.get $d) (f64.load (local.get $s)))
          (f64.store offset=8 (local.get $d) (f64.load (i32.add (local.get $s) (local.get $rowBytes))))
          (f64.store offset=16 (local.get $d) (f64.load (i32.add (local.get $s) (i32.shl (local.get $rowBytes) (i32.const 1)))))
          (f64.store offset=24 (local.get $d) (f64.load (i32.add (local.get $s) (i32.mul (local.get $rowBytes) (i32.const 3)))))))
      (local.set $j (i32.add (local.get $j) (i32.const 4)))
      (br $rows4)))
    ;; The last rows (fewer than four), one value at a time.
    (block $rows1_done (loop $rows1
      (br_if $rows1_done (i32.ge_u (local.get $j) (local.get $rows)))
      (local.set $s (i32.add (local.get $src) (i32.mul (local.get $j) (local.get $rowBytes))))
      (local.set $d (i32.add (local.get $dst) (i32.shl (local.get $j) (i32.const 3))))
      (local.set $i (i32.const 0))
      (block $cols1_done (loop $cols1
        (br_if $cols1_done (i32.ge_u (local.get $i) (local.get $cols)))
        (f64.store (local.get $d) (f64.load (local.get $s)))
        (local.set $s (i32.add (local.get $s) (i32.const 8)))
        (local.set $d (i32.add (local.get $d) (local.get $colBytes)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $cols1)))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $rows1))))

  (func (export "transposeNarrow") (param $dst i32) (param $src i32) (param $rows i32) (param $cols i32)
    (local $j i32) (local $i i32) (local $s i32) (local $d i32) (local $rowBytes i32) (local $colBytes i32)
    (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 3))) ;; one row of B (f64)
    (local.set $colBytes (i32.shl (local.get $rows) (i32.const 2))) ;; one row of Bᵀ (f32)
    (local.set $j (i32.const 0))
    (block $rows4_done (loop $rows4
      (br_if $rows4_done (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $rows)))
      (local.set $s (i32.add (local.get $src) (i32.mul (local.get $j) (local.get $rowBytes))))
      (local.set $d (i32.add (local.get $dst) (i32.shl (local.get $j) (i32.const 2))))
      (local.set $i (i32.const 0))
      (block $cols4_done (loop $cols4
        (br_if $cols4_done (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $cols)))
        ;; Four values of each of the four rows, narrowed: each demote leaves two f32 in the low half.
        (local.set $r0 (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
          (f32x4.demote_f64x2_zero (v128.load (local.get $s)))
          (f32x4.demote_f64x2_zero (v128.load offset=16 (local.get $s)))))
        (local.set $r1 (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
          (f32x4.demote_f64x2_zero (v128.load (i32.add (local.get $s) (local.get $rowBytes))))
          (f32x4.demote_f64x2_zero (v128.load offset=16 (i32.add (local.get $s) (local.get $rowBytes))))))
        (local.set $r2 (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
          (f32x4.demote_f64x2_zero (v128.load (i32.add (local.get $s) (i32.shl (local.get $rowBytes) (i32.const 1)))))
          (f32x4.demote_f64x2_zero (v128.load offset=16 (i32.add (local.get $s) (i32.shl (local.get $rowBytes) (i32.const 1)))))))
        (local.set $r3 (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
          (f32x4.demote_f64x2_zero (v128.load (i32.add (local.get $s) (i32.mul (local.get $rowBytes) (i32.const 3)))))
          (f32x4.demote_f64x2_zero (v128.load offset=16 (i32.add (local.get $s) (i32.mul (local.get $rowBytes) (i32.const 3)))))))
        ;; The 4 × 4 block transposed: interleave rows 0, 1 and rows 2, 3, then take halves.
        (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r0) (local.get $r1)))
        (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r0) (local.get $r1)))
        (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r2) (local.get $r3)))
        (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r2) (local.get $r3)))
        (v128.store (local.get $d)
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
        (v128.store (i32.add (local.get $d) (local.get $colBytes))
          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
        (v128.store (i32.add (local.get $d) (i32.shl (local.get $colBytes) (i32.const 1)))
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
        (v128.store (i32.add (local.get $d) (i32.mul (local.get $colBytes) (i32.const 3)))
          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
        (local.set $s (i32.add (local.get $s) (i32.const 32)))
        (local.set $d (i32.add (local.get $d) (i32.shl (local.get $colBytes) (i32.const 2))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $cols4)))
      ;; The last columns (fewer than four): one value from each of the four rows at a time.
      (block $cols1_done (loop $cols1
        (br_if $cols1_done (i32.ge_u (local.get $i) (local.get $cols)))
        (f32.store (local.get $d) (f32.demote_f64 (f64.load (local.get $s))))
        (f32.store offset=4 (local.get $d) (f32.demote_f64 (f64.load (i32.add (local.get $s) (local.get $rowBytes)))))
        (f32.store offset=8 (local.get $d) (f32.demote_f64 (f64.load (i32.add (local.get $s) (i32.shl (local.get $rowBytes) (i32.const 1))))))
        (f32.store offset=12 (local.get $d) (f32.demote_f64 (f64.load (i32.add (local.get $s) (i32.mul (local.get $rowBytes) (i32.const 3))))))
        (local.set $s (i32.add (local.get $s) (i32.const 8)))
        (local.set $d (i32.add (local.get $d) (local.get $colBytes)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $cols1)))
      (local.set $j (i32.add (local.get $j) (i32.const 4)))
      (br $rows4)))
    ;; The last rows (fewer than four), one value at a time.
    (block $rows1_done (loop $rows1
      (br_if $rows1_done (i32.ge_u (local.get $j) (local.get $rows)))
      (local.set $s (i32.add (local.get $src) (i32.mul (local.get $j) (local.get $rowBytes))))
      (local.set $d (i32.add (local.get $dst) (i32.shl (local.get $j) (i32.const 2))))
      (local.set $i (i32.const 0))
      (block $cols1r_done (loop $cols1r
        (br_if $cols1r_done (i32.ge_u (local.get $i) (local.get $cols)))
        (f32.store (local.get $d) (f32.demote_f64 (f64.load (local.get $s))))
        (local.set $s (i32.add (local.get $s) (i32.const 8)))
        (local.set $d (i32.add (local.get $d) (local.get $colBytes)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $cols1r)))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $rows1))))
)
