// Reading the packed stats records (see gpu/workerProtocol.ts) for drawing, without unpacking them into
// objects: charts pull a field per layer or per record straight out of the Float32Arrays.
import { H, L, LAYER_FIELDS, layerOffset } from '../../gpu/workerProtocol';

export type LayerField = (typeof L)[keyof typeof L];

export function layerCount(rec: Float32Array): number {
  return rec[H.nLayers];
}

/** One field for every hidden layer of a record (index 0 = layer 1). */
export function perLayer(rec: Float32Array, field: LayerField): Float64Array {
  const n = rec[H.nLayers];
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = rec[layerOffset(rec, i) + field];
  return out;
}

export function field(rec: Float32Array, i: number, f: LayerField): number {
  return rec[layerOffset(rec, i) + f];
}

/** Histogram bins of layer i (a view; empty when the record has none). */
export function histBins(rec: Float32Array, i: number): Float32Array {
  const p = layerOffset(rec, i);
  if (rec[p + L.hasHist] !== 1) return new Float32Array(0);
  return rec.subarray(p + LAYER_FIELDS, p + LAYER_FIELDS + rec[H.bins]);
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
    const v = which === 'loss' ? r[H.loss] : r[H.accuracy];
    if (!Number.isFinite(v)) continue;
    acc = Number.isFinite(acc) ? acc + alpha * (v - acc) : v;
    if (which === 'loss' ? acc <= target : acc >= target) return r[H.step];
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
