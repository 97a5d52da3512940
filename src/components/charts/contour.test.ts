import { describe, expect, it } from 'vitest';
import { contourSegments } from './contour';

describe('contourSegments', () => {
  it('finds the straight level line of a linear field at the interpolated position', () => {
    // f = column index: the level 1.25 is the vertical line x = 1.25.
    const nx = 4;
    const ny = 3;
    const f = Array.from({ length: nx * ny }, (_, k) => k % nx);
    const segs = contourSegments(f, nx, ny, 1.25);
    expect(segs.length).toBe(2);
    for (const [x0, , x1] of segs) {
      expect(x0).toBeCloseTo(1.25, 12);
      expect(x1).toBeCloseTo(1.25, 12);
    }
  });

  it('skips NaN cells, treats Infinity as above, and finds nothing when the level is not crossed', () => {
    expect(contourSegments([0, 1, Number.NaN, 1], 2, 2, 0.5)).toEqual([]);
    expect(contourSegments([0, 0, 0, 0], 2, 2, 0.5)).toEqual([]);
    const inf = contourSegments([1, Number.POSITIVE_INFINITY, 1, Number.POSITIVE_INFINITY], 2, 2, 5);
    expect(inf.length).toBe(1);
  });
});
