// Plain layers with a normalization (res = 0, norm = batch | layer): z = W h + b, u = Norm(z), h = φ(u)
// (docs/LAYERS.md, docs/MATH.md#normalization-and-residual-blocks). At init γ = 1 and β = 0, so u has mean 0
// and variance ṽ/(ṽ + ε) whatever W's scale, where ṽ is the variance the norm divides by:
// - LayerNorm, per sample over the N units: at infinite width z is Gaussian over the units with the full
//   Var(z) = σ_w² E[h²] + Var(b);
// - BatchNorm, per unit over the batch: the bias and the unit's batch mean are constants that drop out, so
//   ṽ = σ_w² Var(h), the *centred* variance of the layer's input (layer 1: the standardized inputs' mean(x²)).
// Backward, δ = ∂L/∂z = (g ⊙ φ′(u)) / √(ṽ + ε) less its projections on 1 and û (2 of n directions, dropped
// here), with E[g²] = σ_w² (n_{ℓ+1}/n_ℓ) E[(δ^{ℓ+1})²]. Per layer E[δ²] gains σ_w² E[φ′(u)²] / (ṽ + ε):
// LayerNorm + ReLU gives E[φ′²]/E[φ²] = 1 for every σ_w; BatchNorm divides by the centred variance instead,
// E[φ′(u)²] / Var(φ(u)) = π/(π − 1) ≈ 1.47 for ReLU, again for every σ_w: the gradient explosion at init of
// Yang et al. 2019 ("A Mean Field Theory of Batch Normalization"), in its large-batch limit.
import type { RunConfig } from '../config';
import { NORM_EPS } from '../cpu/normOps';
import type { MomentFn } from './moments';
import type { TheoryLayer } from './types';
import { layerVariance, sigmaW2Of } from './variance';

export interface NormalizedField {
  layers: TheoryLayer[];
  /** Per-layer factor of E[δ²] at the fixed point of a width → width layer. */
  chi1: number;
  /** E[z²] at that fixed point. */
  qStar: number;
}

interface Step {
  layer: TheoryLayer;
  /** E[φ′(u)²] / (ṽ + ε): the layer's own factor on E[δ²], before the weights above it. */
  gradGain: number;
}

/** One normalized layer fed an input with second moment inSq and centred variance inVar. */
function step(
  config: RunConfig,
  moments: MomentFn,
  fanIn: number,
  fanOut: number,
  inSq: number,
  inVar: number,
): Step {
  const spec = layerVariance(config, fanIn, fanOut);
  const sigmaW2 = sigmaW2Of(spec, inSq);
  const preVar = sigmaW2 * inSq + spec.biasVar;
  const seen = config.norm === 'batch' ? sigmaW2 * inVar : preVar;
  const uVar = seen / (seen + NORM_EPS);
  const m = moments(uVar, 0);
  return {
    layer: {
      layer: 0,
      preVar,
      preMean: spec.biasMean,
      actSq: m.sq,
      actMean: m.mean,
      actStd: Math.sqrt(Math.max(0, m.sq - m.mean * m.mean)),
      gradRatio: 1,
      sigmaW2,
      normStd: Math.sqrt(uVar),
    },
    gradGain: m.derivSq / (seen + NORM_EPS),
  };
}

/** Input statistics of the next layer: E[h²] and Var(h). */
function next(l: TheoryLayer): { inSq: number; inVar: number } {
  return { inSq: l.actSq, inVar: l.actStd * l.actStd };
}

export function normalizedField(
  config: RunConfig,
  dims: readonly number[],
  inputMeanSq: number,
  moments: MomentFn,
): NormalizedField {
  const depth = dims.length - 2;
  const layers: TheoryLayer[] = [];
  const gains: number[] = [];
  // The inputs are standardized (or zero-mean probe data), so their centred variance is their mean(x²).
  let input = { inSq: inputMeanSq, inVar: inputMeanSq };
  for (let l = 1; l <= depth; l++) {
    const s = step(config, moments, dims[l - 1], dims[l], input.inSq, input.inVar);
    layers.push({ ...s.layer, layer: l });
    gains.push(s.gradGain);
    input = next(s.layer);
  }
  for (let l = depth - 1; l >= 1; l--) {
    const above = layers[l];
    layers[l - 1].gradRatio = above.gradRatio * above.sigmaW2 * (dims[l + 1] / dims[l]) * gains[l - 1];
  }

  // The width → width map settles within a few layers (u's variance is pinned near 1); iterate it there.
  const N = dims[1];
  let s = step(config, moments, N, N, layers[0].actSq, layers[0].actStd ** 2);
  for (let k = 0; k < 100; k++) {
    const t = step(config, moments, N, N, s.layer.actSq, s.layer.actStd ** 2);
    const done = Math.abs(t.layer.preVar - s.layer.preVar) <= 1e-13 * t.layer.preVar;
    s = t;
    if (done) break;
  }
  const c = s.layer.preMean;
  return { layers, chi1: s.layer.sigmaW2 * s.gradGain, qStar: s.layer.preVar + c * c };
}
