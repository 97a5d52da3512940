// Two-input mean-field quantities (Poole et al. 2016; Schoenholz et al. 2017): for two inputs whose
// pre-activations have the same variance q and correlation c, u₁ = √q z₁ and u₂ = √q (c z₁ + √(1 − c²) z₂)
// with z₁, z₂ ~ N(0, 1) independent. The correlation map is
//   c ↦ (σ_w² E[φ(u₁) φ(u₂)] + σ_b²) / q*
// and the depth scale of correlations at its fixed point c* is ξ_c = −1/ln χ_c, χ_c = σ_w² E[φ′(u₁) φ′(u₂)].
//
// E[f(u₁) g(u₂)] is an iterated integral over z₁ and z₂, each side of the activation's kink or transition
// at u = 0 on its own: pieces of Gauss–Legendre that start at width ~1/√v next to the kink and double up to
// the Gaussian's own scale (the split rule of expect.ts, with fewer nodes: the phase diagram needs hundreds
// of these double integrals per point, and 1e−6 relative accuracy is far more than a plot can show). The
// inner kink moves with u₁, so each inner integral resolves it, also when c is near 1 and the inner
// Gaussian is narrow.
import type { Activation } from '../config';
import { activationFns } from '../activations';
import { gaussLegendre } from './gaussLegendre';

const PIECE_NODES = 8;
/** Gaussian mass beyond |z| = 8 is 1.2e−15. */
const Z_MAX = 8;
const MAX_PIECE = 2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Σ over pieces between `from` and `to` (moving away from the kink), widths w0, 2w0, … ≤ MAX_PIECE. */
function sideSum(
  g: (u: number) => number,
  mean: number,
  s: number,
  from: number,
  to: number,
  w0: number,
): number {
  const gl = gaussLegendre(PIECE_NODES);
  const dir = Math.sign(to - from);
  let sum = 0;
  let at = from;
  let width = w0;
  while ((to - at) * dir > 1e-12) {
    const next = Math.abs(to - at) <= width * 1.5 ? to : at + dir * width;
    const half = 0.5 * Math.abs(next - at);
    const mid = 0.5 * (next + at);
    for (let i = 0; i < PIECE_NODES; i++) {
      const z = mid + half * gl.nodes[i];
      sum += half * gl.weights[i] * INV_SQRT_2PI * Math.exp(-0.5 * z * z) * g(mean + s * z);
    }
    at = next;
    width = Math.min(2 * width, MAX_PIECE);
  }
  return sum;
}

/**
 * E[g(u)], u ~ N(mean, variance), split where u = 0. `feature` is the width (in z) of the narrowest feature
 * of g next to the kink; the first pieces are half of it.
 */
export function splitMean(g: (u: number) => number, variance: number, mean: number, feature = 1): number {
  const s = Math.max(Math.sqrt(variance), 1e-150);
  const kink = Math.min(Z_MAX, Math.max(-Z_MAX, -mean / s));
  const w0 = Math.max(1e-9, 0.5 * Math.min(1, 1 / s, feature));
  return sideSum(g, mean, s, kink, -Z_MAX, w0) + sideSum(g, mean, s, kink, Z_MAX, w0);
}

/** E[f(u₁) g(u₂)] for the bivariate normal above. */
export function bivariateExpect(
  f: (x: number) => number,
  g: (x: number) => number,
  q: number,
  c: number,
): number {
  const innerVar = q * Math.max(0, 1 - c * c);
  // u₂ given u₁: mean c·u₁, variance q(1 − c²).
  // The inner integral turns from one side of g's kink to the other over z₁ ~ √(1 − c²): narrow near c = 1.
  const feature = Math.sqrt(Math.max(0, 1 - c * c));
  return splitMean(
    (u1) => {
      const fu = f(u1);
      return fu === 0 ? 0 : fu * splitMean(g, innerVar, c * u1); // ReLU's flat half: no inner integral
    },
    q,
    0,
    feature,
  );
}

export interface CorrelationFns {
  /** The correlation map C(c) at the length map's fixed point q*. */
  map(c: number): number;
  /** χ_c(c) = σ_w² E[φ′(u₁) φ′(u₂)]; at c = 1 this is χ₁. */
  chiC(c: number): number;
}

export function correlationFns(
  act: Activation,
  slope: number,
  sigmaW2: number,
  sigmaB2: number,
  qStar: number,
): CorrelationFns {
  const { f, df } = activationFns(act, slope);
  return {
    map: (c) => (sigmaW2 * bivariateExpect(f, f, qStar, c) + sigmaB2) / qStar,
    chiC: (c) => sigmaW2 * bivariateExpect(df, df, qStar, c),
  };
}

/**
 * The stable fixed point c* < 1 of the correlation map in the chaotic phase (χ₁ > 1, where c = 1 is
 * unstable): C(0) ≥ 0 because C is a ratio of second moments plus σ_b², and C(c) < c just below 1 because
 * C′(1) = χ₁ > 1, so the root in between is bracketed; regula falsi (Illinois) on C(c) − c. Returns 1 when
 * no point below 1 is found with C(c) < c (χ₁ so close to 1 that c* cannot be told from 1).
 */
export function chaoticCorrelation(map: (c: number) => number): number {
  const excess = (c: number) => map(c) - c;
  let hi = 1;
  let fHi = 0;
  for (let eps = 1e-2; eps >= 1e-10; eps /= 10) {
    const e = excess(1 - eps);
    if (e < 0) {
      hi = 1 - eps;
      fHi = e;
      break;
    }
  }
  if (hi === 1) return 1;
  let lo = 0;
  let fLo = excess(0);
  if (fLo <= 0) return 0;
  let side = 0;
  for (let k = 0; k < 100 && hi - lo > 1e-9; k++) {
    const c = (lo * fHi - hi * fLo) / (fHi - fLo);
    const fc = excess(c);
    if (fc === 0) return c;
    if (fc > 0) {
      lo = c;
      fLo = fc;
      if (side === 1) fHi /= 2;
      side = 1;
    } else {
      hi = c;
      fHi = fc;
      if (side === -1) fLo /= 2;
      side = -1;
    }
  }
  return 0.5 * (lo + hi);
}
