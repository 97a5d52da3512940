// Ticks and domains for the SVG charts, computed here (not by recharts) so recharts never measures tick
// text in the DOM (a forced layout per tick; it was most of the 100+ ms mount we measured before).
import { extent, linearTicks, logTicks } from './plot';

export interface AxisSpec {
  domain: [number, number];
  ticks: number[];
}

export function layerAxis(layers: number): AxisSpec {
  if (layers <= 1) return { domain: [0.5, 1.5], ticks: [1] };
  const ticks =
    layers <= 12
      ? Array.from({ length: layers }, (_, i) => i + 1)
      : linearTicks(1, layers, 6).filter((t) => Number.isInteger(t) && t >= 1);
  return { domain: [1, layers], ticks };
}

export function logAxis(lo: number, hi: number, fallback: [number, number] = [1e-3, 10]): AxisSpec {
  // Within a decade (a loss between 1.05 and 1.15), half-decade rounding would leave most of the plot
  // empty: pad by 15 % instead, and the ticks fall back to 1-2-5 or linear steps.
  const domain: [number, number] =
    lo > 0 && hi >= lo && hi / lo < 10 ? [lo / 1.15, hi * 1.15] : extent([lo, hi], true, fallback);
  const ticks = logTicks(domain[0], domain[1]);
  return { domain, ticks: ticks.filter((t) => t >= domain[0] * (1 - 1e-9) && t <= domain[1] * (1 + 1e-9)) };
}

export function linearAxis(lo: number, hi: number, count = 4): AxisSpec {
  const domain = extent([lo, hi], false, [0, 1]);
  return { domain, ticks: linearTicks(domain[0], domain[1], count) };
}

export function stepAxis(maxStep: number): AxisSpec {
  const hi = Math.max(1, maxStep);
  return { domain: [0, hi], ticks: linearTicks(0, hi, 5) };
}

/** Min and max of the finite numbers among rows[k] for the given keys (log: positive only), or null. */
export function valueRange(rows: readonly object[], keys: readonly string[]): [number, number] | null {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const r of rows)
    for (const k of keys) {
      const v = (r as Record<string, unknown>)[k];
      if (typeof v === 'number' && Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  return lo <= hi ? [lo, hi] : null;
}
