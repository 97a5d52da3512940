// acquireDevice on a real adapter (Dawn in Node): the success path, the limits it asks for, a refusal
// with the adapter's own figures, a real validation error caught by the scopes, and device loss.
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { networkDims } from '../engine/memory';
import {
  acquireDevice,
  estimateGpuBytes,
  GpuDeviceError,
  GpuScopeError,
  watchDeviceLost,
  withErrorScopes,
} from './device';
import { gpuInitializeNetwork } from './init';
import { nodeGpu } from './node/nodeGpu';

describe('acquireDevice (Dawn)', () => {
  const devices: GPUDevice[] = [];
  afterAll(() => {
    for (const d of devices) d.destroy();
  });

  it('gives a device with the limits the network needs, which then initializes it', async () => {
    const config: RunConfig = { ...DEFAULT_CONFIG, depth: 3, width: 40, data: 'probe', in: 40 };
    const dims = networkDims(config);
    const needs = estimateGpuBytes(config, dims);
    // Ask for a binding above WebGPU's 128 MiB default so the request is visible in the device's limits.
    const big = { ...needs, maxBinding: 200 * 1024 * 1024 };
    const { device, adapter, info } = await acquireDevice(nodeGpu(), big, { budgetBytes: 2 ** 31 });
    devices.push(device);
    expect(adapter.limits.maxStorageBufferBindingSize).toBeGreaterThanOrEqual(big.maxBinding);
    expect(info.requiredLimits.maxStorageBufferBindingSize).toBe(big.maxBinding);
    expect(device.limits.maxStorageBufferBindingSize).toBeGreaterThanOrEqual(big.maxBinding);
    expect(info.description).toMatch(/\w/);
    const layers = await gpuInitializeNetwork(device, config, dims);
    expect(layers).toHaveLength(dims.length - 1);
  });

  it("refuses a buffer beyond the adapter's binding limit, with its figure", async () => {
    const adapter = await nodeGpu().requestAdapter();
    const limit = adapter?.limits.maxStorageBufferBindingSize ?? 0;
    expect(limit).toBeGreaterThan(0);
    const err = await acquireDevice(nodeGpu(), { bytes: limit * 2, maxBinding: limit + 4 }).catch((e) => e);
    expect(err).toBeInstanceOf(GpuDeviceError);
    expect((err as GpuDeviceError).code).toBe('too-large');
    expect((err as Error).message).toMatch(/needs a buffer of .* this GPU allows /);
  });

  it('catches a real validation error in an error scope, and reports device loss', async () => {
    const { device } = await acquireDevice(nodeGpu(), { bytes: 1024, maxBinding: 1024 });
    // MAP_READ may only be combined with COPY_DST: a validation error, not an exception.
    const bad = withErrorScopes(
      device,
      () => device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.STORAGE }),
      'creating a buffer',
    );
    await expect(bad).rejects.toBeInstanceOf(GpuScopeError);
    await expect(bad).rejects.toThrow(/GPU validation error while creating a buffer/);
    const lost = new Promise((resolve) => watchDeviceLost(device, resolve));
    device.destroy();
    await expect(lost).resolves.toMatchObject({ reason: 'destroyed', expected: true });
  });
});
