// Mean-field prediction at initialization (docs/MATH.md#mean-field-theory; Poole et al. 2016, Schoenholz
// et al. 2017). Infinite-width Gaussian approximation, per hidden layer ℓ = 1..L with fan_in N_{ℓ−1}:
//   z^ℓ ~ N(c, v^ℓ),  v^ℓ = σ_{w,ℓ}² E[φ(z^{ℓ−1})²] + Var(b^ℓ),  v¹ = σ_{w,1}² · mean(x²) + Var(b¹)
// with σ_{w,ℓ}² = fan_in · Var(W^ℓ) from that layer's own initializer spec, and c a constant bias (0 unless
// `bias` is a number). q^ℓ = E[(z^ℓ)²] = v^ℓ + c², so the usual σ_b² is Var(b) + c²; we keep the constant
// as a mean instead of pretending it is random, so Var(z) matches what the statistics measure.
// Backward: E[(δ^ℓ)²] = E[(δ^{ℓ+1})²] · σ_{w,ℓ+1}² (N_{ℓ+1}/N_ℓ) E[φ′(z^ℓ)²], reported relative to layer L.
import type { RunConfig } from '../config';
import { chaoticCorrelation, correlationFns } from './correlation';
import { fixedPoint } from './fixedPoint';
import { activationMoments, type MomentFn, OVERFLOW_VARIANCE } from './moments';
import { architectureField } from './architecture';
import { depthScale, regimeOf } from './regime';
import type { TheoryLayer, TheoryResult } from './types';
import { type LayerVariance, layerVariance, lsuvSigmaW2 } from './variance';

export type { Regime, TheoryLayer, TheoryResult, TheorySummary } from './types';

export { CRITICAL_TOLERANCE } from './regime';

function checkDims(dims: readonly number[], inputMeanSq: number): void {
  if (dims.length < 3)
    throw new RangeError('meanField: dims must be [inDim, N…, classes] with ≥ 1 hidden layer');
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 1) throw new RangeError(`meanField: bad layer size ${d}`);
  }
  if (!(inputMeanSq >= 0 && Number.isFinite(inputMeanSq))) {
    throw new RangeError(`meanField: inputMeanSq must be a finite number ≥ 0, got ${inputMeanSq}`);
  }
}

/**
 * Per-layer prediction for the network dims = [inDim, N, …, N, classes] (L = dims.length − 2 hidden layers)
 * fed inputs with mean(x²) = inputMeanSq, plus the fixed-point summary of the hidden-to-hidden map.
 */
export function meanField(config: RunConfig, dims: readonly number[], inputMeanSq: number): TheoryResult {
  checkDims(dims, inputMeanSq);
  if (config.norm !== 'none' || config.res === 1) return architectureField(config, dims, inputMeanSq);
  const depth = dims.length - 2;
  const moments = activationMoments(config.act, config.slope);
  const notes: string[] = [];

  // Forward: the length map layer by layer.
  const layers: TheoryLayer[] = [];
  const derivSq: number[] = [];
  let inputSq = inputMeanSq; // E[h^{ℓ−1}²], the input for ℓ = 1
  let overflowAt = 0;
  for (let l = 1; l <= depth; l++) {
    const spec = layerVariance(config, dims[l - 1], dims[l]);
    const sigmaW2 = spec.sigmaW2 ?? lsuvSigmaW2(inputSq, spec.biasVar);
    const v = sigmaW2 * inputSq + spec.biasVar;
    const overflowed = !(v <= OVERFLOW_VARIANCE);
    if (overflowed && overflowAt === 0) overflowAt = l;
    const m = moments(v, spec.biasMean);
    const actSq = overflowed ? Infinity : m.sq;
    const actMean = overflowed ? Number.NaN : m.mean;
    layers.push({
      layer: l,
      preVar: overflowed ? Infinity : v,
      preMean: spec.biasMean,
      actSq,
      actMean,
      actStd: overflowed ? Infinity : Math.sqrt(Math.max(0, actSq - actMean * actMean)),
      gradRatio: 1,
      sigmaW2,
    });
    derivSq.push(m.derivSq);
    inputSq = actSq;
  }
  if (overflowAt > 0) {
    notes.push(
      `The predicted signal overflows from layer ${overflowAt} on (Var(z) > 1e280; float32 overflows at ~3e38): those layers are reported as infinite.`,
    );
  }

  // Backward: anchored at the top hidden layer L.
  for (let l = depth - 1; l >= 1; l--) {
    const above = layers[l]; // layer l + 1 (0-based index l)
    const fanRatio = dims[l + 1] / dims[l];
    layers[l - 1].gradRatio = above.gradRatio * above.sigmaW2 * fanRatio * derivSq[l - 1];
  }

  const summary = summarize(config, dims, layers, moments, notes);
  return { layers, summary };
}

function summarize(
  config: RunConfig,
  dims: readonly number[],
  layers: TheoryLayer[],
  moments: MomentFn,
  notes: string[],
): TheoryResult['summary'] {
  // The hidden-to-hidden map N → N (a hypothetical one when depth = 1).
  const N = dims[1];
  const spec = layerVariance(config, N, dims.length > 3 ? dims[2] : N);
  const c = spec.biasMean;
  const sigmaB2 = spec.biasVar + c * c;

  let sigmaW2: number;
  let vStar: number | null;
  if (spec.sigmaW2 === null) {
    // LSUV: Var(z) = 1 in every layer by construction; σ_w² is whatever makes that true at the fixed point.
    vStar = 1;
    sigmaW2 = lsuvSigmaW2(moments(1, c).sq, spec.biasVar);
    notes.push(
      'LSUV rescales every layer to Var(z) = 1, so the theory models each σ_w² as (1 − Var b)/E[h²] (q = 1).',
    );
  } else {
    sigmaW2 = spec.sigmaW2;
    const w2 = sigmaW2;
    const map = (v: number) => w2 * moments(v, c).sq + spec.biasVar;
    const fp = fixedPoint(map, layers[0].preVar < Infinity ? layers[0].preVar : 1);
    vStar = fp.value;
    if (fp.diverges) {
      notes.push(
        `The length map has no fixed point: with σ_w² = ${round(sigmaW2)} the pre-activation variance grows without bound, so q* is null and χ₁ is its limit for large q.`,
      );
    }
  }

  const vAt = vStar ?? OVERFLOW_VARIANCE;
  // Quadrature is good to ~1e−13: a χ₁ that close to 1 is the exactly critical case (ReLU + Kaiming).
  const { chi1 } = depthScale(sigmaW2 * moments(vAt, c).derivSq);
  const xiC =
    chi1 === 1 ? Infinity : 1 / Math.abs(Math.log(correlationChi(config, sigmaW2, spec, vStar, chi1)));
  const init = config.init;
  if (init === 'zeros' || init === 'constant') {
    notes.push(
      `Mean-field theory assumes random, independent weights. ${init === 'zeros' ? 'Zero' : 'Constant'} init is the symmetric case: every unit of a layer computes the same value, so σ_w² = 0 here, q = σ_b² and χ₁ = 0; the network cannot break the symmetry.`,
    );
  }
  if (init === 'orthogonal') {
    notes.push(
      'Orthogonal weights are treated like independent ones of the same variance; the forward variances match at large width, gradient fluctuations do not (dynamical isometry).',
    );
  }
  return {
    sigmaW2,
    sigmaB2,
    qStar: vStar === null ? null : vStar + c * c,
    chi1,
    xiC,
    trainableDepth: 6 * xiC,
    regime: regimeOf(chi1),
    arch: { kind: 'plain', gradFactor: null, streamGrowth: null, streamStdFirst: null, streamStdLast: null },
    notes,
  };
}

/**
 * The factor behind ξ_c (Schoenholz et al. 2017): χ₁ where correlations converge to c* = 1 (ordered, or q
 * unbounded), χ_c = σ_w² E[φ′(u₁)φ′(u₂)] at the correlation map's stable c* < 1 in the chaotic phase. The
 * two-input map is derived for zero-mean biases, so a constant bias keeps χ₁.
 */
function correlationChi(
  config: RunConfig,
  sigmaW2: number,
  spec: LayerVariance,
  vStar: number | null,
  chi1: number,
): number {
  if (chi1 <= 1 || vStar === null || vStar === 0 || spec.biasMean !== 0) return chi1;
  const fns = correlationFns(config.act, config.slope, sigmaW2, spec.biasVar, vStar);
  const cStar = chaoticCorrelation(fns.map);
  return cStar === 1 ? chi1 : fns.chiC(cStar);
}

function round(x: number): string {
  return Number(x.toPrecision(4)).toString();
}
