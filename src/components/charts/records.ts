// Chart helpers over the packed stats records. Records are read through store/recordView.ts (by statistic
// name, never by layout offset); what is here is what charts compute from them.
import { layerHist, recAccuracy, recLoss, recStep } from '../../store/recordView';

/** Histogram bins of layer i (a view; empty when the record has none). */
export function histBins(rec: Float32Array, i: number): Float32Array {
  return layerHist(rec, i)?.counts ?? new Float32Array(0);
}

/**
 * First step at which the smoothed train loss ≤ target (or smoothed accuracy ≥ target), or null if not
 * yet. Per-batch values are noisy, so one lucky batch must not count: an EMA (alpha) smooths them first.
 */
export function stepsToTarget(
  recs: readonly Float32Array[],
  target: number,
  which: 'loss' | 'accuracy',
  alpha = 0.1,
): number | null {
  let acc = Number.NaN;
  for (const r of recs) {
    const v = which === 'loss' ? recLoss(r) : recAccuracy(r);
    if (!Number.isFinite(v)) continue;
    acc = Number.isFinite(acc) ? acc + alpha * (v - acc) : v;
    if (which === 'loss' ? acc <= target : acc >= target) return recStep(r);
  }
  return null;
}

/** Exponential moving average of a noisy per-batch series, NaN-safe (a NaN resets nothing, passes through). */
export function smooth(values: ArrayLike<number>, alpha: number): Float64Array {
  const out = new Float64Array(values.length);
  let acc = Number.NaN;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      out[i] = v;
      continue;
    }
    acc = Number.isFinite(acc) ? acc + alpha * (v - acc) : v;
    out[i] = acc;
  }
  return out;
}
