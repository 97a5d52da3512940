// The GPU trainer's run semantics against the CPU reference: run(0) (a record without an update), `every`
// and `testEvery`, stats off, evaluate/predict, the first non-finite tensor of an exploding run, and the
// chunked submissions (several steps per command buffer give the same records as one step each).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { createCpuTrainer } from '../engine/cpu/cpuTrainer';
import { loadDataset } from '../engine/data';
import { createGpuTrainer } from './gpuTrainer';
import { nodeDevice } from './node/nodeGpu';
import { compareDeep, STEP_TOL } from './parityCheck';

const BASE: RunConfig = {
  ...DEFAULT_CONFIG,
  depth: 3,
  width: 16,
  batch: 16,
  data: 'spiral',
  init: 'kaiming_normal',
};

describe('GPU trainer run semantics (Dawn in Node)', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    ({ device } = await nodeDevice());
  });
  afterAll(() => device?.destroy());

  async function pair(config: RunConfig, gpuOpts = {}) {
    const data = await loadDataset(config);
    const cpu = await createCpuTrainer(config, data);
    const gpu = await createGpuTrainer(device, config, data, { strategy: 'direct', ...gpuOpts });
    return { cpu, gpu, data };
  }

  it('run(0) records step 0 without updating; records follow every / testEvery like the CPU', async () => {
    const { cpu, gpu } = await pair(BASE);
    try {
      for (const [n, opts] of [
        [0, {}],
        [0, {}],
        [5, { every: 2, testEvery: 4 }],
        [0, { testEvery: 5 }],
        [4, { every: 3, stats: false }],
      ] as const) {
        const rc = await cpu.run(n, opts);
        const rg = await gpu.run(n, opts);
        expect(rg.map((r) => r.step)).toEqual(rc.map((r) => r.step));
        expect(compareDeep(rg, rc, STEP_TOL, `run(${n})`)).toEqual([]);
        expect(gpu.step).toBe(cpu.step);
      }
      expect(compareDeep(await gpu.weights(), await cpu.weights(), STEP_TOL)).toEqual([]);
    } finally {
      cpu.dispose();
      gpu.dispose();
    }
  });

  it('evaluate and predict match the CPU', async () => {
    const { cpu, gpu, data } = await pair({ ...BASE, data: 'moons', act: 'tanh' });
    try {
      await cpu.run(3);
      await gpu.run(3);
      expect(compareDeep(await gpu.evaluate(), await cpu.evaluate(), STEP_TOL)).toEqual([]);
      const x = data.test.x.subarray(0, 2 * 37);
      const pg = await gpu.predict(x);
      const pc = await cpu.predict(x);
      expect(pg.length).toBe(37 * data.classes);
      expect(compareDeep(Array.from(pg), Array.from(pc), STEP_TOL)).toEqual([]);
    } finally {
      cpu.dispose();
      gpu.dispose();
    }
  });

  it('many steps per submission give the records of one step per submission', async () => {
    const config = { ...BASE, opt: 'adam' as const, lr: 0.01 };
    const data = await loadDataset(config);
    const one = await createGpuTrainer(device, config, data, { strategy: 'direct', maxStepsPerSubmit: 1 });
    // targetSubmitMs huge: the chunk grows to maxStepsPerSubmit after the first measurement.
    const many = await createGpuTrainer(device, config, data, {
      strategy: 'direct',
      maxStepsPerSubmit: 8,
      targetSubmitMs: 1e9,
    });
    try {
      const a = [...(await one.run(3)), ...(await one.run(20, { every: 3 }))];
      const b = [...(await many.run(3)), ...(await many.run(20, { every: 3 }))];
      expect(many.chunkSteps).toBe(8);
      expect(compareDeep(b, a, { rel: 0, abs: 0 })).toEqual([]);
    } finally {
      one.dispose();
      many.dispose();
    }
  });

  it('an exploding run reports the same first non-finite tensor and the same statistics', async () => {
    const config: RunConfig = {
      ...BASE,
      init: 'normal',
      std: 30,
      act: 'relu',
      depth: 6,
      width: 32,
      opt: 'sgd',
      lr: 10,
    };
    const { cpu, gpu } = await pair(config);
    try {
      const rc = await cpu.run(6);
      const rg = await gpu.run(6);
      expect(rc.at(-1)?.nonFinite, 'the config must actually overflow').toBeTruthy();
      expect(rg.map((r) => r.nonFinite)).toEqual(rc.map((r) => r.nonFinite));
      // Step 0 is still finite (or partly infinite) and must agree; later steps are NaN soup.
      expect(compareDeep(rg[0], rc[0], STEP_TOL)).toEqual([]);
    } finally {
      cpu.dispose();
      gpu.dispose();
    }
  });
});
