import { describe, expect, it } from 'vitest';
import { singularValues } from './svd';

/** Q·diag(s)·Pᵀ with Q, P products of random plane rotations (orthogonal, exactly known spectrum). */
function withSpectrum(s: number[], rows: number, cols: number, seed: number): Float64Array {
  let r = seed;
  const rand = () => {
    r = (r * 1103515245 + 12345) % 2147483648;
    return r / 2147483648;
  };
  const A = new Float64Array(rows * cols);
  s.forEach((v, i) => {
    A[i * cols + i] = v;
  });
  const rotate = (n: number, apply: (p: number, q: number, c: number, sn: number) => void) => {
    for (let k = 0; k < 4 * n * n; k++) {
      const p = Math.floor(rand() * n);
      const q = Math.floor(rand() * n);
      if (p === q) continue;
      const t = 2 * Math.PI * rand();
      apply(p, q, Math.cos(t), Math.sin(t));
    }
  };
  // Rows (left factor).
  rotate(rows, (p, q, c, sn) => {
    for (let j = 0; j < cols; j++) {
      const a = A[p * cols + j];
      const b = A[q * cols + j];
      A[p * cols + j] = c * a - sn * b;
      A[q * cols + j] = sn * a + c * b;
    }
  });
  // Columns (right factor).
  rotate(cols, (p, q, c, sn) => {
    for (let i = 0; i < rows; i++) {
      const a = A[i * cols + p];
      const b = A[i * cols + q];
      A[i * cols + p] = c * a - sn * b;
      A[i * cols + q] = sn * a + c * b;
    }
  });
  return A;
}

describe('singularValues (one-sided Jacobi)', () => {
  it('gives the known values of small matrices', () => {
    // AᵀA = [[25, 20], [20, 25]]: eigenvalues 45 and 5.
    const sv = singularValues([3, 0, 4, 5], 2, 2);
    expect(sv[0]).toBeCloseTo(Math.sqrt(45), 14);
    expect(sv[1]).toBeCloseTo(Math.sqrt(5), 14);
    expect(Array.from(singularValues([0, 0, 0, 0, 0, -7], 3, 2))).toEqual([7, 0]);
    expect(Array.from(singularValues([1, 1, 1, 1], 1, 4))).toEqual([2]);
  });

  it('recovers a spectrum spanning 11 orders of magnitude (error ≤ 1e−12 of the largest), tall and wide', () => {
    const s = [1e3, 50, 3, 1, 0.2, 1e-3, 1e-6, 1e-8];
    for (const [rows, cols] of [
      [12, 8],
      [8, 8],
    ]) {
      const sv = singularValues(withSpectrum(s, rows, cols, 7), rows, cols);
      // Building A rounds it by ~1e−16 of its norm, which bounds any method's absolute error.
      s.forEach((v, i) => {
        expect(Math.abs(sv[i] - v)).toBeLessThan(1e-12 * s[0]);
      });
    }
    // The transpose has the same singular values.
    const A = withSpectrum(s, 12, 8, 3);
    const T = new Float64Array(96);
    for (let i = 0; i < 12; i++) for (let j = 0; j < 8; j++) T[j * 12 + i] = A[i * 8 + j];
    const a = singularValues(A, 12, 8);
    const t = singularValues(T, 8, 12);
    a.forEach((v, i) => {
      expect(Math.abs(t[i] - v)).toBeLessThan(1e-12 * s[0]);
    });
  });

  it('rejects bad shapes and non-finite entries with a message', () => {
    expect(() => singularValues([1, 2, 3], 2, 2)).toThrow(/3 entries for a 2×2/);
    expect(() => singularValues([1, Number.NaN], 1, 2)).toThrow(/non-finite/);
    expect(() => singularValues([], 0, 0)).toThrow(/bad shape/);
  });
});
