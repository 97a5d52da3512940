// Which networks the WGSL trainer can build. createTrainer asks before it takes a device, so `auto` runs
// anything else on the CPU engine with the reason, and `webgpu` refuses it with a clear message.
import type { RunConfig } from '../engine/config';

/** Why the WGSL trainer cannot train `config`, or null when it can. */
export function gpuUnsupported(
  config: Pick<RunConfig, 'arch'> & Partial<Pick<RunConfig, 'norm' | 'res' | 'init'>>,
): string | null {
  if (config.arch !== 'conv') return null;
  // Conv networks train on the GPU (gpu/conv/convProgram.ts) with every norm and residual block; LSUV is
  // not planned there yet.
  if (config.init === 'lsuv')
    return 'the WebGPU engine does not run LSUV on conv networks (arch=conv with init=lsuv) yet';
  return null;
}
