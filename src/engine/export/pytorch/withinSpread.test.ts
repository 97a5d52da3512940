import { describe, expect, it } from 'vitest';
import { withinSpread } from './withinSpread';

describe('withinSpread', () => {
  it('accepts a value inside the seeds and a little beyond, rejects √2 off a tight spread', () => {
    const seeds = [0.98, 1.0, 1.01, 1.03];
    expect(withinSpread(1.0, seeds).ok).toBe(true);
    expect(withinSpread(1.1, seeds).ok).toBe(true);
    expect(withinSpread(Math.SQRT2, seeds).ok).toBe(false);
    expect(withinSpread(1 / Math.SQRT2, seeds).ok).toBe(false);
  });
  it('widens with the seeds’ own spread', () => {
    expect(withinSpread(3, [1, 2]).ok).toBe(true); // range ×2 → accepted up to 2·√2·1.1
    expect(withinSpread(3.5, [1, 2]).ok).toBe(false);
  });
  it('treats exact zeros exactly and refuses non-finite values', () => {
    expect(withinSpread(0, [0, 0]).ok).toBe(true);
    expect(withinSpread(0, [1e-9, 2e-9]).ok).toBe(true); // rounding noise around an exact zero
    expect(withinSpread(1e-5, [0, 0]).ok).toBe(false);
    expect(withinSpread(0, [1e-9, 2e-5]).ok).toBe(false);
    expect(withinSpread(Number.NaN, [1, 1]).ok).toBe(false);
  });
});
