// Step-0 statistics of normalized and residual networks against PyTorch 1.13 (scripts/crosscheck/
// torch_layers.py builds the same network with nn.Linear, nn.BatchNorm1d, nn.LayerNorm and the residual
// block of docs/LAYERS.md). Random numbers differ between the two, so the judge is PyTorch's own
// seed-to-seed spread: for every layer and statistic, the median of our seeds must lie within the range
// of PyTorch's seeds, widened by 15 %. A gain off by √2 or a missing γ moves the median far outside it.
// Skips, saying why, where /usr/bin/python3 cannot import torch (Debian: apt-get install python3-torch).
import { spawnSync } from 'node:child_process';
import { describe, it } from 'vitest';
import { type Activation, DEFAULT_CONFIG, NORMS, type NormName, type RunConfig } from '../config';
import { loadDataset } from '../data';
import type { LayerStats } from '../stats/types';
import { createCpuTrainer } from './cpuTrainer';
import { expectWithinTorchSpread } from './torchSpread';

const PYTHON = '/usr/bin/python3';
const torchProbe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
const hasTorch = torchProbe.status === 0;
if (!hasTorch)
  console.warn(
    'PyTorch cross-check skipped: /usr/bin/python3 cannot import torch (apt-get install python3-torch).',
  );

const TORCH_SEEDS = Array.from({ length: 12 }, (_, i) => 100 + i);
const OUR_SEEDS = [1, 2, 3, 4, 5];

function configFor(act: Activation, norm: NormName, res: 0 | 1, rezero: 0 | 1): RunConfig {
  return {
    ...DEFAULT_CONFIG,
    depth: 6,
    width: 64,
    batch: 64,
    data: 'probe',
    in: 64,
    act,
    init: act === 'relu' ? 'kaiming_normal' : 'xavier_normal',
    bias: 'zeros',
    norm,
    res,
    rezero,
  };
}

const CASES: { act: Activation; norm: NormName; res: 0 | 1; rezero: 0 | 1 }[] = [];
for (const act of ['relu', 'tanh'] as const)
  for (const norm of NORMS)
    for (const [res, rezero] of [
      [0, 0],
      [1, 0],
      [1, 1],
    ] as const)
      CASES.push({ act, norm, res, rezero });

function torchLayers(): LayerStats[][][] {
  const jobs = CASES.map((c) => ({ config: configFor(c.act, c.norm, c.res, c.rezero), seeds: TORCH_SEEDS }));
  const r = spawnSync(PYTHON, ['scripts/crosscheck/torch_layers.py'], {
    input: JSON.stringify(jobs),
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`torch_layers.py failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { layers: LayerStats[] }[][]).map((seeds) => seeds.map((s) => s.layers));
}

async function ourLayers(config: RunConfig): Promise<LayerStats[][]> {
  const out: LayerStats[][] = [];
  for (const seed of OUR_SEEDS) {
    const c = { ...config, seed };
    const t = await createCpuTrainer(c, await loadDataset(c));
    out.push((await t.run(0))[0].layers);
  }
  return out;
}

describe.skipIf(!hasTorch)('step-0 statistics agree with PyTorch 1.13 within its seed-to-seed spread', () => {
  const torch = hasTorch ? torchLayers() : [];
  for (const [k, c] of CASES.entries())
    it(`${c.act}, norm=${c.norm}, res=${c.res}, rezero=${c.rezero}`, async () => {
      const ours = await ourLayers(configFor(c.act, c.norm, c.res, c.rezero));
      const ref = torch[k];
      expectWithinTorchSpread(ours, ref);
    });
});
