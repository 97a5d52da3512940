// arch=conv on a hardware adapter: the WGSL trainer has no convolutions yet, so `auto` trains on the CPU
// engine and says why, and `webgpu` refuses with that reason, before any device is requested.
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { loadDataset } from '../engine/data';
import { createTrainer } from './createTrainer';

const config: RunConfig = {
  ...DEFAULT_CONFIG,
  arch: 'conv',
  depth: 2,
  width: 4,
  batch: 4,
  data: 'probe',
  in: 1,
};

const hardwareGpu = (requestDevice: () => Promise<never>) =>
  ({
    requestAdapter: async () => ({
      info: { vendor: 'nvidia', architecture: 'hopper' },
      limits: {
        maxStorageBufferBindingSize: 2 ** 30,
        maxBufferSize: 2 ** 31,
        maxComputeWorkgroupStorageSize: 32 * 1024,
        maxStorageBuffersPerShaderStage: 10,
        maxComputeInvocationsPerWorkgroup: 1024,
        maxComputeWorkgroupsPerDimension: 65535,
      },
      features: new Set<string>(),
      requestDevice,
    }),
  }) as unknown as GPU;

describe('createTrainer with arch=conv', () => {
  it('auto: the CPU engine, with the reason; webgpu: refused; no device requested', async () => {
    const data = await loadDataset(config);
    const requestDevice = vi.fn(async () => {
      throw new Error('no device should be requested');
    });
    const { trainer, backend } = await createTrainer(config, data, {
      backend: 'auto',
      gpu: hardwareGpu(requestDevice),
    });
    expect(backend.kind).toBe('cpu');
    expect(backend.reason).toBe(
      'the WebGPU engine does not train convolutional networks (arch=conv) yet: the CPU engine runs instead',
    );
    expect((await trainer.run(1))[0].layers).toHaveLength(2);
    trainer.dispose();
    await expect(
      createTrainer(config, data, { backend: 'webgpu', gpu: hardwareGpu(requestDevice) }),
    ).rejects.toThrow('the WebGPU engine does not train convolutional networks (arch=conv) yet.');
    expect(requestDevice).not.toHaveBeenCalled();
  });
});
