// The float32-accumulating WebAssembly gemm32 against its TypeScript reference (../gemm32.ts): every
// product, in every operand layout, with and without bias, accumulating or not, over ragged shapes (edge
// rows and columns, B read in place or packed), bit for bit.
import { describe, expect, it } from 'vitest';
import { gemm32 } from '../gemm32';
import { WasmArena, gemm32ScratchBytes } from './arena';
import { operand, values } from './gemmTestData';

const same = (a: Float32Array, b: Float32Array): boolean =>
  a.every((v, i) => Object.is(v, b[i]) || (Number.isNaN(v) && Number.isNaN(b[i])));

describe('WebAssembly SIMD gemm32 (float32 accumulation)', () => {
  it('is bit-identical to the TypeScript gemm32 for every layout, bias and accumulation, on ragged shapes', () => {
    const shapes = [
      [1, 1, 1],
      [3, 17, 5],
      [17, 3, 63],
      [65, 7, 2],
      [2, 129, 1],
      [4, 8, 4],
      [8, 16, 9],
      [13, 9, 144],
      [784, 16, 9],
      [16, 144, 200],
      [31, 23, 37],
    ];
    let checked = 0;
    for (const [M, N, K] of shapes) {
      const floats = 4 * (M * K + N * K) + 16 * M * N + N; // 4 layouts × (A, B), 16 results, bias
      const arena = WasmArena.create(floats, 64, gemm32ScratchBytes(M, N, K));
      expect(arena).not.toBeNull();
      if (!arena) return;
      const a = values(M * K, M * 7 + K);
      const b = values(N * K, N * 11 + K + 3);
      const bias = arena.alloc(N);
      bias.set(values(N, N + 99));
      const start = values(M * N, M + N + 5);
      for (const ta of [false, true])
        for (const tb of [false, true]) {
          const A = operand(arena, a, M, K, ta);
          const B = operand(arena, b, N, K, tb);
          for (const withBias of [false, true])
            for (const accumulate of [false, true]) {
              const C = arena.alloc(M * N);
              C.set(start);
              const ref = new Float32Array(start);
              arena.gemm32(A, B, C, M, N, K, withBias ? bias : null, accumulate);
              gemm32(A, B, ref, M, N, K, withBias ? bias : null, accumulate);
              expect(
                same(C, ref),
                `${M}×${N}×${K} ta=${ta} tb=${tb} bias=${withBias} acc=${accumulate}`,
              ).toBe(true);
              checked++;
            }
        }
    }
    expect(checked).toBe(shapes.length * 16);
  });

  it('differs from float64 accumulation (it really sums in float32)', () => {
    const K = 4096;
    const arena = WasmArena.create(2 * K + 64, 8, gemm32ScratchBytes(1, 1, K))!;
    const a = arena.alloc(K);
    const b = arena.alloc(K);
    a.set(values(K, 3));
    b.fill(1);
    const C = arena.alloc(1);
    arena.gemm32({ data: a, si: K, sk: 1 }, { data: b, si: K, sk: 1 }, C, 1, 1, K, null, false);
    let s64 = 0;
    for (let k = 0; k < K; k++) s64 += a[k];
    expect(C[0]).not.toBe(Math.fround(s64));
  });
});
