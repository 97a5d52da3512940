// Gauss–Legendre nodes and weights on [−1, 1], used for the pieces of the split Gaussian rule (expect.ts).
// Roots of Pₘ by Newton from the Tricomi-style first guess cos(π(i − ¼)/(m + ½)); the guess is close enough
// that Newton converges to the i-th root for every m used here.
import type { GaussRule } from './gaussHermite';

/** [Pₘ(x), Pₘ′(x)] from the three-term recurrence. */
function legendre(m: number, x: number): [number, number] {
  let prev = 1;
  let cur = x;
  for (let k = 2; k <= m; k++) {
    const next = ((2 * k - 1) * x * cur - (k - 1) * prev) / k;
    prev = cur;
    cur = next;
  }
  // (1 − x²)Pₘ′ = m(Pₘ₋₁ − x Pₘ); the roots are interior, so 1 − x² > 0.
  const deriv = (m * (prev - x * cur)) / (1 - x * x);
  return [cur, deriv];
}

function buildRule(m: number): GaussRule {
  const nodes = new Float64Array(m);
  const weights = new Float64Array(m);
  for (let i = 0; i < Math.ceil(m / 2); i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (m + 0.5));
    let deriv = 1;
    for (let it = 0; it < 100; it++) {
      const [p, dp] = legendre(m, x);
      deriv = dp;
      const step = p / dp;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    deriv = legendre(m, x)[1];
    const w = 2 / ((1 - x * x) * deriv * deriv);
    // Symmetric pairs, largest first mirrored; the middle node of an odd rule is exactly 0.
    const isMiddle = m % 2 === 1 && i === (m - 1) / 2;
    nodes[i] = isMiddle ? 0 : -x;
    nodes[m - 1 - i] = isMiddle ? 0 : x;
    weights[i] = w;
    weights[m - 1 - i] = w;
  }
  return { nodes, weights };
}

const cache = new Map<number, GaussRule>();

/** The m-point Gauss–Legendre rule on [−1, 1] (weights sum to 2); exact for polynomials of degree ≤ 2m − 1. */
export function gaussLegendre(m: number): GaussRule {
  if (!Number.isInteger(m) || m < 1 || m > 200)
    throw new RangeError(`Gauss–Legendre order ${m} not in 1..200`);
  let rule = cache.get(m);
  if (!rule) {
    rule = buildRule(m);
    cache.set(m, rule);
  }
  return rule;
}
