// Typed reads of the packed stats records the worker sends (layout: gpu/workerProtocol.ts, generated from
// the one list of per-layer statistics in engine/stats/layerFields.ts). The store and the components read
// records only through these functions, by name — never with layout offsets — so a statistic added to
// the list is readable everywhere without touching a component's arithmetic.
import type { LayerScalarKey, OptionalGroup } from '../engine/stats/layerFields';
import { OPTIONAL_GROUPS } from '../engine/stats/layerFields';
import type { NonFinite } from '../engine/stats/types';
import { H, L, LAYER_FIELDS, layerOffset, nonFiniteOf } from '../gpu/workerProtocol';

/** One packed record (a view into a transferred buffer). */
export type PackedRecord = Float32Array;

export const recStep = (r: PackedRecord): number => r[H.step];
export const recLoss = (r: PackedRecord): number => r[H.loss];
export const recAccuracy = (r: PackedRecord): number => r[H.accuracy];
/** Held-out loss and accuracy, or null when the test split was not evaluated at this step. */
export function recTest(r: PackedRecord): { loss: number; accuracy: number } | null {
  return Number.isNaN(r[H.testLoss]) ? null : { loss: r[H.testLoss], accuracy: r[H.testAcc] };
}
export const recNonFinite = (r: PackedRecord): NonFinite | null => nonFiniteOf(r);
/** Number of hidden layers in the record. */
export const layerCount = (r: PackedRecord): number => r[H.nLayers];
/** Histogram bins per layer (0 when the record has no histograms). */
export const histBinCount = (r: PackedRecord): number => r[H.bins];

/** Whether the record's layers carry an optional group (norm with normalization, stream with res=1). */
export function hasGroup(r: PackedRecord, group: OptionalGroup): boolean {
  return ((r[H.groups] >> OPTIONAL_GROUPS.indexOf(group)) & 1) === 1;
}

/** A per-layer statistic of hidden layer i (0-based), by its name in layerFields. */
export function layerValue(r: PackedRecord, i: number, key: LayerScalarKey): number {
  return r[layerOffset(r, i) + L[key]];
}

/** One statistic for every hidden layer of a record (index 0 = layer 1). */
export function perLayer(r: PackedRecord, key: LayerScalarKey): Float64Array {
  const n = r[H.nLayers];
  const out = new Float64Array(n);
  const at = L[key];
  for (let i = 0; i < n; i++) out[i] = r[layerOffset(r, i) + at];
  return out;
}

export interface HistView {
  lo: number;
  hi: number;
  under: number;
  over: number;
  /** A view into the record (do not keep it past the record). */
  counts: Float32Array;
}

/** Layer i's activation histogram, or null when the record has none. */
export function layerHist(r: PackedRecord, i: number): HistView | null {
  const p = layerOffset(r, i);
  if (r[p + L.hasHist] !== 1) return null;
  return {
    lo: r[p + L.histLo],
    hi: r[p + L.histHi],
    under: r[p + L.under],
    over: r[p + L.over],
    counts: r.subarray(p + LAYER_FIELDS, p + LAYER_FIELDS + r[H.bins]),
  };
}
