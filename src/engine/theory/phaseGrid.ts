// The phase diagram of one activation on a coarse (σ_w², σ_b²) grid, filled a few points at a time so a
// caller on the page's main thread can spread the work over frames (a chaotic point costs ~5–30 ms: the
// correlation map's fixed point needs a dozen double integrals). One grid per activation (and slope) is
// kept, so switching back is instant.
import type { Activation } from '../config';
import { type Phase, phasePoint } from './phase';

export const PHASE_CODES: readonly Phase[] = ['ordered', 'critical', 'chaotic', 'unbounded'];

export interface PhaseGrid {
  readonly act: Activation;
  readonly slope: number;
  /** σ_w² of each column, ascending. */
  readonly sw2: readonly number[];
  /** σ_b² of each row, ascending. */
  readonly sb2: readonly number[];
  /** Row-major [row · sw2.length + column]; NaN where not computed yet. */
  readonly chi1: Float64Array;
  readonly xiC: Float64Array;
  /** Index into PHASE_CODES. */
  readonly phase: Uint8Array;
  /** Points computed so far (in row-major order). */
  filled: number;
}

/**
 * σ_w² range per activation: wide enough to show the critical line at σ_b² ∈ [0, 0.5] (tanh 1 → 2.84,
 * ReLU 2, SiLU 2.8 → 2.0, GELU 2.35 → 1.96) with the chaotic side beyond it. Sigmoid has no critical line
 * (its non-zero mean keeps χ₁ < 1): its range shows where χ₁ stops improving.
 */
export function phaseSw2Max(act: Activation): number {
  if (act === 'sigmoid') return 32;
  if (act === 'silu' || act === 'gelu') return 6;
  return 4;
}

export const PHASE_SB2_MAX = 0.5;
export const PHASE_COLUMNS = 25;
export const PHASE_ROWS = 17;

function linspace(a: number, b: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
}

export function createPhaseGrid(
  act: Activation,
  slope: number,
  columns = PHASE_COLUMNS,
  rows = PHASE_ROWS,
): PhaseGrid {
  const n = columns * rows;
  return {
    act,
    slope,
    sw2: linspace(0, phaseSw2Max(act), columns),
    sb2: linspace(0, PHASE_SB2_MAX, rows),
    chi1: new Float64Array(n).fill(Number.NaN),
    xiC: new Float64Array(n).fill(Number.NaN),
    phase: new Uint8Array(n),
    filled: 0,
  };
}

/** Computes points until `budgetMs` has passed (at least one); returns true once the grid is complete. */
export function fillPhaseGrid(
  grid: PhaseGrid,
  budgetMs: number,
  now: () => number = () => performance.now(),
): boolean {
  const t0 = now();
  const nw = grid.sw2.length;
  const total = nw * grid.sb2.length;
  while (grid.filled < total) {
    const k = grid.filled;
    const p = phasePoint(grid.act, grid.slope, grid.sw2[k % nw], grid.sb2[Math.floor(k / nw)]);
    grid.chi1[k] = p.chi1;
    grid.xiC[k] = p.xiC;
    grid.phase[k] = PHASE_CODES.indexOf(p.phase);
    grid.filled = k + 1;
    if (now() - t0 >= budgetMs) break;
  }
  return grid.filled >= total;
}

const grids = new Map<string, PhaseGrid>();

/** The (possibly partly filled) grid of this activation; the same object on every call. */
export function phaseGridFor(act: Activation, slope: number): PhaseGrid {
  // Only leaky_relu reads the slope.
  const key = act === 'leaky_relu' ? `${act}:${slope}` : act;
  let g = grids.get(key);
  if (!g) {
    if (grids.size >= 16) grids.clear();
    g = createPhaseGrid(act, slope);
    grids.set(key, g);
  }
  return g;
}

/**
 * σ_w² where χ₁ crosses 1 in each row, by linear interpolation of χ₁ between the two columns around the
 * crossing (null where the row has none, or is not computed yet).
 */
export function criticalLine(grid: PhaseGrid): (number | null)[] {
  const nw = grid.sw2.length;
  return grid.sb2.map((_, r) => {
    for (let i = 0; i + 1 < nw; i++) {
      const a = grid.chi1[r * nw + i];
      const b = grid.chi1[r * nw + i + 1];
      if (Number.isNaN(a) || Number.isNaN(b)) return null;
      if (a === 1) return grid.sw2[i];
      if ((a - 1) * (b - 1) < 0) {
        const t = (1 - a) / (b - a);
        return grid.sw2[i] + t * (grid.sw2[i + 1] - grid.sw2[i]);
      }
    }
    return null;
  });
}
