// The float32 engine's patch matrix in (ky, kx, c) column order: the PyTorch-order im2col with its columns
// permuted (and its adjoint likewise), and the WebAssembly versions give the same bits as the TypeScript ones.
import { describe, expect, it } from 'vitest';
import { WasmArena } from '../wasm/arena';
import { col2imAdd, col2imAddHWC, im2col, im2colHWC, permuteKernel } from './im2col';

function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 2 ** 32 - 0.5) * 2 ** ((s % 7) - 3);
  }
  return out;
}

const CASES = [
  { side: 5, C: 1, k: 3 },
  { side: 7, C: 3, k: 5 },
  { side: 4, C: 16, k: 3 },
  { side: 9, C: 6, k: 7 },
  { side: 3, C: 5, k: 1 },
  { side: 2, C: 2, k: 5 },
];

describe('im2col in (ky, kx, c) order', () => {
  for (const { side, C, k } of CASES)
    it(`side ${side}, C ${C}, k ${k}`, () => {
      const P = side * side;
      const K = C * k * k;
      const x = values(2 * P * C, side * 31 + C * 7 + k);
      const torch = new Float32Array(P * K);
      im2col(x, P * C, side, C, k, torch);
      const hwc = new Float32Array(P * K);
      im2colHWC(x, P * C, side, C, k, hwc);
      // Each row of the HWC matrix is the PyTorch row permuted like a kernel.
      const back = new Float32Array(P * K);
      permuteKernel(hwc, back, P, C, k * k, true);
      expect(back).toEqual(torch);

      const arena = WasmArena.create(2 * P * C + 3 * P * K + 2 * P * C, 8, 0)!;
      const ax = arena.alloc(2 * P * C);
      ax.set(x);
      const acol = arena.alloc(P * K).fill(Number.NaN);
      arena.im2colHWC(ax, P * C, side, C, k, acol);
      expect(acol).toEqual(hwc);

      // Adjoint: same additions in the same order.
      const dcol = values(P * K, k * 3 + side);
      const dx = values(2 * P * C, 5);
      const want = new Float32Array(dx);
      col2imAddHWC(dcol, side, C, k, want, P * C);
      const adcol = arena.alloc(P * K);
      adcol.set(dcol);
      const adx = arena.alloc(2 * P * C);
      adx.set(dx);
      arena.col2imAddHWC(adcol, side, C, k, adx, P * C);
      expect(adx).toEqual(want);
      // …and it is the adjoint of the PyTorch order's, up to float32 rounding of the sums' order.
      const dTorch = new Float32Array(P * K);
      permuteKernel(dcol, dTorch, P, C, k * k, true);
      const ref = new Float64Array(dx);
      col2imAdd(new Float64Array(dTorch), side, C, k, ref, P * C);
      for (let i = 0; i < want.length; i++)
        expect(Math.abs(want[i] - ref[i])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(ref[i])));
    });
});
