import { describe, expect, it } from 'vitest';
import { activationFns } from '../activations';
import { ACTIVATIONS } from '../config';
import { activateInPlace } from './activate';
import { gemmNT, rowSums, transpose } from './gemm';
import { lossAndGrad, softmaxRows } from './loss';

const fill = (n: number, k: number) => Float64Array.from({ length: n }, (_, i) => Math.sin(0.37 * i + k));

describe('gemmNT', () => {
  it('matches a naive A·Bᵀ + bias on awkward shapes', () => {
    for (const [M, N, K] of [
      [1, 1, 1],
      [3, 17, 5],
      [17, 3, 63],
      [65, 7, 2],
      [2, 129, 1],
      [5, 4, 3],
    ]) {
      const A = fill(M * K, 1);
      const B = fill(N * K, 2);
      const bias = fill(N, 3);
      for (const withBias of [true, false]) {
        const C = new Float64Array(M * N);
        gemmNT(A, B, C, M, N, K, withBias ? bias : null);
        for (let m = 0; m < M; m++)
          for (let n = 0; n < N; n++) {
            let s = withBias ? bias[n] : 0;
            for (let k = 0; k < K; k++) s += A[m * K + k] * B[n * K + k];
            expect(C[m * N + n]).toBeCloseTo(s, 12);
          }
      }
    }
  });

  it('rounds once into float32 storage', () => {
    const A = Float32Array.from([0.1, 0.2, 0.3]);
    const B = Float32Array.from([0.7, 0.11, 0.13]);
    const C = new Float32Array(1);
    gemmNT(A, B, C, 1, 1, 3, null);
    expect(C[0]).toBe(Math.fround(A[0] * B[0] + A[1] * B[1] + A[2] * B[2]));
  });

  it('transpose and rowSums', () => {
    const src = Float64Array.from([1, 2, 3, 4, 5, 6]); // [2, 3]
    const dst = new Float64Array(6);
    transpose(src, dst, 2, 3);
    expect(Array.from(dst)).toEqual([1, 4, 2, 5, 3, 6]);
    const sums = new Float64Array(2);
    rowSums(src, sums, 2, 3);
    expect(Array.from(sums)).toEqual([6, 15]);
  });
});

describe('activateInPlace', () => {
  it('computes exactly the φ and φ′ of activations.ts, and the sums of z and h', () => {
    const zs = Float64Array.from({ length: 801 }, (_, i) => -20 + i * 0.05);
    for (const act of ACTIVATIONS) {
      const { f, df } = activationFns(act, 0.2);
      const zh = zs.slice();
      const d = new Float64Array(zs.length);
      const sums = new Float64Array(2);
      activateInPlace(act, 0.2, zh, d, zs.length, sums);
      let sz = 0;
      let sh = 0;
      for (let i = 0; i < zs.length; i++) {
        expect(zh[i], `${act} φ(${zs[i]})`).toBe(f(zs[i]));
        expect(d[i], `${act} φ'(${zs[i]})`).toBeCloseTo(df(zs[i]), 14);
        sz += zs[i];
        sh += zh[i];
      }
      expect(sums[0]).toBeCloseTo(sz, 9);
      expect(sums[1]).toBeCloseTo(sh, 9);
    }
  });

  it('a non-finite z makes the sum non-finite', () => {
    for (const act of ACTIVATIONS) {
      const zh = Float32Array.from([1, Number.NaN, 2]);
      const sums = new Float64Array(2);
      activateInPlace(act, 0.01, zh, new Float32Array(3), 3, sums);
      expect(Number.isFinite(sums[0])).toBe(false);
    }
  });
});

describe('losses', () => {
  const logits = Float64Array.from([2, -1, 0.5, 0, 0, 3]); // 2 rows × 3 classes
  const y = Int32Array.from([0, 1]);

  it('cross-entropy: log-sum-exp loss, softmax − onehot gradient over the batch, argmax accuracy', () => {
    const grad = new Float64Array(6);
    const r = lossAndGrad('ce', logits, y, 2, 3, grad);
    const lse = (a: number[]) => Math.log(a.reduce((s, v) => s + Math.exp(v), 0));
    const expected = (lse([2, -1, 0.5]) - 2 + lse([0, 0, 3]) - 0) / 2;
    expect(r.loss).toBeCloseTo(expected, 12);
    expect(r.correct).toBe(1);
    expect(grad[0]).toBeCloseTo((Math.exp(2 - lse([2, -1, 0.5])) - 1) / 2, 12);
    expect(grad[4]).toBeCloseTo((Math.exp(0 - lse([0, 0, 3])) - 1) / 2, 12);
    // Stable for huge logits.
    const big = lossAndGrad('ce', Float64Array.from([1000, -1000]), Int32Array.from([1]), 1, 2, null);
    expect(big.loss).toBeCloseTo(2000, 9);
  });

  it('mse: torch mean over batch × classes against one-hot', () => {
    const grad = new Float64Array(6);
    const r = lossAndGrad('mse', logits, y, 2, 3, grad);
    const sq = (2 - 1) ** 2 + 1 + 0.25 + 0 + (0 - 1) ** 2 + 9;
    expect(r.loss).toBeCloseTo(sq / 6, 12);
    expect(grad[0]).toBeCloseTo((2 * (2 - 1)) / 6, 12);
    expect(grad[5]).toBeCloseTo((2 * 3) / 6, 12);
  });

  it('softmaxRows gives probabilities', () => {
    const out = new Float32Array(6);
    softmaxRows(logits, out, 2, 3);
    expect(out[0] + out[1] + out[2]).toBeCloseTo(1, 6);
    expect(out[5]).toBeGreaterThan(out[3]);
  });
});
