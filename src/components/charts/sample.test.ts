import { describe, expect, it } from 'vitest';
import { lttb } from './sample';

describe('lttb', () => {
  it('keeps every point of a short series', () => {
    expect(
      lttb(
        5,
        (i) => i,
        (i) => i * i,
        10,
      ),
    ).toEqual([0, 1, 2, 3, 4]);
  });

  it('returns at most max indices, increasing, first and last included', () => {
    const n = 1024;
    const idx = lttb(
      n,
      (i) => i,
      (i) => Math.sin(i / 20),
      300,
    );
    expect(idx.length).toBe(300);
    expect(idx[0]).toBe(0);
    expect(idx[idx.length - 1]).toBe(n - 1);
    for (let k = 1; k < idx.length; k++) expect(idx[k]).toBeGreaterThan(idx[k - 1]);
  });

  it('keeps a one-record spike that an even stride would skip', () => {
    const n = 1000;
    const spikeAt = 501;
    const idx = lttb(
      n,
      (i) => i,
      (i) => (i === spikeAt ? 100 : 1),
      50,
    );
    expect(idx).toContain(spikeAt);
    // An even stride of 1000/50 = 20 from 0 steps over 501.
    expect(spikeAt % 20).not.toBe(0);
  });

  it('keeps a non-finite value (the moment a run broke)', () => {
    const idx = lttb(
      900,
      (i) => i,
      (i) => (i === 333 ? Number.NaN : 0.5 + i * 1e-4),
      40,
    );
    expect(idx).toContain(333);
  });
});
