import { describe, expect, it } from 'vitest';
import type { StatsRecord } from '../engine/stats/types';
import { H, layerOffset, L, nonFiniteOf, packRecords, splitPacked, unpackRecord } from './workerProtocol';

function record(step: number, layers: number, withHist: boolean): StatsRecord {
  return {
    step,
    loss: 2.5 - step * 0.01,
    accuracy: 0.25,
    nonFinite: step > 2 ? { step: 3, layer: 7, tensor: 'act' } : null,
    ...(step % 2 === 0 ? { test: { loss: 1.5, accuracy: 0.5 } } : {}),
    layers: Array.from({ length: layers }, (_, i) => ({
      layer: i + 1,
      act: {
        mean: 0.5 / (i + 1),
        std: 2 ** -i,
        min: -1,
        max: 3,
        zeroFrac: 0.5,
        satFrac: 0.125,
        ...(withHist ? { hist: { lo: -4, hi: 4, counts: [1, 2, 3, i], under: 4, over: 5 } } : {}),
      },
      pre: { mean: 0.25, std: 1 },
      grad: { std: 1e-3, rms: 2e-3, weightGradNorm: 0.75 },
      weight: { std: 0.125, updateRatio: 1e-4 },
    })),
  };
}

describe('packed records', () => {
  it('round-trips records (with and without histograms) through one Float32Array', () => {
    const recs = [record(0, 3, true), record(1, 3, false), record(4, 5, true)];
    const packed = packRecords(recs);
    const views = splitPacked(packed);
    expect(views).toHaveLength(3);
    views.forEach((v, i) => {
      const back = unpackRecord(v);
      const want = recs[i];
      expect(back.step).toBe(want.step);
      expect(back.loss).toBeCloseTo(want.loss, 5);
      expect(back.test).toEqual(want.test);
      expect(back.nonFinite ?? null).toEqual(want.nonFinite ?? null);
      expect(back.layers).toHaveLength(want.layers.length);
      back.layers.forEach((l, j) => {
        const w = want.layers[j];
        expect(l.layer).toBe(w.layer);
        expect(l.act.std).toBeCloseTo(w.act.std, 6);
        expect(l.grad.rms).toBeCloseTo(w.grad.rms, 8);
        expect(l.weight.updateRatio).toBeCloseTo(w.weight.updateRatio, 9);
        expect(l.act.hist).toEqual(w.act.hist);
      });
    });
  });

  it('keeps inf and NaN, and reads fields by offset', () => {
    const r = record(5, 2, false);
    r.loss = Number.POSITIVE_INFINITY;
    r.layers[1].act.std = Number.NaN;
    const [v] = splitPacked(packRecords([r]));
    expect(v[H.loss]).toBe(Number.POSITIVE_INFINITY);
    expect(v[layerOffset(v, 1) + L.actStd]).toBeNaN();
    expect(nonFiniteOf(v)).toEqual({ step: 3, layer: 7, tensor: 'act' });
  });

  it('rejects a corrupt buffer instead of looping', () => {
    expect(() => splitPacked(new Float32Array([0, 1, 2]))).toThrow(/corrupt/);
  });
});
