import { describe, expect, it } from 'vitest';
import { LAYER_SCALARS, layerScalarIndex, layerStatsFrom, optionalGroupBits } from './layerFields';
import type { LayerStats } from './types';

// Every field a different value, so a getter or setter pointed at the wrong field shows.
const sample: LayerStats = {
  layer: 3,
  act: { mean: 0.5, std: 1.5, min: -2, max: 4, zeroFrac: 0.25, satFrac: 0.125 },
  pre: { mean: -0.75, std: 2.5 },
  grad: { std: 1e-3, rms: 2e-3, weightGradNorm: 0.875 },
  weight: { std: 0.0625, updateRatio: 1e-4 },
};

describe('LAYER_SCALARS', () => {
  it('keeps the published CSV column order (README: Export)', () => {
    expect(LAYER_SCALARS.map((f) => f.column)).toEqual([
      'layer',
      'act_mean',
      'act_std',
      'act_min',
      'act_max',
      'act_zeroFrac',
      'act_satFrac',
      'pre_mean',
      'pre_std',
      'grad_std',
      'grad_rms',
      'grad_weightGradNorm',
      'weight_std',
      'weight_updateRatio',
      'norm_mean',
      'norm_std',
      'stream_std',
      'stream_gradStd',
    ]);
  });

  it('reads each field from its own place', () => {
    const byColumn = Object.fromEntries(LAYER_SCALARS.map((f) => [f.column, f.get(sample)]));
    expect(byColumn).toEqual({
      layer: 3,
      act_mean: 0.5,
      act_std: 1.5,
      act_min: -2,
      act_max: 4,
      act_zeroFrac: 0.25,
      act_satFrac: 0.125,
      pre_mean: -0.75,
      pre_std: 2.5,
      grad_std: 1e-3,
      grad_rms: 2e-3,
      grad_weightGradNorm: 0.875,
      weight_std: 0.0625,
      weight_updateRatio: 1e-4,
      norm_mean: undefined,
      norm_std: undefined,
      stream_std: undefined,
      stream_gradStd: undefined,
    });
  });

  it('rebuilds a LayerStats exactly, in the same key order, from its values at an offset', () => {
    const values = [9, 9, ...LAYER_SCALARS.map((f) => f.get(sample) ?? Number.NaN)];
    const back = layerStatsFrom(values, 2);
    expect(back).toStrictEqual(sample);
    expect(JSON.stringify(back)).toBe(JSON.stringify(sample));
  });

  it('round-trips the optional norm and stream groups only where the layer has them', () => {
    const full: LayerStats = { ...sample, norm: { mean: 0.25, std: 0.75 }, stream: { std: 3, gradStd: 0.5 } };
    const values = LAYER_SCALARS.map((f) => f.get(full) ?? Number.NaN);
    expect(optionalGroupBits(full)).toBe(3);
    expect(layerStatsFrom(values, 0, 3)).toStrictEqual(full);
    const streamOnly: LayerStats = { ...sample, stream: { std: 3, gradStd: 0.5 } };
    expect(optionalGroupBits(streamOnly)).toBe(2);
    expect(layerStatsFrom(values, 0, 2)).toStrictEqual(streamOnly);
    expect(layerStatsFrom(values, 0, 0)).toStrictEqual(sample);
  });

  it('gives every key its position in the list', () => {
    const index = layerScalarIndex();
    LAYER_SCALARS.forEach((f, i) => {
      expect(index[f.key]).toBe(i);
    });
    expect(Object.keys(index)).toHaveLength(LAYER_SCALARS.length);
    expect(index.actStd).toBe(2);
    expect(index.updateRatio).toBe(13);
  });
});
