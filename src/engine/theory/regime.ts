// Which way the gradient goes at the fixed point, from the per-layer factor χ₁ of E[δ²].
import type { Regime } from './types';

/** |χ₁ − 1| within this counts as critical. */
export const CRITICAL_TOLERANCE = 0.01;

export function regimeOf(chi1: number): Regime {
  if (Math.abs(chi1 - 1) <= CRITICAL_TOLERANCE) return 'critical';
  return chi1 < 1 ? 'vanishing' : 'exploding';
}

/** Depth scale 1/|ln χ₁|; Infinity at χ₁ = 1 (quadrature noise within 1e−12 of 1 counts as exactly 1). */
export function depthScale(chi1: number): { chi1: number; xiC: number } {
  const c = Math.abs(chi1 - 1) < 1e-12 ? 1 : chi1;
  return { chi1: c, xiC: c === 1 ? Infinity : 1 / Math.abs(Math.log(c)) };
}
