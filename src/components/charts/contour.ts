// Marching squares: the line segments where a field sampled on a grid crosses a level, in grid
// coordinates (x = column, y = row, fractional along cell edges). Cells with a NaN corner are skipped.

export type Segment = [number, number, number, number];

/** field is row-major [row · nx + column]; +Infinity counts as above every level. */
export function contourSegments(field: ArrayLike<number>, nx: number, ny: number, level: number): Segment[] {
  const out: Segment[] = [];
  const at = (i: number, j: number) => field[j * nx + i];
  // Where along an edge from value a to value b the level falls (Infinity: at the finite end's side).
  const t = (a: number, b: number) => {
    if (!Number.isFinite(a)) return 1 - 1e-6;
    if (!Number.isFinite(b)) return 1e-6;
    return (level - a) / (b - a);
  };
  for (let j = 0; j + 1 < ny; j++) {
    for (let i = 0; i + 1 < nx; i++) {
      const v = [at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)];
      if (v.some(Number.isNaN)) continue;
      const above = v.map((x) => x > level);
      // Crossing points on the four edges: bottom (0–1), right (1–2), top (3–2), left (0–3).
      const pts: [number, number][] = [];
      if (above[0] !== above[1]) pts.push([i + t(v[0], v[1]), j]);
      if (above[1] !== above[2]) pts.push([i + 1, j + t(v[1], v[2])]);
      if (above[3] !== above[2]) pts.push([i + t(v[3], v[2]), j + 1]);
      if (above[0] !== above[3]) pts.push([i, j + t(v[0], v[3])]);
      // Two crossings: one segment; four (a saddle): pair them in edge order, a consistent choice.
      for (let k = 0; k + 1 < pts.length; k += 2) out.push([...pts[k], ...pts[k + 1]]);
    }
  }
  return out;
}
