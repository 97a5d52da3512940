// Which networks the WGSL trainer can build. createTrainer asks before it takes a device, so `auto` runs
// anything else on the CPU engine with the reason, and `webgpu` refuses it with a clear message.
// Normalization and residual blocks train on the GPU (docs/LAYERS.md, gpu/graphProgram.ts); LSUV through
// them waits for the CPU reference's definition of that combination, so it stays on the CPU for now.
import type { RunConfig } from '../engine/config';

/** Why the WGSL trainer cannot train `config`, or null when it can. */
export function gpuUnsupported(config: Pick<RunConfig, 'norm' | 'res' | 'init'>): string | null {
  if (config.init === 'lsuv' && (config.norm !== 'none' || config.res === 1))
    return 'the WebGPU engine does not run LSUV through normalization or residual layers yet';
  return null;
}
