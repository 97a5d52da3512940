// Compute dispatches per training step of the WGSL trainer, with and without statistics, for one or more
// configs: `npx tsx src/gpu/node/dispatches.ts [--tiled [--units N]] ['<query>' …]` (default: depth 10,
// width 64 with each norm and residual form). Counts the step program's list for one step
// (gpuTrainer.dispatchesPerStep; the bench's count on the WebGPU API agrees with it), so it is exact and
// cheap: one step of each, no timing. By default it builds the direct strategy's program (software
// adapters); --tiled builds the hardware one, planned for N compute units (default 132, an H200's: its
// split weight gradients add a reduce each, splitK.ts), which also differs where the loss is folded into
// the head (headLoss.ts: its 256 threads fold heads of up to 4× the rows).
import { decodeConfig } from '../../engine/config/codec';
import { nodeFetchBytes } from '../../engine/cli/nodeFetchBytes';
import { loadDataset } from '../../engine/data';
import { registerWgslRawHook } from './wgslRawHook';

registerWgslRawHook();
const { nodeDevice } = await import('./nodeGpu');
const { createGpuTrainer } = await import('../gpuTrainer');

const BASE = 'depth=10&width=64&batch=64';
const args = process.argv.slice(2);
const tiled = args.includes('--tiled');
const unitsAt = args.indexOf('--units');
const units = unitsAt >= 0 ? Number(args[unitsAt + 1]) : 132;
const queries = args.filter((a, i) => !a.startsWith('--') && (unitsAt < 0 || i !== unitsAt + 1));
const configs = queries.length
  ? queries
  : [
      BASE,
      `${BASE}&norm=batch`,
      `${BASE}&norm=layer`,
      `${BASE}&res=1`,
      `${BASE}&res=1&rezero=1`,
      `${BASE}&norm=batch&res=1`,
      `${BASE}&norm=layer&res=1&rezero=1`,
    ];

const { device } = await nodeDevice();
const rows: { query: string; stats: number; noStats: number }[] = [];
for (const query of configs) {
  const { config } = decodeConfig(query);
  const data = await loadDataset(config, { fetchBytes: nodeFetchBytes });
  const gpu = await createGpuTrainer(
    device,
    config,
    data,
    tiled ? { strategy: 'tiled', units } : { strategy: 'direct' },
  );
  await gpu.run(1, { stats: false });
  const noStats = gpu.dispatchesPerStep;
  await gpu.run(1);
  rows.push({ query, stats: gpu.dispatchesPerStep, noStats });
  gpu.dispose();
}
console.log(JSON.stringify(rows, null, 2));
device.destroy();
process.exit(0);
