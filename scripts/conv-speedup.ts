// Steps-to-target of the source article's CNN case over several seeds: PyTorch's default init vs the
// article's weights_init (init=article), same network, data and batches per seed. "Steps to target" is the
// compare table's rule: the first step at which the exponential moving average (α = 0.1) of the training
// loss per batch is at or below the target. Prints one line per seed and the spread of the speed-up
// steps(default) / steps(article).
//   npx tsx scripts/conv-speedup.ts [seeds=8] [steps=200] [target=1.5] ['{"norm":"batch"}' (a settings patch)]
import { nodeFetchBytes } from '../src/engine/cli/nodeFetchBytes';
import { normalizeConfig } from '../src/engine/config/codec';
import { createCpuTrainer } from '../src/engine/cpu/cpuTrainer';
import { loadDataset } from '../src/engine/data';
import { articleCnn } from '../src/engine/presets/conv';
import { stepsToLoss } from '../src/engine/presets/measure';

const seeds = Number(process.argv[2] ?? 8);
const steps = Number(process.argv[3] ?? 200);
const target = Number(process.argv[4] ?? 1.5);
const patch = JSON.parse(process.argv[5] ?? '{}') as Record<string, unknown>;

async function reach(init: 'torch_default' | 'article', seed: number): Promise<number | null> {
  const c = normalizeConfig({ ...articleCnn.config, ...patch, init, seed }).config;
  const t = await createCpuTrainer(c, await loadDataset(c, { fetchBytes: nodeFetchBytes }));
  const recs = await t.run(steps, { every: 1, stats: false });
  t.dispose();
  return stepsToLoss(recs, target);
}

const ratios: number[] = [];
for (let seed = 1; seed <= seeds; seed++) {
  const d = await reach('torch_default', seed);
  const a = await reach('article', seed);
  // A run that never reaches the target within `steps` bounds the ratio from one side only.
  const r = d !== null && a !== null ? d / a : null;
  if (r !== null) ratios.push(r);
  console.log(
    `seed ${seed}: default ${d ?? `> ${steps}`}, article ${a ?? `> ${steps}`}, speed-up ${r?.toFixed(2) ?? 'n/a'}`,
  );
}
ratios.sort((x, y) => x - y);
const med = ratios.length ? ratios[Math.floor(ratios.length / 2)] : Number.NaN;
console.log(
  `speed-up steps(default)/steps(article) over ${ratios.length} seeds where both reached ${target}: ` +
    `median ${med.toFixed(2)}, range ${ratios[0]?.toFixed(2)}–${ratios.at(-1)?.toFixed(2)}`,
);
