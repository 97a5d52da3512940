;; The CPU engine's GEMM in WebAssembly SIMD: C[m, n] = Σ_k A[m, k]·B[k, n] (+ bias[n]), the same sums as
;; the TypeScript reference (../gemm.ts, gemmNT) computed the same way, so the results are bit-identical:
;; every product of two float32 values is exact in float64, the sum of each output runs in float64 in
;; order k = 0, 1, …, K−1 from +0, the bias is added last, and the total is rounded once to float32
;; (round to nearest even, as a Float32Array store does). SIMD runs across outputs (two float64 lanes =
;; two neighbouring columns), never across k, which is what keeps the order, and so the bits, the same.
;;
;; Layout: A and B are read through element strides (A[m, k] at a + 4·(m·sam + k·sak), B[k, n] at
;; b + 4·(n·sbn + k·sbk)), so the forward map, the input gradient and the weight gradient all run without
;; a transpose. Both operands are first packed into float64 panels of 4 rows (A) or 4 columns (B), laid
;; out k-major ([panel][k][4]), zero-padded at the edge; a 4×4 tile of C then reads both panels
;; front to back with 16-byte loads and keeps its 16 sums in 8 registers. C is row-major [M, N].
;;
;; Which accumulation where: `gemm` (float64 sums) serves the MLP's products and the conv net's Linear
;; head, bit-identical to the TypeScript reference gemmNT; `gemm32` below (float32 sums, f32x4: twice the
;; lanes and half the bytes) serves the float32 conv engine's three conv products, bit-identical to its own
;; reference gemm32.ts, because that row is almost all GEMM and float32 sums are what it needs for speed
;; (TF.js's XNNPACK sums in float32 too). Float64 networks (gradient checks) use neither: their products
;; stay in TypeScript float64.
;;
;; Memory: imported. The caller guarantees `scratch` holds 64 + 32·K·(⌈M/4⌉ + ⌈N/4⌉) bytes and that
;; reading 12 bytes past the end of `bias` stays inside the memory (an edge tile loads four biases and
;; stores only the valid ones).
(module
  (import "env" "memory" (memory 1))

  ;; dst (float64) [⌈rows/4⌉][K][4] ← element (r, k) of src (float32) at src + 4·(r·sr + k·sk), 0 for r ≥ rows.
  (func $pack (param $src i32) (param $sr i32) (param $sk i32) (param $rows i32) (param $K i32) (param $dst i32)
    (local $r0 i32) (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32)
    (local $end i32) (local $j i32) (local $r i32) (local $off i32)
    (local.set $sr (i32.shl (local.get $sr) (i32.const 2)))
    (local.set $sk (i32.shl (local.get $sk) (i32.const 2)))
    (block $done
      (loop $panels
        (br_if $done (i32.ge_u (local.get $r0) (local.get $rows)))
        (if (i32.le_u (i32.add (local.get $r0) (i32.const 4)) (local.get $rows))
          (then
            ;; A full panel: four row pointers walked along k.
            (local.set $p0 (i32.add (local.get $src) (i32.mul (local.get $r0) (local.get $sr))))
            (local.set $p1 (i32.add (local.get $p0) (local.get $sr)))
            (local.set $p2 (i32.add (local.get $p1) (local.get $sr)))
            (local.set $p3 (i32.add (local.get $p2) (local.get $sr)))
            (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $K) (i32.const 5))))
            (loop $k
              (f64.store offset=0 (local.get $dst) (f64.promote_f32 (f32.load (local.get $p0))))
              (f64.store offset=8 (local.get $dst) (f64.promote_f32 (f32.load (local.get $p1))))
              (f64.store offset=16 (local.get $dst) (f64.promote_f32 (f32.load (local.get $p2))))
              (f64.store offset=24 (local.get $dst) (f64.promote_f32 (f32.load (local.get $p3))))
              (local.set $p0 (i32.add (local.get $p0) (local.get $sk)))
              (local.set $p1 (i32.add (local.get $p1) (local.get $sk)))
              (local.set $p2 (i32.add (local.get $p2) (local.get $sk)))
              (local.set $p3 (i32.add (local.get $p3) (local.get $sk)))
              (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
              (br_if $k (i32.lt_u (local.get $dst) (local.get $end)))))
          (else
            ;; The last, partial panel: rows past the end are zeros.
            (local.set $off (i32.const 0))
            (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $K) (i32.const 5))))
            (loop $k
              (local.set $j (i32.const 0))
              (loop $js
                (local.set $r (i32.add (local.get $r0) (local.get $j)))
                (f64.store (local.get $dst)
                  (if (result f64) (i32.lt_u (local.get $r) (local.get $rows))
                    (then (f64.promote_f32 (f32.load
                      (i32.add (local.get $src) (i32.add (i32.mul (local.get $r) (local.get $sr)) (local.get $off))))))
                    (else (f64.const 0))))
                (local.set $dst (i32.add (local.get $dst) (i32.const 8)))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br_if $js (i32.lt_u (local.get $j) (i32.const 4))))
              (local.set $off (i32.add (local.get $off) (local.get $sk)))
              (br_if $k (i32.lt_u (local.get $dst) (local.get $end))))))
        (local.set $r0 (i32.add (local.get $r0) (i32.const 4)))
        (br $panels))))

  ;; Two float32 → one row of four: the low halves of two demoted float64x2 vectors.
  (func $row (param $lo v128) (param $hi v128) (result v128)
    (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
      (f32x4.demote_f64x2_zero (local.get $lo))
      (f32x4.demote_f64x2_zero (local.get $hi))))

  (func (export "gemm")
    (param $a i32) (param $sam i32) (param $sak i32)
    (param $b i32) (param $sbn i32) (param $sbk i32)
    (param $c i32) (param $bias i32) (param $hasBias i32)
    (param $M i32) (param $N i32) (param $K i32) (param $scratch i32)
    (local $panel i32) (local $pA i32) (local $pB i32) (local $tmp i32)
    (local $m i32) (local $n i32) (local $x i32) (local $y i32) (local $end i32)
    (local $rows i32) (local $cols i32) (local $i i32) (local $j i32) (local $out i32)
    (local $av v128) (local $b0 v128) (local $b1 v128) (local $bv v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    ;; scratch: 64 bytes for an edge tile, then packed A, then packed B.
    (local.set $tmp (local.get $scratch))
    (local.set $panel (i32.shl (local.get $K) (i32.const 5)))
    (local.set $pA (i32.add (local.get $scratch) (i32.const 64)))
    (local.set $pB (i32.add (local.get $pA)
      (i32.mul (i32.shr_u (i32.add (local.get $M) (i32.const 3)) (i32.const 2)) (local.get $panel))))
    (call $pack (local.get $a) (local.get $sam) (local.get $sak) (local.get $M) (local.get $K) (local.get $pA))
    (call $pack (local.get $b) (local.get $sbn) (local.get $sbk) (local.get $N) (local.get $K) (local.get $pB))
    (local.set $m (i32.const 0))
    (loop $ms
      (local.set $n (i32.const 0))
      (loop $ns
        (local.set $x (i32.add (local.get $pA) (i32.mul (i32.shr_u (local.get $m) (i32.const 2)) (local.get $panel))))
        (local.set $y (i32.add (local.get $pB) (i32.mul (i32.shr_u (local.get $n) (i32.const 2)) (local.get $panel))))
        (local.set $end (i32.add (local.get $x) (local.get $panel)))
        (local.set $c00 (v128.const i64x2 0 0))
        (local.set $c01 (v128.const i64x2 0 0))
        (local.set $c10 (v128.const i64x2 0 0))
        (local.set $c11 (v128.const i64x2 0 0))
        (local.set $c20 (v128.const i64x2 0 0))
        (local.set $c21 (v128.const i64x2 0 0))
        (local.set $c30 (v128.const i64x2 0 0))
        (local.set $c31 (v128.const i64x2 0 0))
        ;; One k per iteration: columns n..n+3 of B, then each of the four rows of A broadcast against them.
        (loop $k
          (local.set $b0 (v128.load offset=0 (local.get $y)))
          (local.set $b1 (v128.load offset=16 (local.get $y)))
          (local.set $av (v128.load64_splat offset=0 (local.get $x)))
          (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $av) (local.get $b0))))
          (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $av) (local.get $b1))))
          (local.set $av (v128.load64_splat offset=8 (local.get $x)))
          (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $av) (local.get $b0))))
          (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $av) (local.get $b1))))
          (local.set $av (v128.load64_splat offset=16 (local.get $x)))
          (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $av) (local.get $b0))))
          (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $av) (local.get $b1))))
          (local.set $av (v128.load64_splat offset=24 (local.get $x)))
          (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $av) (local.get $b0))))
          (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $av) (local.get $b1))))
          (local.set $x (i32.add (local.get $x) (i32.const 32)))
          (local.set $y (i32.add (local.get $y) (i32.const 32)))
          (br_if $k (i32.lt_u (local.get $x) (local.get $end))))
        (if (local.get $hasBias)
          (then
            (local.set $bv (v128.load (i32.add (local.get $bias) (i32.shl (local.get $n) (i32.const 2)))))
            (local.set $b0 (f64x2.promote_low_f32x4 (local.get $bv)))
            (local.set $b1 (f64x2.promote_low_f32x4
              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $bv) (local.get $bv))))
            (local.set $c00 (f64x2.add (local.get $c00) (local.get $b0)))
            (local.set $c01 (f64x2.add (local.get $c01) (local.get $b1)))
            (local.set $c10 (f64x2.add (local.get $c10) (local.get $b0)))
            (local.set $c11 (f64x2.add (local.get $c11) (local.get $b1)))
            (local.set $c20 (f64x2.add (local.get $c20) (local.get $b0)))
            (local.set $c21 (f64x2.add (local.get $c21) (local.get $b1)))
            (local.set $c30 (f64x2.add (local.get $c30) (local.get $b0)))
            (local.set $c31 (f64x2.add (local.get $c31) (local.get $b1)))))
        (local.set $rows (i32.sub (local.get $M) (local.get $m)))
        (local.set $cols (i32.sub (local.get $N) (local.get $n)))
        (local.set $out (i32.add (local.get $c)
          (i32.shl (i32.add (i32.mul (local.get $m) (local.get $N)) (local.get $n)) (i32.const 2))))
        (if (i32.and (i32.ge_u (local.get $rows) (i32.const 4)) (i32.ge_u (local.get $cols) (i32.const 4)))
          (then
            (v128.store (local.get $out) (call $row (local.get $c00) (local.get $c01)))
            (local.set $out (i32.add (local.get $out) (i32.shl (local.get $N) (i32.const 2))))
            (v128.store (local.get $out) (call $row (local.get $c10) (local.get $c11)))
            (local.set $out (i32.add (local.get $out) (i32.shl (local.get $N) (i32.const 2))))
            (v128.store (local.get $out) (call $row (local.get $c20) (local.get $c21)))
            (local.set $out (i32.add (local.get $out) (i32.shl (local.get $N) (i32.const 2))))
            (v128.store (local.get $out) (call $row (local.get $c30) (local.get $c31))))
          (else
            ;; An edge tile: the whole tile to tmp, then only the valid outputs to C.
            (v128.store offset=0 (local.get $tmp) (call $row (local.get $c00) (local.get $c01)))
            (v128.store offset=16 (local.get $tmp) (call $row (local.get $c10) (local.get $c11)))
            (v128.store offset=32 (local.get $tmp) (call $row (local.get $c20) (local.get $c21)))
            (v128.store offset=48 (local.get $tmp) (call $row (local.get $c30) (local.get $c31)))
            (if (i32.gt_u (local.get $rows) (i32.const 4)) (then (local.set $rows (i32.const 4))))
            (if (i32.gt_u (local.get $cols) (i32.const 4)) (then (local.set $cols (i32.const 4))))
            (local.set $i (i32.const 0))
            (loop $is
              (local.set $j (i32.const 0))
              (loop $js
                (f32.store
                  (i32.add (local.get $out)
                    (i32.shl (i32.add (i32.mul (local.get $i) (local.get $N)) (local.get $j)) (i32.const 2)))
                  (f32.load (i32.add (local.get $tmp)
                    (i32.shl (i32.add (i32.shl (local.get $i) (i32.const 2)) (local.get $j)) (i32.const 2)))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br_if $js (i32.lt_u (local.get $j) (local.get $cols))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $is (i32.lt_u (local.get $i) (local.get $rows))))))
        (local.set $n (i32.add (local.get $n) (i32.const 4)))
        (br_if $ns (i32.lt_u (local.get $n) (local.get $N))))
      (local.set $m (i32.add (local.get $m) (i32.const 4)))
      (br_if $ms (i32.lt_u (local.get $m) (local.get $M)))))

  ;; ---------------------------------------------------------------------------------------------------
  ;; gemm32: the float32 engine's conv products, accumulated in float32 (half the bytes and twice the lanes
  ;; of the float64 `gemm` above). C[m, n] = (C[m, n] if accumulate, else +0) then, for k = 0, 1, …, K−1 in
  ;; order, acc ← f32(acc + f32(A(m, k)·B(n, k))) (f32x4.mul then f32x4.add: two roundings, never a fused
  ;; multiply-add), then + bias[n] last. SIMD runs across four neighbouring output columns, never across k,
  ;; so every output is the same sequence of IEEE float32 operations as the TypeScript reference gemm32
  ;; (../gemm32.ts: Math.fround(acc + Math.fround(a·b))), bit for bit. A tile is 4 rows × 8 columns of C in
  ;; 8 f32x4 accumulators. A is read in place (A(m, k) at a + 4·(m·sam + k·sak), one splat per row and k);
  ;; B (B(n, k) at b + 4·(n·sbn + k·sbk)) is read in place when its columns are contiguous (sbn = 1) and
  ;; a panel is full, else packed into float32 panels [⌈N/8⌉][K][8] (zero-padded) in scratch.
  ;; Scratch: gemm32ScratchBytes = 192 + 32·K·⌈N/8⌉ bytes.

  ;; dst [⌈rows/8⌉][K][8] ← element (r, k) of src at src + 4·(r·sr + k·sk) (0 for r ≥ rows); with $skipFull
  ;; full panels are left alone (the kernel reads them in place).
  (func $pack8 (param $src i32) (param $sr i32) (param $sk i32) (param $rows i32) (param $K i32)
    (param $dst i32) (param $skipFull i32)
    (local $r0 i32) (local $k i32) (local $j i32) (local $r i32) (local $d i32) (local $panel i32)
    (local.set $panel (i32.shl (local.get $K) (i32.const 5)))
    (block $done
      (loop $panels
        (br_if $done (i32.ge_u (local.get $r0) (local.get $rows)))
        (if (i32.eqz (i32.and (local.get $skipFull)
              (i32.le_u (i32.add (local.get $r0) (i32.const 8)) (local.get $rows))))
          (then
            (local.set $d (local.get $dst))
            (local.set $k (i32.const 0))
            (loop $ks
              (local.set $j (i32.const 0))
              (loop $js
                (local.set $r (i32.add (local.get $r0) (local.get $j)))
                (f32.store (local.get $d)
                  (if (result f32) (i32.lt_u (local.get $r) (local.get $rows))
                    (then (f32.load (i32.add (local.get $src) (i32.shl
                      (i32.add (i32.mul (local.get $r) (local.get $sr)) (i32.mul (local.get $k) (local.get $sk)))
                      (i32.const 2)))))
                    (else (f32.const 0))))
                (local.set $d (i32.add (local.get $d) (i32.const 4)))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br_if $js (i32.lt_u (local.get $j) (i32.const 8))))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (br_if $ks (i32.lt_u (local.get $k) (local.get $K))))))
        (local.set $dst (i32.add (local.get $dst) (local.get $panel)))
        (local.set $r0 (i32.add (local.get $r0) (i32.const 8)))
        (br $panels))))

  (func (export "gemm32")
    (param $a i32) (param $sam i32) (param $sak i32)
    (param $b i32) (param $sbn i32) (param $sbk i32)
    (param $c i32) (param $bias i32) (param $hasBias i32) (param $accumulate i32)
    (param $M i32) (param $N i32) (param $K i32) (param $scratch i32)
    (local $tmp i32) (local $tbias i32) (local $pB i32) (local $panel i32)
    (local $m i32) (local $n i32) (local $rows i32) (local $cols i32) (local $full i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $ak i32)
    (local $y i32) (local $ys i32) (local $kk i32)
    (local $out i32) (local $os i32) (local $i i32) (local $j i32) (local $bp i32)
    (local $av v128) (local $b0 v128) (local $b1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $tmp (local.get $scratch))
    (local.set $tbias (i32.add (local.get $scratch) (i32.const 128)))
    (local.set $pB (i32.add (local.get $scratch) (i32.const 192)))
    (local.set $panel (i32.shl (local.get $K) (i32.const 5)))
    (call $pack8 (local.get $b) (local.get $sbn) (local.get $sbk) (local.get $N) (local.get $K) (local.get $pB)
      (i32.eq (local.get $sbn) (i32.const 1)))
    (local.set $ak (i32.shl (local.get $sak) (i32.const 2)))
    (local.set $m (i32.const 0))
    (loop $ms
      (local.set $rows (i32.sub (local.get $M) (local.get $m)))
      ;; Row pointers; rows past M repeat row M−1 (computed, never stored).
      (local.set $a0 (i32.add (local.get $a) (i32.shl (i32.mul (local.get $m) (local.get $sam)) (i32.const 2))))
      (local.set $a1 (i32.add (local.get $a) (i32.shl (i32.mul
        (select (i32.add (local.get $m) (i32.const 1)) (i32.sub (local.get $M) (i32.const 1))
          (i32.gt_u (local.get $rows) (i32.const 1))) (local.get $sam)) (i32.const 2))))
      (local.set $a2 (i32.add (local.get $a) (i32.shl (i32.mul
        (select (i32.add (local.get $m) (i32.const 2)) (i32.sub (local.get $M) (i32.const 1))
          (i32.gt_u (local.get $rows) (i32.const 2))) (local.get $sam)) (i32.const 2))))
      (local.set $a3 (i32.add (local.get $a) (i32.shl (i32.mul
        (select (i32.add (local.get $m) (i32.const 3)) (i32.sub (local.get $M) (i32.const 1))
          (i32.gt_u (local.get $rows) (i32.const 3))) (local.get $sam)) (i32.const 2))))
      (if (i32.gt_u (local.get $rows) (i32.const 4)) (then (local.set $rows (i32.const 4))))
      (local.set $n (i32.const 0))
      (loop $ns
        (local.set $cols (i32.sub (local.get $N) (local.get $n)))
        (if (i32.gt_u (local.get $cols) (i32.const 8)) (then (local.set $cols (i32.const 8))))
        (local.set $full (i32.and (i32.eq (local.get $rows) (i32.const 4)) (i32.eq (local.get $cols) (i32.const 8))))
        ;; This panel of B: in place, or packed.
        (if (i32.and (i32.eq (local.get $sbn) (i32.const 1)) (i32.eq (local.get $cols) (i32.const 8)))
          (then
            (local.set $y (i32.add (local.get $b) (i32.shl (local.get $n) (i32.const 2))))
            (local.set $ys (i32.shl (local.get $sbk) (i32.const 2))))
          (else
            (local.set $y (i32.add (local.get $pB) (i32.mul (i32.shr_u (local.get $n) (i32.const 3)) (local.get $panel))))
            (local.set $ys (i32.const 32))))
        ;; Where the tile's sums start and end: C itself for a full tile, else tmp (4 rows of 8).
        (local.set $out (i32.add (local.get $c)
          (i32.shl (i32.add (i32.mul (local.get $m) (local.get $N)) (local.get $n)) (i32.const 2))))
        (local.set $os (i32.shl (local.get $N) (i32.const 2)))
        (if (i32.eqz (local.get $full))
          (then
            (v128.store offset=0 (local.get $tmp) (v128.const i64x2 0 0))
            (v128.store offset=16 (local.get $tmp) (v128.const i64x2 0 0))
            (v128.store offset=32 (local.get $tmp) (v128.const i64x2 0 0))
            (v128.store offset=48 (local.get $tmp) (v128.const i64x2 0 0))
            (v128.store offset=64 (local.get $tmp) (v128.const i64x2 0 0))
            (v128.store offset=80 (local.get $tmp) (v128.const i64x2 0 0))
            (v128.store offset=96 (local.get $tmp) (v128.const i64x2 0 0))
            (v128.store offset=112 (local.get $tmp) (v128.const i64x2 0 0))
            (if (local.get $accumulate)
              (then
                (local.set $i (i32.const 0))
                (loop $is
                  (local.set $j (i32.const 0))
                  (loop $js
                    (f32.store
                      (i32.add (local.get $tmp) (i32.shl (i32.add (i32.shl (local.get $i) (i32.const 3)) (local.get $j)) (i32.const 2)))
                      (f32.load (i32.add (local.get $out)
                        (i32.add (i32.mul (local.get $i) (local.get $os)) (i32.shl (local.get $j) (i32.const 2))))))
                    (local.set $j (i32.add (local.get $j) (i32.const 1)))
                    (br_if $js (i32.lt_u (local.get $j) (local.get $cols))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $is (i32.lt_u (local.get $i) (local.get $rows))))))
            (local.set $out (local.get $tmp))
            (local.set $os (i32.const 32))))
        (if (local.get $accumulate)
          (then
            (local.set $c00 (v128.load offset=0 (local.get $out)))
            (local.set $c01 (v128.load offset=16 (local.get $out)))
            (local.set $c10 (v128.load offset=0 (i32.add (local.get $out) (local.get $os))))
            (local.set $c11 (v128.load offset=16 (i32.add (local.get $out) (local.get $os))))
            (local.set $c20 (v128.load offset=0 (i32.add (local.get $out) (i32.shl (local.get $os) (i32.const 1)))))
            (local.set $c21 (v128.load offset=16 (i32.add (local.get $out) (i32.shl (local.get $os) (i32.const 1)))))
            (local.set $c30 (v128.load offset=0 (i32.add (local.get $out) (i32.mul (local.get $os) (i32.const 3)))))
            (local.set $c31 (v128.load offset=16 (i32.add (local.get $out) (i32.mul (local.get $os) (i32.const 3))))))
          (else
            (local.set $c00 (v128.const i64x2 0 0))
            (local.set $c01 (v128.const i64x2 0 0))
            (local.set $c10 (v128.const i64x2 0 0))
            (local.set $c11 (v128.const i64x2 0 0))
            (local.set $c20 (v128.const i64x2 0 0))
            (local.set $c21 (v128.const i64x2 0 0))
            (local.set $c30 (v128.const i64x2 0 0))
            (local.set $c31 (v128.const i64x2 0 0))))
        ;; One k per iteration: eight columns of B, each of the four rows of A broadcast against them.
        (local.set $kk (i32.const 0))
        (loop $k
          (local.set $b0 (v128.load offset=0 (local.get $y)))
          (local.set $b1 (v128.load offset=16 (local.get $y)))
          (local.set $av (v128.load32_splat (i32.add (local.get $a0) (local.get $kk))))
          (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $av) (local.get $b0))))
          (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $av) (local.get $b1))))
          (local.set $av (v128.load32_splat (i32.add (local.get $a1) (local.get $kk))))
          (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $av) (local.get $b0))))
          (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $av) (local.get $b1))))
          (local.set $av (v128.load32_splat (i32.add (local.get $a2) (local.get $kk))))
          (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $av) (local.get $b0))))
          (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $av) (local.get $b1))))
          (local.set $av (v128.load32_splat (i32.add (local.get $a3) (local.get $kk))))
          (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $av) (local.get $b0))))
          (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $av) (local.get $b1))))
          (local.set $kk (i32.add (local.get $kk) (local.get $ak)))
          (local.set $y (i32.add (local.get $y) (local.get $ys)))
          (br_if $k (i32.ne (local.get $kk) (i32.mul (local.get $K) (local.get $ak)))))
        (if (local.get $hasBias)
          (then
            (local.set $bp (i32.add (local.get $bias) (i32.shl (local.get $n) (i32.const 2))))
            (if (i32.ne (local.get $cols) (i32.const 8))
              (then
                (v128.store offset=0 (local.get $tbias) (v128.const i64x2 0 0))
                (v128.store offset=16 (local.get $tbias) (v128.const i64x2 0 0))
                (local.set $j (i32.const 0))
                (loop $js
                  (f32.store (i32.add (local.get $tbias) (i32.shl (local.get $j) (i32.const 2)))
                    (f32.load (i32.add (local.get $bp) (i32.shl (local.get $j) (i32.const 2)))))
                  (local.set $j (i32.add (local.get $j) (i32.const 1)))
                  (br_if $js (i32.lt_u (local.get $j) (local.get $cols))))
                (local.set $bp (local.get $tbias))))
            (local.set $b0 (v128.load offset=0 (local.get $bp)))
            (local.set $b1 (v128.load offset=16 (local.get $bp)))
            (local.set $c00 (f32x4.add (local.get $c00) (local.get $b0)))
            (local.set $c01 (f32x4.add (local.get $c01) (local.get $b1)))
            (local.set $c10 (f32x4.add (local.get $c10) (local.get $b0)))
            (local.set $c11 (f32x4.add (local.get $c11) (local.get $b1)))
            (local.set $c20 (f32x4.add (local.get $c20) (local.get $b0)))
            (local.set $c21 (f32x4.add (local.get $c21) (local.get $b1)))
            (local.set $c30 (f32x4.add (local.get $c30) (local.get $b0)))
            (local.set $c31 (f32x4.add (local.get $c31) (local.get $b1)))))
        (v128.store offset=0 (local.get $out) (local.get $c00))
        (v128.store offset=16 (local.get $out) (local.get $c01))
        (v128.store offset=0 (i32.add (local.get $out) (local.get $os)) (local.get $c10))
        (v128.store offset=16 (i32.add (local.get $out) (local.get $os)) (local.get $c11))
        (v128.store offset=0 (i32.add (local.get $out) (i32.shl (local.get $os) (i32.const 1))) (local.get $c20))
        (v128.store offset=16 (i32.add (local.get $out) (i32.shl (local.get $os) (i32.const 1))) (local.get $c21))
        (v128.store offset=0 (i32.add (local.get $out) (i32.mul (local.get $os) (i32.const 3))) (local.get $c30))
        (v128.store offset=16 (i32.add (local.get $out) (i32.mul (local.get $os) (i32.const 3))) (local.get $c31))
        (if (i32.eqz (local.get $full))
          (then
            ;; An edge tile: only the valid outputs from tmp to C.
            (local.set $out (i32.add (local.get $c)
              (i32.shl (i32.add (i32.mul (local.get $m) (local.get $N)) (local.get $n)) (i32.const 2))))
            (local.set $i (i32.const 0))
            (loop $is
              (local.set $j (i32.const 0))
              (loop $js
                (f32.store
                  (i32.add (local.get $out)
                    (i32.shl (i32.add (i32.mul (local.get $i) (local.get $N)) (local.get $j)) (i32.const 2)))
                  (f32.load (i32.add (local.get $tmp)
                    (i32.shl (i32.add (i32.shl (local.get $i) (i32.const 3)) (local.get $j)) (i32.const 2)))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br_if $js (i32.lt_u (local.get $j) (local.get $cols))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $is (i32.lt_u (local.get $i) (local.get $rows))))))
        (local.set $n (i32.add (local.get $n) (i32.const 8)))
        (br_if $ns (i32.lt_u (local.get $n) (local.get $N))))
      (local.set $m (i32.add (local.get $m) (i32.const 4)))
      (br_if $ms (i32.lt_u (local.get $m) (local.get $M)))))

  ;; ---------------------------------------------------------------------------------------------------
  ;; The float32 conv engine's patch matrix and its adjoint (../conv/im2col.ts, im2colHWC and col2imAddHWC,
  ;; are the readable versions, with the same results): maps NHWC, one sample [side², C], columns in
  ;; (ky, kx, c) order, stride 1, padding k//2. For a position and a kernel row, the kernel columns inside
  ;; the map are one contiguous run of C·(valid kx) floats in both the map and the patch row.

  ;; n bytes (a multiple of 4) from src to dst, 16 at a time, then 4 at a time.
  (func $copy (param $dst i32) (param $src i32) (param $n i32)
    (block $done
      (loop $v
        (br_if $done (i32.lt_u (local.get $n) (i32.const 16)))
        (v128.store (local.get $dst) (v128.load (local.get $src)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 16)))
        (br $v)))
    (block $done
      (loop $s
        (br_if $done (i32.eqz (local.get $n)))
        (f32.store (local.get $dst) (f32.load (local.get $src)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
        (local.set $src (i32.add (local.get $src) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 4)))
        (br $s))))

  ;; n bytes (a multiple of 4) of zeros at dst.
  (func $zero (param $dst i32) (param $n i32)
    (block $done
      (loop $v
        (br_if $done (i32.lt_u (local.get $n) (i32.const 16)))
        (v128.store (local.get $dst) (v128.const i64x2 0 0))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 16)))
        (br $v)))
    (block $done
      (loop $s
        (br_if $done (i32.eqz (local.get $n)))
        (f32.store (local.get $dst) (f32.const 0))
        (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 4)))
        (br $s))))

  ;; dst[i] += src[i] for n bytes (a multiple of 4): float32 additions, each element once.
  (func $addTo (param $dst i32) (param $src i32) (param $n i32)
    (block $done
      (loop $v
        (br_if $done (i32.lt_u (local.get $n) (i32.const 16)))
        (v128.store (local.get $dst) (f32x4.add (v128.load (local.get $dst)) (v128.load (local.get $src))))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 16)))
        (br $v)))
    (block $done
      (loop $s
        (br_if $done (i32.eqz (local.get $n)))
        (f32.store (local.get $dst) (f32.add (f32.load (local.get $dst)) (f32.load (local.get $src))))
        (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
        (local.set $src (i32.add (local.get $src) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 4)))
        (br $s))))

  ;; For each position (y, x) and kernel row ky inside the map: the valid kernel columns kx0..kx1−1, their
  ;; byte offsets in the map (a) and in the patch matrix (b); $mode 0 = im2col (copy, zeros elsewhere),
  ;; 1 = col2im (add the patch row into the map).
  (func $patches (param $mode i32) (param $x i32) (param $side i32) (param $C i32) (param $k i32) (param $col i32)
    (local $r i32) (local $y i32) (local $xx i32) (local $ky i32) (local $sy i32) (local $kx0 i32) (local $kx1 i32)
    (local $cb i32) (local $rowb i32) (local $row i32) (local $seg i32)
    (local.set $r (i32.shr_u (local.get $k) (i32.const 1)))
    (local.set $cb (i32.shl (local.get $C) (i32.const 2)))
    (local.set $rowb (i32.mul (local.get $cb) (local.get $k)))
    (local.set $row (local.get $col))
    (local.set $y (i32.const 0))
    (loop $ys
      (local.set $xx (i32.const 0))
      (loop $xs
        ;; kx in [kx0, kx1): 0 ≤ xx + kx − r < side.
        (local.set $kx0 (select (i32.sub (local.get $r) (local.get $xx)) (i32.const 0)
          (i32.gt_s (i32.sub (local.get $r) (local.get $xx)) (i32.const 0))))
        (local.set $kx1 (i32.add (i32.sub (local.get $side) (local.get $xx)) (local.get $r)))
        (if (i32.gt_s (local.get $kx1) (local.get $k)) (then (local.set $kx1 (local.get $k))))
        (local.set $ky (i32.const 0))
        (loop $kys
          (local.set $sy (i32.sub (i32.add (local.get $y) (local.get $ky)) (local.get $r)))
          (local.set $seg (i32.add (local.get $row) (i32.mul (local.get $ky) (local.get $rowb))))
          (if (i32.and (i32.ge_s (local.get $sy) (i32.const 0)) (i32.lt_s (local.get $sy) (local.get $side)))
            (then
              (if (i32.eqz (local.get $mode))
                (then
                  (call $zero (local.get $seg) (i32.mul (local.get $kx0) (local.get $cb)))
                  (call $copy
                    (i32.add (local.get $seg) (i32.mul (local.get $kx0) (local.get $cb)))
                    (i32.add (local.get $x) (i32.mul (local.get $cb)
                      (i32.sub (i32.add (i32.mul (local.get $sy) (local.get $side)) (i32.add (local.get $xx) (local.get $kx0)))
                        (local.get $r))))
                    (i32.mul (i32.sub (local.get $kx1) (local.get $kx0)) (local.get $cb)))
                  (call $zero (i32.add (local.get $seg) (i32.mul (local.get $kx1) (local.get $cb)))
                    (i32.mul (i32.sub (local.get $k) (local.get $kx1)) (local.get $cb))))
                (else
                  (call $addTo
                    (i32.add (local.get $x) (i32.mul (local.get $cb)
                      (i32.sub (i32.add (i32.mul (local.get $sy) (local.get $side)) (i32.add (local.get $xx) (local.get $kx0)))
                        (local.get $r))))
                    (i32.add (local.get $seg) (i32.mul (local.get $kx0) (local.get $cb)))
                    (i32.mul (i32.sub (local.get $kx1) (local.get $kx0)) (local.get $cb))))))
            (else
              (if (i32.eqz (local.get $mode)) (then (call $zero (local.get $seg) (local.get $rowb))))))
          (local.set $ky (i32.add (local.get $ky) (i32.const 1)))
          (br_if $kys (i32.lt_u (local.get $ky) (local.get $k))))
        (local.set $row (i32.add (local.get $row) (i32.mul (local.get $rowb) (local.get $k))))
        (local.set $xx (i32.add (local.get $xx) (i32.const 1)))
        (br_if $xs (i32.lt_u (local.get $xx) (local.get $side))))
      (local.set $y (i32.add (local.get $y) (i32.const 1)))
      (br_if $ys (i32.lt_u (local.get $y) (local.get $side)))))

  (func (export "im2colHWC") (param $x i32) (param $side i32) (param $C i32) (param $k i32) (param $col i32)
    (call $patches (i32.const 0) (local.get $x) (local.get $side) (local.get $C) (local.get $k) (local.get $col)))

  (func (export "col2imAddHWC") (param $dcol i32) (param $side i32) (param $C i32) (param $k i32) (param $dx i32)
    (call $patches (i32.const 1) (local.get $dx) (local.get $side) (local.get $C) (local.get $k) (local.get $dcol)))
)
