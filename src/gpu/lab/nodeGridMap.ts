// `map --backend webgpu` in Node (the CLI): the batched map on a Dawn device sized for its largest group
// (a grid the device cannot hold at once trains in groups, one after another; see gridSplit.ts). Import it
// dynamically after registerWgslRawHook (it pulls in the WGSL sources). Networks the batched trainer does
// not cover (conv, norms, residual blocks) train one after another through the single-network trainer.
import type { RunConfig } from '../../engine/config';
import type { Dataset } from '../../engine/data/types';
import { type MapAxes, type MapResult, runMap } from '../../engine/map';
import { createTrainer } from '../createTrainer';
import { acquireDevice } from '../device';
import { nodeGpu } from '../node/nodeGpu';
import { GRID_DEVICE, planGridMap, runGridMap } from './gridMap';
import { adapterGridLimits } from './gridSplit';
import { gridUnsupported } from './gridTrainer';

export async function nodeGridMap(
  config: RunConfig,
  dataset: Dataset,
  axes: MapAxes,
  steps: number,
): Promise<MapResult & { groups?: number }> {
  const gpu = nodeGpu();
  if (gridUnsupported(config) !== null)
    return runMap(
      config,
      dataset,
      axes,
      steps,
      async (c, d) => (await createTrainer(c, d, { backend: 'webgpu', gpu })).trainer,
    );
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('WebGPU in Node: no adapter');
  const plan = planGridMap(config, dataset, axes, adapterGridLimits(adapter));
  const { device } = await acquireDevice(gpu, plan.needs, GRID_DEVICE);
  try {
    const r = await runGridMap(device, config, dataset, axes, steps, { groups: plan.groups });
    return { axes: r.axes, cells: r.cells, theory: r.theory, groups: r.groups };
  } finally {
    device.destroy();
  }
}
