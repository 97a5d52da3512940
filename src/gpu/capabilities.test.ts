import { describe, expect, it } from 'vitest';
import { gpuUnsupported } from './capabilities';

describe('gpuUnsupported', () => {
  it('accepts normalization and residual blocks', () => {
    for (const norm of ['none', 'batch', 'layer'] as const)
      for (const res of [0, 1] as const)
        expect(gpuUnsupported({ norm, res, init: 'kaiming_normal' })).toBeNull();
  });
  it('keeps LSUV through norm/res on the CPU', () => {
    expect(gpuUnsupported({ norm: 'batch', res: 0, init: 'lsuv' })).toMatch(/LSUV/);
    expect(gpuUnsupported({ norm: 'none', res: 1, init: 'lsuv' })).toMatch(/LSUV/);
    expect(gpuUnsupported({ norm: 'none', res: 0, init: 'lsuv' })).toBeNull();
  });
});
