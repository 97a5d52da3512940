import { describe, expect, it } from 'vitest';
import { backwardPartialElems } from './backwardKernel';
import { PARITY_GRID } from './parityGrid';

describe('parity grid', () => {
  it("plans a split-K in every case run on a big GPU's plan (so the parity test covers it)", () => {
    const cases = PARITY_GRID.filter((c) => c.units);
    expect(cases.length).toBeGreaterThanOrEqual(2);
    for (const c of cases) {
      const dims = [2, ...new Array(c.depth ?? 0).fill(c.width ?? 0), 2];
      expect(backwardPartialElems(dims, c.batch ?? 0, c.strategy ?? 'direct', c.units)).toBeGreaterThan(0);
    }
  });
});
