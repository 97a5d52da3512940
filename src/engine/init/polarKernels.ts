// The two float64 kernels of the Newton–Schulz polar iteration (see polar.ts): the Gram matrix X Xᵀ and
// the update 1.5 X − 0.5 (X Xᵀ) X, for X [m, n] row-major with m ≤ n.

/** Scalar dot product of rows i and k of X [·, n]. */
function rowDot(x: Float64Array, i: number, k: number, n: number): number {
  const ri = i * n;
  const rk = k * n;
  let s = 0;
  for (let j = 0; j < n; j++) s += x[ri + j] * x[rk + j];
  return s;
}

/**
 * gram = X Xᵀ for X [m, n] row-major. This and newtonSchulzStep are the whole cost, and both are bound
 * by memory traffic, so they work in 4×4 tiles of rows: each loaded x value feeds four products.
 * Symmetric, so only tiles with k ≥ i are computed and mirrored.
 */
export function gramRows(x: Float64Array, m: number, n: number, gram: Float64Array): void {
  const mb = m - (m % 4);
  for (let i = 0; i < mb; i += 4) {
    const a0 = i * n;
    const a1 = a0 + n;
    const a2 = a1 + n;
    const a3 = a2 + n;
    for (let k = i; k < mb; k += 4) {
      const b0 = k * n;
      const b1 = b0 + n;
      const b2 = b1 + n;
      const b3 = b2 + n;
      let s00 = 0,
        s01 = 0,
        s02 = 0,
        s03 = 0;
      let s10 = 0,
        s11 = 0,
        s12 = 0,
        s13 = 0;
      let s20 = 0,
        s21 = 0,
        s22 = 0,
        s23 = 0;
      let s30 = 0,
        s31 = 0,
        s32 = 0,
        s33 = 0;
      for (let j = 0; j < n; j++) {
        const u0 = x[a0 + j];
        const u1 = x[a1 + j];
        const u2 = x[a2 + j];
        const u3 = x[a3 + j];
        const v0 = x[b0 + j];
        const v1 = x[b1 + j];
        const v2 = x[b2 + j];
        const v3 = x[b3 + j];
        s00 += u0 * v0;
        s01 += u0 * v1;
        s02 += u0 * v2;
        s03 += u0 * v3;
        s10 += u1 * v0;
        s11 += u1 * v1;
        s12 += u1 * v2;
        s13 += u1 * v3;
        s20 += u2 * v0;
        s21 += u2 * v1;
        s22 += u2 * v2;
        s23 += u2 * v3;
        s30 += u3 * v0;
        s31 += u3 * v1;
        s32 += u3 * v2;
        s33 += u3 * v3;
      }
      const tile = [s00, s01, s02, s03, s10, s11, s12, s13, s20, s21, s22, s23, s30, s31, s32, s33];
      for (let p = 0; p < 4; p++) {
        for (let q = 0; q < 4; q++) {
          gram[(i + p) * m + k + q] = tile[p * 4 + q];
          gram[(k + q) * m + i + p] = tile[p * 4 + q];
        }
      }
    }
  }
  for (let i = mb; i < m; i++) {
    for (let k = 0; k <= i; k++) gram[i * m + k] = gram[k * m + i] = rowDot(x, i, k, n);
  }
}

/** next = 1.5 X − 0.5 (X Xᵀ) X, four output rows at a time against four rows of X. */
export function newtonSchulzStep(
  x: Float64Array,
  gram: Float64Array,
  m: number,
  n: number,
  next: Float64Array,
) {
  for (let i = 0; i < x.length; i++) next[i] = 1.5 * x[i];
  const mb = m - (m % 4);
  for (let i = 0; i < mb; i += 4) {
    const o0 = i * n;
    const o1 = o0 + n;
    const o2 = o1 + n;
    const o3 = o2 + n;
    const g0 = i * m;
    const g1 = g0 + m;
    const g2 = g1 + m;
    const g3 = g2 + m;
    for (let k = 0; k < mb; k += 4) {
      const c00 = -0.5 * gram[g0 + k],
        c01 = -0.5 * gram[g0 + k + 1],
        c02 = -0.5 * gram[g0 + k + 2],
        c03 = -0.5 * gram[g0 + k + 3];
      const c10 = -0.5 * gram[g1 + k],
        c11 = -0.5 * gram[g1 + k + 1],
        c12 = -0.5 * gram[g1 + k + 2],
        c13 = -0.5 * gram[g1 + k + 3];
      const c20 = -0.5 * gram[g2 + k],
        c21 = -0.5 * gram[g2 + k + 1],
        c22 = -0.5 * gram[g2 + k + 2],
        c23 = -0.5 * gram[g2 + k + 3];
      const c30 = -0.5 * gram[g3 + k],
        c31 = -0.5 * gram[g3 + k + 1],
        c32 = -0.5 * gram[g3 + k + 2],
        c33 = -0.5 * gram[g3 + k + 3];
      const b0 = k * n;
      const b1 = b0 + n;
      const b2 = b1 + n;
      const b3 = b2 + n;
      for (let j = 0; j < n; j++) {
        const v0 = x[b0 + j];
        const v1 = x[b1 + j];
        const v2 = x[b2 + j];
        const v3 = x[b3 + j];
        next[o0 + j] += c00 * v0 + c01 * v1 + c02 * v2 + c03 * v3;
        next[o1 + j] += c10 * v0 + c11 * v1 + c12 * v2 + c13 * v3;
        next[o2 + j] += c20 * v0 + c21 * v1 + c22 * v2 + c23 * v3;
        next[o3 + j] += c30 * v0 + c31 * v1 + c32 * v2 + c33 * v3;
      }
    }
  }
  // Leftovers: every (i, k) pair with i ≥ mb or k ≥ mb, one row at a time.
  for (let i = 0; i < m; i++) {
    const oi = i * n;
    for (let k = i < mb ? mb : 0; k < m; k++) {
      const c = -0.5 * gram[i * m + k];
      const rk = k * n;
      for (let j = 0; j < n; j++) next[oi + j] += c * x[rk + j];
    }
  }
}
