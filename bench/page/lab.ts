// The lab row of `npm run bench`: one trainability map trained two ways on the same WebGPU device, side by
// side in alternating rounds — all cells at once by the batched trainer (src/gpu/lab), and the same cells
// one after another through the single-network WGSL trainer, each cell as the map trains it (trainCell:
// create the trainer, evaluate, train, evaluate), from the same initial weights. Both include their setup;
// the setup is also reported apart. The two maps' cells are compared, so the speed-up is for the same numbers.
import { decodeConfig } from '../../src/engine/config/codec';
import { loadDataset } from '../../src/engine/data';
import { type MapCell, parseDepths, parseSw2, runMap } from '../../src/engine/map';
import { acquireDevice } from '../../src/gpu/device';
import { createGpuTrainer } from '../../src/gpu/gpuTrainer';
import { GRID_DEVICE, gridMapNeeds, runGridMap } from '../../src/gpu/lab/gridMap';
import type { LabOptions, LabRun } from '../protocol';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-12, Math.abs(b));

/**
 * loss0 (same weights, one forward pass) must agree to float32 rounding; the trained loss of a cell deep in
 * the chaotic phase amplifies rounding step after step (the CPU and the single-network trainer differ there
 * by percents too), so that one is counted: cells within the parity curve tolerance, 1e-3.
 */
function agreement(a: readonly MapCell[], b: readonly MapCell[]): { loss0: number; lossWithin: number } {
  let loss0 = 0;
  let lossWithin = 0;
  a.forEach((c, i) => {
    loss0 = Math.max(loss0, rel(c.loss0, b[i].loss0));
    if (rel(c.loss, b[i].loss) <= 1e-3) lossWithin++;
  });
  return { loss0, lossWithin };
}

export async function runLab(o: LabOptions, log: (line: string) => void): Promise<LabRun> {
  const { config } = decodeConfig(o.config);
  const sw2 = parseSw2(o.sw2);
  const depth = parseDepths(o.depths);
  if (!sw2.ok || !depth.ok) throw new Error(sw2.ok ? (depth as { message: string }).message : sw2.message);
  const axes = { sw2: sw2.value, depth: depth.value };
  const dataset = await loadDataset(config);
  const { device, info } = await acquireDevice(
    navigator.gpu,
    gridMapNeeds(config, dataset, axes),
    GRID_DEVICE,
  );
  const strategy = info.software ? 'direct' : 'tiled';
  const out: LabRun = {
    config: o.config,
    sw2: axes.sw2,
    depth: axes.depth,
    steps: o.steps,
    rows: dataset.train.n,
    adapter: info.description,
    batchedMs: [],
    sequentialMs: [],
    batchedSetupMs: [],
    sequentialSetupMs: [],
    batchedDispatchesPerStep: 0,
    sequentialDispatchesPerStep: 0,
    maxLoss0Diff: 0,
    lossWithin: Number.POSITIVE_INFINITY,
  };
  try {
    const batched = async (steps: number, ax = axes) => {
      const t0 = performance.now();
      const r = await runGridMap(device, config, dataset, ax, steps);
      out.batchedDispatchesPerStep = r.dispatchesPerStep;
      return {
        ms: performance.now() - t0,
        setup: r.setupMs,
        cells: r.cells,
        phases: `evaluations ${r.evalMs.toFixed(0)}, steps ${r.trainMs.toFixed(0)}`,
      };
    };
    const sequential = async (steps: number, ax = axes) => {
      let setup = 0;
      let evalMs = 0;
      let trainMs = 0;
      const trainers: { dispatchesPerStep: number }[] = [];
      const t0 = performance.now();
      const r = await runMap(config, dataset, ax, steps, async (c, d) => {
        const t = performance.now();
        // The batched map's initial weights (the CPU engine's), so both maps compute the same numbers.
        const trainer = await createGpuTrainer(device, c, d, { strategy, init: 'cpu' });
        setup += performance.now() - t;
        trainers.push(trainer);
        // Time its evaluations and its training apart, as runGridMap reports them.
        const evaluate = trainer.evaluate.bind(trainer);
        const run = trainer.run.bind(trainer);
        trainer.evaluate = async () => {
          const t1 = performance.now();
          const e = await evaluate();
          evalMs += performance.now() - t1;
          return e;
        };
        trainer.run = async (...a: Parameters<typeof run>) => {
          const t1 = performance.now();
          const res = await run(...a);
          trainMs += performance.now() - t1;
          return res;
        };
        return trainer;
      });
      // Each trainer's own count of its last step (read after its cell trained).
      out.sequentialDispatchesPerStep = trainers.reduce((a, t) => a + t.dispatchesPerStep, 0);
      const phases = `evaluations ${evalMs.toFixed(0)}, steps ${trainMs.toFixed(0)}`;
      return { ms: performance.now() - t0, setup, cells: r.cells, phases };
    };
    // Warm-up: compile every pipeline both ways (one column, two steps), untimed.
    const warm = { sw2: axes.sw2.slice(0, 1), depth: axes.depth };
    await batched(2, warm);
    await sequential(2, warm);
    for (let r = 0; r < o.rounds; r++) {
      // Alternate which goes first, so a drift of a shared machine hits both alike.
      const order = r % 2 === 0 ? [batched, sequential] : [sequential, batched];
      const res = [];
      for (const f of order) res.push(await f(o.steps));
      const [b, s] = r % 2 === 0 ? res : [res[1], res[0]];
      out.batchedMs.push(b.ms);
      out.batchedSetupMs.push(b.setup);
      out.sequentialMs.push(s.ms);
      out.sequentialSetupMs.push(s.setup);
      const agree = agreement(b.cells, s.cells);
      out.maxLoss0Diff = Math.max(out.maxLoss0Diff, agree.loss0);
      out.lossWithin = Math.min(out.lossWithin, agree.lossWithin);
      log(
        `  lab round ${r + 1}: batched ${b.ms.toFixed(0)} ms (setup ${b.setup.toFixed(0)}, ${b.phases}), ` +
          `one after another ${s.ms.toFixed(0)} ms (setup ${s.setup.toFixed(0)}, ${s.phases})`,
      );
    }
  } finally {
    device.destroy();
  }
  return out;
}
