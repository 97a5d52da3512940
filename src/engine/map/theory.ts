// Theory per σ_w² column of a map: χ₁ and the correlation depth scale ξ_c at the base config's σ_b²
// (phasePoint: c* < 1 on the chaotic side).
import type { RunConfig } from '../config';
import { biasSpec } from '../init';
import { phasePoint } from '../theory/phase';

/** σ_b² of the base config's bias: its variance, plus the square of a constant bias (as meanField). */
export function mapSigmaB2(base: RunConfig): number {
  const spec = biasSpec(base, base.width);
  const c = spec.kind === 'constant' ? (spec.value ?? 0) : 0;
  return spec.biasVar + c * c;
}

export function mapTheory(base: RunConfig, sw2: readonly number[]): { chi1: number[]; xi_c: number[] } {
  const sb2 = mapSigmaB2(base);
  const points = sw2.map((w) => phasePoint(base.act, base.slope, w, sb2));
  return { chi1: points.map((p) => p.chi1), xi_c: points.map((p) => p.xiC) };
}
