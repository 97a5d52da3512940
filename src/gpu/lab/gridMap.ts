// A whole trainability map in one batched GPU run: every cell of the grid trains at once (GridTrainer),
// measured on the whole training split before and after, like runMap's cells one after another.
import type { RunConfig } from '../../engine/config';
import type { Dataset } from '../../engine/data/types';
import { cellOrder, type MapAxes, type MapCell, type MapResult, mapTheory } from '../../engine/map';
import { gridLayout, gridNeeds } from './gridLayout';
import { GridTrainer, type GridTrainerOptions } from './gridTrainer';

/** The device a batched map of these axes needs (for acquireDevice). */
export function gridMapNeeds(base: RunConfig, dataset: Dataset, axes: MapAxes) {
  const lay = gridLayout(
    cellOrder(axes).map((c) => c.depth),
    { inDim: dataset.inDim, width: base.width, classes: dataset.classes, batch: base.batch },
  );
  return gridNeeds(lay, base.opt === 'adam' ? 2 : base.opt === 'momentum' ? 1 : 0, dataset.train.n);
}

export interface GridMapHooks {
  /** After every submission: updates done of `steps` (all cells are at the same step). */
  onProgress?: (done: number, steps: number) => void;
  /** Checked after every submission; true ends the run early with no cells. */
  stopped?: () => boolean;
  /** Called between submissions with the submission's wall time (the page's worker idles a share). */
  pace?: (chunkMs: number) => Promise<void>;
  trainer?: GridTrainerOptions;
}

export async function runGridMap(
  device: GPUDevice,
  base: RunConfig,
  dataset: Dataset,
  axes: MapAxes,
  steps: number,
  hooks: GridMapHooks = {},
): Promise<MapResult & { stopped: boolean; dispatchesPerStep: number; setupMs: number }> {
  const order = cellOrder(axes);
  const t0 = performance.now();
  const trainer = await GridTrainer.create(device, base, dataset, order, hooks.trainer);
  const setupMs = performance.now() - t0;
  try {
    const before = await trainer.evaluate();
    let stopped = false;
    let last = performance.now();
    if (steps > 0)
      await trainer.run(steps, async (done) => {
        hooks.onProgress?.(done, steps);
        if (hooks.pace) {
          const now = performance.now();
          await hooks.pace(now - last);
          last = performance.now();
        }
        stopped = hooks.stopped?.() ?? false;
        return !stopped;
      });
    const after = stopped ? [] : steps > 0 ? await trainer.evaluate() : before;
    const cells: MapCell[] = stopped
      ? []
      : order.map((c, i) => ({
          sw2: c.sw2,
          depth: c.depth,
          loss0: before[i].loss,
          loss: after[i].loss,
          accuracy: after[i].accuracy,
        }));
    return {
      axes: { sw2: [...axes.sw2], depth: [...axes.depth] },
      cells,
      theory: mapTheory(base, axes.sw2),
      stopped,
      dispatchesPerStep: trainer.dispatchesPerStep,
      setupMs,
    };
  } finally {
    trainer.dispose();
  }
}
