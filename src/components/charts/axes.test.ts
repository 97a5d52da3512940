import { describe, expect, it } from 'vitest';
import { layerAxis, logAxis } from './axes';

describe('SVG chart axes', () => {
  it('layer axis: every layer up to 12, integers beyond', () => {
    expect(layerAxis(1)).toEqual({ domain: [0.5, 1.5], ticks: [1] });
    expect(layerAxis(5).ticks).toEqual([1, 2, 3, 4, 5]);
    for (const t of layerAxis(50).ticks) expect(Number.isInteger(t)).toBe(true);
  });

  it('log axis: decades for a wide range, a tight padded range with ticks inside for a narrow one', () => {
    const wide = logAxis(2.7e-8, 0.2);
    expect(wide.domain[0]).toBeLessThanOrEqual(2.7e-8);
    expect(wide.domain[1]).toBeGreaterThanOrEqual(0.2);
    const narrow = logAxis(1.05, 1.15);
    expect(narrow.domain[0]).toBeCloseTo(1.05 / 1.15, 9);
    expect(narrow.domain[1]).toBeCloseTo(1.15 * 1.15, 9);
    expect(narrow.ticks.length).toBeGreaterThanOrEqual(2);
    for (const t of narrow.ticks) {
      expect(t).toBeGreaterThanOrEqual(narrow.domain[0]);
      expect(t).toBeLessThanOrEqual(narrow.domain[1]);
    }
  });
});
