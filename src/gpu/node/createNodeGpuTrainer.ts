// A trainer for Node (the CLI, scripts): WebGPU through Dawn (the `webgpu` package) when asked, with the
// WGSL sources loaded by a module hook since Node has no Vite. Import this module dynamically: it pulls in
// Dawn only when a GPU backend is wanted.
import type { BackendPref, RunConfig } from '../../engine/config';
import type { Dataset } from '../../engine/data/types';
import type { CreatedTrainer, CreateTrainerOptions } from '../createTrainer';
import { registerWgslRawHook } from './wgslRawHook';

export async function createNodeTrainer(
  config: RunConfig,
  dataset: Dataset,
  opts: Omit<CreateTrainerOptions, 'gpu'> & { backend?: BackendPref } = {},
): Promise<CreatedTrainer> {
  registerWgslRawHook();
  const { nodeGpu } = await import('./nodeGpu');
  const { createTrainer } = await import('../createTrainer');
  return createTrainer(config, dataset, { backend: 'webgpu', ...opts, gpu: nodeGpu() });
}
