// Step-0 statistics of normalized and residual networks against PyTorch 1.13 (scripts/crosscheck/
// torch_layers.py builds the same network with nn.Linear, nn.BatchNorm1d, nn.LayerNorm and the residual
// block of docs/LAYERS.md). Random numbers differ between the two, so the judge is PyTorch's own
// seed-to-seed spread: for every layer and statistic, the median of our seeds must lie within the range
// of PyTorch's seeds, widened by 15 %. A gain off by √2 or a missing γ moves the median far outside it.
// Skips, saying why, where /usr/bin/python3 cannot import torch (Debian: apt-get install python3-torch).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { type Activation, DEFAULT_CONFIG, NORMS, type NormName, type RunConfig } from '../config';
import { loadDataset } from '../data';
import type { LayerStats } from '../stats/types';
import { createCpuTrainer } from './cpuTrainer';

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

type Stat = [string, (l: LayerStats) => number | undefined];
const STATS: Stat[] = [
  ['pre.std', (l) => l.pre.std],
  ['act.std', (l) => l.act.std],
  ['grad.std', (l) => l.grad.std],
  ['norm.std', (l) => l.norm?.std],
  ['stream.std', (l) => l.stream?.std],
  ['stream.gradStd', (l) => l.stream?.gradStd],
];

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

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

describe.skipIf(!hasTorch)('step-0 statistics agree with PyTorch 1.13 within its seed-to-seed spread', () => {
  const torch = hasTorch ? torchLayers() : [];
  for (const [k, c] of CASES.entries())
    it(`${c.act}, norm=${c.norm}, res=${c.res}, rezero=${c.rezero}`, async () => {
      const ours = await ourLayers(configFor(c.act, c.norm, c.res, c.rezero));
      const ref = torch[k];
      for (let l = 0; l < ours[0].length; l++)
        for (const [name, get] of STATS) {
          const theirs = ref.map((seed) => get(seed[l]));
          const mine = ours.map((seed) => get(seed[l]));
          // A group is present in both or in neither.
          expect(
            mine.every((v) => v === undefined),
            `${name} presence, layer ${l + 1}`,
          ).toBe(theirs.every((v) => v === undefined));
          if (theirs[0] === undefined) continue;
          const lo = Math.min(...(theirs as number[]));
          const hi = Math.max(...(theirs as number[]));
          const m = median(mine as number[]);
          if (hi <= 1e-12) {
            expect(m, `${name} layer ${l + 1}: PyTorch has exactly 0`).toBeLessThanOrEqual(1e-12);
            continue;
          }
          expect(
            m,
            `${name} layer ${l + 1} (PyTorch ${lo.toPrecision(4)}…${hi.toPrecision(4)})`,
          ).toBeGreaterThanOrEqual(lo / 1.15);
          expect(
            m,
            `${name} layer ${l + 1} (PyTorch ${lo.toPrecision(4)}…${hi.toPrecision(4)})`,
          ).toBeLessThanOrEqual(hi * 1.15);
        }
    });
});
