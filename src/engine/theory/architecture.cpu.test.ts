// The prediction for normalized layers and residual blocks against the CPU engine's step-0 statistics on
// wide networks (width 512), averaged over seeds: a finite random network fluctuates around the infinite-
// width limit by several per cent per seed (most in the last layers), its seed average by much less.
import { describe, expect, it } from 'vitest';
import type { RunConfig } from '../config';
import { normalizeConfig } from '../config/codec';
import { loadDataset } from '../data';
import { networkDims } from '../memory';
import { trainRecords } from '../presets/claimRunner';
import type { LayerStats } from '../stats/types';
import { meanField } from './meanField';
import type { TheoryLayer } from './types';

const SEEDS = [1, 2, 3];

type Pair = [
  measured: (l: LayerStats, top: LayerStats) => number | undefined,
  predicted: (t: TheoryLayer) => number | undefined,
];
const PAIRS: Record<string, Pair> = {
  pre: [(l) => l.pre.std, (t) => Math.sqrt(t.preVar)],
  act: [(l) => l.act.std, (t) => t.actStd],
  norm: [(l) => l.norm?.std, (t) => t.normStd],
  stream: [(l) => l.stream?.std, (t) => t.streamStd],
  grad: [
    (l, top) => l.grad.std / top.grad.std,
    (t) => (Number.isFinite(t.gradRatio) ? Math.sqrt(t.gradRatio) : undefined),
  ],
};

/** Per statistic and layer: the mean over seeds of measured / predicted. */
async function ratios(over: Partial<RunConfig>): Promise<Record<string, number[]>> {
  const sums: Record<string, number[]> = {};
  for (const seed of SEEDS) {
    const config = normalizeConfig({ data: 'probe', width: 512, batch: 64, depth: 6, ...over, seed }).config;
    const dataset = await loadDataset(config, {});
    const theory = meanField(config, networkDims(config), dataset.inputMeanSq);
    const [[r]] = await trainRecords([config], 0);
    const top = r.layers[r.layers.length - 1];
    r.layers.forEach((l, i) => {
      for (const [name, [m, p]] of Object.entries(PAIRS)) {
        const a = m(l, top);
        const b = p(theory.layers[i]);
        if (a === undefined || b === undefined) continue;
        (sums[name] ??= [])[i] = (sums[name][i] ?? 0) + a / b / SEEDS.length;
      }
    });
  }
  return sums;
}

function expectWithin(r: Record<string, number[]>, name: string, tol: number): void {
  const xs = r[name];
  expect(xs, `${name} is recorded and predicted`).toBeDefined();
  for (const [i, x] of xs.entries())
    expect(Math.abs(x - 1), `${name}, layer ${i + 1}: ${x}`).toBeLessThan(tol);
}

describe('theory vs the CPU engine at init (width 512, seeds 1–3)', () => {
  it('residual, no norm, ReLU + Kaiming: the stream’s variance adds up block by block', {
    timeout: 120_000,
  }, async () => {
    const r = await ratios({ act: 'relu', init: 'kaiming_normal', res: 1 });
    for (const k of ['pre', 'act', 'stream']) expectWithin(r, k, 0.06);
    expect(r.grad).toBeUndefined();
  });

  it('pre-LayerNorm residual, ReLU + Xavier', { timeout: 120_000 }, async () => {
    const r = await ratios({ act: 'relu', init: 'xavier_normal', res: 1, norm: 'layer' });
    for (const k of ['pre', 'act', 'norm', 'stream']) expectWithin(r, k, 0.04);
  });

  it('pre-BatchNorm residual, tanh + Xavier', { timeout: 120_000 }, async () => {
    const r = await ratios({ act: 'tanh', init: 'xavier_normal', res: 1, norm: 'batch', batch: 128 });
    for (const k of ['pre', 'act', 'norm', 'stream']) expectWithin(r, k, 0.04);
  });

  it('ReZero: the stream is flat at layer 1’s output', { timeout: 120_000 }, async () => {
    const r = await ratios({ act: 'relu', init: 'kaiming_normal', res: 1, rezero: 1 });
    for (const k of ['pre', 'act', 'stream']) expectWithin(r, k, 0.03);
  });

  it('plain BatchNorm, ReLU, N(0, 0.01): forward pinned, gradient growth as predicted', {
    timeout: 120_000,
  }, async () => {
    const r = await ratios({ act: 'relu', init: 'normal', std: 0.01, norm: 'batch', batch: 256 });
    for (const k of ['pre', 'act', 'norm']) expectWithin(r, k, 0.03);
    expectWithin(r, 'grad', 0.05);
  });

  it('plain LayerNorm, tanh + Xavier', { timeout: 120_000 }, async () => {
    const r = await ratios({ act: 'tanh', init: 'xavier_normal', norm: 'layer' });
    for (const k of ['pre', 'act', 'norm', 'grad']) expectWithin(r, k, 0.04);
  });
});
