// Which networks the WGSL trainer can build. createTrainer asks before it takes a device, so `auto` runs
// anything else on the CPU engine with the reason, and `webgpu` refuses it with a clear message.
import type { RunConfig } from '../engine/config';

/** Why the WGSL trainer cannot train `config`, or null when it can. */
export function gpuUnsupported(config: Pick<RunConfig, 'arch'>): string | null {
  // The conv kernels exist (gpu/conv/) but the trainer does not plan conv layers yet.
  if (config.arch === 'conv')
    return 'the WebGPU engine does not train convolutional networks (arch=conv) yet';
  return null;
}
