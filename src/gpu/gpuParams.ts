// Parameters in and out of the params buffer, and the up-front size check against the device's limits.
import type { RunConfig } from '../engine/config';
import type { Dataset } from '../engine/data/types';
import { gpuInitializeInto } from './init';
import { formatBytes } from '../engine/memory';
import type { NetLayout } from './netLayout';
import { trainerBytes } from './trainerBuffers';

export function uploadParams(
  device: GPUDevice,
  params: GPUBuffer,
  lay: NetLayout,
  layers: readonly { W: Float32Array; b: Float32Array }[],
): void {
  if (layers.length !== lay.L + 1) throw new Error(`expected ${lay.L + 1} layers of parameters`);
  layers.forEach(({ W, b }, i) => {
    const nW = lay.dims[i] * lay.dims[i + 1];
    if (W.length !== nW || b.length !== lay.dims[i + 1])
      throw new Error(`layer ${i + 1}: parameters do not match dims ${lay.dims.join('-')}`);
    device.queue.writeBuffer(params, lay.wOff[i] * 4, W.buffer, W.byteOffset, W.byteLength);
    device.queue.writeBuffer(params, lay.bOff[i] * 4, b.buffer, b.byteOffset, b.byteLength);
  });
}

/**
 * Throws a plain-English error with the figures when one buffer would pass the device's binding or buffer
 * size limit, or the total is implausible for it (the device module refuses on total memory first).
 */
export function checkDeviceFits(device: GPUDevice, lay: NetLayout, data: Dataset, opt: string): void {
  const limit = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
  const largest = [
    ['parameters', lay.paramElems * 4],
    ['activations (one of z, h, δ)', lay.actElems * 4],
    ['training inputs', data.train.x.byteLength],
  ] as const;
  for (const [what, bytes] of largest)
    if (bytes > limit)
      throw new Error(
        `This network's ${what} need a ${formatBytes(bytes)} buffer; this GPU allows ${formatBytes(limit)} per ` +
          `buffer (total ${formatBytes(trainerBytes(lay, { inDim: data.inDim, nTrain: data.train.n, nTest: data.test.n }, opt))}). ` +
          'Reduce depth, width or batch.',
      );
}

/**
 * Samples the initial parameters on the GPU (src/gpu/init: every initializer, equal to the CPU's) straight
 * into their slots of the packed params buffer (each slot starts on a 256-byte boundary).
 */
export async function initParamsOnGpu(
  device: GPUDevice,
  config: Readonly<RunConfig>,
  params: GPUBuffer,
  lay: NetLayout,
): Promise<void> {
  const { dims, wOff, bOff } = lay;
  await gpuInitializeInto(
    device,
    config,
    dims,
    wOff.map((w, i) => ({
      W: { buffer: params, offset: w * 4, size: dims[i] * dims[i + 1] * 4 },
      b: { buffer: params, offset: bOff[i] * 4, size: dims[i + 1] * 4 },
    })),
  );
}

/** γ = 1, β = 0 and ReZero's α = 0 (docs/LAYERS.md#normalizations): tensors no initializer draws. */
export function uploadConstants(device: GPUDevice, params: GPUBuffer, lay: NetLayout): void {
  const width = lay.dims[1];
  const ones = new Float32Array(width).fill(1);
  const zeros = new Float32Array(width);
  for (const off of lay.gammaOff) device.queue.writeBuffer(params, off * 4, ones);
  for (const off of lay.betaOff) device.queue.writeBuffer(params, off * 4, zeros);
  for (const off of lay.alphaOff) if (off >= 0) device.queue.writeBuffer(params, off * 4, zeros, 0, 1);
}
