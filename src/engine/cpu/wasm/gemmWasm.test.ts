// The WebAssembly GEMM against its source and its reference: the committed binary is what gemm.wat
// assembles to, and every product, in every operand layout the engine uses, is bit-identical to the
// TypeScript gemmNT (the readable reference).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gemmNT } from '../gemm';
import { WasmArena, gemmScratchBytes } from './arena';
import { operand, values } from './gemmTestData';
import { assembleGemm, BINARY_MODULE_PATH, binaryModuleSource } from './assemble';
import { wasmGemmModule } from './wasmGemm';

const same = (a: Float32Array, b: Float32Array): boolean =>
  a.every((v, i) => v === b[i] || (Number.isNaN(v) && Number.isNaN(b[i])));

describe('WebAssembly SIMD GEMM', () => {
  it('gemmBinary.ts is what gemm.wat assembles to (npm run wasm:build)', async () => {
    const bytes = await assembleGemm();
    expect(readFileSync(BINARY_MODULE_PATH, 'utf8')).toBe(binaryModuleSource(bytes));
  });

  it('loads here (Node has WebAssembly SIMD)', () => {
    expect(wasmGemmModule()).not.toBeNull();
  });

  it('is bit-identical to gemmNT for every layout, with and without bias, on awkward shapes', () => {
    const shapes = [
      [1, 1, 1],
      [3, 17, 5],
      [17, 3, 63],
      [65, 7, 2],
      [2, 129, 1],
      [4, 4, 4],
      [64, 64, 64],
      [5, 9, 300],
    ];
    for (const [M, N, K] of shapes) {
      const A = values(M * K, M * 7 + K);
      const B = values(N * K, N * 11 + K);
      const bias = values(N, N);
      const floats = 8 * (M * K + N * K + M * N) + N; // 2 bias modes × 4 layouts × (A, B, C), then bias
      const arena = WasmArena.create(floats, 25, gemmScratchBytes(M, N, K))!;
      const biasBuf = arena.alloc(N);
      biasBuf.set(bias);
      for (const withBias of [true, false]) {
        const want = new Float32Array(M * N);
        gemmNT(A, B, want, M, N, K, withBias ? bias : null);
        for (const ta of [false, true])
          for (const tb of [false, true]) {
            const got = arena.alloc(M * N);
            arena.gemm(
              operand(arena, A, M, K, ta),
              operand(arena, B, N, K, tb),
              got,
              M,
              N,
              K,
              withBias ? biasBuf : null,
            );
            expect(
              same(got, want),
              `${M}×${N}×${K} bias ${withBias} A${ta ? 'ᵀ' : ''} B${tb ? 'ᵀ' : ''}`,
            ).toBe(true);
          }
      }
    }
  });

  it('propagates NaN and ∞ like the reference', () => {
    const M = 5;
    const N = 6;
    const K = 7;
    const A = values(M * K, 3);
    const B = values(N * K, 4);
    A[3] = Number.NaN;
    B[2 * K + 1] = Number.POSITIVE_INFINITY;
    const want = new Float32Array(M * N);
    gemmNT(A, B, want, M, N, K, null);
    const arena = WasmArena.create(2 * (M * K + N * K + M * N), 8, gemmScratchBytes(M, N, K))!;
    const got = arena.alloc(M * N);
    arena.gemm(operand(arena, A, M, K, false), operand(arena, B, N, K, false), got, M, N, K, null);
    expect(same(got, want)).toBe(true);
  });

  it('refuses more than it planned', () => {
    const arena = WasmArena.create(8, 1, gemmScratchBytes(4, 4, 4))!;
    arena.alloc(8);
    expect(() => arena.alloc(1)).toThrow(/planned/);
    const x = { data: arena.alloc(0), si: 1, sk: 1 };
    expect(() => arena.gemm(x, x, x.data, 8, 8, 8, null)).toThrow(/scratch/);
  });
});
