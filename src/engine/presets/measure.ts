// Small measurements over stats records that the presets' claims are written in: per-layer series,
// end-to-end ratios and per-layer factors. Pure functions of StatsRecord, so the same claim runs in unit
// tests (CPU trainer), in e2e (window.initscope.records()) and on an exported JSON file.
import type { LayerStats, StatsRecord } from '../stats/types';

export type LayerPick = (l: LayerStats) => number;

export const actStd: LayerPick = (l) => l.act.std;
export const preStd: LayerPick = (l) => l.pre.std;
export const gradStd: LayerPick = (l) => l.grad.std;
export const weightStd: LayerPick = (l) => l.weight.std;
export const weightGradNorm: LayerPick = (l) => l.grad.weightGradNorm;
/** The residual stream's std (res = 1); NaN where the record has no stream, so a claim on it fails. */
export const streamStd: LayerPick = (l) => l.stream?.std ?? Number.NaN;
/** The normalization output's std (norm ≠ none); NaN without a norm. */
export const normStd: LayerPick = (l) => l.norm?.std ?? Number.NaN;

/** Geometric mean factor per layer over the layers from..to (1-based, inclusive): (x_to/x_from)^(1/(to−from)). */
export function factorBetween(r: StatsRecord, pick: LayerPick, from: number, to: number): number {
  const xs = series(r, pick);
  return (xs[to - 1] / xs[from - 1]) ** (1 / (to - from));
}

export function series(r: StatsRecord, pick: LayerPick): number[] {
  return r.layers.map(pick);
}

/** Last hidden layer's value over the first's. */
export function lastOverFirst(r: StatsRecord, pick: LayerPick): number {
  const xs = series(r, pick);
  return xs[xs.length - 1] / xs[0];
}

/** First hidden layer's value over the last's (how a backward signal changes on its way to the input). */
export function firstOverLast(r: StatsRecord, pick: LayerPick): number {
  return 1 / lastOverFirst(r, pick);
}

/** Geometric mean factor per layer from the first hidden layer to the last: (last/first)^(1/(L−1)). */
export function perLayerFactor(r: StatsRecord, pick: LayerPick): number {
  const n = r.layers.length;
  return n < 2 ? 1 : lastOverFirst(r, pick) ** (1 / (n - 1));
}

/** Largest over smallest value across layers (1 = perfectly flat profile). */
export function spread(r: StatsRecord, pick: LayerPick): number {
  const xs = series(r, pick);
  return Math.max(...xs) / Math.min(...xs);
}

/** Standard deviation of log(x_{ℓ+1}/x_ℓ) across layers: how jagged a depth profile is. */
export function logStepJitter(r: StatsRecord, pick: LayerPick): number {
  const xs = series(r, pick);
  const steps: number[] = [];
  for (let i = 1; i < xs.length; i++) steps.push(Math.log(xs[i] / xs[i - 1]));
  if (steps.length === 0) return 0;
  const m = steps.reduce((s, v) => s + v, 0) / steps.length;
  return Math.sqrt(steps.reduce((s, v) => s + (v - m) ** 2, 0) / steps.length);
}

/** A number for a claim's `measured` text: 3 significant digits, exponent form when tiny or huge. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? x.toExponential(2) : String(Number(x.toPrecision(3)));
}

/** True when the record or anything in it is not finite. */
export function hasNonFinite(r: StatsRecord): boolean {
  if (r.nonFinite) return true;
  if (!Number.isFinite(r.loss)) return true;
  return r.layers.some((l) => !Number.isFinite(l.act.std) || !Number.isFinite(l.grad.std));
}
