// arch=conv on a hardware adapter: the WGSL trainer trains every conv network (every norm, residual blocks,
// LSUV), so createTrainer asks for a device instead of sending it to the CPU engine up front.
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
  it.each([{}, { norm: 'batch', pool: 1 }, { norm: 'layer', res: 1, rezero: 1 }, { init: 'lsuv' }] as const)(
    '%o asks the GPU for a device (auto falls back only when it fails)',
    async (extra) => {
      const cfg: RunConfig = { ...config, ...extra };
      const data = await loadDataset(cfg);
      const requestDevice = vi.fn(async () => {
        throw new Error('device refused by the test');
      });
      const { trainer, backend } = await createTrainer(cfg, data, {
        backend: 'auto',
        gpu: hardwareGpu(requestDevice),
      });
      expect(requestDevice).toHaveBeenCalled();
      expect(backend.kind).toBe('cpu');
      expect(backend.reason).toMatch(/^WebGPU could not run this network \(.*device refused by the test/);
      expect((await trainer.run(1))[0].layers).toHaveLength(2);
      trainer.dispose();
    },
  );
});
