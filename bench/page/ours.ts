// Our two engines, as the app creates them. The WebGPU one is looked up with import.meta.glob until it
// lands, so the bench builds either way and reports "not there yet" instead of failing.
import type { RunConfig } from '../../src/engine/config';
import { createCpuTrainer } from '../../src/engine/cpu/cpuTrainer';
import type { Dataset } from '../../src/engine/data';
import type { Trainer } from '../../src/engine/trainer';

type GpuModule = {
  createTrainer(
    config: RunConfig,
    dataset: Dataset,
    opts: { backend: 'webgpu' },
  ): Promise<{ trainer: Trainer }> | { trainer: Trainer };
};

const gpu = import.meta.glob<GpuModule>('../../src/gpu/createTrainer.ts');

export async function createOurCpuTrainer(config: RunConfig, dataset: Dataset): Promise<Trainer> {
  return createCpuTrainer(config, dataset);
}

export async function createOurGpuTrainer(config: RunConfig, dataset: Dataset): Promise<Trainer> {
  const load = Object.values(gpu)[0];
  if (!load) throw new Error('src/gpu/createTrainer.ts is not there yet');
  const { trainer } = await (await load()).createTrainer(config, dataset, { backend: 'webgpu' });
  if (trainer.backend.kind !== 'webgpu')
    throw new Error(`got the ${trainer.backend.kind} backend, not webgpu`);
  return trainer;
}
