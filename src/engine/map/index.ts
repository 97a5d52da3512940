// Trainability maps (Schoenholz et al. 2017): a grid of σ_w² × depth, every cell a real training run.
import type { RunConfig } from '../config';
import type { Dataset } from '../data';
import { type MakeTrainer, type MapCell, trainCell } from './cell';
import type { MapAxes } from './axes';
import { mapTheory } from './theory';

export * from './axes';
export { type MakeTrainer, type MapCell, mapCellConfig, type Pace, trainCell } from './cell';
export { mapSigmaB2, mapTheory } from './theory';

export interface MapResult {
  axes: { sw2: number[]; depth: number[] };
  cells: MapCell[];
  theory: { chi1: number[]; xi_c: number[] };
}

/** Cells in training order: shallow rows first (they finish fast and show the band's shape early). */
export function cellOrder(axes: MapAxes): { sw2: number; depth: number }[] {
  const out: { sw2: number; depth: number }[] = [];
  for (const depth of axes.depth) for (const sw2 of axes.sw2) out.push({ sw2, depth });
  return out;
}

/** Trains every cell one after another; `onCell` sees each as it finishes; `stopped` ends it early. */
export async function runMap(
  base: RunConfig,
  dataset: Dataset,
  axes: MapAxes,
  steps: number,
  makeTrainer: MakeTrainer,
  onCell?: (cell: MapCell, done: number, total: number) => void,
  stopped?: () => boolean,
): Promise<MapResult> {
  const order = cellOrder(axes);
  const cells: MapCell[] = [];
  for (const { sw2, depth } of order) {
    if (stopped?.()) break;
    const cell = await trainCell(base, dataset, sw2, depth, steps, makeTrainer);
    cells.push(cell);
    onCell?.(cell, cells.length, order.length);
  }
  return { axes: { sw2: [...axes.sw2], depth: [...axes.depth] }, cells, theory: mapTheory(base, axes.sw2) };
}
export * from './link';
export { MAP_CSV_COLUMNS, mapToCsv } from './csv';
export { bandWithinTheory, deepestTrainable, trainableThreshold } from './band';
