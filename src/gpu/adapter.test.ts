import { describe, expect, it } from 'vitest';
import { describeAdapter, probeAdapter } from './adapter';

describe('describeAdapter', () => {
  it('flags SwiftShader as a software adapter', () => {
    const d = describeAdapter({ vendor: 'google', architecture: 'swiftshader' } as GPUAdapterInfo);
    expect(d).toEqual({ description: 'google · swiftshader', software: true });
  });
  it('treats a named hardware vendor as hardware', () => {
    const d = describeAdapter({ vendor: 'nvidia', architecture: 'hopper' } as GPUAdapterInfo);
    expect(d.software).toBe(false);
  });
});

describe('probeAdapter', () => {
  it('explains a missing navigator.gpu', async () => {
    const p = await probeAdapter(undefined);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.reason).toMatch(/no WebGPU/);
  });
  it('explains a null adapter', async () => {
    const p = await probeAdapter({ requestAdapter: async () => null } as unknown as GPU);
    expect(p.ok).toBe(false);
  });
});
