// Typed messages between the page (main thread) and the training worker, and the packed layout in which
// stats records cross the boundary: one Float32Array per batch of records, transferred (not copied), so
// a step costs the main thread a few array reads instead of a structured clone of nested objects.
import type { ArchSummary } from '../engine/theory/types';
import type { BackendInfo } from '../engine/trainer';
import type { RunConfig } from '../engine/config';
import type { Dataset } from '../engine/data/types';
import { PAGE_SPEEDS } from '../engine/presets/speeds';
import {
  LAYER_SCALARS,
  layerScalarIndex,
  layerStatsFrom,
  optionalGroupBits,
} from '../engine/stats/layerFields';
import type { LayerStats, NonFinite, StatsRecord, TensorName } from '../engine/stats/types';

/** Steps per second the worker aims for; 0 = as fast as it can (the values a link's `speed=` accepts). */
export type Speed = (typeof PAGE_SPEEDS)[number];
/** In menu order: slowest first, "as fast as possible" last. */
export const SPEEDS: readonly Speed[] = [...PAGE_SPEEDS.filter((s) => s > 0), 0];

/** Mean-field prediction at init, per hidden layer (index 0 = layer 1). */
export interface TheoryProfile {
  /** Predicted std of h^ℓ (activations). */
  actStd: number[];
  /** Predicted gradient std as a ratio to the top hidden layer's (1 at layer L): √ of the theory's E[δ²] ratio. */
  gradRatio: number[];
  /** Per-layer factor χ₁ at the fixed point, when the theory gives it. */
  chi?: number;
  /** Predicted std of the residual stream x^ℓ (res = 1). */
  streamStd?: number[];
  /** What the theory says beyond the plain MLP (normalized layers, residual stream). */
  arch?: ArchSummary;
}

/** A small sample of the training set for drawing the 2-D datasets. */
export interface DataPreview {
  x: Float32Array; // [n, 2]
  y: Int32Array;
  classes: number;
  /** Bounds of the drawn plane [x0, x1, y0, y1]. */
  bounds: [number, number, number, number];
}

export type ToWorker =
  | {
      type: 'start';
      slot: number;
      runId: number;
      config: RunConfig;
      /** The page's base URL, to fetch bundled datasets relative to it. */
      baseUrl: string;
      /** data=local: the user's own dataset, parsed on the page (it exists nowhere else). */
      local?: Dataset;
    }
  | { type: 'remove'; slot: number }
  | { type: 'play'; playing: boolean }
  | { type: 'speed'; speed: Speed }
  | { type: 'step'; n: number }
  /**
   * Stop training exactly at this step (a link's `steps=`, a preset's suggested steps): no chunk runs past
   * it, and once every run stands on it the worker pauses and answers 'stopped'. null disarms. Runs already
   * past it (a previous run about to be replaced) are not held back and do not count.
   */
  | { type: 'stopAt'; step: number | null }
  /** Ask for the decision boundary of a slot (2-D datasets) on an n×n grid; 0 turns it off. */
  | { type: 'boundary'; slot: number; grid: number }
  /** Liveness check: a worker stuck in a long synchronous step does not answer in time and is replaced. */
  | { type: 'ping'; id: number }
  /**
   * Test hook (window.initscope.debugLoseDevice): destroys the GPU device of every WebGPU run, reported as
   * an unexpected loss so the normal restart path runs. CPU runs ignore it.
   */
  | { type: 'debugLoseDevice' }
  /** Live Jacobian spectrum of slot 0's run (workerSpectrum.ts): on while the spectrum panel is shown. */
  | { type: 'spectrum'; on: boolean };

export type FromWorker =
  | { type: 'progress'; slot: number; runId: number; phase: string; fraction: number }
  | {
      type: 'ready';
      slot: number;
      runId: number;
      backend: BackendInfo;
      /** Layer sizes [inDim, width × depth…, classes]. */
      dims: number[];
      theory: TheoryProfile | null;
      preview: DataPreview | null;
      /** Test split size and train split size, for the status line. */
      trainN: number;
      testN: number;
    }
  | { type: 'records'; slot: number; runId: number; packed: Float32Array; count: number; stepsPerSec: number }
  | { type: 'boundary'; slot: number; runId: number; step: number; grid: number; probs: Float32Array }
  | { type: 'error'; slot: number; runId: number; message: string }
  | { type: 'idle'; playing: boolean }
  /** Every run reached the armed stopAt step: the worker paused itself (and disarmed). */
  | { type: 'stopped'; step: number }
  /** The GPU device was lost mid-run: the page says so and restarts the runs on a new device. */
  | { type: 'deviceLost'; slot: number; runId: number; notice: string }
  | { type: 'pong'; id: number }
  /** Singular values of ∂h^L/∂h^0 at `step` (descending), or why this network gets none. */
  | {
      type: 'spectrum';
      slot: number;
      runId: number;
      step: number;
      values?: Float64Array;
      meanSquared?: number;
      theoryMeanSquared?: number;
      /** J's [rows, cols]. */
      shape?: [number, number];
      refused?: string;
    };

// ── Packed record layout ──────────────────────────────────────────────────────────────────────────
// Record: [len, step, loss, accuracy, testLoss, testAcc, nfStep, nfLayer, nfTensor, nLayers, bins, groups]
//         then nLayers blocks of LAYER_FIELDS + bins floats: the scalars in LAYER_SCALARS order (the CSV's
//         order too), then the histogram's header, then its counts.
// NaN marks "absent" for the test split; nfStep = −1 marks "no non-finite value"; `groups` holds the bits of
// the optional groups (norm, stream) every layer of the record carries (layerFields.optionalGroupBits).
export const HEADER = 12;
const SCALARS = LAYER_SCALARS.length;
/** Offsets inside a layer block. */
export const L = {
  ...layerScalarIndex(),
  hasHist: SCALARS,
  histLo: SCALARS + 1,
  histHi: SCALARS + 2,
  under: SCALARS + 3,
  over: SCALARS + 4,
} as const;
export const LAYER_FIELDS = SCALARS + 5;
/** Offsets in the record header. */
export const H = {
  len: 0,
  step: 1,
  loss: 2,
  accuracy: 3,
  testLoss: 4,
  testAcc: 5,
  nfStep: 6,
  nfLayer: 7,
  nfTensor: 8,
  nLayers: 9,
  bins: 10,
  groups: 11,
} as const;

// Index order is the packed encoding: append new names, never reorder.
const TENSORS: readonly TensorName[] = ['pre', 'act', 'grad', 'weight', 'output', 'loss', 'norm', 'stream'];

function recordBins(r: StatsRecord): number {
  for (const l of r.layers) if (l.act.hist) return l.act.hist.counts.length;
  return 0;
}

export function packedLength(r: StatsRecord): number {
  return HEADER + r.layers.length * (LAYER_FIELDS + recordBins(r));
}

/** Packs records back to back into one Float32Array (transferable). */
export function packRecords(records: readonly StatsRecord[]): Float32Array {
  let total = 0;
  for (const r of records) total += packedLength(r);
  const out = new Float32Array(total);
  let o = 0;
  for (const r of records) o = packInto(r, out, o);
  return out;
}

function packInto(r: StatsRecord, out: Float32Array, o: number): number {
  const bins = recordBins(r);
  const len = packedLength(r);
  out[o + H.len] = len;
  out[o + H.step] = r.step;
  out[o + H.loss] = r.loss;
  out[o + H.accuracy] = r.accuracy;
  out[o + H.testLoss] = r.test ? r.test.loss : Number.NaN;
  out[o + H.testAcc] = r.test ? r.test.accuracy : Number.NaN;
  const nf = r.nonFinite;
  out[o + H.nfStep] = nf ? nf.step : -1;
  out[o + H.nfLayer] = nf ? nf.layer : 0;
  out[o + H.nfTensor] = nf ? Math.max(0, TENSORS.indexOf(nf.tensor)) : 0;
  out[o + H.nLayers] = r.layers.length;
  out[o + H.bins] = bins;
  out[o + H.groups] = r.layers.length > 0 ? optionalGroupBits(r.layers[0]) : 0;
  let p = o + HEADER;
  for (const l of r.layers) {
    for (let k = 0; k < SCALARS; k++) out[p + k] = LAYER_SCALARS[k].get(l) ?? Number.NaN;
    const h = l.act.hist;
    if (h && h.counts.length === bins) {
      out[p + L.hasHist] = 1;
      out[p + L.histLo] = h.lo;
      out[p + L.histHi] = h.hi;
      out[p + L.under] = h.under;
      out[p + L.over] = h.over;
      out.set(h.counts, p + LAYER_FIELDS);
    }
    p += LAYER_FIELDS + bins;
  }
  return o + len;
}

/** Splits a packed batch into one view per record (views share the transferred buffer). */
export function splitPacked(packed: Float32Array): Float32Array[] {
  const views: Float32Array[] = [];
  let o = 0;
  while (o < packed.length) {
    const len = packed[o + H.len];
    if (!(len >= HEADER) || o + len > packed.length) throw new Error(`corrupt packed record at ${o}`);
    views.push(packed.subarray(o, o + len));
    o += len;
  }
  return views;
}

/** Offset of layer `i` (0-based) inside a single packed record. */
export function layerOffset(rec: Float32Array, i: number): number {
  return HEADER + i * (LAYER_FIELDS + rec[H.bins]);
}

export function nonFiniteOf(rec: Float32Array): NonFinite | null {
  if (rec[H.nfStep] < 0) return null;
  return { step: rec[H.nfStep], layer: rec[H.nfLayer], tensor: TENSORS[rec[H.nfTensor]] ?? 'loss' };
}

/** Back to the CLI's schema (values rounded to float32). */
export function unpackRecord(rec: Float32Array): StatsRecord {
  const n = rec[H.nLayers];
  const bins = rec[H.bins];
  const layers: LayerStats[] = [];
  for (let i = 0; i < n; i++) {
    const p = layerOffset(rec, i);
    const ls = layerStatsFrom(rec, p, rec[H.groups]);
    if (rec[p + L.hasHist] === 1) {
      ls.act.hist = {
        lo: rec[p + L.histLo],
        hi: rec[p + L.histHi],
        counts: Array.from(rec.subarray(p + LAYER_FIELDS, p + LAYER_FIELDS + bins)),
        under: rec[p + L.under],
        over: rec[p + L.over],
      };
    }
    layers.push(ls);
  }
  const out: StatsRecord = {
    step: rec[H.step],
    loss: rec[H.loss],
    accuracy: rec[H.accuracy],
    layers,
    nonFinite: nonFiniteOf(rec),
  };
  if (!Number.isNaN(rec[H.testLoss])) out.test = { loss: rec[H.testLoss], accuracy: rec[H.testAcc] };
  return out;
}
