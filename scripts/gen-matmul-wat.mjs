// Writes src/kernels/matmul.wat, the MLP's matrix-product kernel, from the register blocking below:
// the kernel is variants of one loop nest (row blocks of 5, 4, 2 and 1 rows; column blocks of two vectors,
// one vector and one scalar), which is easier to get right generated than typed out. Run
// `node scripts/gen-matmul-wat.mjs` after editing this file, and commit both.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Rows of C per block, largest first, each height taking as many rows as it can before the next: 5 (10
 * accumulators, 2 vectors of B, 1 broadcast value of A live: 13 of the 16 vector registers, of which V8
 * keeps one), then 4, 2 and 1 for the rows left over (64 rows: 12 blocks of 5 and one of 4). The kernel is
 * bound by its loads into vector registers (on this machine, a first-generation Zen), and a block of 5
 * rows loads 7 vectors for 10 vector multiply-adds where one of 4 loads 6 for 8. Measured (interleaved A/B
 * in one process, one thread): 5-row blocks make the forward product (64 × 784 · 784 × 128) 0.92× the time
 * of 4-row blocks in f64 and in f32, and 32 × 128 · 128 × 128 0.93×; 6-row blocks made V8 spill (1.04× in
 * f64, 1.13× in f32), and ending 32 rows with a 2-row block rather than two single rows gained 3%. Each
 * value of A is broadcast by v128.load64_splat (load32_splat in f32): one load, no shuffle. Unrolling the
 * loop by two k made V8 spill. The weight gradient once summed its products in groups of four k (a partial
 * sum per accumulator, added at the end of each group), as the JavaScript loops did: that needs twice the
 * registers, and with one k at a time the MNIST-shaped weight gradient (128 × 64 · 64 × 784) takes 0.85×
 * the time in f64 and in f32 (interleaved A/B, one thread).
 */
const ROWS = [5, 4, 2, 1];

const out = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "kernels", "matmul.wat");

/** One element type: f64 in f64x2 vectors (2 lanes) or f32 in f32x4 (4 lanes). */
function flavour(t) {
  const lanes = t === "f64" ? 2 : 4;
  const size = t === "f64" ? 8 : 4;
  const v = t === "f64" ? "f64x2" : "f32x4";
  return { t, lanes, size, v, vbytes: 16 };
}

/**
 * A block: `rows` rows of C from row address $c (stride $ldc), A rows from $a (stride $ars, element
 * stride $aks), columns from byte $col for `width` elements (2 vectors, 1 vector, or 1 scalar).
 */
function block(F, rows, kind) {
  const name = `$b_${rows}_${kind}`;
  const vec = kind !== "s";
  const nvec = kind === "v2" ? 2 : 1;
  const ty = vec ? "v128" : F.t;
  const accs = [];
  for (let r = 0; r < rows; r++) for (let j = 0; j < nvec; j++) accs.push(`$acc${r}_${j}`);
  const L = [];
  L.push(`  (func ${name} (param $c i32) (param $ldc i32) (param $a i32) (param $ars i32) (param $aks i32) (param $b i32) (param $ldb i32) (param $k i32) (param $accumulate i32)`);
  L.push(`    (local $kk i32) (local $ap i32) (local $bp i32) (local $A ${ty})`);
  for (const acc of accs) L.push(`    (local ${acc} ${ty})`);
  for (let j = 0; j < nvec; j++) L.push(`    (local $B${j} ${ty})`);
  const load = (addr, off) => (vec ? `(v128.load offset=${off} ${addr})` : `(${F.t}.load offset=${off} ${addr})`);
  const aAddr = (r) => `(i32.add (local.get $ap) (i32.mul (i32.const ${r}) (local.get $ars)))`;
  // A value of A broadcast to every lane straight from memory (one load, no shuffle), or loaded as a scalar.
  const loadSplat = (addr) => (vec ? `(v128.load${F.size * 8}_splat ${addr})` : `(${F.t}.load ${addr})`);
  const mul = (x, y) => `(${vec ? F.v : F.t}.mul ${x} ${y})`;
  const add = (x, y) => `(${vec ? F.v : F.t}.add ${x} ${y})`;
  const cAddr = (r) => `(i32.add (local.get $c) (i32.mul (i32.const ${r}) (local.get $ldc)))`;
  // Initial accumulators: C's values or zero.
  for (let r = 0; r < rows; r++)
    for (let j = 0; j < nvec; j++) {
      const zero = vec ? `(v128.const i64x2 0 0)` : `(${F.t}.const 0)`;
      L.push(`    (local.set $acc${r}_${j} (select ${load(cAddr(r), j * 16)} ${zero} (local.get $accumulate)))`);
    }
  L.push(`    (local.set $ap (local.get $a))`);
  L.push(`    (local.set $bp (local.get $b))`);
  // One k at a time: its row of B, then each row's value of A times it, added to that row's accumulators.
  L.push(`    (block $done (loop $step`);
  L.push(`      (br_if $done (i32.ge_u (local.get $kk) (local.get $k)))`);
  for (let j = 0; j < nvec; j++) L.push(`      (local.set $B${j} ${load("(local.get $bp)", j * 16)})`);
  for (let r = 0; r < rows; r++) {
    L.push(`      (local.set $A ${loadSplat(aAddr(r))})`);
    for (let j = 0; j < nvec; j++) L.push(`      (local.set $acc${r}_${j} ${add(`(local.get $acc${r}_${j})`, mul(`(local.get $A)`, `(local.get $B${j})`))})`);
  }
  L.push(`      (local.set $ap (i32.add (local.get $ap) (local.get $aks)))`);
  L.push(`      (local.set $bp (i32.add (local.get $bp) (local.get $ldb)))`);
  L.push(`      (local.set $kk (i32.add (local.get $kk) (i32.const 1)))`);
  L.push(`      (br $step)))`);
  for (let r = 0; r < rows; r++)
    for (let j = 0; j < nvec; j++)
      L.push(vec ? `    (v128.store offset=${j * 16} ${cAddr(r)} (local.get $acc${r}_${j}))` : `    (${F.t}.store ${cAddr(r)} (local.get $acc${r}_${j}))`);
  L.push(`  )`);
  return { name, text: L.join("\n") };
}

/** Bytes from one column of B to the next: one value, or in packed panels a column of $k values. */
const columnStep = (F) => `(select (i32.mul (local.get $k) (i32.const ${F.size})) (i32.const ${F.size}) (local.get $packed))`;

function kernel(F) {
  const blocks = [];
  const call = {};
  for (const rows of ROWS)
    for (const kind of ["v2", "v1", "s"]) {
      const b = block(F, rows, kind);
      blocks.push(b.text);
      call[`${rows}_${kind}`] = b.name;
    }
  const w2 = 2 * F.lanes; // elements in two vectors
  const w1 = F.lanes;
  // Column blocks outside, rows inside: a block of columns of B (k rows of a few values) stays in cache
  // while every row of A passes over it, so B is read from memory once per call, not once per block of
  // rows (the MNIST-shaped network's Wᵀ is 784 × 128 f64, 800 KB, near the size of a core's L2 cache).
  const rowsFor = (kind, width) => {
    const callAt = (rows) => `(call ${call[`${rows}_${kind}`]} (i32.add (i32.add (local.get $c) (i32.mul (local.get $r) (local.get $ldc))) (i32.mul (local.get $col) (i32.const ${F.size}))) (local.get $ldc)
              (i32.add (local.get $a) (i32.mul (local.get $r) (local.get $ars))) (local.get $ars) (local.get $aks)
              (i32.add (local.get $b) (i32.mul (local.get $col) (local.get $bstep))) (select (i32.const ${width * F.size}) (local.get $ldb) (local.get $packed)) (local.get $k) (local.get $accumulate))`;
    // Blocks of each height in turn, largest first (the last height is 1), for every row of A that is left.
    const heights = ROWS.map((R) => `
          (block $${kind}_r${R}_done (loop $${kind}_r${R}
            (br_if $${kind}_r${R}_done (i32.gt_u (i32.add (local.get $r) (i32.const ${R})) (local.get $m)))
            ${callAt(R)}
            (local.set $r (i32.add (local.get $r) (i32.const ${R})))
            (br $${kind}_r${R})))`);
    return `
    (block $${kind}_done (loop $${kind}_cols
      (br_if $${kind}_done (i32.gt_u (i32.add (local.get $col) (i32.const ${width})) (local.get $n)))
      (local.set $r (i32.const 0))${heights.join("")}
      (local.set $col (i32.add (local.get $col) (i32.const ${width})))
      (br $${kind}_cols)))`;
  };
  return `${blocks.join("\n")}

  ;; C[r, j] (+)= Σₖ A[r, k] B[k, j] for r < m, j < n, k < k, each entry's products added one at a time in
  ;; the order of k; byte addresses and strides: C row stride $ldc, A[r, k] at $a + r·$ars + k·$aks (any
  ;; strides: A is read one element at a time), B row stride $ldb. $accumulate: start from C's values (else from 0).
  ;; $packed: B is laid out in panels, one per block of columns as this function takes them (${2 * F.lanes} columns,
  ;; then ${F.lanes}, then 1, from column 0), each panel its k rows one after another (the panel of columns j…j+w-1
  ;; starts at $b + j·k·${F.size} bytes and its rows are w values apart; $ldb is not used): a block then reads
  ;; consecutive bytes, so the k rows of its columns fit in the L1 cache.
  (func $whole
    (param $c i32) (param $ldc i32) (param $a i32) (param $ars i32) (param $aks i32) (param $b i32) (param $ldb i32)
    (param $m i32) (param $n i32) (param $k i32) (param $accumulate i32) (param $packed i32)
    (local $r i32) (local $col i32) (local $bstep i32)
    ;; Bytes from one column of B to the next: one value, or in packed panels a column of k values.
    (local.set $bstep ${columnStep(F)})
    (local.set $col (i32.const 0))${rowsFor("v2", w2)}${rowsFor("v1", w1)}${rowsFor("s", 1)})

  ;; The product above, whole ($counter = 0), or in parts shared between the threads that call this with the
  ;; same arguments: $counter is the byte address of an i32 that starts at 0, and each caller claims the
  ;; next block of $width columns of C (and B) by adding 1 to it, atomically, until none is left. So a
  ;; thread that runs slower (or starts later) claims fewer blocks, and the callers finish within a block
  ;; of each other. Each entry of C is computed in one call either way, so the results are the same bits.
  ;; With $packed, $width is a multiple of the widest block (${2 * F.lanes} columns), so that parts start at panels.
  (func (export "matmul")
    (param $c i32) (param $ldc i32) (param $a i32) (param $ars i32) (param $aks i32) (param $b i32) (param $ldb i32)
    (param $m i32) (param $n i32) (param $k i32) (param $accumulate i32)
    (param $counter i32) (param $width i32) (param $packed i32)
    (local $col i32)
    (if (i32.eqz (local.get $counter))
      (then
        (call $whole (local.get $c) (local.get $ldc) (local.get $a) (local.get $ars) (local.get $aks) (local.get $b) (local.get $ldb)
          (local.get $m) (local.get $n) (local.get $k) (local.get $accumulate) (local.get $packed))
        (return)))
    (loop $parts
      (local.set $col (i32.mul (i32.atomic.rmw.add (local.get $counter) (i32.const 1)) (local.get $width)))
      (if (i32.lt_u (local.get $col) (local.get $n))
        (then
          (call $whole
            (i32.add (local.get $c) (i32.mul (local.get $col) (i32.const ${F.size}))) (local.get $ldc) (local.get $a) (local.get $ars) (local.get $aks)
            (i32.add (local.get $b) (i32.mul (local.get $col) ${columnStep(F)})) (local.get $ldb) (local.get $m)
            (select (local.get $width) (i32.sub (local.get $n) (local.get $col)) (i32.lt_u (local.get $width) (i32.sub (local.get $n) (local.get $col))))
            (local.get $k) (local.get $accumulate) (local.get $packed))
          (br $parts)))))`;
}

const header = (F) => `;; GENERATED by scripts/gen-matmul-wat.mjs: edit that file, then run it.
;;
;; The from-scratch MLP's matrix products in WebAssembly SIMD (${F.t}, ${F.lanes} lanes per vector), one kernel for
;; all three: z = x Wᵀ + b (with Wᵀ packed into scratch first, in panels), dW = δᵀ x and back = δ W (see
;; src/networks/simd.ts). Blocks of columns of C outside, blocks of rows inside (a block of B's columns
;; stays in cache while all of A passes). Register blocking: 5 rows of C × 2 vectors of columns, each value
;; of A loaded once per block (broadcast to every lane by the load itself) and each row of B once per block
;; of rows. Every entry of C is one lane's own running sum, its products added one at a time in the order of
;; k, so the result is bit-identical to the JavaScript loops of src/networks/kernels.ts. No fused
;; multiply-add: WebAssembly has none, so each product is rounded, as in JavaScript.
(module
  (import "env" "memory" (memory 1))
`;

writeFileSync(out, header(flavour("f64")) + kernel(flavour("f64")) + "\n)\n");
writeFileSync(out.replace("matmul.wat", "matmul32.wat"), header(flavour("f32")) + kernel(flavour("f32")).replace('(export "matmul")', '(export "matmul32")') + "\n)\n");
console.log(`wrote ${out} and matmul32.wat`);
