import { describe, expect, it } from 'vitest';
import { speedup } from './CompareTable';

describe('compare speed-up', () => {
  it('is steps of run 1 over steps of this run', () => {
    expect(speedup(300, 230, 1, 400)).toBe('×1.3');
    expect(speedup(300, 300, 2, 400)).toBe('×1');
  });
  it('is a lower bound while run 1 has not reached the target', () => {
    expect(speedup(null, 100, 1, 250)).toBe('≥ ×2.5');
  });
  it('names the baseline and runs that have not reached it', () => {
    expect(speedup(10, 10, 0, 50)).toBe('baseline');
    expect(speedup(null, null, 0, 50)).toBe('not yet');
    expect(speedup(10, null, 3, 50)).toBe('not yet');
  });
});
