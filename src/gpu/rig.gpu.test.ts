import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeDevice } from './node/nodeGpu';
import { runAffine } from './rig';

describe('WGSL rig (Dawn in Node)', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    ({ device } = await nodeDevice());
  });
  afterAll(() => device?.destroy());

  it('runs a compute kernel and reads the result back exactly', async () => {
    const n = 1000; // not a multiple of the workgroup size: the bounds check matters
    const x = Float32Array.from({ length: n }, (_, i) => i * 0.5 - 100);
    const y = await runAffine(device, x, 3, -2);
    // A GPU may fuse a·x + b into one FMA, so allow one float32 rounding of difference.
    for (let i = 0; i < n; i++) {
      const ref = 3 * x[i] - 2;
      expect(Math.abs(y[i] - ref)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(ref)));
    }
  });
});
