// Downsampling for the SVG charts: recharts re-renders every point it gets, so a history of 1024 records
// is cut to a few hundred. Points are chosen, never averaged, so a tooltip shows a value that was recorded.

/** Most points per series handed to an SVG chart. */
export const MAX_POINTS = 300;

/**
 * Largest-Triangle-Three-Buckets (Steinarsson 2013): indices of `max` points (first and last included)
 * that keep the shape of y(x) — spikes survive where an even stride would step over them. Non-finite
 * values count as spikes (they are the events a reader must see).
 */
export function lttb(
  n: number,
  x: (i: number) => number,
  y: (i: number) => number,
  max = MAX_POINTS,
): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  if (max < 3) return max <= 1 ? [n - 1] : [0, n - 1];
  const out = [0];
  const every = (n - 2) / (max - 2);
  let a = 0;
  for (let b = 0; b < max - 2; b++) {
    const start = Math.floor(b * every) + 1;
    const end = Math.min(n - 1, Math.floor((b + 1) * every) + 1);
    // Average of the next bucket (the third corner of the triangle).
    const nStart = end;
    const nEnd = Math.min(n, Math.floor((b + 2) * every) + 1);
    let ax = 0;
    let ay = 0;
    let m = 0;
    for (let j = nStart; j < nEnd; j++) {
      const v = y(j);
      if (!Number.isFinite(v)) continue;
      ax += x(j);
      ay += v;
      m++;
    }
    if (m > 0) {
      ax /= m;
      ay /= m;
    } else {
      ax = x(n - 1);
      ay = y(n - 1);
    }
    const px = x(a);
    // After a non-finite pick, measure from the next bucket's level so the areas stay comparable.
    const py = Number.isFinite(y(a)) ? y(a) : ay;
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const v = y(j);
      const area = Number.isFinite(v)
        ? Math.abs((px - ax) * (v - py) - (px - x(j)) * (ay - py))
        : Number.POSITIVE_INFINITY;
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out.push(best);
    a = best;
  }
  out.push(n - 1);
  return out;
}
