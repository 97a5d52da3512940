// Which networks the WGSL trainer can build. createTrainer asks before it takes a device, so `auto` runs
// anything else on the CPU engine with the reason, and `webgpu` refuses it with a clear message.
import type { RunConfig } from '../engine/config';

/** Why the WGSL trainer cannot train `config`, or null when it can. */
export function gpuUnsupported(config: Pick<RunConfig, 'norm' | 'res' | 'arch'>): string | null {
  if (config.arch === 'conv')
    return 'the WebGPU engine does not train convolutional networks (arch=conv) yet';
  if (config.norm !== 'none' || config.res === 1)
    return 'the WebGPU engine does not train normalization or residual layers yet';
  return null;
}
