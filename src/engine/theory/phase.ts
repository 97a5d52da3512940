// One point of the (σ_w², σ_b²) phase diagram of an activation (Poole et al. 2016; Schoenholz et al.
// 2017): the length map's fixed point q*, χ₁ at q*, and the correlation depth scale ξ_c. In the ordered
// phase (χ₁ < 1) correlations converge to c* = 1 and ξ_c = −1/ln χ₁; in the chaotic phase (χ₁ > 1) they
// converge to c* < 1 and ξ_c = −1/ln χ_c(c*); on the critical line χ₁ = 1, ξ_c = ∞. Where the length map
// has no fixed point (unbounded activations above their critical σ_w², e.g. ReLU above 2) the variance grows
// geometrically; there we report χ₁ at large q and the depth 1/ln χ₁ over which it grows e-fold.
import type { Activation } from '../config';
import { chaoticCorrelation, correlationFns } from './correlation';
import { fixedPoint } from './fixedPoint';
import { activationMoments, OVERFLOW_VARIANCE } from './moments';

export type Phase = 'ordered' | 'critical' | 'chaotic' | 'unbounded';

export interface PhasePoint {
  sigmaW2: number;
  sigmaB2: number;
  /** Fixed point of q ↦ σ_w² E[φ(√q z)²] + σ_b²; null when q grows without bound. */
  qStar: number | null;
  /** σ_w² E[φ′(√q* z)²]. */
  chi1: number;
  /** Stable fixed point of the correlation map (1 in the ordered phase); null when q is unbounded. */
  cStar: number | null;
  /** σ_w² E[φ′(u₁) φ′(u₂)] at c*: equals χ₁ in the ordered phase, < 1 in the chaotic one. */
  chiC: number;
  /** −1/ln χ_c (Infinity at χ_c = 1); unbounded: 1/ln χ₁. */
  xiC: number;
  phase: Phase;
}

/** |χ₁ − 1| below this is the critical line (the quadrature is good to ~1e−12). */
const CRITICAL_EPS = 1e-9;

function depthScale(chi: number): number {
  const l = Math.abs(Math.log(chi));
  return l === 0 ? Infinity : 1 / l;
}

export function phasePoint(act: Activation, slope: number, sigmaW2: number, sigmaB2: number): PhasePoint {
  if (!(sigmaW2 >= 0 && sigmaB2 >= 0 && Number.isFinite(sigmaW2) && Number.isFinite(sigmaB2))) {
    throw new RangeError(`phasePoint: σ_w² and σ_b² must be finite and ≥ 0, got ${sigmaW2}, ${sigmaB2}`);
  }
  const moments = activationMoments(act, slope);
  const fp = fixedPoint((v) => sigmaW2 * moments(v, 0).sq + sigmaB2, 1);
  if (fp.diverges) {
    const chi1 = sigmaW2 * moments(OVERFLOW_VARIANCE, 0).derivSq;
    return {
      sigmaW2,
      sigmaB2,
      qStar: null,
      chi1,
      cStar: null,
      chiC: chi1,
      xiC: depthScale(chi1),
      phase: 'unbounded',
    };
  }
  const qStar = fp.value;
  const raw = sigmaW2 * moments(qStar, 0).derivSq;
  const chi1 = Math.abs(raw - 1) < CRITICAL_EPS ? 1 : raw;
  const base = { sigmaW2, sigmaB2, qStar, chi1 };
  if (chi1 === 1) return { ...base, cStar: 1, chiC: 1, xiC: Infinity, phase: 'critical' };
  if (chi1 < 1 || qStar === 0) {
    return { ...base, cStar: 1, chiC: chi1, xiC: depthScale(chi1), phase: 'ordered' };
  }
  const fns = correlationFns(act, slope, sigmaW2, sigmaB2, qStar);
  const cStar = chaoticCorrelation(fns.map);
  const chiC = cStar === 1 ? chi1 : fns.chiC(cStar);
  return { ...base, cStar, chiC, xiC: depthScale(chiC), phase: 'chaotic' };
}
