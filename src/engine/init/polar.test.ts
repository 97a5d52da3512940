import { describe, expect, it } from 'vitest';
import { fillStandardNormal } from '../rng/sample';
import { polarFactor } from './polar';

/** C = A·Bᵀ for A [r, k], B [c, k] row-major. */
function mulABt(a: Float64Array, b: Float64Array, r: number, c: number, k: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += a[i * k + t] * b[j * k + t];
      out[i * c + j] = s;
    }
  }
  return out;
}

function transpose(a: Float64Array, r: number, c: number): Float64Array {
  const t = new Float64Array(a.length);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) t[j * r + i] = a[i * c + j];
  return t;
}

function maxDevFromIdentity(a: Float64Array, n: number): number {
  let e = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) e = Math.max(e, Math.abs(a[i * n + j] - +(i === j)));
  return e;
}

/** Cholesky succeeds iff the symmetric matrix is positive definite. */
function isPositiveDefinite(a: Float64Array, n: number): boolean {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= l[j * n + k] ** 2;
    if (!(d > 0)) return false;
    l[j * n + j] = Math.sqrt(d);
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = s / l[j * n + j];
    }
  }
  return true;
}

/**
 * Checks P is THE polar factor of a wide G [m, n] (m ≤ n): P Pᵀ = I, H = G Pᵀ symmetric positive definite,
 * and H P = G. For full-rank G these three determine P uniquely.
 */
function checkWidePolar(g: Float64Array, p: Float64Array, m: number, n: number) {
  expect(maxDevFromIdentity(mulABt(p, p, m, m, n), m)).toBeLessThan(1e-11);
  const h = mulABt(g, p, m, m, n);
  let asym = 0;
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++) asym = Math.max(asym, Math.abs(h[i * m + j] - h[j * m + i]));
  expect(asym).toBeLessThan(1e-9);
  expect(isPositiveDefinite(h, m)).toBe(true);
  const hp = mulABt(h, transpose(p, m, n), m, n, m);
  let recon = 0;
  for (let i = 0; i < g.length; i++) recon = Math.max(recon, Math.abs(hp[i] - g[i]));
  expect(recon).toBeLessThan(1e-9);
}

function gaussian(rows: number, cols: number, seed: number): Float64Array {
  const g = new Float64Array(rows * cols);
  fillStandardNormal(g, seed, 0, 0);
  return g;
}

describe('polarFactor (Newton–Schulz, float64)', () => {
  it.each([
    [40, 70],
    [64, 64],
    [1, 9],
    [37, 38],
  ])('wide/square %i×%i: orthonormal rows, and it is the polar factor', (m, n) => {
    const g = gaussian(m, n, m * 1000 + n);
    const { p, residual, iterations } = polarFactor(g, m, n);
    expect(residual).toBeLessThan(1e-11);
    expect(iterations).toBeLessThan(100);
    checkWidePolar(g, p, m, n);
  });

  it('tall 70×40: orthonormal columns, and the transpose of the polar factor of Gᵀ', () => {
    const g = gaussian(70, 40, 3);
    const { p } = polarFactor(g, 70, 40);
    const pt = transpose(p, 70, 40);
    checkWidePolar(transpose(g, 70, 40), pt, 40, 70);
    expect(maxDevFromIdentity(mulABt(pt, pt, 40, 40, 70), 40)).toBeLessThan(1e-11);
  });

  it('agrees with the closed form for 2×2: (M + sign(det)·cof M)/√|det(M + sign(det)·cof M)|', () => {
    for (const [a, b, c, d] of [
      [1, 2, 3, 4],
      [0.3, -1.2, 0.7, 0.1],
      [5, 0.001, -0.002, 0.01],
    ]) {
      const s = Math.sign(a * d - b * c);
      const q = [a + s * d, b - s * c, c - s * b, d + s * a];
      const k = Math.sqrt(Math.abs(q[0] * q[3] - q[1] * q[2]));
      const { p } = polarFactor(Float64Array.from([a, b, c, d]), 2, 2);
      for (let i = 0; i < 4; i++) expect(p[i]).toBeCloseTo(q[i] / k, 12);
    }
  });

  it('converges for an ill-conditioned matrix (σ_min/σ_max ≈ 1e-6)', () => {
    const g = gaussian(20, 30, 9);
    // Make row 19 nearly a copy of row 0.
    for (let j = 0; j < 30; j++) g[19 * 30 + j] = g[j] + 1e-6 * g[19 * 30 + j];
    const { p, residual } = polarFactor(g, 20, 30);
    expect(residual).toBeLessThan(1e-11);
    checkWidePolar(g, p, 20, 30);
  });

  it('rejects a zero matrix and a shape mismatch', () => {
    expect(() => polarFactor(new Float64Array(6), 2, 3)).toThrow();
    expect(() => polarFactor(new Float64Array(5), 2, 3)).toThrow();
  });
});
