// The three Gaussian moments of an activation that the mean-field maps need, in one pass over the nodes:
// E[φ(u)²], E[φ(u)], E[φ′(u)²] for u ~ N(μ, v).
import { activationFns } from '../activations';
import type { Activation } from '../config';
import { hermiteRule, type NormalRule, splitRule } from './expect';

export interface ActivationMoments {
  /** E[φ(u)²] */
  sq: number;
  /** E[φ(u)] */
  mean: number;
  /** E[φ′(u)²] */
  derivSq: number;
}

/** Smooth activations: Gauss–Hermite is accurate while their unit-scale features are wide enough (v ≤ 1). */
const SMOOTH: ReadonlySet<Activation> = new Set(['tanh', 'sigmoid', 'silu', 'gelu']);
/** Beyond this variance an activation's output is treated as overflowed (float32 overflowed long before). */
export const OVERFLOW_VARIANCE = 1e280;

/**
 * Which rule to use: Gauss–Hermite where it is exact (linear: polynomial) or accurate (smooth activations
 * with v ≤ 1); the split rule otherwise (kinks at 0: relu, leaky_relu, selu; wide Gaussians).
 */
export function activationRule(act: Activation, variance: number, mean: number): NormalRule {
  if (act === 'linear' || (SMOOTH.has(act) && variance <= 1 && Math.abs(mean) <= 1)) {
    return hermiteRule(variance, mean);
  }
  return splitRule(variance, mean);
}

export type MomentFn = (variance: number, mean: number) => ActivationMoments;

/** Moments of `act` as a function of (v, μ). Variances above OVERFLOW_VARIANCE are evaluated at that cap. */
export function activationMoments(act: Activation, slope: number): MomentFn {
  const { f, df } = activationFns(act, slope);
  return (variance, mean) => {
    const { u, w } = activationRule(act, Math.min(variance, OVERFLOW_VARIANCE), mean);
    let sq = 0;
    let m1 = 0;
    let d2 = 0;
    for (let i = 0; i < u.length; i++) {
      const y = f(u[i]);
      const d = df(u[i]);
      sq += w[i] * y * y;
      m1 += w[i] * y;
      d2 += w[i] * d * d;
    }
    return { sq, mean: m1, derivSq: d2 };
  };
}
