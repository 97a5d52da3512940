// Kernel specs of the conv trainer's own small steps (convProgram.ts): the batch gather into the input
// maps and the head's global average pool both ways (the conv bias gradient comes out of the weight
// gradient's GEMM, conv_gemm.wgsl). The convolutions, pools and moments are convKernels.ts; the residual stream's statistics (after the pool) are here too; norms, φ, φ', the loss, the optimizer and the statistics are the MLP's.
import gapSrc from '../../shaders/conv_gap.wgsl?raw';
import gatherSrc from '../../shaders/conv_gather.wgsl?raw';
import streamStatsSrc from '../../shaders/conv_stream_stats.wgsl?raw';
import momentsSrc from '../../shaders/moments.wgsl?raw';
import nonFiniteSrc from '../../shaders/nonfinite.wgsl?raw';
import type { BindingKind, KernelSpec } from '../kernel';
import { EXTRA_WORDS } from '../statsLayout';
import { composeWgsl, wgslConstants } from '../wgsl';

/** Bindings: p (rows, row_len, idx_off), src, idx, dst. One thread per value (eltwiseGroups). */
export const GATHER_KERNEL: KernelSpec = {
  label: 'conv gather',
  code: gatherSrc,
  bindings: ['uniform', 'read-only-storage', 'read-only-storage', 'storage'],
};

/**
 * Bindings: p (rows, P, C, nf), src, dst, and with `nf` the stats block (a non-finite output posts order
 * p.nf: the residual stream's top gradient). Threads: rows·C (forward) or rows·P·C (backward).
 */
export function gapKernel(backward: boolean, nf = false): KernelSpec {
  const post = nf
    ? '@group(0) @binding(3) var<storage, read_write> flags: array<atomic<u32>>;\n' +
      'fn post_nf(v: f32) { if (is_nonfinite(v) && d.nf != NF_NONE) { atomicMin(&flags[NF_WORD], d.nf); } }\n'
    : 'fn post_nf(v: f32) {}\n';
  const bindings: BindingKind[] = ['uniform', 'read-only-storage', 'storage'];
  if (nf) bindings.push('storage');
  return {
    label: `${backward ? 'conv gap backward' : 'conv gap'}${nf ? ' nf' : ''}`,
    code: composeWgsl(wgslConstants({ BACKWARD: { bool: backward } }), nf ? nonFiniteSrc : '', gapSrc, post),
    bindings,
  };
}

/**
 * Bindings: p (count, layer), x, ∂L/∂x, block. One workgroup. `extraAt`: first word of the block's extra
 * region.
 */
export function streamStatsKernel(extraAt: number): KernelSpec {
  return {
    label: 'conv stream stats',
    code: composeWgsl(
      wgslConstants({ EXTRA_AT: { u32: extraAt }, EXTRA_WORDS: { u32: EXTRA_WORDS } }),
      momentsSrc,
      streamStatsSrc,
    ),
    bindings: ['uniform', 'read-only-storage', 'read-only-storage', 'storage'],
  };
}
