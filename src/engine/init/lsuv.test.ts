import { describe, expect, it } from 'vitest';
import { LSUV_MAX_ITERS, LSUV_TOL, lsuvConverged, lsuvScaleFactor } from './lsuv';

describe('LSUV helpers', () => {
  it('shares the stopping rule of Mishkin & Matas', () => {
    expect(LSUV_TOL).toBe(0.01);
    expect(LSUV_MAX_ITERS).toBe(10);
    expect(lsuvConverged(1.009)).toBe(true);
    expect(lsuvConverged(0.985)).toBe(false);
  });

  it('scales W by 1/√Var(z), and leaves a dead or overflowed layer alone', () => {
    expect(lsuvScaleFactor(4)).toBe(0.5);
    expect(lsuvScaleFactor(0.25)).toBe(2);
    // Var(a·z) = a²·Var(z): one rescale of an exactly linear layer reaches 1.
    const v = 7.3;
    expect(lsuvScaleFactor(v) ** 2 * v).toBeCloseTo(1, 14);
    expect(lsuvScaleFactor(0)).toBe(1);
    expect(lsuvScaleFactor(Number.NaN)).toBe(1);
    expect(lsuvScaleFactor(Number.POSITIVE_INFINITY)).toBe(1);
  });
});
