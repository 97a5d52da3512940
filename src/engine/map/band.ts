// Reading a trainability map the way Schoenholz et al. do: a cell is trainable when its training accuracy
// is at least halfway from chance to perfect, and each σ_w² column's band reaches its deepest such cell.
import type { MapCell } from './cell';

/** Accuracy halfway between chance (1/classes) and 1. */
export function trainableThreshold(classes: number): number {
  return (1 + 1 / classes) / 2;
}

/** Deepest trainable depth per σ_w² column (0 where no cell trained). */
export function deepestTrainable(
  sw2: readonly number[],
  cells: readonly (MapCell | null)[],
  classes: number,
): number[] {
  const thr = trainableThreshold(classes);
  return sw2.map((w) =>
    cells.reduce(
      (deepest, c) => (c && c.sw2 === w && c.accuracy >= thr && c.depth > deepest ? c.depth : deepest),
      0,
    ),
  );
}

/**
 * The check of the paper's picture, per column: the deepest trainable cell lies between ξ_c (or the
 * grid's deepest row where ξ_c is deeper) and 12 ξ_c.
 */
export function bandWithinTheory(
  deepest: readonly number[],
  xiC: readonly number[],
  maxDepth: number,
): boolean[] {
  return deepest.map((d, i) => d >= Math.min(xiC[i], maxDepth) && d <= 12 * xiC[i]);
}
