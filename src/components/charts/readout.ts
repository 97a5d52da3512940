// Hover readouts for the canvas charts: a chart's draw function returns the grid it drew (cells of
// layer × step, layer × bin, or x × y), and the readout maps the pointer or the keyboard's cursor to a cell
// and the value drawn there.

export interface Cell {
  col: number;
  row: number;
}

export interface ReadoutGrid {
  cols: number;
  rows: number;
  /** The cell under a point in the canvas's CSS pixels, or null outside the plot. */
  cellAt(x: number, y: number): Cell | null;
  /** A cell's box in CSS pixels: outlined under the cursor, and where the readout is placed. */
  rect(cell: Cell): { x: number; y: number; w: number; h: number };
  /** What the cell shows, in words with exact values. */
  text(cell: Cell): string;
  /** The hidden layer (1-based) a row shows, for linked layers; absent when rows are not layers. */
  layerOf?(row: number): number;
  /** The row that shows a layer, or -1. */
  rowOf?(layer: number): number;
}

/** Cell index of coordinate v in [start, start + size) divided into n equal parts, or -1 outside. */
export function bandIndex(v: number, start: number, size: number, n: number): number {
  if (!(size > 0) || n <= 0 || v < start || v >= start + size) return -1;
  return Math.min(n - 1, Math.floor(((v - start) / size) * n));
}

/** The cursor after an arrow key (or Home/End), clamped to the grid; null for other keys. */
export function moveCell(
  cell: Cell | null,
  key: string,
  grid: Pick<ReadoutGrid, 'cols' | 'rows'>,
): Cell | null {
  const c = cell ?? { col: grid.cols - 1, row: 0 };
  const clamp = (v: number, n: number) => Math.max(0, Math.min(n - 1, v));
  switch (key) {
    case 'ArrowLeft':
      return { ...c, col: clamp(c.col - 1, grid.cols) };
    case 'ArrowRight':
      return { ...c, col: clamp(c.col + 1, grid.cols) };
    case 'ArrowUp':
      return { ...c, row: clamp(c.row - 1, grid.rows) };
    case 'ArrowDown':
      return { ...c, row: clamp(c.row + 1, grid.rows) };
    case 'Home':
      return { ...c, col: 0 };
    case 'End':
      return { ...c, col: grid.cols - 1 };
    default:
      return null;
  }
}
