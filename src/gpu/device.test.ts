// acquireDevice's error paths and limit requests, with fake GPU objects (no WebGPU needed).
import { describe, expect, it, vi } from 'vitest';
import { acquireDevice, DEFAULT_LIMITS, GpuDeviceError, type GpuNeeds } from './device';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

const LIMITS = {
  maxStorageBufferBindingSize: 1 * GiB,
  maxBufferSize: 2 * GiB,
  maxComputeWorkgroupStorageSize: 32 * 1024,
  maxStorageBuffersPerShaderStage: 10,
  maxComputeInvocationsPerWorkgroup: 1024,
  maxComputeWorkgroupsPerDimension: 65535,
};

function fakeGpu(opts: {
  adapter?: 'null' | 'throw';
  device?: 'throw';
  info?: Partial<GPUAdapterInfo>;
  features?: string[];
}) {
  const requestDevice = vi.fn(async (desc?: GPUDeviceDescriptor) => {
    if (opts.device === 'throw') throw new Error('requested limit exceeds the adapter');
    return { label: desc?.label, limits: { ...LIMITS, ...desc?.requiredLimits } } as unknown as GPUDevice;
  });
  const adapter = {
    info: opts.info ?? { vendor: 'nvidia', architecture: 'hopper' },
    limits: LIMITS,
    features: new Set(opts.features ?? []),
    requestDevice,
  } as unknown as GPUAdapter;
  const gpu = {
    requestAdapter: vi.fn(async () => {
      if (opts.adapter === 'throw') throw new Error('GPU process crashed');
      return opts.adapter === 'null' ? null : adapter;
    }),
  } as unknown as GPU;
  return { gpu, requestDevice };
}

const SMALL: GpuNeeds = { bytes: 10 * MiB, maxBinding: 1 * MiB };

async function failure(p: Promise<unknown>): Promise<GpuDeviceError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(GpuDeviceError);
    return e as GpuDeviceError;
  }
  throw new Error('expected acquireDevice to fail');
}

describe('acquireDevice', () => {
  it('explains a missing navigator.gpu', async () => {
    const e = await failure(acquireDevice(undefined, SMALL));
    expect(e.code).toBe('no-webgpu');
    expect(e.message).toMatch(/no WebGPU \(navigator\.gpu is missing\)/);
  });

  it('explains a failing requestAdapter', async () => {
    const e = await failure(acquireDevice(fakeGpu({ adapter: 'throw' }).gpu, SMALL));
    expect(e.code).toBe('adapter-request-failed');
    expect(e.message).toMatch(/GPU process crashed/);
  });

  it('explains a null adapter', async () => {
    const e = await failure(acquireDevice(fakeGpu({ adapter: 'null' }).gpu, SMALL));
    expect(e.code).toBe('no-adapter');
    expect(e.message).toMatch(/no GPU adapter/);
  });

  it('explains a failing requestDevice, naming the adapter', async () => {
    const e = await failure(acquireDevice(fakeGpu({ device: 'throw' }).gpu, SMALL));
    expect(e.code).toBe('device-request-failed');
    expect(e.message).toMatch(/nvidia · hopper.*requested limit exceeds the adapter/);
  });

  it('refuses a buffer larger than the binding limit before asking for a device, with the figures', async () => {
    const { gpu, requestDevice } = fakeGpu({});
    const e = await failure(acquireDevice(gpu, { bytes: 1.5 * GiB, maxBinding: 1.3 * GiB }));
    expect(e.code).toBe('too-large');
    expect(e.message).toMatch(/needs a buffer of 1\.3 GiB, this GPU allows 1 GiB/);
    expect(requestDevice).not.toHaveBeenCalled();
  });

  it('refuses a network over the total budget before asking for a device, with the figures', async () => {
    const { gpu, requestDevice } = fakeGpu({});
    const e = await failure(
      acquireDevice(gpu, { bytes: 1.3 * GiB, maxBinding: 64 * MiB }, { budgetBytes: GiB }),
    );
    expect(e.code).toBe('too-large');
    expect(e.message).toMatch(/needs 1\.3 GiB of buffers, this GPU allows 1 GiB/);
    expect(requestDevice).not.toHaveBeenCalled();
  });

  it('uses a 4 GiB default budget on hardware and 2 GiB on a software adapter', async () => {
    const need = { bytes: 3 * GiB, maxBinding: 64 * MiB };
    await expect(acquireDevice(fakeGpu({}).gpu, need)).resolves.toBeDefined();
    const sw = fakeGpu({ info: { vendor: 'google', architecture: 'swiftshader' } });
    const e = await failure(acquireDevice(sw.gpu, need));
    expect(e.message).toMatch(/needs 3 GiB of buffers, this GPU allows 2 GiB/);
  });

  it('refuses a kernel limit the adapter lacks', async () => {
    const e = await failure(acquireDevice(fakeGpu({}).gpu, { ...SMALL, workgroupStorage: 64 * 1024 }));
    expect(e.code).toBe('unsupported-limit');
    expect(e.message).toMatch(/maxComputeWorkgroupStorageSize = 65536, this GPU allows 32768/);
  });

  it('requests exactly the limits above the defaults that the network needs', async () => {
    const { gpu, requestDevice } = fakeGpu({ features: ['timestamp-query'] });
    const got = await acquireDevice(
      gpu,
      { bytes: 900 * MiB, maxBinding: 300 * MiB + 2, workgroupStorage: 8192, storageBuffersPerStage: 9 },
      { optionalFeatures: ['timestamp-query', 'shader-f16'] },
    );
    const want = {
      maxStorageBufferBindingSize: 300 * MiB + 4, // rounded up to a multiple of 4
      maxBufferSize: 300 * MiB + 4,
      maxStorageBuffersPerShaderStage: 9,
    };
    expect(requestDevice).toHaveBeenCalledWith({
      label: 'initscope',
      requiredLimits: want,
      requiredFeatures: ['timestamp-query'],
    });
    expect(got.info.requiredLimits).toEqual(want);
    expect(got.info.features).toEqual(['timestamp-query']);
    expect(got.info.software).toBe(false);
    expect(got.info.budgetBytes).toBe(4 * GiB);
  });

  it('asks for no limits at all when the defaults suffice', async () => {
    const { gpu, requestDevice } = fakeGpu({});
    await acquireDevice(gpu, { bytes: MiB, maxBinding: DEFAULT_LIMITS.maxStorageBufferBindingSize });
    expect(requestDevice.mock.calls[0][0]?.requiredLimits).toEqual({});
  });
});
