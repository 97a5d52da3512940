// Kernel specs of the conv trainer's own small steps (convProgram.ts): the batch gather into the input
// maps, the head's global average pool both ways, and the conv bias gradient. The convolutions, pools and
// moments are convKernels.ts; norms, φ, φ', the loss, the optimizer and the statistics are the MLP's.
import biasGradSrc from '../../shaders/conv_bias_grad.wgsl?raw';
import gapSrc from '../../shaders/conv_gap.wgsl?raw';
import gatherSrc from '../../shaders/conv_gather.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { wgslConstants } from '../wgsl';

/** Bindings: p (rows, row_len, idx_off), src, idx, dst. One thread per value (eltwiseGroups). */
export const GATHER_KERNEL: KernelSpec = {
  label: 'conv gather',
  code: gatherSrc,
  bindings: ['uniform', 'read-only-storage', 'read-only-storage', 'storage'],
};

/** Bindings: p (rows, P, C), src, dst. Threads: rows·C (forward) or rows·P·C (backward). */
export function gapKernel(backward: boolean): KernelSpec {
  return {
    label: backward ? 'conv gap backward' : 'conv gap',
    code: wgslConstants({ BACKWARD: { bool: backward } }) + gapSrc,
    bindings: ['uniform', 'read-only-storage', 'storage'],
  };
}

/** Bindings: p (rows, C, grads_off), δ, grads. One workgroup per channel. */
export const BIAS_GRAD_KERNEL: KernelSpec = {
  label: 'conv bias grad',
  code: biasGradSrc,
  bindings: ['uniform', 'read-only-storage', 'storage'],
};
