// The engine on the WebAssembly GEMM trains the same network, bit for bit, as on the TypeScript reference:
// records (every statistic) and weights after some steps, over the layer kinds and optimizers, for the MLP
// and the conv network.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../config';
import { loadDataset } from '../data';
import { ConvNet } from './conv/convNet';
import { createCpuTrainer } from './cpuTrainer';
import { CpuNet } from './net';

const CONFIGS: Partial<RunConfig>[] = [
  { depth: 3, width: 17, batch: 13, act: 'relu' },
  { depth: 2, width: 32, batch: 64, act: 'tanh', opt: 'adam', lr: 0.01, init: 'lsuv' },
  { depth: 4, width: 20, batch: 10, norm: 'layer', res: 1, act: 'gelu', opt: 'momentum' },
  { depth: 3, width: 24, batch: 16, norm: 'batch', act: 'selu', loss: 'mse' },
  { depth: 4, width: 16, batch: 8, res: 1, rezero: 1, act: 'silu' },
  // Conv networks: kernels 1–7, pools, odd sides, norms and residual blocks, every optimizer.
  { arch: 'conv', data: 'probe', in: 2, depth: 3, width: 5, batch: 3, kernel: 3, pool: 1, act: 'relu' },
  {
    arch: 'conv',
    data: 'probe',
    in: 1,
    depth: 4,
    width: 6,
    batch: 2,
    kernel: 5,
    pool: 2,
    opt: 'adam',
    lr: 0.01,
  },
  { arch: 'conv', data: 'probe', in: 3, depth: 2, width: 4, batch: 4, kernel: 7, act: 'tanh', loss: 'mse' },
  { arch: 'conv', data: 'probe', in: 2, depth: 3, width: 4, batch: 3, kernel: 1, pool: 1, opt: 'sgd' },
  {
    arch: 'conv',
    data: 'probe',
    in: 1,
    depth: 4,
    width: 4,
    batch: 3,
    norm: 'batch',
    res: 1,
    pool: 2,
    act: 'gelu',
  },
  {
    arch: 'conv',
    data: 'probe',
    in: 1,
    depth: 3,
    width: 4,
    batch: 2,
    norm: 'layer',
    res: 1,
    rezero: 1,
    init: 'lsuv',
  },
];

describe('CPU engine: WebAssembly GEMM = TypeScript GEMM', () => {
  for (const over of CONFIGS) {
    it(JSON.stringify(over), async () => {
      const c: RunConfig = { ...DEFAULT_CONFIG, ...over };
      const data = await loadDataset(c);
      const wasm = await createCpuTrainer(c, data);
      const ts = await createCpuTrainer(c, data, { tsGemm: true });
      const arena = (t: typeof wasm) =>
        t.net instanceof CpuNet || t.net instanceof ConvNet ? t.net.arena : 'unknown net';
      expect(arena(wasm)).not.toBeNull();
      expect(arena(ts)).toBeNull();
      expect(await wasm.run(6, { every: 1, testEvery: 3 })).toEqual(
        await ts.run(6, { every: 1, testEvery: 3 }),
      );
      expect(await wasm.weights()).toEqual(await ts.weights());
    });
  }
});
