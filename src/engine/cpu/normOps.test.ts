import { describe, expect, it } from 'vitest';
import { BN_MOMENTUM, createNormState, NORM_EPS, normForward } from './normOps';

const ROWS = 4;
const N = 3;
// Columns with different means and spreads, so per-feature and per-row statistics differ.
const v = Float64Array.from([1, 10, -2, 2, 14, -2, 4, 6, -3, 5, 10, 1]);

function col(a: ArrayLike<number>, j: number): number[] {
  return Array.from({ length: ROWS }, (_, r) => a[r * N + j]);
}
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const biasedVar = (xs: number[]) => mean(xs.map((x) => (x - mean(xs)) ** 2));

describe('normForward', () => {
  it('BatchNorm: each feature has batch mean 0 and biased variance 1/(1 + ε/σ²); running stats move by 0.1 with the unbiased variance', () => {
    const s = createNormState('batch', N, ROWS, true);
    const u = new Float64Array(ROWS * N);
    normForward(s, v, u, ROWS, N, 'train');
    for (let j = 0; j < N; j++) {
      const vj = col(v, j);
      const uj = col(u, j);
      expect(mean(uj)).toBeCloseTo(0, 12);
      expect(biasedVar(uj)).toBeCloseTo(biasedVar(vj) / (biasedVar(vj) + NORM_EPS), 12);
      expect(s.runMean[j]).toBeCloseTo(BN_MOMENTUM * mean(vj), 12);
      const unbiased = (biasedVar(vj) * ROWS) / (ROWS - 1);
      expect(s.runVar[j]).toBeCloseTo(1 - BN_MOMENTUM + BN_MOMENTUM * unbiased, 12);
    }
  });

  it('BatchNorm evaluates with the running statistics and leaves them alone', () => {
    const s = createNormState('batch', N, ROWS, true);
    s.runMean.set([1, 2, 3]);
    s.runVar.set([4, 9, 16]);
    s.gamma.set([2, 1, 0.5]);
    s.beta.set([0, 1, -1]);
    const u = new Float64Array(ROWS * N);
    normForward(s, v, u, ROWS, N, 'eval');
    for (let r = 0; r < ROWS; r++)
      for (let j = 0; j < N; j++) {
        const e = r * N + j;
        expect(u[e]).toBeCloseTo(
          (s.gamma[j] * (v[e] - s.runMean[j])) / Math.sqrt(s.runVar[j] + NORM_EPS) + s.beta[j],
          12,
        );
      }
    expect(Array.from(s.runMean)).toEqual([1, 2, 3]);
  });

  it('batchStats mode normalizes like training without moving the running statistics', () => {
    const s = createNormState('batch', N, ROWS, true);
    const u = new Float64Array(ROWS * N);
    normForward(s, v, u, ROWS, N, 'batchStats');
    expect(mean(col(u, 0))).toBeCloseTo(0, 12);
    expect(Array.from(s.runMean)).toEqual([0, 0, 0]);
    expect(Array.from(s.runVar)).toEqual([1, 1, 1]);
  });

  it('LayerNorm: each sample has mean 0 over its features, then γ and β per feature', () => {
    const s = createNormState('layer', N, ROWS, true);
    s.gamma.set([1, 2, 3]);
    s.beta.set([0.5, 0, -0.5]);
    const u = new Float64Array(ROWS * N);
    normForward(s, v, u, ROWS, N, 'train');
    for (let r = 0; r < ROWS; r++) {
      const row = Array.from(v.subarray(r * N, r * N + N));
      const m = mean(row);
      const inv = 1 / Math.sqrt(biasedVar(row) + NORM_EPS);
      for (let j = 0; j < N; j++)
        expect(u[r * N + j]).toBeCloseTo(s.gamma[j] * (row[j] - m) * inv + s.beta[j], 12);
    }
  });
});
