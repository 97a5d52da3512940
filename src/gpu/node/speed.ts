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

/** Steps/s of each variant, measured in alternating rounds (a busy machine slows all alike), median. */
async function rates(variants: Record<string, (n: number) => Promise<unknown>>, rounds = 5) {
  const per = Math.max(5, Math.round(steps / rounds));
  const samples: Record<string, number[]> = {};
  for (const run of Object.values(variants)) await run(Math.max(3, Math.round(per / 3))); // warm-up
  for (let r = 0; r < rounds; r++)
    for (const [name, run] of Object.entries(variants)) {
      const t0 = performance.now();
      await run(per);
      (samples[name] ??= []).push((per * 1000) / (performance.now() - t0));
    }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
}

const gpu = await createGpuTrainer(device, config, data, { strategy: software ? 'direct' : 'tiled' });
const cpu = await createCpuTrainer(config, data);
let dWith = 0;
let dWithout = 0;
const r = await rates({
  stats: async (n) => {
    await gpu.run(n);
    dWith = gpu.dispatchesPerStep;
  },
  noStats: async (n) => {
    await gpu.run(n, { stats: false });
    dWithout = gpu.dispatchesPerStep;
  },
  cpu: (n) => cpu.run(n),
});
const withStats = r.stats;
const withoutStats = r.noStats;
const cpuRate = r.cpu;
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
