import { describe, expect, it } from 'vitest';
import { sameContent } from './useStable';

describe('sameContent', () => {
  it('compares arrays and plain objects by content', () => {
    expect(sameContent([1, [2, 3]], [1, [2, 3]])).toBe(true);
    expect(sameContent({ a: 1, b: [0.5] }, { b: [0.5], a: 1 })).toBe(true);
    expect(sameContent([1, 2], [1, 2, 3])).toBe(false);
    expect(sameContent({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameContent({ a: 1 }, [1])).toBe(false);
    expect(sameContent(Number.NaN, Number.NaN)).toBe(false);
  });
});
