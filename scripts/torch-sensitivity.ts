// How sharp is the PyTorch comparison (src/engine/export/pytorch/withinSpread.ts)? For every settings row
// and preset run with a gain (xavier, kaiming, orthogonal), export the script with the gain ×√2 and ÷√2 and
// count how many of these wrong scripts the criterion rejects against our unchanged engine. Needs Debian's
// python3-torch. `npx tsx scripts/torch-sensitivity.ts` prints "caught N of M" (and any that slip through).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunConfig } from '../src/engine/config';
import { decodeConfig } from '../src/engine/config/codec';
import { nodeFetchBytes } from '../src/engine/cli/nodeFetchBytes';
import { createCpuTrainer } from '../src/engine/cpu/cpuTrainer';
import { loadDataset } from '../src/engine/data';
import { pytorchScript } from '../src/engine/export/pytorch';
import { SETTING_CASES } from '../src/engine/export/pytorch/cases';
import { withinSpread } from '../src/engine/export/pytorch/withinSpread';
import { resolveGain } from '../src/engine/init/gain';
import { PRESETS, presetRuns } from '../src/engine/presets';
import type { LayerStats } from '../src/engine/stats/types';

const GAINED = new Set([
  'xavier_uniform',
  'xavier_normal',
  'kaiming_uniform',
  'kaiming_normal',
  'orthogonal',
]);
const KEYS = ['pre', 'act', 'grad'] as const;
type Stds = Record<(typeof KEYS)[number], number>[];

const cases = [
  ...SETTING_CASES.map((c) => ({ name: c.name, config: decodeConfig(c.query).config })),
  ...PRESETS.flatMap((p) =>
    presetRuns(p).map((r) => ({ name: `preset ${p.name} (${r.label})`, config: r.config })),
  ),
].filter((c) => GAINED.has(c.config.init) && c.config.data !== 'fashion');

/** Our step-0 stds, median over seeds 1–3, as the test compares them. */
async function ours(config: RunConfig): Promise<Stds> {
  const runs: LayerStats[][] = [];
  for (const seed of [1, 2, 3]) {
    const c = { ...config, seed };
    const trainer = await createCpuTrainer(c, await loadDataset(c, { fetchBytes: nodeFetchBytes }));
    runs.push((await trainer.run(0))[0].layers);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
  return runs[0].map((_, i) => ({
    pre: median(runs.map((r) => r[i].pre.std)),
    act: median(runs.map((r) => r[i].act.std)),
    grad: median(runs.map((r) => r[i].grad.std)),
  }));
}

const dir = mkdtempSync(join(tmpdir(), 'initscope-sensitivity-'));
try {
  const jobs = cases.flatMap((c, k) =>
    [Math.SQRT2, Math.SQRT1_2].map((f) => {
      const script = join(dir, `job-${k}-${f > 1 ? 'up' : 'down'}.py`);
      writeFileSync(script, pytorchScript({ ...c.config, gain: resolveGain(c.config) * f }));
      return {
        name: `${c.name}, gain ${f > 1 ? '×' : '÷'}√2`,
        kind: 'stats',
        script,
        seeds: [1, 2, 3, 4, 5, 6, 7, 8],
        k,
      };
    }),
  );
  const driver = new URL('../src/engine/export/pytorch/torch_driver.py', import.meta.url).pathname;
  const r = spawnSync('/usr/bin/python3', [driver], {
    input: JSON.stringify(jobs),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`torch driver failed: ${r.stderr}`);
  const torch: Record<string, { layers: Record<(typeof KEYS)[number], { std: number }>[] }[]> = JSON.parse(
    r.stdout,
  );
  let caught = 0;
  for (const [k, c] of cases.entries()) {
    const mine = await ours(c.config);
    for (const job of jobs.filter((j) => j.k === k)) {
      const seeds = torch[job.name];
      const rejected = mine.some((l, i) =>
        KEYS.some(
          (key) =>
            !withinSpread(
              l[key],
              seeds.map((s) => s.layers[i][key].std),
            ).ok,
        ),
      );
      if (rejected) caught++;
      else console.log(`not caught: ${job.name}`);
    }
  }
  console.log(`caught ${caught} of ${jobs.length} scripts with a gain off by √2`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
