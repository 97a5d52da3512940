// The WGSL trainer's step-0 statistics of conv networks against PyTorch 1.13, judged like the CPU engine's
// (engine/cpu/conv/torchConv.test.ts, scripts/crosscheck/torch_conv.py): the median of our seeds within
// PyTorch's seed-to-seed range, widened by 15 %. Small networks only (SwiftShader in CI): the done-command
// network (8 × 16 channels, batch 32) agrees with the CPU engine to the parity tolerance instead (the
// CLI's --backend webgpu), and the CPU engine is checked against PyTorch on it. Skips, saying why, where
// /usr/bin/python3 cannot import torch.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../../engine/config';
import { expectWithinTorchSpread } from '../../engine/cpu/torchSpread';
import { loadDataset } from '../../engine/data';
import type { LayerStats } from '../../engine/stats/types';
import { createGpuTrainer } from '../gpuTrainer';
import { nodeDevice } from '../node/nodeGpu';

const PYTHON = '/usr/bin/python3';
const hasTorch = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0;
if (!hasTorch)
  console.warn('PyTorch conv cross-check (WebGPU) skipped: /usr/bin/python3 cannot import torch.');

const TORCH_SEEDS = Array.from({ length: 12 }, (_, i) => 100 + i);
const OUR_SEEDS = [1, 2, 3, 4, 5];

const small = (patch: Partial<RunConfig>): RunConfig => ({
  ...DEFAULT_CONFIG,
  arch: 'conv',
  depth: 4,
  width: 8,
  batch: 8,
  data: 'probe',
  in: 1,
  bias: 'zeros',
  pool: 2,
  ...patch,
});

const CASES: { name: string; config: RunConfig }[] = [
  {
    name: 'relu, kaiming_normal fan_out, no norm',
    config: small({ act: 'relu', init: 'kaiming_normal', mode: 'fan_out' }),
  },
  {
    name: 'tanh, xavier_normal, BatchNorm2d',
    config: small({ act: 'tanh', init: 'xavier_normal', norm: 'batch' }),
  },
  {
    name: 'relu, article init, BatchNorm2d, pool=1',
    config: small({ act: 'relu', init: 'article', norm: 'batch', pool: 1 }),
  },
  {
    name: 'relu, kaiming_normal, GroupNorm(1, C)',
    config: small({ act: 'relu', init: 'kaiming_normal', norm: 'layer' }),
  },
  {
    name: 'relu, kaiming_normal, residual blocks',
    config: small({ act: 'relu', init: 'kaiming_normal', res: 1 }),
  },
  {
    name: 'tanh, xavier_normal, BatchNorm2d, ReZero',
    config: small({ act: 'tanh', init: 'xavier_normal', norm: 'batch', res: 1, rezero: 1 }),
  },
];

function torchLayers(): LayerStats[][][] {
  const jobs = CASES.map((c) => ({ config: c.config, seeds: TORCH_SEEDS }));
  const r = spawnSync(PYTHON, ['scripts/crosscheck/torch_conv.py'], {
    input: JSON.stringify(jobs),
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`torch_conv.py failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { layers: LayerStats[] }[][]).map((seeds) => seeds.map((s) => s.layers));
}

describe.skipIf(!hasTorch)('WebGPU conv step-0 statistics agree with PyTorch 1.13 within its spread', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    ({ device } = await nodeDevice());
  });
  afterAll(() => device?.destroy());
  const torch = hasTorch ? torchLayers() : [];
  for (const [k, c] of CASES.entries())
    it(c.name, async () => {
      const ours: LayerStats[][] = [];
      for (const seed of OUR_SEEDS) {
        const config = { ...c.config, seed };
        const t = await createGpuTrainer(device, config, await loadDataset(config), { strategy: 'direct' });
        try {
          expect(t.backend.kind).toBe('webgpu');
          ours.push((await t.run(0))[0].layers);
        } finally {
          t.dispose();
        }
      }
      expect(ours[0]).toHaveLength(c.config.depth);
      expectWithinTorchSpread(ours, torch[k]);
    });
});
