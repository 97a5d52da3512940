// The one matrix kernel of the CPU engine: C = A·Bᵀ (+ bias), with both operands walked along contiguous
// rows. Forward (Z = X·Wᵀ with W [out, in]), the input gradient (via Wᵀ) and the weight gradient (via
// transposed δ and inputs) are all this shape, after O(n²) transposes that cost little next to the O(n³)
// product. A 2×4 register tile reuses each loaded value several times, which roughly doubles V8's
// throughput over a plain dot product. Sums run in float64 (JS numbers) and are rounded once when stored
// into a Float32Array: the GPU sums in float32 in its own order, so no CPU order could match it bit for
// bit, and the correctly rounded sum is the closest reference to any of them.

export type Arr = Float32Array | Float64Array;

/**
 * C[m, n] = Σ_k A[m, k]·B[n, k] + (bias ? bias[n] : 0) for m < M, n < N; A is [M, K], B is [N, K], C is
 * [M, N], all row-major and dense.
 */
export function gemmNT(A: Arr, B: Arr, C: Arr, M: number, N: number, K: number, bias: Arr | null): void {
  let m = 0;
  for (; m + 1 < M; m += 2) {
    const a0 = m * K;
    const a1 = a0 + K;
    const c0 = m * N;
    const c1 = c0 + N;
    let n = 0;
    for (; n + 3 < N; n += 4) {
      const b0 = n * K;
      const b1 = b0 + K;
      const b2 = b1 + K;
      const b3 = b2 + K;
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      for (let k = 0; k < K; k++) {
        const x0 = A[a0 + k];
        const x1 = A[a1 + k];
        const w0 = B[b0 + k];
        const w1 = B[b1 + k];
        const w2 = B[b2 + k];
        const w3 = B[b3 + k];
        s00 += x0 * w0;
        s01 += x0 * w1;
        s02 += x0 * w2;
        s03 += x0 * w3;
        s10 += x1 * w0;
        s11 += x1 * w1;
        s12 += x1 * w2;
        s13 += x1 * w3;
      }
      if (bias !== null) {
        const e0 = bias[n];
        const e1 = bias[n + 1];
        const e2 = bias[n + 2];
        const e3 = bias[n + 3];
        s00 += e0;
        s01 += e1;
        s02 += e2;
        s03 += e3;
        s10 += e0;
        s11 += e1;
        s12 += e2;
        s13 += e3;
      }
      C[c0 + n] = s00;
      C[c0 + n + 1] = s01;
      C[c0 + n + 2] = s02;
      C[c0 + n + 3] = s03;
      C[c1 + n] = s10;
      C[c1 + n + 1] = s11;
      C[c1 + n + 2] = s12;
      C[c1 + n + 3] = s13;
    }
    for (; n < N; n++) {
      const b0 = n * K;
      let s0 = 0;
      let s1 = 0;
      for (let k = 0; k < K; k++) {
        const w = B[b0 + k];
        s0 += A[a0 + k] * w;
        s1 += A[a1 + k] * w;
      }
      const e = bias !== null ? bias[n] : 0;
      C[c0 + n] = s0 + e;
      C[c1 + n] = s1 + e;
    }
  }
  for (; m < M; m++) {
    const a0 = m * K;
    const c0 = m * N;
    for (let n = 0; n < N; n++) {
      const b0 = n * K;
      let s = 0;
      for (let k = 0; k < K; k++) s += A[a0 + k] * B[b0 + k];
      C[c0 + n] = s + (bias !== null ? bias[n] : 0);
    }
  }
}

/** dst [cols, rows] = srcᵀ for src [rows, cols]. */
export function transpose(src: Arr, dst: Arr, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const s = r * cols;
    for (let c = 0; c < cols; c++) dst[c * rows + r] = src[s + c];
  }
}

/** out[r] = Σ_c src[r, c] for src [rows, cols] (bias gradients from transposed δ). */
export function rowSums(src: Arr, out: Arr, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const s = r * cols;
    let acc = 0;
    for (let c = 0; c < cols; c++) acc += src[s + c];
    out[r] = acc;
  }
}
