// The trainer's recorded statistics against a direct, naive recomputation (plain arrays, triple loops,
// float64) of the same pass, and the first-non-finite report against a naive scan.
import { describe, expect, it } from 'vitest';
import { activationFns } from '../activations';
import { DEFAULT_CONFIG, type RunConfig } from '../config';
import { batchIndices, loadDataset } from '../data';
import { HIST_BINS } from '../stats/histogramRange';
import { layerStatsFromTensors } from '../stats/compute';
import type { LayerStats } from '../stats/types';
import { createCpuTrainer } from './cpuTrainer';

interface NaivePass {
  z: number[][];
  h: number[][];
  delta: number[][];
  gradW: number[][];
  loss: number;
}

/** Forward + CE backward in float64 with plain loops; rows [B][units] flattened per layer. */
function naivePass(
  config: RunConfig,
  W: Float32Array[],
  b: Float32Array[],
  x: number[],
  y: number[],
): NaivePass {
  const { f, df } = activationFns(config.act, config.slope);
  const B = y.length;
  const L = W.length - 1;
  const dims = [x.length / B, ...b.map((v) => v.length)];
  const z: number[][] = [];
  const h: number[][] = [];
  let input = x;
  for (let i = 0; i <= L; i++) {
    const zi: number[] = [];
    for (let r = 0; r < B; r++)
      for (let o = 0; o < dims[i + 1]; o++) {
        let s = b[i][o];
        for (let k = 0; k < dims[i]; k++) s += W[i][o * dims[i] + k] * input[r * dims[i] + k];
        zi.push(s);
      }
    z.push(zi);
    input = i < L ? zi.map(f) : zi;
    if (i < L) h.push(input);
  }
  const C = dims[L + 1];
  const logits = z[L];
  let loss = 0;
  let d = logits.map(() => 0);
  for (let r = 0; r < B; r++) {
    const row = logits.slice(r * C, r * C + C);
    const m = Math.max(...row);
    const lse = m + Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
    loss += (lse - row[y[r]]) / B;
    for (let c = 0; c < C; c++) d[r * C + c] = (Math.exp(row[c] - lse) - (c === y[r] ? 1 : 0)) / B;
  }
  const delta: number[][] = new Array(L + 1);
  const gradW: number[][] = new Array(L + 1);
  for (let i = L; i >= 0; i--) {
    delta[i] = d;
    const inp = i === 0 ? x : h[i - 1];
    const g: number[] = [];
    for (let o = 0; o < dims[i + 1]; o++)
      for (let k = 0; k < dims[i]; k++) {
        let s = 0;
        for (let r = 0; r < B; r++) s += d[r * dims[i + 1] + o] * inp[r * dims[i] + k];
        g.push(s);
      }
    gradW[i] = g;
    if (i === 0) break;
    const prev: number[] = [];
    for (let r = 0; r < B; r++)
      for (let k = 0; k < dims[i]; k++) {
        let s = 0;
        for (let o = 0; o < dims[i + 1]; o++) s += d[r * dims[i + 1] + o] * W[i][o * dims[i] + k];
        prev.push(s * df(z[i - 1][r * dims[i] + k]));
      }
    d = prev;
  }
  return { z, h, delta, gradW, loss };
}

function expectClose(actual: number, expected: number, what: string) {
  const tol = 1e-4 * Math.abs(expected) + 1e-6;
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
}

function compareLayer(got: LayerStats, want: LayerStats) {
  const w = want as unknown as Record<string, Record<string, number>>;
  const g = got as unknown as Record<string, Record<string, number>>;
  for (const block of ['act', 'pre', 'grad', 'weight'])
    for (const key of Object.keys(w[block])) {
      if (key === 'hist') continue;
      expectClose(g[block][key], w[block][key], `layer ${got.layer} ${block}.${key}`);
    }
  const hg = got.act.hist!;
  const hw = want.act.hist!;
  expect([hg.lo, hg.hi, hg.counts.length]).toEqual([hw.lo, hw.hi, HIST_BINS]);
  // float32 vs float64 values may land on either side of a bin edge, rarely.
  let diff = Math.abs(hg.under - hw.under) + Math.abs(hg.over - hw.over);
  hg.counts.forEach((c, k) => {
    diff += Math.abs(c - hw.counts[k]);
  });
  expect(diff).toBeLessThanOrEqual(2);
}

describe('recorded statistics = naive recomputation', () => {
  for (const act of ['tanh', 'relu', 'selu'] as const)
    it(`${act}: every statistic of step 0 and step 1`, async () => {
      const config: RunConfig = {
        ...DEFAULT_CONFIG,
        depth: 3,
        width: 6,
        batch: 8,
        act,
        init: 'xavier_normal',
        bias: 'torch',
        opt: 'momentum',
        lr: 0.1,
        data: 'moons',
      };
      const ds = await loadDataset(config);
      const t = await createCpuTrainer(config, ds);
      for (let step = 0; step < 2; step++) {
        const before = await t.weights();
        const [rec] = await t.run(1);
        const after = await t.weights();
        expect(rec.step).toBe(step);
        const idx = batchIndices(config.seed, step, config.batch, ds.train.n);
        const x: number[] = [];
        const y: number[] = [];
        for (const r of idx) {
          x.push(ds.train.x[2 * r], ds.train.x[2 * r + 1]);
          y.push(ds.train.y[r]);
        }
        const p = naivePass(
          config,
          before.map((l) => l.W),
          before.map((l) => l.b),
          x,
          y,
        );
        expectClose(rec.loss, p.loss, 'loss');
        for (let l = 0; l < config.depth; l++) {
          const want = layerStatsFromTensors(
            {
              layer: l + 1,
              z: p.z[l],
              h: p.h[l],
              delta: p.delta[l],
              W: before[l].W,
              gradW: p.gradW[l],
              deltaW: after[l].W.map((v, k) => v - before[l].W[k]),
            },
            act,
            config.slope,
            true,
          );
          compareLayer(rec.layers[l], want);
        }
      }
    });
});

describe('first non-finite value', () => {
  it('normal std=1e3 at depth 10 overflows float32: reported at the right step, layer and tensor', async () => {
    const config: RunConfig = {
      ...DEFAULT_CONFIG,
      depth: 10,
      width: 256,
      batch: 16,
      act: 'relu',
      init: 'normal',
      std: 1e3,
    };
    const ds = await loadDataset(config);
    const t = await createCpuTrainer(config, ds);
    const W = (await t.weights()).map((l) => l.W);
    const b = (await t.weights()).map((l) => l.b);
    // Naive scan in the documented order (pre, then act, per layer; then the output): float32 rounding of
    // each z decides where the overflow to ±∞ first shows.
    const idx = batchIndices(config.seed, 0, config.batch, ds.train.n);
    let input: number[] = [];
    for (const r of idx) input.push(ds.train.x[2 * r], ds.train.x[2 * r + 1]);
    let expected: { layer: number; tensor: string } | null = null;
    for (let i = 0; i <= config.depth && !expected; i++) {
      const nIn = input.length / config.batch;
      const nOut = b[i].length;
      const z: number[] = [];
      for (let r = 0; r < config.batch; r++)
        for (let o = 0; o < nOut; o++) {
          let s = b[i][o];
          for (let k = 0; k < nIn; k++) s += W[i][o * nIn + k] * input[r * nIn + k];
          z.push(Math.fround(s));
        }
      if (!z.every(Number.isFinite))
        expected = { layer: i + 1, tensor: i === config.depth ? 'output' : 'pre' };
      input = z.map((v) => (v > 0 ? v : 0));
    }
    expect(expected).not.toBeNull();
    const records = await t.run(3);
    expect(records[0].nonFinite).toEqual({ step: 0, ...expected });
    // Sticky: later records keep the first occurrence.
    for (const r of records) expect(r.nonFinite).toEqual({ step: 0, ...expected });
  });

  it('a run that diverges later reports the step where it happened, null before', async () => {
    const config: RunConfig = {
      ...DEFAULT_CONFIG,
      depth: 3,
      width: 16,
      act: 'linear',
      init: 'kaiming_normal',
      opt: 'sgd',
      lr: 10,
      loss: 'mse',
    };
    const t = await createCpuTrainer(config, await loadDataset(config));
    const records = await t.run(200);
    const first = records.find((r) => r.nonFinite)?.nonFinite;
    expect(first).toBeDefined();
    expect(first!.step).toBeGreaterThan(0);
    for (const r of records) expect(r.nonFinite ?? null).toEqual(r.step < first!.step ? null : first);
    expect(Number.isFinite(records[first!.step - 1].loss)).toBe(true);
  });

  it('a healthy run reports none', async () => {
    const config: RunConfig = { ...DEFAULT_CONFIG, depth: 4, width: 16, init: 'kaiming_normal' };
    const records = await (await createCpuTrainer(config, await loadDataset(config))).run(20);
    for (const r of records) expect(r.nonFinite).toBeNull();
  });
});
