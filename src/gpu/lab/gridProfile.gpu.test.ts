// Where the batched map's time goes on this machine's adapter (not a check: skipped unless GRID_PROFILE=1).
//   GRID_PROFILE=1 npx vitest run --project gpu src/gpu/lab/gridProfile.gpu.test.ts
// The bench's default grid (8 σ_w² × 6 depths, width 32, batch 32): each kernel's dispatches of one step
// encoded alone, the fastest of ROUNDS rounds (a shared machine's load only ever adds time), with the
// quad kernels against the vec4 ones in alternating order; the fastest of 4 evaluations of the grid;
// and, for scale, the single-network WGSL trainer (direct kernels) on the deepest cell, evaluating the
// training split as the map does.
import { it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../../engine/config';
import { decodeConfig } from '../../engine/config/codec';
import { loadDataset } from '../../engine/data';
import { cellOrder } from '../../engine/map';
import { mapCellConfig } from '../../engine/map/cell';
import { createGpuTrainer } from '../gpuTrainer';
import { type Dispatch, encodeDispatch } from '../kernel';
import { nodeDevice } from '../node/nodeGpu';
import { GridTrainer } from './gridTrainer';

const CONFIG =
  process.env.GRID_CONFIG ?? 'act=tanh&bias=normal&width=32&batch=32&data=circles&opt=sgd&lr=0.01';
const ROUNDS = 8;

it.runIf(process.env.GRID_PROFILE === '1')(
  'profile of the batched map',
  async () => {
    const { device } = await nodeDevice();
    const base: RunConfig = { ...DEFAULT_CONFIG, ...decodeConfig(CONFIG).config };
    const data = await loadDataset(base);
    const order = cellOrder({ sw2: [1, 1.43, 1.86, 2.29, 2.71, 3.14, 3.57, 4], depth: [2, 4, 6, 8, 12, 16] });
    const variants = {
      quad: await GridTrainer.create(device, base, data, order),
      vec4: await GridTrainer.create(device, base, data, order, { widest: 'vec4' }),
    };
    const time = async (ds: Dispatch[]) => {
      const t0 = performance.now();
      const enc = device.createCommandEncoder();
      const pass = enc.beginComputePass();
      for (const d of ds) encodeDispatch(pass, d);
      pass.end();
      device.queue.submit([enc.finish()]);
      await device.queue.onSubmittedWorkDone();
      return performance.now() - t0;
    };
    // The step's dispatches by kernel (private to the trainer: read here only).
    const byKernel = (t: GridTrainer) => {
      const step = (t as unknown as { step: Dispatch[] }).step;
      const m = new Map<string, Dispatch[]>([['whole step', step]]);
      for (const d of step) {
        const l = d.kernel.label.replace(/-(vec4|quad|scalar)$/, '');
        m.set(l, [...(m.get(l) ?? []), d]);
      }
      return m;
    };
    const groups = Object.entries(variants).map(([name, t]) => [name, byKernel(t)] as const);
    const best = new Map<string, Record<string, number>>();
    for (const [, m] of groups) await time(m.get('whole step') ?? []);
    for (let r = 0; r < ROUNDS; r++)
      for (const l of groups[0][1].keys())
        for (const [name, m] of r % 2 ? [...groups].reverse() : groups) {
          const ms = await time(m.get(l) ?? []);
          const row = best.get(l) ?? {};
          row[name] = Math.min(row[name] ?? Number.POSITIVE_INFINITY, ms);
          best.set(l, row);
        }
    const lines = [...best].map(
      ([l, v]) => `${l.padEnd(26)} ${v.quad.toFixed(1).padStart(7)} ms   vec4: ${v.vec4.toFixed(1)} ms`,
    );
    let t0 = performance.now();
    let evalMs = Number.POSITIVE_INFINITY;
    for (let r = 0; r < 4; r++) {
      t0 = performance.now();
      await variants.quad.evaluate();
      evalMs = Math.min(evalMs, performance.now() - t0);
    }
    lines.push(`one evaluation of the grid (1000 rows, 48 nets): ${evalMs.toFixed(0)} ms (fastest of 4)`);
    for (const t of Object.values(variants)) t.dispose();
    const single = await createGpuTrainer(
      device,
      mapCellConfig(base, 2, 16),
      { ...data, test: data.train },
      {
        strategy: 'direct',
        init: 'cpu',
      },
    );
    await single.run(2);
    let step = Number.POSITIVE_INFINITY;
    let evaluation = Number.POSITIVE_INFINITY;
    for (let r = 0; r < ROUNDS; r++) {
      t0 = performance.now();
      await single.run(10);
      step = Math.min(step, (performance.now() - t0) / 10);
      t0 = performance.now();
      await single.evaluate();
      evaluation = Math.min(evaluation, performance.now() - t0);
    }
    single.dispose();
    lines.push(
      `single-network trainer, depth 16: step ${step.toFixed(2)} ms, evaluation ${evaluation.toFixed(1)} ms`,
    );
    console.log(lines.join('\n'));
    device.destroy();
  },
  600_000,
);
