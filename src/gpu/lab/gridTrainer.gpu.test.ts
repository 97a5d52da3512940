// The batched map trainer against the single-network WGSL trainer and the CPU reference, cell by cell:
// a 3 σ_w² × 3 depth grid, each cell's loss at init, loss after the steps and accuracy. Tolerances are
// parityCheck.ts's: loss at init as one step's (1e-4 relative), the trained loss as a curve's (1e-3);
// accuracy may differ by at most one borderline row of the split.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../../engine/config';
import { nodeFetchBytes } from '../../engine/cli/nodeFetchBytes';
import { createCpuTrainer } from '../../engine/cpu/cpuTrainer';
import { loadDataset } from '../../engine/data';
import { type MapCell, runMap } from '../../engine/map';
import { createGpuTrainer } from '../gpuTrainer';
import { nodeDevice } from '../node/nodeGpu';
import { close, CURVE_TOL, STEP_TOL } from '../parityCheck';
import { runGridMap } from './gridMap';
import { GridTrainer } from './gridTrainer';

const axes = { sw2: [0.5, 1.5, 4], depth: [1, 3, 5] };
const STEPS = 20;

function mismatches(got: MapCell[], want: MapCell[], rows: number, who: string): string[] {
  const out: string[] = [];
  if (got.length !== want.length) return [`${who}: ${got.length} cells vs ${want.length}`];
  got.forEach((g, i) => {
    const w = want[i];
    const at = `${who} σ_w²=${w.sw2} depth=${w.depth}`;
    if (g.sw2 !== w.sw2 || g.depth !== w.depth) out.push(`${at}: cell order`);
    if (!close(g.loss0, w.loss0, STEP_TOL)) out.push(`${at} loss0: ${g.loss0} vs ${w.loss0}`);
    if (!close(g.loss, w.loss, CURVE_TOL)) out.push(`${at} loss: ${g.loss} vs ${w.loss}`);
    if (Math.abs(g.accuracy - w.accuracy) > 1 / rows + 1e-12)
      out.push(`${at} accuracy: ${g.accuracy} vs ${w.accuracy}`);
  });
  return out;
}

describe('batched map trainer ≡ single-network WGSL trainer ≡ CPU (Dawn in Node)', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    ({ device } = await nodeDevice());
  });
  afterAll(() => device?.destroy());

  const cases: [string, Partial<RunConfig>][] = [
    ['tanh · momentum · ce · bias N(0, 0.05)', { act: 'tanh', opt: 'momentum', lr: 0.05, bias: 'normal' }],
    ['relu · adam · mse', { act: 'relu', opt: 'adam', lr: 0.01, loss: 'mse', data: 'spiral' }],
    ['sigmoid · sgd · torch bias', { act: 'sigmoid', opt: 'sgd', lr: 0.5, bias: 'torch', data: 'xor' }],
  ];
  for (const [name, over] of cases) {
    it(name, async () => {
      const base: RunConfig = { ...DEFAULT_CONFIG, data: 'circles', width: 8, batch: 16, ...over };
      const data = await loadDataset(base);
      const rows = data.train.n;
      const grid = await runGridMap(device, base, data, axes, STEPS);
      expect(grid.dispatchesPerStep).toBe(3 * 5 + 4);
      const cpu = await runMap(base, data, axes, STEPS, createCpuTrainer);
      const single = await runMap(base, data, axes, STEPS, (c, d) =>
        createGpuTrainer(device, c, d, { strategy: 'direct', init: 'cpu' }),
      );
      expect(mismatches(grid.cells, single.cells, rows, 'vs WGSL')).toEqual([]);
      expect(mismatches(grid.cells, cpu.cells, rows, 'vs CPU')).toEqual([]);
      // The cells did train (a test of a map that never moved would pass on anything).
      expect(grid.cells.some((c) => c.loss < 0.9 * c.loss0)).toBe(true);
      const worst = Math.max(
        ...grid.cells.map((c, i) => Math.abs(c.loss - cpu.cells[i].loss) / cpu.cells[i].loss),
      );
      console.log(`${name}: worst trained-loss difference vs CPU ${worst.toExponential(2)} (relative)`);
    });
  }
});

describe('batched map: vec4 kernels ≡ scalar kernels, bit for bit (Dawn in Node)', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    ({ device } = await nodeDevice());
  });
  afterAll(() => device?.destroy());

  // Hidden layers of width 16 and 32 take the quad kernels where the device has subgroups (SwiftShader
  // has), width 8 (and fashion's 784 inputs) the 8×8 vec4 ones; batches of 12, 20 and 10 leave partial
  // blocks of rows; Adam and momentum go through the vec4 update. Compared with the scalar kernels.
  const cases: [string, Partial<RunConfig>][] = [
    [
      'circles · width 16 · batch 12 · adam',
      { data: 'circles', width: 16, batch: 12, opt: 'adam', lr: 0.01 },
    ],
    ['spiral · width 32 · batch 20 · sgd', { data: 'spiral', width: 32, batch: 20, opt: 'sgd', lr: 0.1 }],
    [
      'fashion · width 8 · batch 10 · momentum',
      { data: 'fashion', width: 8, batch: 10, opt: 'momentum', lr: 0.05, act: 'relu' },
    ],
  ];
  for (const [name, over] of cases) {
    it(name, async () => {
      const base: RunConfig = { ...DEFAULT_CONFIG, bias: 'normal', ...over };
      const data = await loadDataset(base, { fetchBytes: nodeFetchBytes });
      const small = { sw2: [0.8, 2], depth: [1, 2, 4] };
      const vec = await runGridMap(device, base, data, small, 6);
      const scalar = await runGridMap(device, base, data, small, 6, { trainer: { widest: 'scalar' } });
      expect(vec.cells).toEqual(scalar.cells);
      // The widest forms did run: quads where the device has subgroups and the width is a multiple of 16.
      const t = await GridTrainer.create(device, base, data, [{ sw2: 1, depth: 2 }]);
      const want = device.features.has('subgroups') && base.width % 16 === 0 ? 'quad' : 'vec4';
      expect(t.stepKernels.filter((l) => l.endsWith(`-${want}`)).length).toBeGreaterThanOrEqual(3);
      t.dispose();
      expect(vec.cells.some((c) => c.loss !== c.loss0)).toBe(true);
    }, 120_000);
  }
});
