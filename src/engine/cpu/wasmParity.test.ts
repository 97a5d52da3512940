// The engine on the WebAssembly GEMM trains the same network, bit for bit, as on the TypeScript reference:
// records (every statistic) and weights after some steps, over the layer kinds and optimizers.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../config';
import { loadDataset } from '../data';
import { createCpuTrainer } from './cpuTrainer';
import { CpuNet } from './net';

const CONFIGS: Partial<RunConfig>[] = [
  { depth: 3, width: 17, batch: 13, act: 'relu' },
  { depth: 2, width: 32, batch: 64, act: 'tanh', opt: 'adam', lr: 0.01, init: 'lsuv' },
  { depth: 4, width: 20, batch: 10, norm: 'layer', res: 1, act: 'gelu', opt: 'momentum' },
  { depth: 3, width: 24, batch: 16, norm: 'batch', act: 'selu', loss: 'mse' },
  { depth: 4, width: 16, batch: 8, res: 1, rezero: 1, act: 'silu' },
];

describe('CPU engine: WebAssembly GEMM = TypeScript GEMM', () => {
  for (const over of CONFIGS) {
    it(JSON.stringify(over), async () => {
      const c: RunConfig = { ...DEFAULT_CONFIG, ...over };
      const data = await loadDataset(c);
      const wasm = await createCpuTrainer(c, data);
      const ts = await createCpuTrainer(c, data, { tsGemm: true });
      expect(wasm.net instanceof CpuNet && wasm.net.arena).not.toBeNull();
      expect(ts.net instanceof CpuNet && ts.net.arena).toBeNull();
      expect(await wasm.run(6, { every: 1, testEvery: 3 })).toEqual(
        await ts.run(6, { every: 1, testEvery: 3 }),
      );
      expect(await wasm.weights()).toEqual(await ts.weights());
    });
  }
});
