// Tests: one kernel dispatched on its own (its own command buffer, submitted at once), through the same
// bindGroup and encodeDispatch the trainer uses, so the GPU kernel tests need no copy of the encoding.
import { type BindingResource, bindGroup, encodeDispatch, type KernelCache, type KernelSpec } from './kernel';

export function dispatchOnce(
  device: GPUDevice,
  kernels: KernelCache,
  spec: KernelSpec,
  groups: readonly number[],
  res: BindingResource[],
): void {
  const kernel = kernels.get(spec);
  const enc = device.createCommandEncoder();
  const pass = enc.beginComputePass();
  encodeDispatch(pass, {
    kernel,
    bind: bindGroup(device, kernel, res),
    groups: [groups[0], groups[1], groups[2]],
  });
  pass.end();
  device.queue.submit([enc.finish()]);
}
