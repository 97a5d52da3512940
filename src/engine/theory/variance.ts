// What the mean-field maps need from one Linear layer's initializer: σ_w² = fan_in · Var(W), the bias's
// variance and its constant part (docs/MATH.md#mean-field-theory). Shared by the plain, normalized and
// residual predictions so all three read the same numbers the trainers draw from.
import type { RunConfig } from '../config';
import { biasSpec, initSpec } from '../init';

export interface LayerVariance {
  /** fan_in · Var(W); null for LSUV, whose scale depends on the incoming signal. */
  sigmaW2: number | null;
  biasVar: number;
  /** A constant bias c (the `bias` setting is a number), kept as the mean of z; 0 otherwise. */
  biasMean: number;
}

export function layerVariance(config: RunConfig, fanIn: number, fanOut: number): LayerVariance {
  const bias = biasSpec(config, fanIn);
  const biasMean = bias.kind === 'constant' ? (bias.value ?? 0) : 0;
  if (config.init === 'lsuv') return { sigmaW2: null, biasVar: bias.biasVar, biasMean };
  return { sigmaW2: fanIn * initSpec(config, fanIn, fanOut).weightVar, biasVar: bias.biasVar, biasMean };
}

/** LSUV rescales W until Var(z) = 1: σ_w² E[h²] + Var(b) = 1. */
export function lsuvSigmaW2(inputSq: number, biasVar: number): number {
  return inputSq > 0 ? Math.max(0, 1 - biasVar) / inputSq : 0;
}

/** σ_w² of a layer whose input has second moment inputSq (LSUV's rescaled value where it applies). */
export function sigmaW2Of(spec: LayerVariance, inputSq: number): number {
  return spec.sigmaW2 ?? lsuvSigmaW2(inputSq, spec.biasVar);
}
