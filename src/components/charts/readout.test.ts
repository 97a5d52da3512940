import { describe, expect, it } from 'vitest';
import { bandIndex, moveCell } from './readout';

describe('bandIndex', () => {
  it('maps a coordinate to its band and rejects points outside', () => {
    expect(bandIndex(10, 10, 100, 4)).toBe(0);
    expect(bandIndex(34.9, 10, 100, 4)).toBe(0);
    expect(bandIndex(35, 10, 100, 4)).toBe(1);
    expect(bandIndex(109.99, 10, 100, 4)).toBe(3);
    expect(bandIndex(110, 10, 100, 4)).toBe(-1);
    expect(bandIndex(9, 10, 100, 4)).toBe(-1);
    expect(bandIndex(50, 10, 0, 4)).toBe(-1);
  });
});

describe('moveCell', () => {
  const grid = { cols: 5, rows: 3 };
  it('starts at the newest column, first row, and clamps at the edges', () => {
    expect(moveCell(null, 'ArrowUp', grid)).toEqual({ col: 4, row: 0 });
    expect(moveCell({ col: 4, row: 2 }, 'ArrowRight', grid)).toEqual({ col: 4, row: 2 });
    expect(moveCell({ col: 0, row: 2 }, 'ArrowDown', grid)).toEqual({ col: 0, row: 2 });
    expect(moveCell({ col: 2, row: 1 }, 'Home', grid)).toEqual({ col: 0, row: 1 });
    expect(moveCell({ col: 2, row: 1 }, 'End', grid)).toEqual({ col: 4, row: 1 });
  });
  it('ignores other keys', () => {
    expect(moveCell({ col: 1, row: 1 }, 'a', grid)).toBeNull();
  });
});
