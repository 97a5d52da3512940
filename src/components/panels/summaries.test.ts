import { describe, expect, it } from 'vitest';
import type { StatsRecord } from '../../engine/stats/types';
import { packRecords, splitPacked } from '../../gpu/workerProtocol';
import { packed } from '../charts/testRecords';
import { boundarySummary, heatmapSummary, histogramSummary } from './summaries';

describe('text alternatives of the canvas charts', () => {
  it('heatmap: first and last layers, first and newest step', () => {
    const [a, b] = packed([
      { step: 0, actStd: [1, 0.5], gradStd: [0.01, 0.1] },
      { step: 90, actStd: [0.9, 0.25], gradStd: [0.02, 0.2] },
    ]);
    expect(heatmapSummary(a, b)).toBe(
      'From step 0 to step 90: activation std layer 1 1 → 0.9, layer 2 0.5 → 0.25; gradient std layer 1 0.01 → 0.02, layer 2 0.1 → 0.2.',
    );
    expect(heatmapSummary(undefined, null)).toBe('No steps yet.');
  });

  it('histograms: layers with values beyond the range, the worst one named', () => {
    const layer = (l: number, over: number) => ({
      layer: l,
      act: {
        mean: 0,
        std: 1,
        min: 0,
        max: 9,
        zeroFrac: 0,
        satFrac: 0,
        hist: { lo: 0, hi: 4, counts: [5, 5], under: 0, over },
      },
      pre: { mean: 0, std: 1 },
      grad: { std: 1, rms: 1, weightGradNorm: 1 },
      weight: { std: 1, updateRatio: 0 },
    });
    const r: StatsRecord = {
      step: 7,
      loss: 1,
      accuracy: 0,
      layers: [layer(1, 0), layer(2, 10), layer(3, 0)],
    };
    const [rec] = splitPacked(packRecords([r]));
    expect(histogramSummary(rec)).toBe(
      'Step 7: 1 of 3 layers have activations beyond [0, 4], most in layer 2 (50 %).',
    );
  });

  it('decision boundary: the share of the plane each class wins', () => {
    // 2×2 grid, 2 classes: three cells class 0, one class 1.
    const probs = Float32Array.from([0.9, 0.1, 0.8, 0.2, 0.6, 0.4, 0.3, 0.7]);
    expect(boundarySummary({ step: 4, grid: 2, probs }, 2)).toBe(
      'Step 4: share of the plane predicted as class 0 75 %, class 1 25 %.',
    );
    expect(boundarySummary(null, 2)).toBe('No prediction yet.');
  });
});
