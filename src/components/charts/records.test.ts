import { describe, expect, it } from 'vitest';
import type { StatsRecord } from '../../engine/stats/types';
import { packRecords, splitPacked } from '../../gpu/workerProtocol';
import { perLayer } from '../../store/recordView';
import { histBins, smooth, stepsToTarget } from './records';

function recs(losses: number[]): Float32Array[] {
  const rs: StatsRecord[] = losses.map((loss, step) => ({
    step,
    loss,
    accuracy: 1 - loss,
    layers: [1, 2].map((layer) => ({
      layer,
      act: {
        mean: 0,
        std: layer * 10,
        min: 0,
        max: 1,
        zeroFrac: 0,
        satFrac: 0,
        hist: { lo: 0, hi: 1, counts: [layer, 2, 3], under: 0, over: 0 },
      },
      pre: { mean: 0, std: 1 },
      grad: { std: 1, rms: 1, weightGradNorm: 1 },
      weight: { std: 1, updateRatio: 0 },
    })),
  }));
  return splitPacked(packRecords(rs));
}

describe('record readers', () => {
  it('read per-layer fields and histogram bins', () => {
    const [r] = recs([0.5]);
    expect(Array.from(perLayer(r, 'actStd'))).toEqual([10, 20]);
    expect(Array.from(histBins(r, 1))).toEqual([2, 2, 3]);
  });

  it('count steps to a target on the smoothed curve, ignoring one lucky batch', () => {
    const rs = recs([1, 1, 0.1, 1, 1, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4]);
    const s = stepsToTarget(rs, 0.5, 'loss', 0.3);
    expect(s).not.toBeNull();
    expect(s!).toBeGreaterThan(5);
    expect(stepsToTarget(rs, 0.01, 'loss')).toBeNull();
    expect(stepsToTarget(rs, 0.5, 'accuracy', 1)).toBe(2);
  });

  it('smooths NaN-safely', () => {
    const s = smooth([1, Number.NaN, 3], 0.5);
    expect(s[0]).toBe(1);
    expect(s[1]).toBeNaN();
    expect(s[2]).toBe(2);
  });
});
