import { describe, expect, it } from 'vitest';
import { divergingColor, spread, superscript } from './heatmapChart';

describe('heatmap helpers', () => {
  it('spreads indices evenly with both ends', () => {
    expect(spread(3, 10)).toEqual([0, 1, 2]);
    const s = spread(1000, 5);
    expect(s).toEqual([0, 250, 500, 749, 999]);
  });

  it('maps 0 to white, −1 to blue, +1 to red', () => {
    expect(divergingColor(0)).toEqual([247, 247, 247]);
    expect(divergingColor(-1)).toEqual([33, 102, 172]);
    expect(divergingColor(5)).toEqual([178, 24, 43]);
  });

  it('writes a power of ten as superscripts', () => {
    expect(superscript('-2.9')).toBe('⁻²·⁹');
    expect(superscript('10')).toBe('¹⁰');
  });
});
