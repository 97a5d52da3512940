import { describe, expect, it } from 'vitest';
import {
  actStats,
  firstNonFiniteIndex,
  frobeniusNorm,
  gradStats,
  histogram,
  histogramBin,
  moments,
  rootMeanSquare,
  updateRatio,
} from './compute';
import { histogramRange } from './histogramRange';

describe('reductions', () => {
  it('moments: population std, min, max; a large mean does not swallow a small spread', () => {
    const m = moments([1, 2, 3, 4]);
    expect(m).toEqual({ mean: 2.5, std: Math.sqrt(1.25), min: 1, max: 4 });
    const shifted = moments(Float32Array.from([1e4 + 0.5, 1e4 - 0.5]));
    expect(shifted.std).toBe(0.5);
    expect(moments([7, 7, 7]).std).toBe(0);
    expect(Number.isNaN(moments([1, Number.NaN]).mean)).toBe(true);
    expect(moments([1, 2, 3, 100], 3).max).toBe(3); // count limits the range
  });

  it('norms, rms, first non-finite', () => {
    expect(frobeniusNorm([3, 4])).toBe(5);
    expect(rootMeanSquare([3, 4])).toBeCloseTo(Math.sqrt(12.5), 15);
    expect(firstNonFiniteIndex([1, 2, Number.POSITIVE_INFINITY, Number.NaN])).toBe(2);
    expect(firstNonFiniteIndex([1, 2])).toBe(-1);
  });

  it('update ratio: 0/0 is 0 (nothing moved), x/0 is +∞', () => {
    expect(updateRatio(1, 4)).toBe(0.25);
    expect(updateRatio(0, 0)).toBe(0);
    expect(updateRatio(1, 0)).toBe(Number.POSITIVE_INFINITY);
  });

  it('histogram: fixed bins, hi in the last bin, under/over counted, non-finite nowhere', () => {
    const h = histogram([-1, -0.5, 0, 0.49, 0.5, 1, 1.5, -2, Number.NaN, Number.POSITIVE_INFINITY], -1, 1, 4);
    expect(h.counts).toEqual([1, 1, 2, 2]);
    expect([h.under, h.over]).toEqual([1, 1]);
    expect(histogramBin(1, -1, 1, 4)).toBe(3);
    expect(histogramBin(-1.5, -1, 1, 4)).toBe(-1);
    expect(histogramBin(Number.NaN, -1, 1, 4)).toBe(-2);
    // Inline loop and the single-value rule agree.
    const vals = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 5);
    const hh = histogram(vals, -4, 4, 40);
    const counts = new Array(40).fill(0);
    for (const v of vals) {
      const k = histogramBin(v, -4, 4, 40);
      if (k >= 0 && k < 40) counts[k]++;
    }
    expect(hh.counts).toEqual(counts);
  });

  it('fixed ranges: tanh [−1,1], sigmoid [0,1], relu [0,4], others [−4,4]', () => {
    expect(histogramRange('tanh')).toEqual({ lo: -1, hi: 1 });
    expect(histogramRange('sigmoid')).toEqual({ lo: 0, hi: 1 });
    expect(histogramRange('relu')).toEqual({ lo: 0, hi: 4 });
    expect(histogramRange('selu')).toEqual({ lo: -4, hi: 4 });
  });

  it('actStats: zero and saturated fractions against the threshold 0.05·max|φ′|', () => {
    const h = [0, 0, 0.5, 1];
    const dphi = [0, 0.049, 0.05, 1];
    const s = actStats(h, dphi, { maxAbsDeriv: 1, hist: { lo: 0, hi: 1, bins: 2 } });
    expect(s.zeroFrac).toBe(0.5);
    expect(s.satFrac).toBe(0.5);
    expect(s.hist!.counts).toEqual([2, 2]);
    expect([s.mean, s.min, s.max]).toEqual([0.375, 0, 1]);
    const g = gradStats([1, -1, 1, -1], [3, 4]);
    expect(g).toEqual({ std: 1, rms: 1, weightGradNorm: 5 });
  });
});
