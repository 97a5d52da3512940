import { describe, expect, it } from 'vitest';
import { DATASETS, DEFAULT_CONFIG, type RunConfig } from '../config';
import { nodeFetchBytes } from '../cli/nodeFetchBytes';
import { batchIndices, datasetShape, loadDataset } from './index';
import { buildFashion } from './fashion';

const cfg = (over: Partial<RunConfig>): RunConfig => ({ ...DEFAULT_CONFIG, ...over });

function featureMoments(x: Float32Array, n: number, d: number, j: number) {
  let s = 0;
  let ss = 0;
  for (let r = 0; r < n; r++) s += x[r * d + j];
  const m = s / n;
  for (let r = 0; r < n; r++) ss += (x[r * d + j] - m) ** 2;
  return { mean: m, std: Math.sqrt(ss / n) };
}

describe('datasets', () => {
  it('every dataset has the announced shape, labels in range and a held-out split', async () => {
    // 'local' is the user's own file, with its own tests (csv.test.ts).
    for (const data of DATASETS.filter((d) => d !== 'local')) {
      const c = cfg({ data, width: 16 });
      const ds = await loadDataset(c, { fetchBytes: nodeFetchBytes });
      const shape = datasetShape(c);
      expect(ds.inDim).toBe(shape.inDim);
      expect(ds.classes).toBe(shape.classes);
      expect(ds.train.n).toBe(shape.nTrain);
      expect(ds.test.n).toBe(shape.nTest);
      expect(ds.train.x.length).toBe(ds.train.n * ds.inDim);
      expect(ds.test.x.length).toBe(ds.test.n * ds.inDim);
      for (const split of [ds.train, ds.test]) {
        const counts = new Array(ds.classes).fill(0);
        for (const y of split.y) {
          expect(y >= 0 && y < ds.classes).toBe(true);
          counts[y]++;
        }
        // Every class is present in every split.
        for (const k of counts) expect(k).toBeGreaterThan(0);
        expect(split.x.every(Number.isFinite)).toBe(true);
      }
      expect(Number.isFinite(ds.inputMeanSq)).toBe(true);
    }
  });

  it('is deterministic from the seed and changes with it', async () => {
    for (const data of ['spiral', 'moons', 'probe'] as const) {
      const a = await loadDataset(cfg({ data, seed: 7, width: 8 }));
      const b = await loadDataset(cfg({ data, seed: 7, width: 8 }));
      const c = await loadDataset(cfg({ data, seed: 8, width: 8 }));
      expect(Array.from(a.train.x)).toEqual(Array.from(b.train.x));
      expect(Array.from(a.test.y)).toEqual(Array.from(b.test.y));
      expect(Array.from(a.train.x)).not.toEqual(Array.from(c.train.x));
    }
  });

  it('standardizes 2-D inputs with train statistics', async () => {
    const ds = await loadDataset(cfg({ data: 'circles', noise: 0.2 }));
    for (let j = 0; j < 2; j++) {
      const m = featureMoments(ds.train.x, ds.train.n, 2, j);
      expect(Math.abs(m.mean)).toBeLessThan(1e-5);
      expect(m.std).toBeCloseTo(1, 5);
      // The test split went through the same transform: close to, not exactly, standardized.
      const t = featureMoments(ds.test.x, ds.test.n, 2, j);
      expect(Math.abs(t.mean)).toBeLessThan(0.2);
      expect(Math.abs(t.std - 1)).toBeLessThan(0.2);
    }
    expect(ds.inputMeanSq).toBeCloseTo(1, 4);
  });

  it('probe: N(0,1) inputs of dimension in (0 ⇒ width), 10 roughly uniform classes', async () => {
    const ds = await loadDataset(cfg({ data: 'probe', in: 0, width: 32 }));
    expect(ds.inDim).toBe(32);
    expect((await loadDataset(cfg({ data: 'probe', in: 5, width: 32 }))).inDim).toBe(5);
    const x = ds.train.x;
    let s = 0;
    let ss = 0;
    for (const v of x) {
      s += v;
      ss += v * v;
    }
    const n = x.length;
    // 131k samples: mean within ~5 SE (SE = 1/√n ≈ 0.0028), variance within 2 %.
    expect(Math.abs(s / n)).toBeLessThan(0.015);
    expect(Math.abs(ss / n - 1)).toBeLessThan(0.02);
    const counts = new Array(10).fill(0);
    for (const y of ds.train.y) counts[y]++;
    for (const k of counts) expect(Math.abs(k / ds.train.n - 0.1)).toBeLessThan(0.03);
  });

  it('fashion: parses the shipped subset, class-balanced, standardized globally', async () => {
    const ds = await loadDataset(cfg({ data: 'fashion' }), { fetchBytes: nodeFetchBytes });
    expect(ds.inDim).toBe(784);
    const counts = new Array(10).fill(0);
    for (const y of ds.train.y) counts[y]++;
    expect(counts).toEqual(new Array(10).fill(1200));
    let s = 0;
    let ss = 0;
    for (const v of ds.train.x) {
      s += v;
      ss += v * v;
    }
    expect(Math.abs(s / ds.train.x.length)).toBeLessThan(1e-4);
    expect(ss / ds.train.x.length).toBeCloseTo(1, 3);
    await expect(loadDataset(cfg({ data: 'fashion' }))).rejects.toThrow(/fetchBytes/);
    expect(() => buildFashion(new Uint8Array(10))).toThrow(/truncated/);
  });

  it('fashion: reports progress through the reader', async () => {
    // The dataset is cached after the first load; a fresh reader is used only on a cache miss, so call the
    // reader directly to check the progress contract.
    const seen: number[] = [];
    const bytes = await nodeFetchBytes('data/fashion-mnist-subset.bin', (loaded, total) =>
      seen.push(loaded, total),
    );
    expect(seen).toEqual([bytes.byteLength, bytes.byteLength]);
  });
});

describe('batchIndices', () => {
  it('visits every row exactly once per epoch, batches crossing epoch ends included', () => {
    const n = 10;
    const batch = 4;
    const seen: number[] = [];
    for (let k = 0; k < 5; k++) seen.push(...batchIndices(3, k, batch, n));
    // 20 positions = exactly two epochs.
    const first = seen.slice(0, n).sort((a, b) => a - b);
    const second = seen.slice(n).sort((a, b) => a - b);
    expect(first).toEqual([...Array(n).keys()]);
    expect(second).toEqual([...Array(n).keys()]);
    expect(seen.slice(0, n)).not.toEqual(seen.slice(n)); // a new order each epoch
  });

  it('is a pure function of (seed, step, batch, n), writes into out, handles batch > n', () => {
    const a = batchIndices(11, 7, 64, 1000);
    const out = new Int32Array(64);
    // Touch other epochs in between so the cache must be bypassed or refilled.
    batchIndices(11, 900, 64, 1000);
    batchIndices(12, 3, 64, 1000);
    expect(batchIndices(11, 7, 64, 1000, out)).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(a));
    expect(Array.from(batchIndices(12, 7, 64, 1000))).not.toEqual(Array.from(a));
    const big = batchIndices(1, 0, 25, 10);
    const counts = new Array(10).fill(0);
    for (const i of big) counts[i]++;
    expect(counts.every((c) => c === 2 || c === 3)).toBe(true);
  });
});
