import { describe, expect, it } from 'vitest';
import { scaledNormalAt, uniformAt } from '../rng/sample';
import { STREAM } from '../rng/streams';
import { fillSparse, kthSmallest } from './sparse';

describe('fillSparse', () => {
  const rows = 293;
  const cols = 353;
  const zeros = 30; // ceil(0.1 · 293)
  const std = 0.05;
  const seed = 12;
  const layer = 3;
  const w = new Float32Array(rows * cols);
  fillSparse(w, rows, cols, zeros, std, seed, layer);

  it('zeroes exactly `zeros` entries in every column: those with the smallest mask keys', () => {
    for (let j = 0; j < cols; j++) {
      let count = 0;
      for (let i = 0; i < rows; i++) if (w[i * cols + j] === 0) count++;
      expect(count).toBe(zeros);
      if (j % 4 !== 0) continue;
      // Independent reference on every 4th column: rank rows by (uniformAt key, row) with a comparison sort.
      const order = Array.from({ length: rows }, (_, i) => i);
      const key = order.map((i) => uniformAt(seed, i * cols + j, layer, STREAM.sparseMask));
      order.sort((a, b) => key[a] - key[b] || a - b);
      const want = new Set(order.slice(0, zeros));
      for (let i = 0; i < rows; i++) {
        if ((w[i * cols + j] === 0) !== want.has(i)) throw new Error(`column ${j}, row ${i} is wrong`);
      }
    }
  });

  it('keeps N(0, std²) weight-stream samples elsewhere, with the right std', () => {
    let s2 = 0;
    let n = 0;
    for (let idx = 0; idx < w.length; idx++) {
      if (w[idx] === 0) continue;
      if (idx % 997 === 0) expect(w[idx]).toBe(scaledNormalAt(seed, idx, layer, STREAM.weight, std));
      s2 += w[idx] * w[idx];
      n++;
    }
    expect(n).toBe((rows - zeros) * cols);
    expect(Math.abs(Math.sqrt(s2 / n) / std - 1)).toBeLessThan(0.01);
  });

  it('handles 0 zeros and all-zero columns', () => {
    const none = new Float32Array(6 * 4);
    fillSparse(none, 6, 4, 0, 1, 1, 0);
    expect(none.every((v) => v !== 0)).toBe(true);
    const all = new Float32Array(6 * 4);
    fillSparse(all, 6, 4, 6, 1, 1, 0);
    expect(all.every((v) => v === 0)).toBe(true);
  });
});

describe('kthSmallest', () => {
  it('agrees with sorting', () => {
    let x = 99;
    for (const len of [1, 2, 3, 10, 101, 1000]) {
      const vals = Array.from({ length: len }, (_, i) => {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        return (x >>> 8) * len + i; // distinct
      });
      const sorted = [...vals].sort((a, b) => a - b);
      for (const k of [0, len >> 1, len - 1]) {
        expect(kthSmallest(Float64Array.from(vals), k)).toBe(sorted[k]);
      }
    }
  });
});
