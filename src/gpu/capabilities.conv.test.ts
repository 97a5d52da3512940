// arch=conv on a hardware adapter: the WGSL trainer trains conv networks (every norm, residual blocks), so
// those ask for a device; LSUV on conv networks is not planned on the GPU yet, so `auto`
// trains them on the CPU engine and says why, and `webgpu` refuses with that reason, before any device is
// requested.
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
  it('a plain conv network asks the GPU for a device', async () => {
    const data = await loadDataset(config);
    const requestDevice = vi.fn(async () => {
      throw new Error('device refused by the test');
    });
    const { trainer, backend } = await createTrainer(config, data, {
      backend: 'auto',
      gpu: hardwareGpu(requestDevice),
    });
    expect(requestDevice).toHaveBeenCalled();
    expect(backend.kind).toBe('cpu');
    expect(backend.reason).toMatch(/^WebGPU could not run this network \(.*device refused by the test/);
    trainer.dispose();
  });

  it.each([
    [{ init: 'lsuv' }, 'the WebGPU engine does not run LSUV on conv networks (arch=conv with init=lsuv) yet'],
  ] as const)(
    '%o — auto: the CPU engine, with the reason; webgpu: refused; no device requested',
    async (extra, reason) => {
      const cfg: RunConfig = { ...config, ...extra };
      const data = await loadDataset(cfg);
      const requestDevice = vi.fn(async () => {
        throw new Error('no device should be requested');
      });
      const { trainer, backend } = await createTrainer(cfg, data, {
        backend: 'auto',
        gpu: hardwareGpu(requestDevice),
      });
      expect(backend.kind).toBe('cpu');
      expect(backend.reason).toBe(`${reason}: the CPU engine runs instead`);
      expect((await trainer.run(1))[0].layers).toHaveLength(2);
      trainer.dispose();
      await expect(
        createTrainer(cfg, data, { backend: 'webgpu', gpu: hardwareGpu(requestDevice) }),
      ).rejects.toThrow(`${reason}.`);
      expect(requestDevice).not.toHaveBeenCalled();
    },
  );
});
