// Gauss–Hermite quadrature for the standard normal: E[f(z)], z ~ N(0, 1), as Σ wᵢ f(xᵢ).
// Nodes are the roots of the probabilists' Hermite polynomial Heₙ. We locate them as eigenvalues of the
// Jacobi matrix (Golub–Welsch: zero diagonal, off-diagonal √k) by Sturm-sequence bisection, which never
// misses or doubles a root, then polish each with Newton on the orthonormal recurrence. The weights come
// from the closed form wᵢ = 1 / (n·pₙ₋₁(xᵢ)²), which keeps full relative accuracy even for the tiny weights
// of the outermost nodes (an eigenvector-based weight would only be accurate in absolute terms).

export interface GaussRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

/**
 * Orthonormal Hermite polynomials pₖ = Heₖ/√(k!) at x: returns [pₙ₋₁(x), pₙ(x)].
 * Recurrence: pₖ₊₁ = (x·pₖ − √k·pₖ₋₁)/√(k+1); the normalisation keeps the values in floating-point range.
 */
function hermitePair(n: number, x: number): [number, number] {
  let prev = 0;
  let cur = 1;
  for (let k = 0; k < n; k++) {
    const next = (x * cur - Math.sqrt(k) * prev) / Math.sqrt(k + 1);
    prev = cur;
    cur = next;
  }
  return [prev, cur];
}

/** Number of eigenvalues of the Jacobi matrix below λ (Sturm count from the LDLᵀ pivots of J − λI). */
function countBelow(n: number, lambda: number): number {
  let count = 0;
  let d = 1;
  for (let k = 0; k < n; k++) {
    const offSq = k === 0 ? 0 : k; // squared off-diagonal entry (√k)²
    d = -lambda - (k === 0 ? 0 : offSq / d);
    // A pivot of exactly 0 would divide by zero next; nudging it keeps the count correct.
    if (d === 0) d = -1e-300;
    if (d < 0) count++;
  }
  return count;
}

/** The i-th smallest eigenvalue (0-based) by bisection on the Sturm count. */
function eigenvalue(n: number, i: number, bound: number): number {
  let lo = -bound;
  let hi = bound;
  for (let it = 0; it < 200 && hi - lo > 1e-14 * Math.max(1, Math.abs(lo) + Math.abs(hi)); it++) {
    const mid = 0.5 * (lo + hi);
    if (countBelow(n, mid) > i) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}

function buildRule(n: number): GaussRule {
  if (!Number.isInteger(n) || n < 1 || n > 300)
    throw new RangeError(`Gauss–Hermite order ${n} not in 1..300`);
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  // Gershgorin: every eigenvalue lies within max row sum of |offdiagonal| ≤ 2√(n−1).
  const bound = 2 * Math.sqrt(Math.max(1, n - 1)) + 1;
  const half = Math.floor(n / 2);
  // The roots are symmetric; compute the non-negative half and mirror so that Σ wᵢ xᵢ^odd = 0 exactly.
  for (let j = 0; j < n - half; j++) {
    const i = half + j; // eigenvalue index, ascending; the middle one is 0 when n is odd
    let x = n % 2 === 1 && j === 0 ? 0 : eigenvalue(n, i, bound);
    for (let it = 0; it < 3 && x !== 0; it++) {
      const [pPrev, p] = hermitePair(n, x);
      // pₙ′ = √n·pₙ₋₁
      const step = p / (Math.sqrt(n) * pPrev);
      x -= step;
      if (Math.abs(step) < 1e-16 * Math.abs(x)) break;
    }
    const [pPrev] = hermitePair(n, x);
    const w = 1 / (n * pPrev * pPrev);
    nodes[i] = x;
    weights[i] = w;
    nodes[n - 1 - i] = x === 0 ? 0 : -x; // no -0 for the middle node of an odd rule
    weights[n - 1 - i] = w;
  }
  // Normalise: the weights of a probability measure sum to 1 (removes the last ulp-level drift).
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weights[i];
  for (let i = 0; i < n; i++) weights[i] /= sum;
  return { nodes, weights };
}

const cache = new Map<number, GaussRule>();

/** The n-point Gauss–Hermite rule for N(0, 1) (weights sum to 1); exact for polynomials of degree ≤ 2n − 1. */
export function gaussHermite(n: number): GaussRule {
  let rule = cache.get(n);
  if (!rule) {
    rule = buildRule(n);
    cache.set(n, rule);
  }
  return rule;
}
