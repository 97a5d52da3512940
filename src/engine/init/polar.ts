// Polar factor of a real matrix by Newton–Schulz iteration, in float64.
// For G = U Σ Vᵀ the polar factor is P = U Vᵀ: orthonormal rows when G is wide, orthonormal columns when
// it is tall. For a Gaussian G, P is Haar-distributed, which is what orthogonal init needs. The GPU builds
// the same P with the same iteration (matmuls only); here we iterate in float64 until XXᵀ = I to ~1e-12,
// so the CPU result is the reference the GPU is compared with.
//
// Iteration on a wide X (m ≤ n): X ← 1.5 X − 0.5 (X Xᵀ) X. On the singular values it is the map
// σ ← 1.5σ − 0.5σ³, which drives every σ in (0, √3) to 1 without touching the singular vectors.
// We first scale X so that σ_max ≤ 1 using rigorous bounds on λ_max(X Xᵀ) (its largest absolute row sum
// and its Frobenius norm), so no σ can start beyond √3 (where the map would flip its sign).
import { gramRows, newtonSchulzStep } from './polarKernels';

export interface PolarResult {
  /** The polar factor, same shape and layout as the input (row-major). */
  p: Float64Array;
  iterations: number;
  /** max |X Xᵀ − I| (wide) or |Xᵀ X − I| (tall) at the last check. */
  residual: number;
}

const TOL = 1e-12;
const MAX_ITERS = 300;

function transpose(a: Float64Array, rows: number, cols: number): Float64Array {
  const t = new Float64Array(a.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = a[i * cols + j];
  return t;
}

/** Rigorous upper bound on λ_max of a symmetric m×m matrix: min(max absolute row sum, Frobenius norm). */
function lambdaMaxBound(a: Float64Array, m: number): number {
  let rowMax = 0;
  let frob = 0;
  for (let i = 0; i < m; i++) {
    let row = 0;
    for (let k = 0; k < m; k++) {
      const v = a[i * m + k];
      row += Math.abs(v);
      frob += v * v;
    }
    rowMax = Math.max(rowMax, row);
  }
  return Math.min(rowMax, Math.sqrt(frob));
}

function polarWide(g: Float64Array, m: number, n: number): PolarResult {
  let x = Float64Array.from(g);
  let next = new Float64Array(m * n);
  const gram = new Float64Array(m * m);
  let residual = Infinity;
  let iterations = 0;
  for (; ; iterations++) {
    gramRows(x, m, n, gram);
    if (iterations === 0) {
      const bound = lambdaMaxBound(gram, m);
      if (!(bound > 0) || !Number.isFinite(bound))
        throw new Error('polarFactor: matrix is zero or non-finite');
      const s = 1 / Math.sqrt(bound);
      for (let i = 0; i < x.length; i++) x[i] *= s;
      for (let i = 0; i < gram.length; i++) gram[i] *= s * s;
    }
    let err = 0;
    for (let i = 0; i < m; i++) {
      for (let k = 0; k < m; k++) {
        err = Math.max(err, Math.abs(gram[i * m + k] - (i === k ? 1 : 0)));
      }
    }
    // Stop when orthonormal to TOL, or when rounding stops the residual from shrinking near the end.
    if (err < TOL || (err < 1e-9 && err >= residual) || iterations >= MAX_ITERS) {
      residual = Math.min(err, residual);
      break;
    }
    residual = err;
    newtonSchulzStep(x, gram, m, n, next);
    const t = x;
    x = next;
    next = t;
  }
  return { p: x, iterations, residual };
}

/**
 * Polar factor of G [rows, cols] (row-major, float64). rows ≤ cols: P Pᵀ = I; rows > cols: Pᵀ P = I.
 * Cost per iteration ≈ 1.5·m²·n multiply-adds with m = min(rows, cols), n = max(rows, cols); a Gaussian
 * square matrix needs ~20–30 iterations (the smallest singular value grows ×1.5 per step).
 */
export function polarFactor(g: Float64Array, rows: number, cols: number): PolarResult {
  if (g.length !== rows * cols) throw new Error(`polarFactor: ${g.length} values for ${rows}×${cols}`);
  if (rows <= cols) return polarWide(g, rows, cols);
  // Polar(Gᵀ) = Polar(G)ᵀ: iterate on the wide transpose, so the Gram matrix is the small one.
  const r = polarWide(transpose(g, rows, cols), cols, rows);
  return { ...r, p: transpose(r.p, cols, rows) };
}
