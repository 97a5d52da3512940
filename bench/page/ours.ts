// Our two engines, created the way the app creates them (createTrainer with the backend forced: on a
// software adapter `auto` would pick the CPU engine).
import type { RunConfig } from '../../src/engine/config';
import { CpuTrainer } from '../../src/engine/cpu/cpuTrainer';
import { ConvNet } from '../../src/engine/cpu/conv/convNet';
import { CpuNet } from '../../src/engine/cpu/net';
import type { Dataset } from '../../src/engine/data';
import type { Trainer } from '../../src/engine/trainer';
import { gpuUnsupported } from '../../src/gpu/capabilities';
import { createTrainer } from '../../src/gpu/createTrainer';

export async function createOurCpuTrainer(config: RunConfig, dataset: Dataset): Promise<Trainer> {
  const { trainer } = await createTrainer(config, dataset, { backend: 'cpu' });
  // Say which GEMM the CPU engine runs here (the TypeScript one only where WebAssembly SIMD is missing).
  const gemm =
    trainer instanceof CpuTrainer &&
    (trainer.net instanceof CpuNet || trainer.net instanceof ConvNet) &&
    trainer.net.arena
      ? 'WebAssembly SIMD'
      : 'TypeScript';
  console.log(`  ours_cpu: ${gemm} GEMM`);
  return trainer;
}

export async function createOurGpuTrainer(config: RunConfig, dataset: Dataset): Promise<Trainer> {
  // A config the WGSL trainer cannot run yet (e.g. arch=conv) is reported as unavailable, with the reason
  // the app gives, and the other engines are still measured.
  const unsupported = gpuUnsupported(config);
  if (unsupported !== null) throw new Error(`unavailable: ${unsupported}`);
  const { trainer } = await createTrainer(config, dataset, { backend: 'webgpu' });
  if (trainer.backend.kind !== 'webgpu')
    throw new Error(`got the ${trainer.backend.kind} backend, not webgpu`);
  return trainer;
}
