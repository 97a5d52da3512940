// The exported PyTorch script against a real PyTorch (Debian's python3-torch 1.13 under /usr/bin/python3):
// for the presets' runs and a table of settings, the script's step-0 statistics over 8 PyTorch seeds must
// bracket our CPU engine's (withinSpread.ts); architecture rows (cases.ts, 'sane') check PyTorch's own
// numbers until our engine computes them; training lowers the loss with every optimizer. Skips, saying
// why, where PyTorch is missing. All scripts run in one Python process (importing torch takes seconds).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunConfig } from '../../config';
import { decodeConfig } from '../../config/codec';
import { nodeFetchBytes } from '../../cli/nodeFetchBytes';
import { createCpuTrainer } from '../../cpu/cpuTrainer';
import { FASHION_PATH, loadDataset, setLocalDataset } from '../../data';
import { parseCsv } from '../../data/csv';
import { datasetFromTable } from '../../data/csvDataset';
import { parseFashion } from '../../data/fashionFormat';
import { PRESETS, presetRuns } from '../../presets';
import type { LayerStats } from '../../stats/types';
import { ARCH_CASES, SETTING_CASES, type TorchCase } from './cases';
import { pytorchScript } from './script';
import { withinSpread } from './withinSpread';

const PYTHON = '/usr/bin/python3';
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
/** Our engine's seeds: the median of three is compared (an odd count, so the median is one of them). */
const OUR_SEEDS = [1, 2, 3];
const hasTorch = spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
if (!hasTorch)
  console.warn(
    'pytorch.torch.test.ts skipped: /usr/bin/python3 cannot import torch (Debian: apt-get install -y python3-torch)',
  );

interface TorchLayer {
  layer: number;
  pre: { std: number };
  act: { std: number };
  grad: { std: number };
  norm?: { mean: number; std: number };
  stream?: { std: number; gradStd: number };
}
type StatsResult = { layers: TorchLayer[]; loss: number }[] | { error: string };
type TrainResult = { loss: number[]; test: { loss: number; accuracy: number } } | { error: string };

interface Job {
  name: string;
  kind: 'stats' | 'train';
  config: RunConfig;
  seeds: number[];
  steps?: number;
  /** data=local: the CSV file the script reads. */
  csv?: string;
}

let dir = '';
let fashionDir = '';

/** The shipped Fashion-MNIST subset written as the four IDX .gz files the script reads. */
async function writeFashionIdx(to: string): Promise<void> {
  const raw = parseFashion(await nodeFetchBytes(FASHION_PATH));
  const idx = (magic: number, dims: number[], body: Uint8Array) => {
    const head = Buffer.alloc(4 + 4 * dims.length);
    head.writeUInt32BE(magic, 0);
    for (const [k, d] of dims.entries()) head.writeUInt32BE(d, 4 + 4 * k);
    return gzipSync(Buffer.concat([head, body]));
  };
  for (const [prefix, s] of [
    ['train', raw.train],
    ['t10k', raw.test],
  ] as const) {
    writeFileSync(
      join(to, `${prefix}-images-idx3-ubyte.gz`),
      idx(0x803, [s.n, raw.rows, raw.cols], s.pixels),
    );
    writeFileSync(join(to, `${prefix}-labels-idx1-ubyte.gz`), idx(0x801, [s.n], s.labels));
  }
}

/** Runs every job in one Python process; each job's script is generated from its config. */
function runJobs(jobs: Job[]): Record<string, StatsResult | TrainResult> {
  const input = jobs.map((j, k) => {
    const script = join(dir, `job${k}.py`);
    writeFileSync(script, pytorchScript(j.config));
    return {
      name: j.name,
      kind: j.kind,
      script,
      seeds: j.seeds,
      steps: j.steps,
      fashion: fashionDir,
      csv: j.csv,
    };
  });
  const driver = new URL('./torch_driver.py', import.meta.url).pathname;
  const r = spawnSync(PYTHON, [driver], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`torch driver failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

async function ourLayersAt(config: RunConfig): Promise<LayerStats[]> {
  const dataset = await loadDataset(config, { fetchBytes: nodeFetchBytes });
  const trainer = await createCpuTrainer(config, dataset);
  const [rec] = await trainer.run(0);
  trainer.dispose();
  return rec.layers;
}

/**
 * Every std both sides report, by name, read from a layer of either side: pre, act, grad always; `norm`
 * (Norm's output) and `stream` / `streamGrad` (x and ∂L/∂x) where the settings have them. Our record gets
 * those fields with the norm/res engine; until then they are absent on our side and not compared.
 */
type Named = Record<string, number>;
function namedStds(l: {
  pre: { std: number };
  act: { std: number };
  grad: { std: number };
  norm?: { std: number };
  stream?: { std: number; gradStd: number };
}): Named {
  const out: Named = { pre: l.pre.std, act: l.act.std, grad: l.grad.std };
  if (l.norm) out.norm = l.norm.std;
  if (l.stream) {
    out.stream = l.stream.std;
    out.streamGrad = l.stream.gradStd;
  }
  return out;
}

/** Our step-0 stds as the median over OUR_SEEDS (the config's seed replaced), layer by layer. */
async function ourLayers(config: RunConfig): Promise<Named[]> {
  const runs: Named[][] = [];
  for (const seed of OUR_SEEDS)
    runs.push((await ourLayersAt({ ...config, seed })).map((l) => namedStds(l as TorchLayer)));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];
  return runs[0].map((l, i) =>
    Object.fromEntries(Object.keys(l).map((k) => [k, median(runs.map((r) => r[i][k]))])),
  );
}

/** Every std of ours outside PyTorch's spread, as readable lines. */
function disagreements(ours: Named[], torch: TorchLayer[][]): string[] {
  const out: string[] = [];
  for (const [i, l] of ours.entries())
    for (const [key, value] of Object.entries(l)) {
      const seeds = torch.map((seed) => namedStds(seed[i])[key]);
      if (seeds.some((v) => v === undefined)) {
        out.push(`layer ${i + 1} ${key}: the script does not report it`);
        continue;
      }
      const v = withinSpread(value, seeds);
      if (!v.ok) out.push(`layer ${i + 1} ${key}: ${v.text}`);
    }
  return out;
}

const config = (query: string) => decodeConfig(query).config;

const presetCases: { name: string; config: RunConfig }[] = PRESETS.flatMap((p) =>
  presetRuns(p).map((r, i) => ({
    name: `preset ${p.name}${i > 0 ? ` / ${r.label}` : ''}`,
    config: r.config,
  })),
);
const tableCases = [...SETTING_CASES, ...ARCH_CASES];
/** Deliberately wrong: each config's script with its gain off by √2 must fail the comparison. */
const wrongGain: { name: string; query: string; gain: number }[] = [
  {
    name: 'xavier_normal relu ×√2',
    query: 'depth=10&width=64&batch=128&init=xavier_normal',
    gain: Math.SQRT2,
  },
  { name: 'kaiming_normal relu ÷√2', query: 'depth=10&width=64&batch=128&init=kaiming_normal', gain: 1 },
  {
    name: 'orthogonal tanh ×√2',
    query: 'depth=6&width=64&batch=128&act=tanh&init=orthogonal',
    gain: Math.SQRT2,
  },
];
/** Own data: 400 rows, 6 features on different scales, 4 classes; ours reads it with data=local. */
function ownCsv(): string {
  const lines = ['a,b,c,d,e,f,label'];
  for (let i = 0; i < 400; i++) {
    const k = i % 4;
    const f = [0, 1, 2, 3, 4, 5].map((j) => (j === k ? 2 : 0) + Math.sin(1.7 * i + j * j) * (1 + j) + 5 * j);
    lines.push(`${f.map((v) => v.toFixed(5)).join(',')},class ${k}`);
  }
  return lines.join('\n');
}
const OWN_QUERY = 'data=local&depth=5&width=48&batch=100&act=tanh&init=xavier_normal';
const optimizers = ['sgd', 'momentum', 'adam'] as const;
const trainQuery = (opt: string) =>
  `depth=3&width=32&batch=64&data=moons&init=kaiming_normal&opt=${opt}&lr=${opt === 'adam' ? 0.01 : 0.05}`;

let results: Record<string, StatsResult | TrainResult> = {};

describe.skipIf(!hasTorch)('exported PyTorch script vs PyTorch 1.13', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'initscope-torch-'));
    fashionDir = dir;
    await writeFashionIdx(dir);
    const csv = join(dir, 'own.csv');
    writeFileSync(csv, ownCsv());
    const parsed = parseCsv(ownCsv());
    if (!parsed.ok) throw new Error(parsed.error);
    setLocalDataset(datasetFromTable(parsed.table));
    const jobs: Job[] = [
      { name: 'own CSV', kind: 'stats', config: config(OWN_QUERY), seeds: SEEDS, csv },
      ...presetCases.map((c) => ({ name: c.name, kind: 'stats' as const, config: c.config, seeds: SEEDS })),
      ...tableCases.map((c) => ({
        name: c.name,
        kind: 'stats' as const,
        config: config(c.query),
        seeds: SEEDS,
      })),
      ...wrongGain.map((w) => ({
        name: w.name,
        kind: 'stats' as const,
        config: { ...config(w.query), gain: w.gain },
        seeds: SEEDS,
      })),
      ...optimizers.map((opt) => ({
        name: `train ${opt}`,
        kind: 'train' as const,
        config: config(trainQuery(opt)),
        seeds: [1],
        steps: 300,
      })),
    ];
    results = runJobs(jobs);
  }, 600_000); // one Python process for everything; minutes when the machine is busy
  afterAll(() => {
    setLocalDataset(null);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const statsOf = (name: string): TorchLayer[][] => {
    const r = results[name] as StatsResult;
    if ('error' in r) throw new Error(`${name}: ${r.error}`);
    return r.map((s) => s.layers);
  };

  for (const c of presetCases)
    it(`${c.name}: step-0 stds within PyTorch's seed spread`, async () => {
      expect(disagreements(await ourLayers(c.config), statsOf(c.name))).toEqual([]);
    });

  for (const c of tableCases.filter((t) => t.check === 'full'))
    it(`${c.name}: step-0 stds within PyTorch's seed spread`, async () => {
      expect(disagreements(await ourLayers(config(c.query)), statsOf(c.name))).toEqual([]);
    });

  it('own CSV (data=local, --csv): step-0 stds within PyTorch’s seed spread', async () => {
    expect(disagreements(await ourLayers(config(OWN_QUERY)), statsOf('own CSV'))).toEqual([]);
  });

  for (const c of ARCH_CASES)
    it(`${c.name}: PyTorch's own norm / stream statistics are what the settings must give`, () => {
      checkSane(c, statsOf(c.name));
    });

  for (const w of wrongGain)
    it(`${w.name}: a wrong gain is caught`, async () => {
      expect(disagreements(await ourLayers(config(w.query)), statsOf(w.name)).length).toBeGreaterThan(0);
    });

  for (const opt of optimizers)
    it(`--steps trains with ${opt}: the loss falls`, () => {
      const r = results[`train ${opt}`] as TrainResult;
      if ('error' in r) throw new Error(r.error);
      const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
      expect(mean(r.loss.slice(-20))).toBeLessThan(0.6 * mean(r.loss.slice(0, 5)));
      expect(r.test.accuracy).toBeGreaterThan(0.8);
    });

  it('python3 script.py --json prints the layers as documented', () => {
    const script = join(dir, 'cli.py');
    writeFileSync(script, pytorchScript(config('depth=3&width=16&res=1&norm=layer')));
    const r = spawnSync(PYTHON, [script, '--json', '--seed', '3'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.layers.map((l: TorchLayer) => l.layer)).toEqual([1, 2, 3]);
    for (const l of out.layers) {
      for (const v of [l.pre.std, l.act.std, l.grad.std, l.norm.std, l.stream.std, l.stream.gradStd])
        expect(v).toBeGreaterThan(0);
    }
    expect(readFileSync(script, 'utf8')).toContain('nn.LayerNorm(features, eps=1e-5)');
  });
});

/** PyTorch's own numbers for the architecture rows, checked against what the settings must do. */
function checkSane(c: TorchCase, seeds: TorchLayer[][]): void {
  const q = config(c.query);
  for (const layers of seeds) {
    expect(layers).toHaveLength(q.depth);
    for (const l of layers) {
      for (const v of [l.pre.std, l.act.std, l.grad.std]) expect(Number.isFinite(v)).toBe(true);
      if (q.norm === 'none') expect(l.norm).toBeUndefined();
      else {
        // BatchNorm and LayerNorm outputs have std √(σ²/(σ²+ε)) ≈ 1 at γ = 1, mean 0 at β = 0.
        expect(l.norm!.std).toBeGreaterThan(0.99);
        expect(l.norm!.std).toBeLessThan(1.0001);
        expect(Math.abs(l.norm!.mean)).toBeLessThan(1e-5);
      }
      if (q.res === 0) expect(l.stream).toBeUndefined();
      else expect(l.stream!.std).toBeGreaterThan(0);
    }
    if (q.rezero === 1) {
      // α = 0 at init: every block passes its input through, so the stream is flat and ∂L/∂z = α ∂L/∂x = 0.
      for (const l of layers.slice(1)) {
        expect(l.grad.std).toBe(0);
        expect(l.stream!.std).toBeCloseTo(layers[0].stream!.std, 6);
      }
    } else if (q.res === 1 && q.norm === 'none' && q.init === 'kaiming_normal' && q.act === 'relu') {
      // Kaiming + ReLU residual stream without normalization: the variance roughly doubles per block.
      const growth = layers[q.depth - 1].stream!.std / layers[0].stream!.std;
      expect(growth).toBeGreaterThan(Math.SQRT2 ** (q.depth - 1) / 4);
      expect(growth).toBeLessThan(Math.SQRT2 ** (q.depth - 1) * 4);
    }
  }
}
