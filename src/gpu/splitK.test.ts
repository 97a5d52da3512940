import { describe, expect, it } from 'vitest';
import { MAX_SPLITS, MIN_CHUNK, partialElems, pickSplit, sliceStride, splitReduceWords } from './splitK';

describe('pickSplit', () => {
  it('leaves a dispatch alone when it already gives every compute unit a workgroup', () => {
    expect(pickSplit(132, 0, 4096, 132, 8)).toEqual({ splits: 1, chunk: 4096 });
    expect(pickSplit(64, 68, 4096, 132, 8)).toEqual({ splits: 1, chunk: 4096 });
    expect(pickSplit(40, 0, 4096, 16, 8)).toEqual({ splits: 1, chunk: 4096 }); // ≥ 32 on a small GPU
  });

  it("splits a 1024×1024 ∂W in 128×128 blocks (64 workgroups) on an H200's 132 SMs", () => {
    const s = pickSplit(64, 0, 1024, 132, 8);
    expect(s.splits).toBe(3);
    expect(s.chunk % 8).toBe(0);
    expect(s.chunk * s.splits).toBeGreaterThanOrEqual(1024);
    expect(s.chunk * (s.splits - 1)).toBeLessThan(1024);
    expect(64 * s.splits).toBeGreaterThanOrEqual(132);
  });

  it('counts the merged dispatch’s other workgroups', () => {
    expect(pickSplit(64, 64, 1024, 132, 8).splits).toBe(2);
  });

  it('never cuts a chunk under MIN_CHUNK rows nor makes more than MAX_SPLITS', () => {
    expect(pickSplit(1, 0, MIN_CHUNK * 2 - 1, 132, 8).splits).toBe(1);
    expect(pickSplit(1, 0, 25088, 132, 1).splits).toBe(MAX_SPLITS);
    for (const K of [512, 777, 1024, 25088, 100000]) {
      const s = pickSplit(2, 0, K, 132, 16);
      expect(s.chunk % 16).toBe(0);
      expect(s.chunk).toBeGreaterThanOrEqual(MIN_CHUNK);
      expect(s.splits).toBeLessThanOrEqual(MAX_SPLITS);
      expect(s.chunk * s.splits).toBeGreaterThanOrEqual(K);
      expect(s.chunk * (s.splits - 1)).toBeLessThan(K);
    }
  });
});

describe('split partials', () => {
  it('sizes one vec4-aligned slice of ∂W then ∂b per chunk, nothing unsplit', () => {
    expect(sliceStride(6, 3)).toBe(12);
    expect(partialElems({ splits: 3, chunk: 256 }, 6, 3)).toBe(36);
    expect(partialElems({ splits: 1, chunk: 1024 }, 6, 3)).toBe(0);
  });

  it("gives the reduce its counts, stride, destinations and grid row's threads", () => {
    const t = { wCount: 1000, bCount: 10, wOff: 64, bOff: 1064 };
    expect(splitReduceWords({ splits: 4, chunk: 256 }, t)).toEqual([1000, 10, 4, 1012, 64, 1064, 16 * 64, 0]);
  });
});
