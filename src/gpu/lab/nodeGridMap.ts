// `map --backend webgpu` in Node (the CLI): the batched map on a Dawn device sized for the grid. Import it
// dynamically after registerWgslRawHook (it pulls in the WGSL sources). Networks the batched trainer does
// not cover (conv, norms, residual blocks) train one after another through the single-network trainer.
import type { RunConfig } from '../../engine/config';
import type { Dataset } from '../../engine/data/types';
import { type MapAxes, type MapResult, runMap } from '../../engine/map';
import { createTrainer } from '../createTrainer';
import { acquireDevice } from '../device';
import { nodeGpu } from '../node/nodeGpu';
import { gridMapNeeds, runGridMap } from './gridMap';
import { gridUnsupported } from './gridTrainer';

export async function nodeGridMap(
  config: RunConfig,
  dataset: Dataset,
  axes: MapAxes,
  steps: number,
): Promise<MapResult> {
  const gpu = nodeGpu();
  if (gridUnsupported(config) !== null)
    return runMap(
      config,
      dataset,
      axes,
      steps,
      async (c, d) => (await createTrainer(c, d, { backend: 'webgpu', gpu })).trainer,
    );
  const { device } = await acquireDevice(gpu, gridMapNeeds(config, dataset, axes));
  try {
    const { axes: a, cells, theory } = await runGridMap(device, config, dataset, axes, steps);
    return { axes: a, cells, theory };
  } finally {
    device.destroy();
  }
}
