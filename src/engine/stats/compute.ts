// Pure reductions behind each statistic (docs/MATH.md#statistics). The CPU trainer calls them on its own
// buffers; the GPU parity tests call them on read-back tensors, so both engines are judged by the same
// definitions. Sums run in float64 whatever the input type; std is the population std (divide by count),
// computed in two passes (mean first) so a large mean does not swallow a small spread.
import type { Activation } from '../config';
import { activationFns, maxAbsDerivative } from '../activations';
import { HIST_BINS, histogramRange } from './histogramRange';
import type { Histogram, LayerStats } from './types';

/** Fraction of max|φ'| under which a unit counts as saturated (docs/MATH.md#statistics). */
export const SAT_THRESHOLD = 0.05;

export interface Moments {
  mean: number;
  /** Population standard deviation. */
  std: number;
  /** NaN entries are skipped by min/max (they still make mean and std NaN). */
  min: number;
  max: number;
}

/** mean, population std, min, max of the first `count` entries. Empty input gives NaN everywhere. */
export function moments(a: ArrayLike<number>, count = a.length): Moments {
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    const v = a[i];
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (count === 0) return { mean: Number.NaN, std: Number.NaN, min: Number.NaN, max: Number.NaN };
  const mean = sum / count;
  return { mean, std: Math.sqrt(centeredSumSq(a, count, mean) / count), min, max };
}

function centeredSumSq(a: ArrayLike<number>, count: number, mean: number): number {
  let ss = 0;
  for (let i = 0; i < count; i++) {
    const d = a[i] - mean;
    ss += d * d;
  }
  return ss;
}

/** Σ a², in float64. */
export function sumOfSquares(a: ArrayLike<number>, count = a.length): number {
  let ss = 0;
  for (let i = 0; i < count; i++) ss += a[i] * a[i];
  return ss;
}

/** ‖a‖_F = √Σ a². */
export function frobeniusNorm(a: ArrayLike<number>, count = a.length): number {
  return Math.sqrt(sumOfSquares(a, count));
}

/** Root mean square √(Σ a² / count). */
export function rootMeanSquare(a: ArrayLike<number>, count = a.length): number {
  return Math.sqrt(sumOfSquares(a, count) / count);
}

/**
 * ‖ΔW‖_F / ‖W‖_F. When W = 0 the ratio is 0 if nothing moved (a layer frozen at zero is not "infinitely
 * updated") and +∞ otherwise — the only case where a finite network gives a non-finite ratio.
 */
export function updateRatio(deltaNorm: number, weightNorm: number): number {
  if (weightNorm === 0) return deltaNorm === 0 ? 0 : Number.POSITIVE_INFINITY;
  return deltaNorm / weightNorm;
}

/** Index of the first NaN/±∞ entry, or −1. */
export function firstNonFiniteIndex(a: ArrayLike<number>, count = a.length): number {
  for (let i = 0; i < count; i++) if (!Number.isFinite(a[i])) return i;
  return -1;
}

/**
 * Bin of v in a histogram of `bins` equal bins over [lo, hi]: −1 below lo, `bins` above hi, −2 for NaN/±∞
 * (counted nowhere). hi itself falls in the last bin. The bin is floor((v − lo) · bins / (hi − lo)) in float64.
 */
export function histogramBin(v: number, lo: number, hi: number, bins: number): number {
  if (!Number.isFinite(v)) return -2;
  if (v < lo) return -1;
  if (v > hi) return bins;
  const k = Math.floor((v - lo) * (bins / (hi - lo)));
  return k >= bins ? bins - 1 : k;
}

/** Histogram of the first `count` entries over [lo, hi] (same edge rules as histogramBin, inlined). */
export function histogram(
  a: ArrayLike<number>,
  lo: number,
  hi: number,
  bins: number,
  count = a.length,
): Histogram {
  const counts = new Float64Array(bins);
  const scale = bins / (hi - lo);
  let under = 0;
  let over = 0;
  for (let i = 0; i < count; i++) {
    const v = a[i];
    if (v >= lo && v <= hi) {
      const k = Math.floor((v - lo) * scale);
      counts[k >= bins ? bins - 1 : k]++;
    } else if (v < lo) {
      if (v !== Number.NEGATIVE_INFINITY) under++;
    } else if (v > hi && v !== Number.POSITIVE_INFINITY) over++;
  }
  return { lo, hi, counts: Array.from(counts), under, over };
}

export interface ActStatsOptions {
  /** max|φ'| of the activation (see activations.maxAbsDerivative). */
  maxAbsDeriv: number;
  /** Include the histogram (range from histogramRange). */
  hist?: { lo: number; hi: number; bins: number };
}

/**
 * The `act` block from h = φ(z) and dphi = φ'(z) (same layout, `count` entries): moments of h, the fraction
 * of h exactly 0, the fraction with |φ'(z)| < SAT_THRESHOLD·max|φ'|, and optionally the histogram of h.
 */
export function actStats(
  h: ArrayLike<number>,
  dphi: ArrayLike<number>,
  opts: ActStatsOptions,
  count = h.length,
): LayerStats['act'] {
  // One pass for everything but the spread, then the centered pass inside moments' helper. The counts are
  // written as selects, not ifs: with ReLU half the units are 0 at random, and two mispredicted branches
  // per element cost several times the rest of the loop. Same results (NaN fails every comparison).
  const satBelow = SAT_THRESHOLD * opts.maxAbsDeriv;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let zeros = 0;
  let saturated = 0;
  for (let i = 0; i < count; i++) {
    const v = h[i];
    sum += v;
    min = v < min ? v : min;
    max = v > max ? v : max;
    zeros += v === 0 ? 1 : 0;
    saturated += Math.abs(dphi[i]) < satBelow ? 1 : 0;
  }
  const mean = sum / count;
  const m = { mean, std: Math.sqrt(centeredSumSq(h, count, mean) / count), min, max };
  const out: LayerStats['act'] = {
    mean: m.mean,
    std: m.std,
    min: m.min,
    max: m.max,
    zeroFrac: zeros / count,
    satFrac: saturated / count,
  };
  if (opts.hist) out.hist = histogram(h, opts.hist.lo, opts.hist.hi, opts.hist.bins, count);
  return out;
}

/** The `pre` block: mean and population std of z. */
export function preStats(z: ArrayLike<number>, count = z.length): LayerStats['pre'] {
  const m = moments(z, count);
  return { mean: m.mean, std: m.std };
}

/** std and rms of δ = ∂L/∂z, plus ‖∂L/∂W‖_F. */
export function gradStats(
  delta: ArrayLike<number>,
  gradW: ArrayLike<number>,
  count = delta.length,
): LayerStats['grad'] {
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < count; i++) {
    const v = delta[i];
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / count;
  return {
    std: Math.sqrt(centeredSumSq(delta, count, mean) / count),
    rms: Math.sqrt(sumSq / count),
    weightGradNorm: frobeniusNorm(gradW),
  };
}

export interface LayerTensors {
  /** 1-based hidden layer index. */
  layer: number;
  /** Pre-activations z [batch, units]. */
  z: ArrayLike<number>;
  /** Activations h = φ(z) [batch, units]. */
  h: ArrayLike<number>;
  /** δ = ∂L/∂z [batch, units]. */
  delta: ArrayLike<number>;
  /** W [out, in] before this step's update. */
  W: ArrayLike<number>;
  /** ∂L/∂W [out, in]. */
  gradW: ArrayLike<number>;
  /** The update actually applied, W_after − W_before (its norm gives the update ratio). */
  deltaW: ArrayLike<number>;
}

/**
 * Every statistic of one hidden layer straight from its tensors (φ' recomputed from z). A reference for
 * parity tests; the CPU trainer reaches the same numbers through the same functions on its buffers.
 */
export function layerStatsFromTensors(
  t: LayerTensors,
  act: Activation,
  slope: number,
  withHist = false,
): LayerStats {
  const { df } = activationFns(act, slope);
  const dphi = new Float64Array(t.z.length);
  for (let i = 0; i < dphi.length; i++) dphi[i] = df(t.z[i]);
  const range = histogramRange(act);
  return {
    layer: t.layer,
    act: actStats(t.h, dphi, {
      maxAbsDeriv: maxAbsDerivative(act, slope),
      hist: withHist ? { ...range, bins: HIST_BINS } : undefined,
    }),
    pre: preStats(t.z),
    grad: gradStats(t.delta, t.gradW),
    weight: {
      std: moments(t.W).std,
      updateRatio: updateRatio(frobeniusNorm(t.deltaW), frobeniusNorm(t.W)),
    },
  };
}
