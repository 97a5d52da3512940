// Singular values of a dense float64 matrix by one-sided Jacobi (Hestenes): plane rotations orthogonalize
// the columns pairwise until every pair is orthogonal to working precision; the column norms are then the
// singular values. Unlike the eigenvalues of AᵀA it does not square the condition number, so a deep
// network's Jacobian, whose singular values span many orders of magnitude, keeps its small ones accurate.

/** Sweeps before giving up (each sweep visits every column pair; convergence is quadratic, ~6–12 suffice). */
const MAX_SWEEPS = 60;
/** A pair counts as orthogonal when |aᵢ·aⱼ| ≤ EPS·‖aᵢ‖‖aⱼ‖. */
const EPS = 1e-15;

/**
 * Singular values of A [rows, cols] (row-major), in descending order; min(rows, cols) of them. A is not
 * modified.
 */
export function singularValues(A: ArrayLike<number>, rows: number, cols: number): Float64Array {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1)
    throw new RangeError(`singularValues: bad shape ${rows}×${cols}`);
  if (A.length !== rows * cols)
    throw new RangeError(`singularValues: ${A.length} entries for a ${rows}×${cols} matrix`);
  for (let i = 0; i < A.length; i++) {
    if (!Number.isFinite(A[i])) throw new RangeError('singularValues: the matrix has a non-finite entry');
  }
  // Work on the columns of the taller orientation (Aᵀ has the same singular values), stored column by
  // column so each rotation walks contiguous memory.
  const tall = rows >= cols;
  const m = tall ? rows : cols;
  const n = tall ? cols : rows;
  const cs: Float64Array[] = [];
  for (let j = 0; j < n; j++) {
    const c = new Float64Array(m);
    for (let i = 0; i < m; i++) c[i] = tall ? A[i * cols + j] : A[j * cols + i];
    cs.push(c);
  }
  const norms = new Float64Array(n);
  for (let j = 0; j < n; j++) norms[j] = dot(cs[j], cs[j], m);
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const a = norms[p];
        const b = norms[q];
        if (a === 0 || b === 0) continue;
        const g = dot(cs[p], cs[q], m);
        if (Math.abs(g) <= EPS * Math.sqrt(a * b)) continue;
        rotated = true;
        // The rotation that zeroes the (p, q) entry of the 2×2 Gram matrix [[a, g], [g, b]].
        const zeta = (b - a) / (2 * g);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        const x = cs[p];
        const y = cs[q];
        for (let i = 0; i < m; i++) {
          const xi = x[i];
          const yi = y[i];
          x[i] = c * xi - s * yi;
          y[i] = s * xi + c * yi;
        }
        // Norms recomputed, not updated by formula: the update a − t·g loses the small ones to cancellation.
        norms[p] = dot(x, x, m);
        norms[q] = dot(y, y, m);
      }
    }
    if (!rotated) break;
  }
  const out = Float64Array.from(norms, Math.sqrt);
  return out.sort().reverse();
}

function dot(x: Float64Array, y: Float64Array, m: number): number {
  let s = 0;
  for (let i = 0; i < m; i++) s += x[i] * y[i];
  return s;
}
