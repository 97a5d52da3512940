import { describe, expect, it } from 'vitest';
import { newtonSchulzIterations } from './newtonSchulz';

describe('newtonSchulzIterations', () => {
  it('is even, at least 2 and at most 64', () => {
    for (const [r, c] of [
      [1, 1],
      [1, 50],
      [3, 2],
      [17, 63],
      [64, 64],
      [2048, 2048],
      [10, 4096],
    ]) {
      const k = newtonSchulzIterations(r, c);
      expect(k % 2).toBe(0);
      expect(k).toBeGreaterThanOrEqual(2);
      expect(k).toBeLessThanOrEqual(64);
      expect(newtonSchulzIterations(c, r)).toBe(k);
    }
  });

  it('spends more on square matrices (tiny σ_min possible) than on clearly rectangular ones', () => {
    expect(newtonSchulzIterations(64, 64)).toBeGreaterThan(newtonSchulzIterations(64, 784));
    expect(newtonSchulzIterations(48, 48)).toBeGreaterThan(newtonSchulzIterations(48, 2));
    expect(newtonSchulzIterations(2048, 2048)).toBeGreaterThanOrEqual(newtonSchulzIterations(64, 64));
  });

  it('covers the counts measured for float32 convergence (max |XXᵀ − I| < 1e-4) with margin', () => {
    // Iterations needed in float32 experiments on Gaussian matrices with this scaling: 64² ≤ 24,
    // 256² ≤ 24, 1024² 30, 2048² 28, 64×784 7, 10×64 6.
    expect(newtonSchulzIterations(64, 64)).toBeGreaterThanOrEqual(24 + 10);
    expect(newtonSchulzIterations(256, 256)).toBeGreaterThanOrEqual(24 + 10);
    expect(newtonSchulzIterations(1024, 1024)).toBeGreaterThanOrEqual(30 + 10);
    expect(newtonSchulzIterations(2048, 2048)).toBeGreaterThanOrEqual(28 + 10);
    expect(newtonSchulzIterations(64, 784)).toBeGreaterThanOrEqual(7 + 2);
    expect(newtonSchulzIterations(10, 64)).toBeGreaterThanOrEqual(6 + 2);
  });
});
