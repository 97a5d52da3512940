// The residual stream at init (res = 1; docs/LAYERS.md, docs/MATH.md#normalization-and-residual-blocks).
// Layer 1 is plain: x¹ = h¹ = φ(u¹), u¹ = z¹ (or Norm(z¹)). Block ℓ ≥ 2 adds α z^ℓ with z = W a + b and
// a = φ(Norm(x^{ℓ−1})). At infinite width each branch output z^k is Gaussian over the units, independent of
// x¹ and of the other branches (fresh weights), so across units and samples
//   x^{ℓ−1} = X₀ + m + G,   X₀ = φ(ζ), ζ ~ N(μ₀, ν₀) (layer 1's own distribution),   G ~ N(0, s),
// with m the constant biases added so far and s = Σ_k α_k² Var(z^k). The variances add up:
//   Var(x^ℓ) = Var(x^{ℓ−1}) + α² (σ_w² E[a²] + Var b).
// This is q^ℓ = q^{ℓ−1} + α²(σ_w² E[φ(x)²] + σ_b²) with x's exact law, not N(0, q): X₀ is not Gaussian (a
// ReLU output is never negative), and E[a²] is a two-dimensional integral over ζ and G. With ReLU and
// Kaiming each block roughly doubles the variance once G dominates; with the norm in front (pre-LN) the
// branch sees unit variance, so each block adds about σ_w² E[φ(z)²] + Var b, z ~ N(0, 1): linear growth;
// with ReZero α = 0 at init and the stream stays x¹.
// What the norm divides by: LayerNorm (per sample, over units) the full Var(X₀) + s; BatchNorm (per unit,
// over the batch) Var(X₀) + s_c, where s_c counts only each branch's variance over the batch,
// σ_w² Var(a): W_j·ā and the bias are per-unit constants that BatchNorm subtracts.
// Gradients are not predicted: ∂L/∂x at a unit is correlated with that unit's own earlier activations
// (the same X₀ sits under every block's φ′), which the independence assumption leaves out.
import { activationFns } from '../activations';
import type { RunConfig } from '../config';
import { NORM_EPS } from '../cpu/normOps';
import { activationRule, type MomentFn, OVERFLOW_VARIANCE } from './moments';
import type { TheoryLayer } from './types';
import { layerVariance, sigmaW2Of } from './variance';

export interface ResidualField {
  layers: TheoryLayer[];
  /** Var(x^L) / Var(x^{L−1}); 1 with one layer. */
  streamGrowth: number;
}

/**
 * s / Var(X₀) from which the stream is treated as Gaussian (see branchMoments). At 100 the predictions move
 * by less than 5e−4 (relative) from the full two-dimensional integral (residual.test.ts), far below a
 * finite network's seed-to-seed spread.
 */
export const GAUSSIAN_FROM = 100;

/** Layer 1's output X₀ = φ(ζ): the quadrature over ζ, and its mean and variance. */
interface Base {
  y: Float64Array;
  w: Float64Array;
  mean: number;
  variance: number;
}

function baseOf(config: RunConfig, zetaVar: number, zetaMean: number): Base {
  const { f } = activationFns(config.act, config.slope);
  const { u, w } = activationRule(config.act, zetaVar, zetaMean);
  const y = new Float64Array(u.length);
  let m1 = 0;
  let m2 = 0;
  for (let i = 0; i < u.length; i++) {
    y[i] = f(u[i]);
    m1 += w[i] * y[i];
    m2 += w[i] * y[i] * y[i];
  }
  return { y, w, mean: m1, variance: Math.max(0, m2 - m1 * m1) };
}

/** E[φ(κ(X₀ + d) + κ√s·g)] and E[φ(…)²], g ~ N(0, 1) independent of X₀. */
function branchMoments(
  base: Base,
  moments: MomentFn,
  f: (x: number) => number,
  kappa: number,
  d: number,
  s: number,
  gaussianFrom: number,
): { sq: number; mean: number } {
  // Once G dominates, x = X₀ + d + G is Gaussian to far below the quadrature's own error: match the first
  // two moments and integrate once instead of once per node of X₀ (a 500-block theory in milliseconds).
  if (s >= gaussianFrom * base.variance) {
    const m = moments(kappa * kappa * (base.variance + s), kappa * (base.mean + d));
    return { sq: m.sq, mean: m.mean };
  }
  let sq = 0;
  let mean = 0;
  const innerVar = kappa * kappa * s;
  for (let i = 0; i < base.y.length; i++) {
    const centre = kappa * (base.y[i] + d);
    if (innerVar === 0) {
      const a = f(centre);
      sq += base.w[i] * a * a;
      mean += base.w[i] * a;
    } else {
      const m = moments(innerVar, centre);
      sq += base.w[i] * m.sq;
      mean += base.w[i] * m.mean;
    }
  }
  return { sq, mean };
}

export function residualField(
  config: RunConfig,
  dims: readonly number[],
  inputMeanSq: number,
  moments: MomentFn,
  gaussianFrom = GAUSSIAN_FROM,
): ResidualField {
  const depth = dims.length - 2;
  const norm = config.norm;
  const alpha = config.rezero === 1 ? 0 : 1;
  const { f } = activationFns(config.act, config.slope);

  // Layer 1, plain: z¹ ~ N(c, v¹); with a norm u¹ ~ N(0, ṽ/(ṽ + ε)) (see normalized.ts for ṽ).
  const spec1 = layerVariance(config, dims[0], dims[1]);
  const sigmaW2First = sigmaW2Of(spec1, inputMeanSq);
  const v1 = sigmaW2First * inputMeanSq + spec1.biasVar;
  const seen1 = norm === 'batch' ? sigmaW2First * inputMeanSq : v1;
  const zetaVar = norm === 'none' ? v1 : seen1 / (seen1 + NORM_EPS);
  const zetaMean = norm === 'none' ? spec1.biasMean : 0;
  const base = baseOf(config, zetaVar, zetaMean);
  const m1 = moments(zetaVar, zetaMean);
  const layers: TheoryLayer[] = [
    {
      layer: 1,
      preVar: v1,
      preMean: spec1.biasMean,
      actSq: m1.sq,
      actMean: m1.mean,
      actStd: Math.sqrt(base.variance),
      gradRatio: Number.NaN,
      sigmaW2: sigmaW2First,
      ...(norm === 'none' ? {} : { normStd: Math.sqrt(zetaVar) }),
      streamStd: Math.sqrt(base.variance),
    },
  ];

  let s = 0; // variance of G the block's input sees (BatchNorm: over the batch only)
  let shift = 0; // m: constant biases added so far
  let streamVar = base.variance;
  let prevStreamVar = streamVar;
  for (let l = 2; l <= depth; l++) {
    const spec = layerVariance(config, dims[l - 1], dims[l]);
    if (!(streamVar <= OVERFLOW_VARIANCE)) {
      layers.push(overflowed(l, spec.biasMean));
      continue;
    }
    const seen = base.variance + s;
    const kappa = norm === 'none' ? 1 : 1 / Math.sqrt(seen + NORM_EPS);
    const d = norm === 'none' ? shift : -base.mean;
    const a = branchMoments(base, moments, f, kappa, d, s, gaussianFrom);
    const sigmaW2 = sigmaW2Of(spec, a.sq);
    const preVar = sigmaW2 * a.sq + spec.biasVar;
    const aVar = Math.max(0, a.sq - a.mean * a.mean);
    prevStreamVar = streamVar;
    streamVar += alpha * alpha * preVar;
    s += alpha * alpha * (norm === 'batch' ? sigmaW2 * aVar : preVar);
    shift += alpha * spec.biasMean;
    layers.push({
      layer: l,
      preVar,
      preMean: spec.biasMean,
      actSq: a.sq,
      actMean: a.mean,
      actStd: Math.sqrt(aVar),
      gradRatio: Number.NaN,
      sigmaW2,
      ...(norm === 'none' ? {} : { normStd: Math.sqrt(seen / (seen + NORM_EPS)) }),
      streamStd: streamVar <= OVERFLOW_VARIANCE ? Math.sqrt(streamVar) : Infinity,
    });
  }
  return { layers, streamGrowth: depth > 1 ? streamVar / prevStreamVar : 1 };
}

function overflowed(layer: number, preMean: number): TheoryLayer {
  return {
    layer,
    preVar: Infinity,
    preMean,
    actSq: Infinity,
    actMean: Number.NaN,
    actStd: Infinity,
    gradRatio: Number.NaN,
    sigmaW2: Number.NaN,
    streamStd: Infinity,
  };
}
