import { describe, expect, it } from 'vitest';
import { computeUnits } from '../matmulKernels';
import { convForm, convGemmDims, convGemmGroups } from './convKernels';
import { convTileCandidates, convTileGroups, pickConvTile, tileBytes } from './convTile';

const H200 = computeUnits({ vendor: 'nvidia' });
// The bench's conv row: 3×3 convolutions of 16 channels on 28×28 maps, batch 32 (first layer 1 → 16).
const ROW = { B: 32, S: 28, Cin: 16, Cout: 16, k: 3 };
const FIRST = { ...ROW, Cin: 1 };

describe('conv register tiles', () => {
  it('fit workgroup memory, and every thread loads whole vec4 of both operands per k-tile', () => {
    for (const n of [1, 16, 17, 32, 33, 64, 65, 1000])
      for (const c of convTileCandidates(n)) {
        expect(tileBytes(c)).toBeLessThanOrEqual(16384);
        const threads = c.wgx * c.wgy;
        expect(threads).toBeGreaterThanOrEqual(64);
        expect(threads).toBeLessThanOrEqual(256);
        // Loads of A and B per thread (conv_tile.wgsl's LA, LB), and rows / columns fixed per thread.
        expect(Number.isInteger((c.tk * c.t) / (4 * c.wgx))).toBe(true);
        expect(Number.isInteger((c.tk * c.t) / (4 * c.wgy))).toBe(true);
        expect(threads % ((c.wgy * c.t) / 4)).toBe(0);
        expect(threads % ((c.wgx * c.t) / 4)).toBe(0);
      }
  });

  it('on the conv row at 132 units: 64×16 blocks for the forward and input grad, single outputs for the weight grad', () => {
    for (const product of ['forward', 'inputGrad'] as const) {
      const form = convForm(product, ROW, 'tiled', H200);
      expect(form).toEqual({ t: 4, wgx: 4, wgy: 16, tk: 16 });
      const [gx, gy] = convGemmGroups(product, ROW, form);
      expect([gx, gy]).toEqual([1, 392]);
    }
    // Cout × Cin·k² = 16 × 144 outputs: even 16×64 blocks make 3 workgroups; one output per thread makes 9.
    expect(convForm('weightGrad', ROW, 'tiled', H200)).toBe('single');
    expect(convGemmGroups('weightGrad', ROW, 'single')).toEqual([9, 1]);
    expect(convGemmGroups('weightGrad', FIRST, 'single')).toEqual([1, 1]);
    expect(convForm('forward', ROW, 'direct', H200)).toBe('direct');
  });

  it('takes the largest block that still gives every unit a workgroup', () => {
    // 256 channels out, 64 = 8·8 maps, batch 64: 4096 × 256 outputs.
    const s = { B: 64, S: 8, Cin: 64, Cout: 256, k: 3 };
    const { M, N } = convGemmDims('forward', s);
    // 128×128 blocks: 2 × 32 = 64 workgroups, enough for a small GPU (≥ 32), not for 132 units.
    expect(pickConvTile(M, N)).toEqual({ t: 8, wgx: 16, wgy: 16, tk: 8 });
    const tile = pickConvTile(M, N, H200);
    expect(tile).toEqual({ t: 4, wgx: 16, wgy: 16, tk: 16 });
    if (tile === 'single') throw new Error('expected a tile');
    const [gx, gy] = convTileGroups(tile, M, N);
    expect(gx * gy).toBe(256);
    expect(pickConvTile(16, 9)).toBe('single');
  });
});
