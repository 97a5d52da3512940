import { describe, expect, it } from 'vitest';
import { computeUnits, DEFAULT_UNITS, pickTile, tiledGroups } from './matmulKernels';

describe('pickTile', () => {
  it('gives a big GPU at least one workgroup per SM, with the largest block that does', () => {
    const units = computeUnits({ vendor: 'nvidia', architecture: 'hopper' });
    expect(units).toBe(132);
    // 1024²: 128-blocks make 64 workgroups (< 132), 64-blocks 256.
    expect(pickTile(1024, 1024, units)).toEqual({ t: 4, wg: 16 });
    expect(pickTile(4096, 4096, units)).toEqual({ t: 8, wg: 16 });
    const [gx, gy] = tiledGroups(pickTile(1024, 1024, units), 1024, 1024);
    expect(gx * gy).toBeGreaterThanOrEqual(units);
  });

  it('keeps 8×8 tiles on small GPUs once there are 32 blocks, and small blocks for tiny layers', () => {
    expect(computeUnits({ vendor: 'intel' })).toBe(DEFAULT_UNITS);
    expect(computeUnits(undefined)).toBe(DEFAULT_UNITS);
    expect(pickTile(1024, 1024)).toEqual({ t: 8, wg: 16 });
    expect(pickTile(64, 64)).toEqual({ t: 4, wg: 8 });
    expect(pickTile(1, 3)).toEqual({ t: 4, wg: 8 });
  });
});
