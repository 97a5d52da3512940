import { describe, expect, it } from 'vitest';
import { extent, fmt, linearTicks, logTicks, scale } from './plot';

describe('plot helpers', () => {
  it('maps linear and log scales, log gives NaN for non-positive values', () => {
    const lin = scale(0, 10, 0, 100);
    expect(lin.map(5)).toBe(50);
    const lg = scale(1e-4, 1, 100, 0, true);
    expect(lg.map(1e-2)).toBeCloseTo(50);
    expect(lg.map(0)).toBeNaN();
    expect(lg.map(-1)).toBeNaN();
  });

  it('finds a padded extent ignoring non-finite values, with half-decade bounds on log axes', () => {
    expect(extent([1, 2, Number.NaN, Number.POSITIVE_INFINITY], false, [0, 1])).toEqual([0.95, 2.05]);
    const [a, b] = extent([3e-5, 0.2, 0], true, [1, 10]);
    expect(a).toBeCloseTo(10 ** -4.5);
    expect(b).toBeCloseTo(10 ** -0.5);
    expect(extent([], true, [1, 10])).toEqual([1, 10]);
  });

  it('makes round ticks', () => {
    expect(linearTicks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(logTicks(1e-6, 1, 7)).toEqual([1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1]);
    expect(logTicks(1e-12, 1, 4).length).toBeLessThanOrEqual(5);
    expect(logTicks(1, 3.2)).toEqual([1, 2]);
    expect(logTicks(0.3, 3.2)).toEqual([0.5, 1, 2]);
  });

  it('formats numbers briefly', () => {
    expect(fmt(0.21650635)).toBe('0.217');
    expect(fmt(1.5e-7)).toBe('1.5e-7');
    expect(fmt(12000)).toBe('12k');
    expect(fmt(Number.POSITIVE_INFINITY)).toBe('∞');
    expect(fmt(Number.NaN)).toBe('NaN');
  });
});
