import { describe, expect, it } from 'vitest';
import type { StatsRecord } from '../engine/stats/types';
import { packRecords, splitPacked } from '../gpu/workerProtocol';
import {
  hasGroup,
  layerCount,
  layerHist,
  layerValue,
  perLayer,
  recLoss,
  recNonFinite,
  recStep,
  recTest,
} from './recordView';

const layer = (l: number, withGroups: boolean) => ({
  layer: l,
  act: {
    mean: 0.1 * l,
    std: l,
    min: -l,
    max: 2 * l,
    zeroFrac: 0.5,
    satFrac: 0.25,
    hist: { lo: 0, hi: 4, counts: [l, 2, 3, 4], under: 1, over: 2 },
  },
  pre: { mean: 0, std: 10 * l },
  grad: { std: 0.01 * l, rms: 0.02, weightGradNorm: 3 },
  weight: { std: 0.125, updateRatio: 1e-3 },
  ...(withGroups ? { norm: { mean: 0, std: 1 + l / 8 }, stream: { std: 2 * l, gradStd: 0.5 } } : {}),
});

const rec = (step: number, withGroups: boolean): StatsRecord => ({
  step,
  loss: 1.5,
  accuracy: 0.5,
  layers: [layer(1, withGroups), layer(2, withGroups), layer(3, withGroups)],
  nonFinite: step === 7 ? { step: 7, layer: 2, tensor: 'stream' } : null,
  ...(step === 0 ? { test: { loss: 2, accuracy: 0.25 } } : {}),
});

describe('recordView', () => {
  it('reads every header field and per-layer statistic by name from packed records', () => {
    const [a, b] = splitPacked(packRecords([rec(0, true), rec(7, false)]));
    expect([recStep(a), recLoss(a), layerCount(a)]).toEqual([0, 1.5, 3]);
    expect(recTest(a)).toEqual({ loss: 2, accuracy: 0.25 });
    expect(recTest(b)).toBeNull();
    expect(recNonFinite(b)).toEqual({ step: 7, layer: 2, tensor: 'stream' });
    expect(Array.from(perLayer(a, 'actStd'))).toEqual([1, 2, 3]);
    expect(layerValue(a, 2, 'preStd')).toBe(30);
    expect(layerValue(a, 1, 'streamStd')).toBe(4);
    expect(layerValue(a, 0, 'normStd')).toBeCloseTo(1.125, 6);
    expect(hasGroup(a, 'norm') && hasGroup(a, 'stream')).toBe(true);
    expect(hasGroup(b, 'norm') || hasGroup(b, 'stream')).toBe(false);
    expect(Number.isNaN(layerValue(b, 0, 'streamStd'))).toBe(true);
    const h = layerHist(a, 0);
    expect(h && [h.lo, h.hi, h.under, h.over, ...Array.from(h.counts)]).toEqual([0, 4, 1, 2, 1, 2, 3, 4]);
  });
});

describe('records are read by name', () => {
  it('no component or store module imports the packed layout constants (H, L) besides recordView', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(name) && !name.endsWith('.test.ts') && !p.endsWith('recordView.ts')) {
          const src = readFileSync(p, 'utf8');
          const m = src.match(/import \{([^}]*)\} from '[./]*gpu\/workerProtocol'/);
          if (m && /\b(H|L|LAYER_FIELDS|layerOffset)\b/.test(m[1])) offenders.push(p);
        }
      }
    };
    walk('src/components');
    walk('src/store');
    expect(offenders).toEqual([]);
  });
});
