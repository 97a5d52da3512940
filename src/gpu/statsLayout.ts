// The stats block: what one step leaves in GPU memory for the host (the only data copied back per step).
// u32 words; floats are stored as their bits. The header is copied every step (loss, accuracy and the
// non-finite word are needed even when the step is not recorded); the per-layer slots only when recorded.
// Layer slots hold raw moments; decodeLayer turns them into the LayerStats of the CPU reference in float64.
import { HIST_BINS } from '../engine/stats/histogramRange';
import { updateRatio } from '../engine/stats/compute';
import type { LayerStats } from '../engine/stats/types';

export const HEADER_WORDS = 16;
export const H = { loss: 0, correct: 1, nonFinite: 2, testLoss: 4, testCorrect: 5 } as const;

/** Word offsets within a layer slot (see stats_finalize.wgsl). */
export const F = {
  hMean: 0,
  hM2: 1,
  hMin: 2,
  hMax: 3,
  zeros: 4,
  sats: 5,
  zMean: 6,
  zM2: 7,
  dMean: 8,
  dM2: 9,
  wMean: 10,
  wM2: 11,
  wSq: 12,
  gSq: 13,
  dwSq: 14,
} as const;
/** First histogram count word within a layer slot; then BINS counts, under, over. */
export const HIST_AT = 16;
/** Words per hidden layer in the block's extra region: (mean, M2) of u, x, ∂L/∂x. */
export const EXTRA_WORDS = 6;
/** Floats per stats_extra partial: n, then (mean, M2) of u, x, ∂L/∂x. */
export const XPART = 8;
export const LAYER_WORDS = Math.ceil((HIST_AT + HIST_BINS + 2) / 8) * 8;

/**
 * Words of one step's block. With normalization or residual blocks (`extra`), EXTRA_WORDS per hidden layer
 * follow the layer slots (stats_extra_finalize.wgsl): (mean, M2) of u, of the stream x, of ∂L/∂x.
 */
export function blockWords(hidden: number, extra = false): number {
  return HEADER_WORDS + hidden * LAYER_WORDS + (extra ? hidden * EXTRA_WORDS : 0);
}

/** First word of the extra region. */
export function extraAt(hidden: number): number {
  return HEADER_WORDS + hidden * LAYER_WORDS;
}

/**
 * The optional groups of hidden layer `layer` (0-based) from the extra region: `norm` (mean, population
 * std of u) and `stream` (std of x^ℓ and of ∂L/∂x^ℓ), each only where the network has it.
 */
export function decodeExtra(
  v: BlockView,
  hidden: number,
  layer: number,
  n: number,
  has: { norm: boolean; stream: boolean },
  /** Values of the stream (a conv layer's pooled map has fewer than its u); default n. */
  nStream = n,
): Pick<LayerStats, 'norm' | 'stream'> {
  const o = v.at + extraAt(hidden) + layer * EXTRA_WORDS;
  const f = (k: number) => v.f32[o + k];
  const out: Pick<LayerStats, 'norm' | 'stream'> = {};
  if (has.norm) out.norm = { mean: f(0), std: Math.sqrt(f(1) / n) };
  if (has.stream) out.stream = { std: Math.sqrt(f(3) / nStream), gradStd: Math.sqrt(f(5) / nStream) };
  return out;
}

export interface BlockView {
  u32: Uint32Array;
  f32: Float32Array;
  /** Word offset of the block within the views. */
  at: number;
}

export function viewsOf(buffer: ArrayBuffer): { u32: Uint32Array; f32: Float32Array } {
  return { u32: new Uint32Array(buffer), f32: new Float32Array(buffer) };
}

/**
 * LayerStats of hidden layer `layer` (0-based) from its slot. `n` = batch × units, `nW` = weights of the
 * layer. Population std = √(M2/n); rms = √(M2/n + mean²); norms = √(sums of squares).
 */
export function decodeLayer(
  v: BlockView,
  layer: number,
  n: number,
  nW: number,
  hist: { lo: number; hi: number },
): LayerStats {
  const o = v.at + HEADER_WORDS + layer * LAYER_WORDS;
  const f = (k: number) => v.f32[o + k];
  const u = (k: number) => v.u32[o + k];
  const dMean = f(F.dMean);
  const counts: number[] = [];
  for (let b = 0; b < HIST_BINS; b++) counts.push(u(HIST_AT + b));
  return {
    layer: layer + 1,
    act: {
      mean: f(F.hMean),
      std: Math.sqrt(f(F.hM2) / n),
      min: f(F.hMin),
      max: f(F.hMax),
      zeroFrac: u(F.zeros) / n,
      satFrac: u(F.sats) / n,
      hist: {
        lo: hist.lo,
        hi: hist.hi,
        counts,
        under: u(HIST_AT + HIST_BINS),
        over: u(HIST_AT + HIST_BINS + 1),
      },
    },
    pre: { mean: f(F.zMean), std: Math.sqrt(f(F.zM2) / n) },
    grad: {
      std: Math.sqrt(f(F.dM2) / n),
      rms: Math.sqrt(f(F.dM2) / n + dMean * dMean),
      weightGradNorm: Math.sqrt(f(F.gSq)),
    },
    weight: {
      std: Math.sqrt(f(F.wM2) / nW),
      updateRatio: updateRatio(Math.sqrt(f(F.dwSq)), Math.sqrt(f(F.wSq))),
    },
  };
}
