import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../config';
import { loadDataset } from '../data';
import { CPU_MEMORY_LIMIT_BYTES, estimateCpuBytes, networkDims, paramCount } from '../memory';
import { createCpuTrainer } from './cpuTrainer';

const cfg = (over: Partial<RunConfig>): RunConfig => ({ ...DEFAULT_CONFIG, depth: 3, width: 16, ...over });

async function trainer(c: RunConfig, float64 = false) {
  return createCpuTrainer(c, await loadDataset(c), { float64 });
}

describe('CPU trainer: records', () => {
  it('step 0 is the network at init; run(0) records it without updating; later calls continue', async () => {
    const c = cfg({});
    const a = await trainer(c);
    const [r0] = await a.run(0);
    expect(r0.step).toBe(0);
    expect(a.step).toBe(0);
    expect(await a.run(0)).toEqual([]); // nothing new to record
    const next = await a.run(2);
    expect(next.map((r) => r.step)).toEqual([1]);
    expect(a.step).toBe(2);
    // Same step-0 record (update ratio included) as a trainer that went straight to run(1).
    const b = await trainer(c);
    const [s0] = await b.run(1);
    expect(r0).toEqual(s0);
    await b.run(1);
    expect(await a.weights()).toEqual(await b.weights());
  });

  it('records every K steps (step 0 always), test split at multiples of testEvery', async () => {
    const t = await trainer(cfg({}));
    const recs = await t.run(7, { every: 3, testEvery: 6 });
    expect(recs.map((r) => r.step)).toEqual([0, 3, 6]);
    expect(recs.map((r) => r.test !== undefined)).toEqual([true, false, true]);
    expect((await t.run(3, { every: 3 })).map((r) => r.step)).toEqual([9]);
    const plain = await t.run(1, { every: 1, stats: false });
    expect(plain[0].layers).toEqual([]);
    expect(Number.isFinite(plain[0].loss)).toBe(true);
  });

  it('is deterministic: same config ⇒ identical records', async () => {
    const c = cfg({ act: 'tanh', init: 'orthogonal', opt: 'adam', lr: 0.01 });
    const r1 = await (await trainer(c)).run(12, { every: 4, testEvery: 4 });
    const r2 = await (await trainer(c)).run(12, { every: 4, testEvery: 4 });
    expect(r1).toEqual(r2);
    const r3 = await (await trainer({ ...c, seed: 2 })).run(12, { every: 4 });
    expect(r3[0].loss).not.toBe(r1[0].loss);
  });

  it('every hidden layer has every statistic, with a histogram', async () => {
    const [r] = await (await trainer(cfg({ depth: 4 }))).run(1);
    expect(r.layers.map((l) => l.layer)).toEqual([1, 2, 3, 4]);
    for (const l of r.layers) {
      expect(l.act.hist!.counts.reduce((s, v) => s + v, 0) + l.act.hist!.under + l.act.hist!.over).toBe(
        64 * 16,
      );
      expect(l.act.zeroFrac).toBeGreaterThan(0.2); // ReLU
      expect(l.grad.rms).toBeGreaterThan(0);
      expect(l.weight.updateRatio).toBeGreaterThan(0);
    }
  });
});

describe('CPU trainer: learning', () => {
  it('loss decreases on spiral with kaiming + relu', async () => {
    const t = await trainer(
      cfg({ data: 'spiral', act: 'relu', init: 'kaiming_normal', opt: 'adam', lr: 0.01, width: 32 }),
    );
    const recs = await t.run(400, { every: 50 });
    const first = recs[0].loss;
    const last = (await t.evaluate()).loss;
    expect(last).toBeLessThan(0.6 * first);
    expect((await t.evaluate()).accuracy).toBeGreaterThan(0.7);
  });

  it('predict returns class probabilities per point', async () => {
    const t = await trainer(cfg({ data: 'gaussians' }));
    const p = await t.predict(Float32Array.from([0, 0, 1, 1, -1, 2]));
    expect(p.length).toBe(3 * 4);
    for (let r = 0; r < 3; r++)
      expect(p[4 * r] + p[4 * r + 1] + p[4 * r + 2] + p[4 * r + 3]).toBeCloseTo(1, 5);
  });

  it('float64 mode starts from the same weights and tracks float32 closely', async () => {
    const c = cfg({ act: 'gelu', init: 'xavier_uniform' });
    const f32 = await trainer(c);
    const f64 = await trainer(c, true);
    expect(await f32.weights()).toEqual(await f64.weights());
    const [a] = await f32.run(1);
    const [b] = await f64.run(1);
    expect(Math.abs(a.loss - b.loss)).toBeLessThan(1e-5 * b.loss);
  });
});

describe('CPU trainer: initialization', () => {
  // Var(W) formulas (docs/MATH.md#initializers), checked on the 128×128 second layer (16k samples: the std's
  // sampling error is ~0.6 %).
  const fanIn = 128;
  const fanOut = 128;
  const cases: [Partial<RunConfig>, number][] = [
    [{ init: 'kaiming_normal', act: 'relu' }, Math.SQRT2 / Math.sqrt(fanIn)],
    [
      { init: 'kaiming_uniform', act: 'relu', mode: 'fan_out' },
      (Math.SQRT2 * Math.sqrt(3 / fanOut)) / Math.sqrt(3),
    ],
    [{ init: 'xavier_uniform', act: 'tanh' }, Math.sqrt(6 / (fanIn + fanOut)) / Math.sqrt(3)],
    [{ init: 'xavier_normal', gain: 2 }, 2 * Math.sqrt(2 / (fanIn + fanOut))],
    [{ init: 'torch_default' }, 1 / Math.sqrt(fanIn) / Math.sqrt(3)],
    [{ init: 'lecun_normal' }, 1 / Math.sqrt(fanIn)],
    [{ init: 'normal', std: 0.05 }, 0.05],
    [{ init: 'uniform', a: 0.1 }, 0.1 / Math.sqrt(3)],
    [{ init: 'orthogonal' }, 1 / Math.sqrt(fanIn)],
    [{ init: 'sparse', sparsity: 0.5, std: 0.02 }, 0.02 * Math.sqrt(0.5)],
    [{ init: 'constant', value: 0.3 }, 0],
    [{ init: 'zeros' }, 0],
  ];
  for (const [over, std] of cases)
    it(`weight std at step 0 = formula: ${JSON.stringify(over)}`, async () => {
      const [r] = await (await trainer(cfg({ depth: 2, width: 128, ...over }))).run(0);
      const got = r.layers[1].weight.std;
      if (std === 0) expect(got).toBe(0);
      else expect(Math.abs(got / std - 1)).toBeLessThan(0.02);
    });

  it('LSUV rescales every layer to Var(z) = 1 on batch 0', async () => {
    const t = await trainer(cfg({ init: 'lsuv', act: 'tanh', depth: 4, width: 32 }));
    expect(t.lsuvVariances).toHaveLength(5);
    for (const v of t.lsuvVariances!) expect(Math.abs(v - 1)).toBeLessThan(0.01);
    const [r] = await t.run(0);
    // Record 0 is the pass on the same batch with the same weights.
    for (const l of r.layers) expect(Math.abs(l.pre.std ** 2 - 1)).toBeLessThan(0.011);
  });
});

describe('CPU trainer: memory', () => {
  it('refuses a network it cannot hold, with the figures', async () => {
    const big = cfg({ depth: 500, width: 2048 });
    expect(estimateCpuBytes(big)).toBeGreaterThan(CPU_MEMORY_LIMIT_BYTES);
    await expect(trainer(big)).rejects.toThrow(
      /needs \d+(\.\d)? GB of memory; the CPU engine allows 1\.5 GB/,
    );
  });

  it('sizes: dims, parameter count, estimate', () => {
    const c = cfg({ depth: 2, width: 10, data: 'fashion' });
    expect(networkDims(c)).toEqual([784, 10, 10, 10]);
    expect(paramCount(networkDims(c))).toBe(784 * 10 + 10 + 110 + 110);
    expect(estimateCpuBytes({ ...c, opt: 'adam' })).toBeGreaterThan(estimateCpuBytes({ ...c, opt: 'sgd' }));
    expect(estimateCpuBytes(c, { float64: true })).toBeGreaterThan(estimateCpuBytes(c));
  });
});
