// Standardization with training statistics: every split is shifted and scaled by the TRAIN mean/std, so
// the test split sees exactly the transform the network was trained under.

/** Per-feature mean and population std of x [n, d]. A constant feature gets std 1 (left unscaled). */
export function featureStats(x: Float32Array, n: number, d: number): { mean: number[]; std: number[] } {
  const mean = new Array<number>(d).fill(0);
  const sq = new Array<number>(d).fill(0);
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) mean[j] += x[r * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  for (let r = 0; r < n; r++)
    for (let j = 0; j < d; j++) {
      const c = x[r * d + j] - mean[j];
      sq[j] += c * c;
    }
  const std = sq.map((s) => (s > 0 ? Math.sqrt(s / n) : 1));
  return { mean, std };
}

/** In place: x[r, j] = (x[r, j] − mean[j]) / std[j]. */
export function applyStandardization(
  x: Float32Array,
  d: number,
  norm: { mean: number[]; std: number[] },
): void {
  for (let e = 0; e < x.length; e++) {
    const j = e % d;
    x[e] = (x[e] - norm.mean[j]) / norm.std[j];
  }
}

/** mean(x²) over all entries. */
export function meanSquare(x: Float32Array): number {
  let s = 0;
  for (let e = 0; e < x.length; e++) s += x[e] * x[e];
  return x.length > 0 ? s / x.length : 0;
}
