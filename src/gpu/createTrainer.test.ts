// createTrainer without a usable WebGPU, with fake GPU objects: the strict default (backend=webgpu throws,
// as the CLI wants) and cpuWhenUnavailable (the page trains on the CPU and says why in BackendInfo.reason).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { loadDataset } from '../engine/data';
import type { Dataset } from '../engine/data/types';
import { createTrainer } from './createTrainer';

const config: RunConfig = { ...DEFAULT_CONFIG, depth: 2, width: 8, batch: 8, data: 'xor', backend: 'webgpu' };

const NO_WEBGPU = 'WebGPU unavailable: this browser has no WebGPU (navigator.gpu is missing)';
const NO_ADAPTER =
  'WebGPU unavailable: WebGPU is present but no adapter is available (blocked or unsupported GPU)';

const nullAdapterGpu = () => ({ requestAdapter: vi.fn(async () => null) }) as unknown as GPU;
const throwingAdapterGpu = () =>
  ({
    requestAdapter: vi.fn(async () => {
      throw new Error('GPU process crashed');
    }),
  }) as unknown as GPU;

/** An adapter exists, but requesting its device fails: not "unavailable", so the option must not hide it. */
const failingDeviceGpu = () =>
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
      requestDevice: async () => {
        throw new Error('requested limit exceeds the adapter');
      },
    }),
  }) as unknown as GPU;

describe('createTrainer when WebGPU is unavailable (fake GPU objects)', () => {
  let data: Dataset;
  beforeEach(async () => {
    data ??= await loadDataset(config);
    // Node has a navigator without gpu; make that explicit so the default lookup finds nothing.
    vi.stubGlobal('navigator', {});
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('navigator.gpu missing: webgpu throws the reason by default (the CLI)', async () => {
    await expect(createTrainer(config, data)).rejects.toThrow(NO_WEBGPU);
    await expect(createTrainer(config, data, { backend: 'webgpu', gpu: undefined })).rejects.toThrow(
      NO_WEBGPU,
    );
  });

  it('navigator.gpu missing: cpuWhenUnavailable trains on the CPU with the reason (the page)', async () => {
    const { trainer, backend } = await createTrainer(config, data, { cpuWhenUnavailable: true });
    expect(backend).toEqual({ kind: 'cpu', reason: NO_WEBGPU });
    expect(trainer.backend).toEqual(backend);
    const records = await trainer.run(2);
    expect(records.map((r) => r.step)).toEqual([0, 1]);
    expect(Number.isFinite(records[1].loss)).toBe(true);
    trainer.dispose();
  });

  it('null adapter: webgpu throws by default; cpuWhenUnavailable falls back with the reason', async () => {
    const strictGpu = nullAdapterGpu();
    await expect(createTrainer(config, data, { gpu: strictGpu })).rejects.toThrow(NO_ADAPTER);
    expect(strictGpu.requestAdapter).toHaveBeenCalledTimes(1);

    const { trainer, backend } = await createTrainer(config, data, {
      gpu: nullAdapterGpu(),
      cpuWhenUnavailable: true,
    });
    expect(backend).toEqual({ kind: 'cpu', reason: NO_ADAPTER });
    expect(trainer.backend).toEqual(backend);
    trainer.dispose();
  });

  it('requestAdapter throwing counts as unavailable, with its message in the reason', async () => {
    const reason = 'WebGPU unavailable: requestAdapter failed: GPU process crashed';
    await expect(createTrainer(config, data, { gpu: throwingAdapterGpu() })).rejects.toThrow(reason);
    const { trainer, backend } = await createTrainer(config, data, {
      gpu: throwingAdapterGpu(),
      cpuWhenUnavailable: true,
    });
    expect(backend).toEqual({ kind: 'cpu', reason });
    trainer.dispose();
  });

  it('auto falls back with the same reason with or without the option', async () => {
    for (const cpuWhenUnavailable of [false, true]) {
      const { trainer, backend } = await createTrainer(config, data, {
        backend: 'auto',
        gpu: nullAdapterGpu(),
        cpuWhenUnavailable,
      });
      expect(backend).toEqual({ kind: 'cpu', reason: NO_ADAPTER });
      trainer.dispose();
    }
  });

  it('an adapter whose device fails is not "unavailable": webgpu still throws with the option', async () => {
    await expect(
      createTrainer(config, data, { gpu: failingDeviceGpu(), cpuWhenUnavailable: true }),
    ).rejects.toThrow(/requested limit exceeds the adapter/);
  });
});
