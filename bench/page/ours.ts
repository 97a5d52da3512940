// Our two engines, as the app creates them. createTrainer (src/gpu/createTrainer.ts) is looked up with
// import.meta.glob until it lands; meanwhile the GPU trainer is created directly on an acquired device.
import type { RunConfig } from '../../src/engine/config';
import { createCpuTrainer } from '../../src/engine/cpu/cpuTrainer';
import type { Dataset } from '../../src/engine/data';
import { networkDims } from '../../src/engine/memory';
import type { Trainer } from '../../src/engine/trainer';
import { acquireDevice, estimateGpuBytes } from '../../src/gpu/device';
import { createGpuTrainer } from '../../src/gpu/gpuTrainer';

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
  if (!load) {
    const { device, info } = await acquireDevice(
      navigator.gpu,
      estimateGpuBytes(config, networkDims(config)),
    );
    return createGpuTrainer(device, config, dataset, {
      strategy: info.software ? 'direct' : 'tiled',
      backend: { adapter: info.description },
      ownsDevice: true,
    });
  }
  const { trainer } = await (await load()).createTrainer(config, dataset, { backend: 'webgpu' });
  if (trainer.backend.kind !== 'webgpu')
    throw new Error(`got the ${trainer.backend.kind} backend, not webgpu`);
  return trainer;
}
