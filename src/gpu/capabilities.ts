// Which networks the WGSL trainer can build. createTrainer asks before it takes a device, so `auto` runs
// anything else on the CPU engine with the reason, and `webgpu` refuses it with a clear message.
import type { RunConfig } from '../engine/config';

/**
 * Why the WGSL trainer cannot train `config`, or null when it can. Today every network the settings make
 * trains on the GPU: the MLP (stepProgram.ts, graphProgram.ts) and conv networks with every norm, residual
 * blocks and LSUV (gpu/conv/). A later layer kind the WGSL trainer does not plan returns its reason here.
 */
export function gpuUnsupported(_config: Partial<RunConfig>): string | null {
  return null;
}
