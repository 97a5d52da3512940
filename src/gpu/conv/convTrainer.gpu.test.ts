// The WGSL trainer on conv networks beyond the parity grid's step records: held-out evaluation (BatchNorm's
// running statistics), the feature maps of one test image, predictions, the first non-finite tensor of an
// exploding network, one SGD step's bias updates (∂b, summed in the weight gradient's GEMM; on 'tiled' its
// reduction split), and the dispatches one step takes — each against the CPU engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../../engine/config';
import { createCpuTrainer } from '../../engine/cpu/cpuTrainer';
import { loadDataset } from '../../engine/data';
import { createGpuTrainer } from '../gpuTrainer';
import { deviceUnits } from '../matmulKernels';
import { nodeDevice } from '../node/nodeGpu';
import { convForm, convSplit } from './convKernels';

const base: RunConfig = {
  ...DEFAULT_CONFIG,
  arch: 'conv',
  depth: 2,
  width: 4,
  batch: 4,
  pool: 1,
  data: 'probe',
  in: 1,
  act: 'relu',
  init: 'article',
};

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, rel: number, abs: number) {
  expect(got.length).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < want.length; i++)
    worst = Math.max(worst, Math.abs(got[i] - want[i]) - rel * Math.abs(want[i]));
  expect(worst).toBeLessThanOrEqual(abs);
}

describe('WGSL conv trainer ≡ CPU engine (Dawn in Node)', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    ({ device } = await nodeDevice());
  });
  afterAll(() => device?.destroy());

  it.each([
    ['BatchNorm2d', { norm: 'batch' }],
    ['GroupNorm, residual blocks', { norm: 'layer', res: 1, depth: 3 }],
  ] as const)(
    'held-out loss and accuracy, feature maps and predictions after training (%s)',
    async (_, extra) => {
      const config: RunConfig = { ...base, ...extra };
      const data = await loadDataset(config);
      const cpu = await createCpuTrainer(config, data);
      const gpu = await createGpuTrainer(device, config, data, { strategy: 'direct' });
      try {
        const rc = await cpu.run(4, { every: 3, testEvery: 3 });
        const rg = await gpu.run(4, { every: 3, testEvery: 3 });
        expect(rg.map((r) => r.step)).toEqual([0, 3]);
        for (let k = 0; k < 2; k++) {
          expect(rg[k].test?.loss).toBeCloseTo(rc[k].test?.loss ?? Number.NaN, 4);
          expect(rg[k].test?.accuracy).toBe(rc[k].test?.accuracy);
        }
        const ec = await cpu.evaluate();
        const eg = await gpu.evaluate();
        expect(eg.loss).toBeCloseTo(ec.loss, 4);
        expect(eg.accuracy).toBe(ec.accuracy);
        const fc = await cpu.featureMaps(5, 3);
        const fg = await gpu.featureMaps(5, 3);
        expect(fg && { ...fg, layers: fg.layers.map((l) => ({ ...l, data: l.data.length })) }).toEqual(
          fc && { ...fc, layers: fc.layers.map((l) => ({ ...l, data: l.data.length })) },
        );
        for (const [i, l] of (fc?.layers ?? []).entries())
          expectClose(fg?.layers[i].data ?? [], l.data, 1e-4, 1e-5);
        const x = data.test.x.subarray(0, 6 * data.inDim);
        expectClose(await gpu.predict(x), await cpu.predict(x), 1e-4, 1e-6);
      } finally {
        cpu.dispose();
        gpu.dispose();
      }
    },
  );

  it.each([
    ['plain', { depth: 3 }],
    ['residual', { depth: 4, res: 1, std: 2 }],
  ] as const)(
    'names the same first non-finite tensor as the CPU when a %s network explodes',
    async (_, extra) => {
      const config: RunConfig = {
        ...base,
        act: 'linear',
        init: 'normal',
        std: 3,
        lr: 1,
        opt: 'sgd',
        ...extra,
      };
      const data = await loadDataset(config);
      const cpu = await createCpuTrainer(config, data);
      const gpu = await createGpuTrainer(device, config, data, { strategy: 'direct' });
      try {
        const rc = await cpu.run(6, { stats: false });
        const rg = await gpu.run(6, { stats: false });
        expect(rc[5].nonFinite).not.toBeNull();
        expect(rg.map((r) => r.nonFinite)).toEqual(rc.map((r) => r.nonFinite));
      } finally {
        cpu.dispose();
        gpu.dispose();
      }
    },
  );

  // ∂b is the column sums of δ, summed by the weight gradient's GEMM (direct: the quad form where Dawn has
  // subgroups; tiled: 'single' with its reduction split into chunks on these maps, then the split reduce).
  // After one SGD step from the same weights, b − b₀ = −lr·∂b on both engines.
  for (const strategy of ['direct', 'tiled'] as const)
    it(`one SGD step moves the conv biases as the CPU's (${strategy})`, async () => {
      const config: RunConfig = { ...base, depth: 3, pool: 2, opt: 'sgd', lr: 0.5 };
      const data = await loadDataset(config);
      const cpu = await createCpuTrainer(config, data);
      const gpu = await createGpuTrainer(device, config, data, { strategy });
      try {
        if (strategy === 'tiled') {
          // The first layer's weight grad (4 × 9 outputs over 4·28² positions) is split on any GPU.
          const shape = { B: 4, S: 28, Cin: 1, Cout: 4, k: 3 };
          const form = convForm('weightGrad', shape, 'tiled', deviceUnits(device));
          expect(convSplit('weightGrad', shape, form, deviceUnits(device)).splits).toBeGreaterThan(1);
        }
        const [c0, g0] = [await cpu.weights(), await gpu.weights()];
        await cpu.run(1, { stats: false });
        await gpu.run(1, { stats: false });
        const [c1, g1] = [await cpu.weights(), await gpu.weights()];
        for (let i = 0; i < 3; i++) {
          const want = c1[i].b.map((v, o) => v - c0[i].b[o]);
          const got = g1[i].b.map((v, o) => v - g0[i].b[o]);
          const scale = Math.max(...want.map(Math.abs));
          expect(scale).toBeGreaterThan(1e-4);
          expectClose(got, want, 0, 1e-4 * scale);
          expectClose(g1[i].W, c1[i].W, 1e-4, 1e-6);
        }
      } finally {
        cpu.dispose();
        gpu.dispose();
      }
    });

  it('dispatches per step without statistics: 5L + 2·pools + 7', async () => {
    const config: RunConfig = { ...base, depth: 3, pool: 2 };
    const data = await loadDataset(config);
    const gpu = await createGpuTrainer(device, config, data, { strategy: 'direct' });
    try {
      await gpu.run(2, { every: 2 });
      // Unrecorded step: forward (gather, per layer conv and φ, the pools, mean, head), loss, backward (head
      // ∂W, head input grad, mean backward, per layer φ', ∂W with ∂b and below layer 1 the input grad,
      // pools), optimizer.
      const L = 3;
      const pools = 1;
      expect(gpu.dispatchesPerStep).toBe(1 + 2 * L + pools + 2 + 1 + (3 + 3 * L - 1 + pools) + 1);
      expect(gpu.dispatchesPerStep).toBe(5 * L + 2 * pools + 7);
    } finally {
      gpu.dispose();
    }
  });
});
