// The CPU trainer with normalization and residual blocks: evaluation with BatchNorm's running statistics,
// run(0) leaving every state as it found it, ReZero's exact zeros at init, and training that moves γ, β, α.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../config';
import { normalizeConfig } from '../config/codec';
import { loadDataset } from '../data';
import { estimateCpuBytes } from '../memory';
import { createCpuTrainer } from './cpuTrainer';

const base: RunConfig = {
  ...DEFAULT_CONFIG,
  depth: 4,
  width: 16,
  batch: 32,
  act: 'relu',
  init: 'kaiming_normal',
};

async function trainer(patch: Partial<RunConfig>) {
  const c = { ...base, ...patch };
  return createCpuTrainer(c, await loadDataset(c));
}

describe('CPU trainer with norm and residual blocks', () => {
  it('records norm and stream only where the network has them', async () => {
    const plain = (await (await trainer({})).run(0))[0].layers[0];
    expect(plain.norm).toBeUndefined();
    expect(plain.stream).toBeUndefined();
    const both = (await (await trainer({ norm: 'layer', res: 1 })).run(0))[0].layers;
    for (const l of both) {
      expect(l.norm?.std).toBeGreaterThan(0.5);
      expect(l.stream?.std).toBeGreaterThan(0);
    }
  });

  it('ReZero at init: the branch gradients are exactly 0 (reported as 0) and the stream is flat', async () => {
    const rec = (await (await trainer({ res: 1, rezero: 1, depth: 8 })).run(0))[0];
    const layers = rec.layers;
    for (const l of layers.slice(1)) {
      expect(l.grad.std).toBe(0);
      expect(l.grad.weightGradNorm).toBe(0);
      expect(l.stream?.std).toBe(layers[0].stream?.std);
    }
  });

  it('run(0) changes nothing: a run that first records step 0 alone trains exactly like one that does not (BatchNorm running stats too)', async () => {
    const a = await trainer({ norm: 'batch' });
    const b = await trainer({ norm: 'batch' });
    const first = (await a.run(0))[0];
    const bRecords = await b.run(4);
    const aRecords = await a.run(4);
    expect(bRecords[0].loss).toBe(first.loss);
    expect(aRecords.map((r) => r.loss)).toEqual(bRecords.slice(1).map((r) => r.loss));
    expect(await a.evaluate()).toEqual(await b.evaluate());
  });

  it('BatchNorm evaluates with running statistics: the test loss differs from a batch-statistics pass on the same rows', async () => {
    const t = await trainer({ norm: 'batch', data: 'probe', in: 16 });
    await t.run(1);
    // After one step the running variance is 0.9·1 + 0.1·(batch variance): far from the batch's own.
    const evalLoss = (await t.evaluate()).loss;
    expect(Number.isFinite(evalLoss)).toBe(true);
    const running = t.net.runningState();
    expect(running[0][0]).not.toBe(0);
    expect(running[1][0]).not.toBe(1);
  });

  it('training moves γ, β and α', async () => {
    const t = await trainer({ norm: 'layer', res: 1, rezero: 1, opt: 'adam', lr: 0.01 });
    await t.run(5);
    const { p } = t.net.extraParams();
    expect(p.length).toBe(2 * 4 + 3);
    expect(p[0].some((g) => g !== 1)).toBe(true);
    expect(p[4].some((b) => b !== 0)).toBe(true);
    expect(p[8][0]).not.toBe(0);
  });

  it('counts the new buffers in the memory estimate', () => {
    const plain = estimateCpuBytes(base);
    expect(estimateCpuBytes({ ...base, norm: 'batch' })).toBeGreaterThan(plain);
    expect(estimateCpuBytes({ ...base, res: 1 })).toBeGreaterThan(plain);
  });

  it('corrects BatchNorm with batch 1 and rezero without res, with notices', () => {
    const r = normalizeConfig({ norm: 'batch', batch: 1, rezero: 1 });
    expect(r.config.batch).toBe(2);
    expect(r.config.rezero).toBe(0);
    expect(r.notices.join(' ')).toMatch(/BatchNorm needs at least 2 samples/);
    expect(r.notices.join(' ')).toMatch(/rezero=1 needs residual blocks/);
  });
});
