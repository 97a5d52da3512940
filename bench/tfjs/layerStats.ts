// The per-layer statistics (docs/MATH.md#statistics) in TF.js ops, packed into one vector per layer so that a
// whole step's statistics come back in a single readback (as our engines do). The host-side decoder
// (decode.ts) turns the vector into a LayerStats; the split mirrors what a careful TF.js user would do:
// reductions on the device, only O(layers) numbers copied back.
import * as tf from '@tensorflow/tfjs-core';

export interface HistSpec {
  bins: number;
  lo: number;
  hi: number;
}

/** Scalars per layer before the histogram (see STAT order below), then `bins` counts. */
export const STAT_ORDER = [
  'actMean',
  'actVar',
  'actMin',
  'actMax',
  'zeroFrac',
  'satFrac',
  'under',
  'over',
  'preMean',
  'preVar',
  'gradMean',
  'gradVar',
  'weightGradSq',
  'weightMean',
  'weightVar',
  'weightSq',
  'updateSq',
] as const;
export type StatName = (typeof STAT_ORDER)[number];

export function layerStatsLength(hist: HistSpec): number {
  return STAT_ORDER.length + hist.bins;
}

export interface LayerTensors {
  /** Pre-activations z [B, N]. */
  z: tf.Tensor2D;
  /** Activations h = φ(z) [B, N]. */
  h: tf.Tensor2D;
  /** φ'(z) [B, N] (already computed for the backward pass). */
  dphi: tf.Tensor2D;
  /** δ = ∂L/∂z [B, N]. */
  delta: tf.Tensor2D;
  /** W before this step's update, its gradient and the update ΔW about to be applied. */
  W: tf.Tensor2D;
  dW: tf.Tensor2D;
  update: tf.Tensor2D;
}

/**
 * One layer's statistics as a 1-D tensor of layerStatsLength(hist) floats. `satThreshold` is
 * 0.05 · max|φ'|. Call inside tf.tidy.
 */
export function layerStatsTensor(t: LayerTensors, hist: HistSpec, satThreshold: number): tf.Tensor1D {
  const act = tf.moments(t.h);
  const pre = tf.moments(t.z);
  const grad = tf.moments(t.delta);
  const weight = tf.moments(t.W);
  const hFlat = tf.reshape(t.h, [-1]);
  const scalars: tf.Tensor[] = [
    act.mean,
    act.variance,
    tf.min(hFlat),
    tf.max(hFlat),
    tf.mean(tf.cast(tf.equal(hFlat, 0), 'float32')),
    tf.mean(tf.cast(tf.less(tf.abs(t.dphi), satThreshold), 'float32')),
    tf.sum(tf.cast(tf.less(hFlat, hist.lo), 'float32')),
    tf.sum(tf.cast(tf.greater(hFlat, hist.hi), 'float32')),
    pre.mean,
    pre.variance,
    grad.mean,
    grad.variance,
    tf.sum(tf.square(t.dW)),
    weight.mean,
    weight.variance,
    tf.sum(tf.square(t.W)),
    tf.sum(tf.square(t.update)),
  ];
  return tf.concat([tf.stack(scalars) as tf.Tensor1D, histogramCounts(hFlat, hist)]);
}

/**
 * Counts of h in [lo + i·w, lo + (i+1)·w), hi itself in the last bin, out-of-range and non-finite values
 * in no bin (bincount skips indices ≥ size, so they are sent to index `bins`).
 */
function histogramCounts(hFlat: tf.Tensor, hist: HistSpec): tf.Tensor1D {
  // Same bin formula as the engine's histogramBin: floor((v − lo) · bins / (hi − lo)).
  const inRange = tf.logicalAnd(tf.greaterEqual(hFlat, hist.lo), tf.lessEqual(hFlat, hist.hi));
  const raw = tf.floor(tf.mul(tf.sub(hFlat, hist.lo), hist.bins / (hist.hi - hist.lo)));
  const clamped = tf.minimum(raw, hist.bins - 1);
  const idx = tf.cast(tf.where(inRange, clamped, tf.fill(hFlat.shape, hist.bins)), 'int32') as tf.Tensor1D;
  return tf.bincount(idx, tf.tensor1d([], 'float32'), hist.bins);
}
