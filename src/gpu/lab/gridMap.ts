// A whole trainability map batched on the GPU: every cell of a group trains at once (GridTrainer), groups
// one after another (one group when the grid fits the device, see gridSplit.ts), each cell measured on the
// whole training split before and after, like runMap's cells one after another.
import type { RunConfig } from '../../engine/config';
import type { Dataset } from '../../engine/data/types';
import { cellOrder, type MapAxes, type MapCell, type MapResult, mapTheory } from '../../engine/map';
import { gridLayout, gridNeeds } from './gridLayout';
import { type GridDims, type GridLimits, type GridPlan, splitGrid } from './gridSplit';
import { GridTrainer, type GridTrainerOptions } from './gridTrainer';

const gridDims = (base: RunConfig, dataset: Dataset): GridDims => ({
  inDim: dataset.inDim,
  width: base.width,
  classes: dataset.classes,
  batch: base.batch,
});
const stateCopies = (base: RunConfig) => (base.opt === 'adam' ? 2 : base.opt === 'momentum' ? 1 : 0);

/** acquireDevice options for a batched map: subgroups where the adapter has them (the quad kernels). */
export const GRID_DEVICE = { optionalFeatures: ['subgroups'] as GPUFeatureName[], label: 'initscope-map' };

/** The device a batched map of these axes needs in one group (for acquireDevice). */
export function gridMapNeeds(base: RunConfig, dataset: Dataset, axes: MapAxes) {
  const lay = gridLayout(
    cellOrder(axes).map((c) => c.depth),
    gridDims(base, dataset),
  );
  return gridNeeds(lay, stateCopies(base), dataset.train.n);
}

/**
 * The map's cells (indices into cellOrder) in groups that each fit `limits`, and what the largest group
 * needs (for acquireDevice). Throws GridTooLarge when one cell alone does not fit.
 */
export function planGridMap(base: RunConfig, dataset: Dataset, axes: MapAxes, limits: GridLimits): GridPlan {
  return splitGrid(
    cellOrder(axes).map((c) => c.depth),
    gridDims(base, dataset),
    stateCopies(base),
    dataset.train.n,
    limits,
  );
}

export interface GridMapHooks {
  /**
   * After every submission: updates done of `steps` by group `group` (0-based) of `groups` (all cells
   * of a group are at the same step).
   */
  onProgress?: (done: number, steps: number, group: number, groups: number) => void;
  /** A group's cells as soon as it is trained (in cellOrder among themselves). */
  onGroupDone?: (cells: MapCell[], group: number, groups: number) => void;
  /** Checked after every submission; true ends the run early with no cells. */
  stopped?: () => boolean;
  /** Called between submissions with the submission's wall time (the page's worker idles a share). */
  pace?: (chunkMs: number) => Promise<void>;
  trainer?: GridTrainerOptions;
  /** The cells (indices into cellOrder) split into groups trained one after another (default: one group). */
  groups?: readonly (readonly number[])[];
}

export interface GridMapResult extends MapResult {
  stopped: boolean;
  /** Groups trained one after another (1: the whole grid at once). */
  groups: number;
  /** Dispatches of one step of every group together. */
  dispatchesPerStep: number;
  /** Device setup of every group together (buffers, pipelines, initial weights). */
  setupMs: number;
  /** Wall time of the evaluations (before and after training) and of the training steps, all groups. */
  evalMs: number;
  trainMs: number;
}

export async function runGridMap(
  device: GPUDevice,
  base: RunConfig,
  dataset: Dataset,
  axes: MapAxes,
  steps: number,
  hooks: GridMapHooks = {},
): Promise<GridMapResult> {
  const order = cellOrder(axes);
  const groups = hooks.groups ?? [order.map((_, i) => i)];
  // Every cell in exactly one group, checked before anything trains.
  const seen = groups.flat().sort((a, b) => a - b);
  if (seen.length !== order.length || seen.some((c, i) => c !== i))
    throw new Error('runGridMap: the groups must hold every cell exactly once');
  const cells = new Array<MapCell | undefined>(order.length);
  let stopped = false;
  let dispatchesPerStep = 0;
  let setupMs = 0;
  let evalMs = 0;
  let trainMs = 0;
  const timed = async <T>(f: () => Promise<T>, add: (ms: number) => void): Promise<T> => {
    const t = performance.now();
    const out = await f();
    add(performance.now() - t);
    return out;
  };
  for (let g = 0; g < groups.length && !stopped; g++) {
    const mine = groups[g].map((i) => order[i]);
    const t0 = performance.now();
    const trainer = await GridTrainer.create(device, base, dataset, mine, hooks.trainer);
    setupMs += performance.now() - t0;
    dispatchesPerStep += trainer.dispatchesPerStep;
    try {
      const before = await timed(
        () => trainer.evaluate(),
        (ms) => (evalMs += ms),
      );
      let last = performance.now();
      const t1 = performance.now();
      if (steps > 0)
        await trainer.run(steps, async (done) => {
          hooks.onProgress?.(done, steps, g, groups.length);
          if (hooks.pace) {
            const now = performance.now();
            await hooks.pace(now - last);
            last = performance.now();
          }
          stopped = hooks.stopped?.() ?? false;
          return !stopped;
        });
      trainMs += performance.now() - t1;
      if (stopped) break;
      const after =
        steps > 0
          ? await timed(
              () => trainer.evaluate(),
              (ms) => (evalMs += ms),
            )
          : before;
      const trained = mine.map((c, i) => ({
        sw2: c.sw2,
        depth: c.depth,
        loss0: before[i].loss,
        loss: after[i].loss,
        accuracy: after[i].accuracy,
      }));
      groups[g].forEach((cell, i) => {
        cells[cell] = trained[i];
      });
      hooks.onGroupDone?.(trained, g, groups.length);
    } finally {
      trainer.dispose();
    }
  }
  return {
    axes: { sw2: [...axes.sw2], depth: [...axes.depth] },
    cells: stopped ? [] : (cells as MapCell[]),
    theory: mapTheory(base, axes.sw2),
    stopped,
    groups: groups.length,
    dispatchesPerStep,
    setupMs,
    evalMs,
    trainMs,
  };
}
