// CPU ↔ GPU parity over a grid that covers every activation, every initializer and every optimizer (one
// initializer per case, the others cycled) on small networks, both matmul strategies, both losses and
// every 2-D dataset plus the probe. See parityCheck.ts for what is compared and how closely.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { loadDataset } from '../engine/data';
import { nodeDevice } from './node/nodeGpu';
import { runParity } from './parityCheck';
import type { MatmulStrategy } from './matmulKernels';

type Case = Partial<RunConfig> & { strategy?: MatmulStrategy };

export const PARITY_GRID: Case[] = [
  { init: 'zeros', act: 'relu', opt: 'sgd', depth: 2, width: 8, batch: 4, data: 'xor' },
  {
    init: 'constant',
    value: 0.05,
    bias: 0.1,
    act: 'leaky_relu',
    slope: 0.1,
    opt: 'momentum',
    depth: 3,
    width: 12,
    batch: 8,
    data: 'circles',
  },
  {
    init: 'normal',
    std: 0.5,
    act: 'tanh',
    opt: 'adam',
    lr: 0.01,
    depth: 4,
    width: 16,
    batch: 16,
    data: 'spiral',
    loss: 'mse',
  },
  { init: 'uniform', a: 0.3, act: 'sigmoid', opt: 'sgd', depth: 3, width: 20, batch: 32, data: 'moons' },
  { init: 'xavier_uniform', act: 'silu', opt: 'momentum', depth: 5, width: 24, batch: 16, data: 'gaussians' },
  {
    init: 'xavier_normal',
    act: 'gelu',
    opt: 'adam',
    lr: 0.005,
    depth: 6,
    width: 32,
    batch: 16,
    data: 'spiral',
  },
  { init: 'kaiming_uniform', act: 'selu', opt: 'sgd', depth: 4, width: 48, batch: 32, data: 'probe' },
  {
    init: 'kaiming_normal',
    mode: 'fan_out',
    act: 'relu',
    opt: 'adam',
    lr: 0.002,
    depth: 6,
    width: 32,
    batch: 32,
    data: 'probe',
    strategy: 'tiled',
  },
  {
    init: 'torch_default',
    act: 'linear',
    opt: 'momentum',
    depth: 2,
    width: 17,
    batch: 7,
    data: 'spiral',
    loss: 'mse',
  },
  {
    init: 'lecun_normal',
    act: 'selu',
    opt: 'momentum',
    lr: 0.02,
    depth: 5,
    width: 40,
    batch: 24,
    data: 'circles',
  },
  {
    init: 'orthogonal',
    gain: 1.2,
    act: 'tanh',
    opt: 'sgd',
    depth: 4,
    width: 36,
    batch: 12,
    data: 'moons',
    strategy: 'tiled',
  },
  {
    init: 'sparse',
    sparsity: 0.3,
    std: 0.1,
    bias: 'torch',
    act: 'leaky_relu',
    opt: 'adam',
    lr: 0.01,
    depth: 3,
    width: 28,
    batch: 20,
    data: 'xor',
  },
  { init: 'lsuv', act: 'relu', opt: 'momentum', depth: 6, width: 32, batch: 32, data: 'spiral' },
];

function describeCase(c: Case): string {
  return `${c.init} · ${c.act} · ${c.opt} · ${c.depth}×${c.width} b${c.batch} ${c.data}${c.loss === 'mse' ? ' mse' : ''}${c.strategy === 'tiled' ? ' tiled' : ''}`;
}

describe('GPU trainer ≡ CPU reference (Dawn in Node)', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    ({ device } = await nodeDevice());
  });
  afterAll(() => device?.destroy());

  for (const c of PARITY_GRID) {
    it(describeCase(c), async () => {
      const { strategy, ...over } = c;
      const config: RunConfig = { ...DEFAULT_CONFIG, ...over };
      const data = await loadDataset(config);
      const r = await runParity(device, config, data, { steps: 50, gpu: { strategy: strategy ?? 'direct' } });
      expect(r.init, 'initial weights').toEqual([]);
      expect(r.step.slice(0, 20), 'step 0 record').toEqual([]);
      expect(r.weights, 'weights after one update').toEqual([]);
      expect(r.curve.slice(0, 10), '50-step loss curve').toEqual([]);
    });
  }
});
