// Steps per second of the WGSL trainer's direct strategy with and without the MLP's quad kernels, paired in
// one run: `npx tsx src/gpu/node/quadSpeed.ts [steps] [query …]` (default 40 steps, the bench's MLP rows;
// ROUNDS=9 rounds of steps/ROUNDS, at least 5, each). Two devices, one requested with 'subgroups' (the
// quad forms) and one without (the direct forms), each training the same config; their rounds alternate (a
// busy machine slows both alike) and the median counts. Both trainers must end with the same weights, bit
// for bit (the quad kernels compute the direct ones' bits: matmulQuad.gpu.test.ts); only the time differs.
import { decodeConfig } from '../../engine/config/codec';
import { loadDataset } from '../../engine/data';
import { registerWgslRawHook } from './wgslRawHook';

registerWgslRawHook();
const { nodeDevice, nodeGpu } = await import('./nodeGpu');
const { createGpuTrainer } = await import('../gpuTrainer');

const steps = Number(process.argv[2] ?? 40);
const queries =
  process.argv.length > 3
    ? process.argv.slice(3)
    : ['depth=10&width=64&batch=64', 'depth=4&width=256&batch=128'];
const rounds = Number(process.env.ROUNDS ?? 9);

const { device: withQuad, adapter } = await nodeDevice();
if (!withQuad.features.has('subgroups')) throw new Error('the adapter has no subgroups: nothing to compare');
// A second adapter (an adapter makes one device), its device requested without features.
const other = await nodeGpu().requestAdapter();
if (!other) throw new Error('WebGPU in Node: no second adapter');
const without = await other.requestDevice({
  requiredLimits: {
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    maxBufferSize: adapter.limits.maxBufferSize,
  },
});
if (without.features.has('subgroups')) throw new Error('the direct device has subgroups');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const out: Record<string, unknown>[] = [];
for (const query of queries) {
  const { config } = decodeConfig(query);
  const data = await loadDataset(config);
  const trainers = {
    direct: await createGpuTrainer(without, config, data, { strategy: 'direct' }),
    quad: await createGpuTrainer(withQuad, config, data, { strategy: 'direct' }),
  };
  const per = Math.max(5, Math.round(steps / rounds));
  const rates: Record<string, number[]> = {};
  for (const stats of [false, true]) {
    for (const t of Object.values(trainers)) await t.run(3, { stats }); // warm-up
    for (let r = 0; r < rounds; r++)
      for (const [name, t] of Object.entries(trainers)) {
        const t0 = performance.now();
        await t.run(per, { stats });
        (rates[`${name}${stats ? '' : ' nostats'}`] ??= []).push((per * 1000) / (performance.now() - t0));
      }
  }
  const m = Object.fromEntries(Object.entries(rates).map(([k, v]) => [k, +median(v).toFixed(2)]));
  // Both ran the same steps from the same seed: their weights must be the same bits.
  const [wd, wq] = await Promise.all([trainers.direct.weights(), trainers.quad.weights()]);
  const same = wd.every(
    (l, i) => l.W.every((x, j) => Object.is(x, wq[i].W[j])) && l.b.every((x, j) => Object.is(x, wq[i].b[j])),
  );
  if (!same) throw new Error(`${query}: the quad trainer's weights differ from the direct one's`);
  out.push({
    query,
    sameWeights: same,
    stepsPerSec: m,
    speedup: {
      stats: +(m.quad / m.direct).toFixed(2),
      nostats: +(m['quad nostats'] / m['direct nostats']).toFixed(2),
    },
  });
  for (const t of Object.values(trainers)) t.dispose();
}
console.log(JSON.stringify(out, null, 2));
withQuad.destroy();
without.destroy();
process.exit(0);
