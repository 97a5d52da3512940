// Mean-field prediction of the Jacobian’s mean squared singular value (Pennington et al. 2017). Pushing an input direction e through the stack, each layer multiplies E‖·‖² by
//   χ_ℓ = N_ℓ Var(W^ℓ) E[φ′(z^ℓ)²] = (N_ℓ/N_{ℓ−1}) σ_{w,ℓ}² E[φ′(z^ℓ)²],
// which is χ₁ for square layers at the fixed point; z^ℓ ~ N(μ, q^ℓ) from the length map started at this
// input's mean square. So E tr(JᵀJ) = N_0 ∏ χ_ℓ, and the mean over J's min(N_0, N_L) squared singular
// values is N_0 ∏ χ_ℓ / min(N_0, N_L).
import type { RunConfig } from '../config';
import { networkDims } from '../memory';
import { meanField } from '../theory';
import { activationMoments } from '../theory/moments';

export interface SpectrumTheory {
  /** Predicted mean of σᵢ² over J's singular values. */
  meanSquared: number;
  /** χ_ℓ per hidden layer (1-based order). */
  perLayer: number[];
}

export function spectrumTheory(config: RunConfig, inputMeanSq: number): SpectrumTheory {
  const dims = networkDims(config);
  const mf = meanField(config, dims, inputMeanSq);
  const moments = activationMoments(config.act, config.slope);
  const perLayer = mf.layers.map((layer, i) => {
    const fanRatio = dims[i + 1] / dims[i];
    return fanRatio * layer.sigmaW2 * moments(layer.preVar, layer.preMean).derivSq;
  });
  const n0 = dims[0];
  const nL = dims[dims.length - 2];
  // Accumulated in logs: 500 layers of χ = 0.5 would underflow a plain product before the last factor.
  let logSum = Math.log(n0 / Math.min(n0, nL));
  for (const chi of perLayer) logSum += Math.log(chi);
  return { meanSquared: Math.exp(logSum), perLayer };
}
