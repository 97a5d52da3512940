// Steps per second of the WGSL trainer in Node (Dawn), with and without statistics, next to the CPU
// engine: `npx tsx src/gpu/node/speed.ts [query] [steps]` (default depth=10&width=64&batch=64, 60 steps).
// On these machines Dawn runs on SwiftShader (a CPU); on a machine with a GPU, VK_DRIVER_FILES selects it.
import { decodeConfig } from '../../engine/config/codec';
import { createCpuTrainer } from '../../engine/cpu/cpuTrainer';
import { loadDataset } from '../../engine/data';
import { registerWgslRawHook } from './wgslRawHook';

registerWgslRawHook();
const { nodeDevice } = await import('./nodeGpu');
const { createGpuTrainer } = await import('../gpuTrainer');
const { describeAdapter } = await import('../adapter');

const query = process.argv[2] ?? 'depth=10&width=64&batch=64';
const steps = Number(process.argv[3] ?? 60);
const { config } = decodeConfig(query);
const data = await loadDataset(config);
const { device, adapter } = await nodeDevice();
const { description, software } = describeAdapter(adapter.info);

async function time(run: (n: number) => Promise<unknown>): Promise<number> {
  await run(Math.max(3, Math.round(steps / 10))); // warm-up: pipelines, caches, the chunk size
  const t0 = performance.now();
  await run(steps);
  return (steps * 1000) / (performance.now() - t0);
}

const gpu = await createGpuTrainer(device, config, data, { strategy: software ? 'direct' : 'tiled' });
const withStats = await time((n) => gpu.run(n));
const dWith = gpu.dispatchesPerStep;
const withoutStats = await time((n) => gpu.run(n, { stats: false }));
const dWithout = gpu.dispatchesPerStep;
const cpu = await createCpuTrainer(config, data);
const cpuRate = await time((n) => cpu.run(n));
const out = {
  query,
  adapter: description,
  strategy: software ? 'direct' : 'tiled',
  stepsPerSubmit: gpu.chunkSteps,
  gpuStepsPerSec: { stats: +withStats.toFixed(2), noStats: +withoutStats.toFixed(2) },
  statsOverhead: +(withoutStats / withStats - 1).toFixed(3),
  dispatchesPerStep: { stats: dWith, noStats: dWithout },
  cpuStepsPerSec: +cpuRate.toFixed(2),
};
console.log(JSON.stringify(out, null, 2));
gpu.dispose();
device.destroy();
process.exit(0);
