import { describe, expect, it } from 'vitest';
import { grid1d } from './kernels';

const fakeDevice = (maxX: number) =>
  ({ limits: { maxComputeWorkgroupsPerDimension: maxX } }) as unknown as GPUDevice;

describe('grid1d', () => {
  it('uses one row of workgroups while it fits', () => {
    expect(grid1d(fakeDevice(65535), 1)).toEqual([1, 1]);
    expect(grid1d(fakeDevice(65535), 257)).toEqual([2, 1]);
    expect(grid1d(fakeDevice(65535), 65535 * 256)).toEqual([65535, 1]);
  });

  it('folds into rows that together cover every thread, within the per-dimension limit', () => {
    for (const n of [65535 * 256 + 1, 2048 * 4096 * 3, 10 ** 8]) {
      const [x, y] = grid1d(fakeDevice(65535), n);
      expect(x).toBeLessThanOrEqual(65535);
      expect(y).toBeLessThanOrEqual(65535);
      expect(x * y * 256).toBeGreaterThanOrEqual(n);
    }
    const [x, y] = grid1d(fakeDevice(10), 1000, 4);
    expect([x, y]).toEqual([10, 25]);
  });
});
