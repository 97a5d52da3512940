// Run semantics of the GPU trainer with normalization and residual blocks against the CPU reference:
// run(0) leaves BatchNorm's running statistics where they were (its step is not taken), held-out
// evaluation and predict normalize with the running statistics, records follow every / testEvery, and an
// exploding run names the same first non-finite tensor (norm / stream included, docs/LAYERS.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { createCpuTrainer } from '../engine/cpu/cpuTrainer';
import { loadDataset } from '../engine/data';
import { createGpuTrainer } from './gpuTrainer';
import { extSizes, type TrainerBuffers } from './trainerBuffers';
import { nodeDevice } from './node/nodeGpu';
import { compareDeep, STEP_TOL } from './parityCheck';

const BASE: RunConfig = {
  ...DEFAULT_CONFIG,
  depth: 4,
  width: 16,
  batch: 16,
  data: 'moons',
  init: 'kaiming_normal',
  opt: 'momentum',
};

describe('GPU trainer with norm / residual blocks: run semantics (Dawn in Node)', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    ({ device } = await nodeDevice());
  });
  afterAll(() => device?.destroy());

  async function pair(config: RunConfig) {
    const data = await loadDataset(config);
    const cpu = await createCpuTrainer(config, data);
    const gpu = await createGpuTrainer(device, config, data, { strategy: 'direct' });
    return { cpu, gpu, data };
  }

  for (const over of [
    { norm: 'batch', res: 1, rezero: 1 },
    { norm: 'batch', res: 0, rezero: 0 },
    { norm: 'layer', res: 1, rezero: 0 },
  ] as const)
    it(`run(0), every / testEvery, evaluate and predict (${JSON.stringify(over)})`, async () => {
      const { cpu, gpu, data } = await pair({ ...BASE, ...over });
      try {
        for (const [n, opts] of [
          [0, { testEvery: 1 }],
          [0, {}],
          [5, { every: 2, testEvery: 2 }],
          [0, { testEvery: 5 }],
          [4, { every: 3, stats: false, testEvery: 3 }],
        ] as const) {
          const rc = await cpu.run(n, opts);
          const rg = await gpu.run(n, opts);
          expect(compareDeep(rg, rc, STEP_TOL), `run(${n}, ${JSON.stringify(opts)})`).toEqual([]);
        }
        expect(compareDeep(await gpu.evaluate(), await cpu.evaluate(), STEP_TOL)).toEqual([]);
        const x = data.test.x.subarray(0, 2 * 37);
        expect(
          compareDeep(Array.from(await gpu.predict(x)), Array.from(await cpu.predict(x)), STEP_TOL),
        ).toEqual([]);
      } finally {
        cpu.dispose();
        gpu.dispose();
      }
    });

  // BatchNorm at lr 1e18 puts z near 1e35: its variance only exists as a scaled sum of squares in float32
  // (norm_forward.wgsl). Far enough out (a LayerNorm + ReZero net at lr 1e18), a matmul's float32 partial
  // sums overflow where the CPU's float64 ones do not, for the plain MLP as well: the GPU then names the
  // output first; these configs stay short of that.
  for (const over of [
    { norm: 'none', res: 1, rezero: 0, std: 30, lr: 10 },
    { norm: 'batch', res: 0, rezero: 0, std: 1, lr: 1e18 },
    { norm: 'layer', res: 1, rezero: 1, std: 3, lr: 1e4 },
  ] as const)
    it(`an exploding run names the same first non-finite tensor (${JSON.stringify(over)})`, async () => {
      const config: RunConfig = {
        ...BASE,
        ...over,
        init: 'normal',
        act: 'relu',
        depth: 6,
        width: 32,
        opt: 'sgd',
      };
      const { cpu, gpu } = await pair(config);
      try {
        const rc = await cpu.run(6);
        const rg = await gpu.run(6);
        expect(rc.at(-1)?.nonFinite, 'the config must actually overflow').toBeTruthy();
        expect(rg.map((r) => r.nonFinite)).toEqual(rc.map((r) => r.nonFinite));
        expect(compareDeep(rg[0], rc[0], STEP_TOL)).toEqual([]);
      } finally {
        cpu.dispose();
        gpu.dispose();
      }
    });

  it('allocates exactly what the memory estimate counts for the added buffers', async () => {
    for (const over of [
      { norm: 'batch', res: 1, rezero: 1 },
      { norm: 'layer', res: 0, rezero: 0 },
      { norm: 'none', res: 1, rezero: 0 },
    ] as const) {
      const config: RunConfig = { ...BASE, ...over };
      const data = await loadDataset(config);
      const gpu = await createGpuTrainer(device, config, data, { strategy: 'direct' });
      try {
        const bufs = (gpu as unknown as { bufs: TrainerBuffers }).bufs;
        const sizes = extSizes(gpu.lay);
        if (!bufs.ext || !sizes) throw new Error('no extra buffers');
        const allocated = Object.values(bufs.ext).reduce((a, b) => a + b.size, 0);
        const counted = Object.values(sizes.elems).reduce((a, n) => a + 4 * Math.max(4, n), 0);
        expect(allocated).toBe(counted);
        expect(bufs.params.size).toBe(4 * gpu.lay.paramElems);
      } finally {
        gpu.dispose();
      }
    }
  });
});
