// Our two engines, created the way the app creates them (createTrainer with the backend forced: on a
// software adapter `auto` would pick the CPU engine).
import type { RunConfig } from '../../src/engine/config';
import type { Dataset } from '../../src/engine/data';
import type { Trainer } from '../../src/engine/trainer';
import { createTrainer } from '../../src/gpu/createTrainer';

export async function createOurCpuTrainer(config: RunConfig, dataset: Dataset): Promise<Trainer> {
  return (await createTrainer(config, dataset, { backend: 'cpu' })).trainer;
}

export async function createOurGpuTrainer(config: RunConfig, dataset: Dataset): Promise<Trainer> {
  const { trainer } = await createTrainer(config, dataset, { backend: 'webgpu' });
  if (trainer.backend.kind !== 'webgpu')
    throw new Error(`got the ${trainer.backend.kind} backend, not webgpu`);
  return trainer;
}
