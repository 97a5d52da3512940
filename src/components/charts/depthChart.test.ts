import { describe, expect, it } from 'vitest';
import { aboveFloor } from './depthChart';

describe('depth chart floor', () => {
  it('sends exact zeros in disguise off the log axis and keeps real small values', () => {
    expect(aboveFloor([1e-150, 0, 2.7e-8, 1e-40, Number.NaN, Number.POSITIVE_INFINITY])).toEqual([
      0,
      0,
      2.7e-8,
      1e-40,
      Number.NaN,
      Number.POSITIVE_INFINITY,
    ]);
  });
});
