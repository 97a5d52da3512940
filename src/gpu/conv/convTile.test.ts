import { describe, expect, it } from 'vitest';
import { computeUnits } from '../matmulKernels';
import { MAX_SPLITS } from '../splitK';
import { convForm, convGemmDims, convGemmGroups, convSplit } from './convKernels';
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

  it('on the conv row at 132 units: 64×16 blocks for the forward and input grad, single outputs split for the weight grad', () => {
    for (const product of ['forward', 'inputGrad'] as const) {
      const form = convForm(product, ROW, 'tiled', H200);
      expect(form).toEqual({ t: 4, wgx: 4, wgy: 16, tk: 16 });
      expect(convSplit(product, ROW, form, H200).splits).toBe(1);
      expect(convGemmGroups(product, ROW, form)).toEqual([1, 392, 1]);
    }
    // Cout × Cin·k² = 16 × 144 outputs: even 16×64 blocks make 3 workgroups, ×16 chunks at most = 48; one
    // output per thread makes 9, and 15 chunks of 1680 of the 25088 positions fill the 132 units.
    expect(convForm('weightGrad', ROW, 'tiled', H200)).toBe('single');
    const split = convSplit('weightGrad', ROW, 'single', H200);
    expect(split).toEqual({ splits: 15, chunk: 1680 });
    expect(convGemmGroups('weightGrad', ROW, 'single', split)).toEqual([9, 1, 15]);
    expect(convGemmGroups('weightGrad', ROW, 'single')).toEqual([9, 1, 1]);
    // The first layer (16 × 9 outputs): one workgroup, as many chunks as allowed.
    const first = convSplit('weightGrad', FIRST, 'single', H200);
    expect(first.splits).toBe(MAX_SPLITS);
    expect(convGemmGroups('weightGrad', FIRST, 'single', first)).toEqual([1, 1, MAX_SPLITS]);
    // Software adapters never split.
    expect(convForm('forward', ROW, 'direct', H200)).toBe('direct');
    expect(convSplit('weightGrad', ROW, 'direct', H200).splits).toBe(1);
    expect(convSplit('weightGrad', ROW, 'quad', H200).splits).toBe(1);
    // Nor does an output whose blocks already fill the GPU (≥ 32 on a small one: 512 × 9 in 16×16 tiles; 64 × 9 makes 4, split 8 ways).
    const wide = { ...ROW, Cout: 64, Cin: 1 };
    expect(convForm('weightGrad', wide, 'tiled')).toBe('single');
    expect(convSplit('weightGrad', wide, 'single', 16).splits).toBe(8);
    expect(convSplit('weightGrad', { ...wide, Cout: 512 }, 'single', 16).splits).toBe(1);
  });

  it('a weight grad takes a register tile with a split where that fills the GPU', () => {
    // 64 × 576 outputs over 8192 positions: 64×64 blocks make 9 workgroups, 15 chunks each make 135 ≥ 132,
    // where before the split 'single' (144 workgroups of one output per thread) was the only way.
    const s = { B: 32, S: 16, Cin: 64, Cout: 64, k: 3 };
    const form = convForm('weightGrad', s, 'tiled', H200);
    expect(form).toEqual({ t: 4, wgx: 16, wgy: 16, tk: 16 });
    const split = convSplit('weightGrad', s, form, H200);
    expect(split).toEqual({ splits: 15, chunk: 560 });
    expect(convGemmGroups('weightGrad', s, form, split)).toEqual([9, 1, 15]);
    // Unsplit, the forward's rule: no tile fills 132 units.
    const { M, N } = convGemmDims('weightGrad', s);
    expect(pickConvTile(M, N, H200)).toBe('single');
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
