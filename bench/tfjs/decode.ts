// Host side of the TF.js statistics: the packed vector read back after a step → our StatsRecord, so the
// TF.js baseline does the same per-step bookkeeping as our engines (and tests can compare the numbers).
import { updateRatio } from '../../src/engine/stats/compute';
import type { LayerStats, NonFinite, StatsRecord, TensorName } from '../../src/engine/stats/types';
import { type HistSpec, layerStatsLength, STAT_ORDER, type StatName } from './layerStats';

const popStd = (variance: number): number => Math.sqrt(Math.max(0, variance));

export function decodeLayer(packed: Float32Array, offset: number, layer: number, hist: HistSpec): LayerStats {
  const v = (name: StatName): number => packed[offset + STAT_ORDER.indexOf(name)];
  const countsStart = offset + STAT_ORDER.length;
  const weightNorm = Math.sqrt(v('weightSq'));
  return {
    layer,
    act: {
      mean: v('actMean'),
      std: popStd(v('actVar')),
      min: v('actMin'),
      max: v('actMax'),
      zeroFrac: v('zeroFrac'),
      satFrac: v('satFrac'),
      hist: {
        lo: hist.lo,
        hi: hist.hi,
        counts: Array.from(packed.subarray(countsStart, countsStart + hist.bins)),
        under: v('under'),
        over: v('over'),
      },
    },
    pre: { mean: v('preMean'), std: popStd(v('preVar')) },
    grad: {
      std: popStd(v('gradVar')),
      // rms² = variance + mean² (population moments), so the device needs no extra reduction.
      rms: Math.sqrt(Math.max(0, v('gradVar')) + v('gradMean') ** 2),
      weightGradNorm: Math.sqrt(v('weightGradSq')),
    },
    weight: {
      std: popStd(v('weightVar')),
      updateRatio: updateRatio(Math.sqrt(v('updateSq')), weightNorm),
    },
  };
}

/**
 * A non-finite value anywhere in a tensor makes its sum (hence its mean / sum of squares) non-finite, so
 * the first offending layer and tensor are read off the moments without an extra pass over the data.
 */
function firstNonFinite(step: number, loss: number, layers: LayerStats[]): NonFinite | null {
  for (const s of layers) {
    const checks: [TensorName, number][] = [
      ['weight', s.weight.std],
      ['pre', s.pre.mean + s.pre.std],
      ['act', s.act.mean + s.act.std],
      ['grad', s.grad.rms],
    ];
    for (const [tensor, value] of checks)
      if (!Number.isFinite(value)) return { step, layer: s.layer, tensor };
  }
  return Number.isFinite(loss) ? null : { step, layer: 0, tensor: 'loss' };
}

/** Decodes [loss, accuracy, layer 1 stats, …, layer L stats] (stats omitted when `depth` is 0). */
export function decodeRecord(
  packed: Float32Array,
  step: number,
  depth: number,
  hist: HistSpec,
  sticky: NonFinite | null,
): StatsRecord {
  const per = layerStatsLength(hist);
  const layers: LayerStats[] = [];
  for (let l = 0; l < depth; l++) layers.push(decodeLayer(packed, 2 + l * per, l + 1, hist));
  const loss = packed[0];
  return {
    step,
    loss,
    accuracy: packed[1],
    layers,
    nonFinite: sticky ?? firstNonFinite(step, loss, layers),
  };
}
