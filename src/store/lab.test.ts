import { describe, expect, it } from 'vitest';
import { mapPoolSize } from './lab';

describe('mapPoolSize', () => {
  it('leaves a core for the page and one for the explorer, and uses at most 4', () => {
    expect(mapPoolSize(1)).toBe(1);
    expect(mapPoolSize(2)).toBe(1);
    expect(mapPoolSize(4)).toBe(2);
    expect(mapPoolSize(16)).toBe(4);
  });
});
