// The fixed point of a one-dimensional length map v ↦ V(v) that the iteration from v₀ converges to.
// Plain iteration first (fast when the map contracts); near the edge of chaos it converges only like 1/ℓ, so
// it falls back to bisection on excess(v) = V(v) − v within the bracket the iteration is heading into.

export type FixedPointResult = { value: number; diverges: false } | { value: null; diverges: true };

const ITERATIONS = 60;
const BISECTIONS = 200;
/** A change below this fraction of v counts as converged (the maps are accurate to ~1e−13). */
const REL_TOL = 1e-12;
/** excess(v) must be this far below 0 (relative) to count as a sign change; smaller is rounding noise. */
const SIGN_TOL = 1e-10;
/** Beyond this the value is treated as infinite. */
const HUGE = 1e280;

export function fixedPoint(map: (v: number) => number, v0: number): FixedPointResult {
  let v = v0;
  for (let k = 0; k < ITERATIONS; k++) {
    const next = map(v);
    if (!(next < HUGE)) return { value: null, diverges: true };
    if (Math.abs(next - v) <= REL_TOL * Math.max(next, v)) return { value: next, diverges: false };
    v = next;
  }
  const excess = (x: number) => map(x) - x;
  let lo: number;
  let hi: number;
  if (excess(v) < 0) {
    // Decreasing toward a root in [0, v): excess(0) = V(0) ≥ 0 because V is a variance.
    lo = 0;
    hi = v;
  } else {
    // Increasing: find an upper end where the map finally bends below the diagonal.
    lo = v;
    hi = v;
    do {
      hi = hi > 0 ? hi * 16 : 1e-300;
      if (!(hi < HUGE)) return { value: null, diverges: true };
    } while (!(excess(hi) < -SIGN_TOL * hi));
  }
  // Invariant: excess(lo) ≥ 0 > excess(hi). Geometric midpoints while the bracket spans orders of magnitude.
  for (let k = 0; k < BISECTIONS && hi - lo > REL_TOL * hi; k++) {
    const mid = lo > 0 && hi > 4 * lo ? Math.sqrt(lo * hi) : 0.5 * (lo + hi);
    if (excess(mid) < 0) hi = mid;
    else lo = mid;
  }
  // The bracket shrank onto 0 (no bias and φ(0) = 0, e.g. tanh at σ_w = 1): the fixed point is 0.
  if (lo === 0) return { value: 0, diverges: false };
  return { value: 0.5 * (lo + hi), diverges: false };
}
