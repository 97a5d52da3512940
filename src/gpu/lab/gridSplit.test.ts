import { describe, expect, it } from 'vitest';
import { formatGpuBytes } from '../deviceBudget';
import { gridLayout, gridNeeds } from './gridLayout';
import { type GridLimits, GridTooLarge, gridMisfit, splitGrid } from './gridSplit';

const dims = { inDim: 2, width: 8, classes: 3, batch: 16 };
const ROWS = 200;
const roomy: GridLimits = {
  maxBufferSize: 2 ** 30,
  maxStorageBufferBindingSize: 2 ** 30,
  budgetBytes: 2 ** 32,
};
/** The real needs of a group, from its full layout. */
const realNeeds = (depths: readonly number[], cells: number[], copies = 1, d = dims) =>
  gridNeeds(
    gridLayout(
      cells.map((c) => depths[c]),
      d,
    ),
    copies,
    ROWS,
  );

/** A small deterministic generator, so a failure replays. */
function lcg(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe('splitting a map into groups that fit the device', () => {
  it('keeps a grid that fits in one group, needing exactly what its layout needs', () => {
    const rnd = lcg(7);
    for (let trial = 0; trial < 20; trial++) {
      const d = {
        inDim: 1 + Math.floor(rnd() * 9),
        width: 1 + Math.floor(rnd() * 13),
        classes: 2 + Math.floor(rnd() * 4),
        batch: 1 + Math.floor(rnd() * 40),
      };
      const depths = Array.from({ length: 1 + Math.floor(rnd() * 30) }, () => 1 + Math.floor(rnd() * 20));
      const copies = trial % 3;
      const plan = splitGrid(depths, d, copies, ROWS, roomy);
      expect(plan.groups).toEqual([depths.map((_, i) => i)]);
      // The running sums (no layout) agree with gridLayout's own sizes.
      expect(plan.needs).toEqual(realNeeds(depths, plan.groups[0], copies, d));
    }
  });

  it('splits to fit tight limits: every cell once, every group fits by its real layout', () => {
    const depths = [1, 2, 4, 8, 16, 32].flatMap((depth) => [depth, depth, depth, depth]);
    const whole = realNeeds(
      depths,
      depths.map((_, i) => i),
    );
    // A third of the whole grid's bytes (but room for its deepest cell).
    const limits = { ...roomy, budgetBytes: Math.ceil(whole.bytes / 3) };
    const plan = splitGrid(depths, dims, 1, ROWS, limits);
    expect(plan.groups.length).toBeGreaterThanOrEqual(3);
    expect(plan.groups.flat().sort((a, b) => a - b)).toEqual(depths.map((_, i) => i));
    for (const g of plan.groups) expect(gridMisfit(realNeeds(depths, g), limits)).toBeNull();
    expect(plan.needs.bytes).toBe(Math.max(...plan.groups.map((g) => realNeeds(depths, g).bytes)));
    // First-fit decreasing: the deepest cells lead the first group, and shallow cells fill the room the
    // deep groups leave (a group's dispatches are set by its deepest cell, so they ride along for free).
    expect(Math.max(...plan.groups[0].map((c) => depths[c]))).toBe(32);
    expect(Math.min(...plan.groups[0].map((c) => depths[c]))).toBeLessThan(32);
    // Packed: a third of the bytes asks for 3 groups, and first-fit leaves at most one more.
    expect(plan.groups.length).toBeLessThanOrEqual(4);
  });

  it('puts a shallow cell in the first group with room, beside a deep one', () => {
    const depths = [10, 10, 1];
    // Room for a depth-10 cell and a depth-1 cell, not for two depth-10 cells.
    const limits = { ...roomy, budgetBytes: realNeeds(depths, [0, 2]).bytes };
    expect(realNeeds(depths, [0, 1]).bytes).toBeGreaterThan(limits.budgetBytes);
    expect(splitGrid(depths, dims, 1, ROWS, limits).groups).toEqual([[0, 2], [1]]);
  });

  it('splits on the largest binding too', () => {
    const depths = new Array(12).fill(3);
    // Room for the largest buffer of 4 of these cells, not 5.
    const limits = { ...roomy, maxStorageBufferBindingSize: realNeeds(depths, [0, 1, 2, 3], 0).maxBinding };
    const plan = splitGrid(depths, dims, 0, ROWS, limits);
    expect(plan.groups.map((g) => g.length)).toEqual([4, 4, 4]);
    expect(plan.needs.maxBinding).toBeLessThanOrEqual(limits.maxStorageBufferBindingSize);
  });

  it('refuses, with figures, when even one cell does not fit', () => {
    const depths = [2, 200, 4];
    const one = realNeeds(depths, [1]);
    const limits = { ...roomy, budgetBytes: one.bytes - 4 };
    expect(() => splitGrid(depths, dims, 1, ROWS, limits)).toThrow(GridTooLarge);
    expect(() => splitGrid(depths, dims, 1, ROWS, limits)).toThrow(
      `WebGPU cannot hold even one cell of this map: depth 200 needs ${formatGpuBytes(one.bytes)} of buffers, this GPU allows ${formatGpuBytes(one.bytes - 4)}`,
    );
    const narrow = { ...roomy, maxBufferSize: 1024 };
    expect(() => splitGrid(depths, dims, 1, ROWS, narrow)).toThrow(/a buffer of .*, this GPU allows 1 KiB/);
  });
});
