// A trainability map as CSV: one row per cell, with the theory of its σ_w² column.
import { csvNumber } from '../export/csv';
import type { MapCell } from './cell';

export const MAP_CSV_COLUMNS = ['sw2', 'depth', 'loss0', 'loss', 'accuracy', 'chi1', 'xi_c'] as const;

export function mapToCsv(
  sw2: readonly number[],
  cells: readonly (MapCell | null)[],
  theory: { chi1: readonly number[]; xi_c: readonly number[] } | null,
): string {
  const lines = [MAP_CSV_COLUMNS.join(',')];
  for (const c of cells) {
    if (!c) continue;
    const col = sw2.indexOf(c.sw2);
    const t = (a: readonly number[] | undefined) => csvNumber(col >= 0 ? a?.[col] : undefined);
    lines.push(
      [
        csvNumber(c.sw2),
        c.depth,
        csvNumber(c.loss0),
        csvNumber(c.loss),
        csvNumber(c.accuracy),
        t(theory?.chi1),
        t(theory?.xi_c),
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
