// Split-K for weight gradients on hardware GPUs. A weight gradient's output is small next to its reduction
// (∂W of a Linear layer: out × in outputs, each a sum over the batch rows; of a convolution: Cout × Cin·k²,
// each a sum over B·S² positions), so its blocks alone can leave most of a big GPU's compute units idle (a
// 1024 × 1024 ∂W in 128 × 128 blocks: 64 workgroups for an H200's 132 SMs). Split, the reduction is cut into
// `splits` chunks of `chunk` rows; each chunk's workgroups write their partial sums into their own slice of
// a partials buffer, and split_reduce.wgsl adds the slices in order into the gradients: one more dispatch.
// Each output is then a sum of per-chunk sums, not one chain, so it differs from the unsplit kernel in the
// last bits (within the parity tolerance); without a split the kernels are unchanged, bit for bit.
import reduceSrc from '../shaders/split_reduce.wgsl?raw';
import type { UniformArena } from './buffers';
import { type BindingResource, bindGroup, type Dispatch, type KernelCache, type KernelSpec } from './kernel';
import { eltwiseGroups } from './normKernels';

export interface SplitK {
  /** Chunks of the reduction (1: not split). */
  splits: number;
  /** Reduction rows per chunk, a multiple of the kernel's k step; the last chunk may be shorter. */
  chunk: number;
}

/** Fewest reduction rows a chunk gets: below this a workgroup's loads and its slice cost more than its sums. */
export const MIN_CHUNK = 256;
/** Most chunks: each adds a slice of partials (memory) and a term to every output's final sum. */
export const MAX_SPLITS = 16;

export const NO_SPLIT = (K: number): SplitK => ({ splits: 1, chunk: K });

/**
 * How to split a reduction of length K whose output gives `groups` workgroups, when the same dispatch has
 * `others` workgroups of another product (the merged backward's input gradient): enough chunks that the
 * dispatch has at least one workgroup per compute unit (and ≥ 32, pickTile's rule), no chunk under
 * MIN_CHUNK rows, at most MAX_SPLITS. `step` is the kernel's k depth per tile: chunks are multiples of it,
 * so only the last chunk's last tile reads past K (zeros, as unsplit).
 */
export function pickSplit(groups: number, others: number, K: number, units: number, step: number): SplitK {
  const want = Math.max(32, units);
  if (groups + others >= want || groups === 0) return NO_SPLIT(K);
  const splits = Math.min(Math.ceil((want - others) / groups), Math.floor(K / MIN_CHUNK), MAX_SPLITS);
  if (splits <= 1) return NO_SPLIT(K);
  const chunk = Math.ceil(Math.ceil(K / splits) / step) * step;
  return { splits: Math.ceil(K / chunk), chunk };
}

/** Elements of one slice: the ∂W partials, then the ∂b partials, rounded up to whole vec4. */
export function sliceStride(wCount: number, bCount: number): number {
  return Math.ceil((wCount + bCount) / 4) * 4;
}

/** Elements of the partials buffer a split needs (0 without a split). */
export function partialElems(split: SplitK, wCount: number, bCount: number): number {
  return split.splits > 1 ? split.splits * sliceStride(wCount, bCount) : 0;
}

/** Bindings: p (splitReduceWords), partials, grads. Grid: splitReduceGroups. */
export const SPLIT_REDUCE_KERNEL: KernelSpec = {
  label: 'split-K reduce',
  code: reduceSrc,
  bindings: ['uniform', 'read-only-storage', 'storage'],
};

/** Where a split's sums go: ∂W (wCount elements at wOff) and ∂b (bCount at bOff; 0 when none). */
export interface SplitTarget {
  wCount: number;
  bCount: number;
  wOff: number;
  bOff: number;
}

export function splitReduceGroups(t: SplitTarget, maxPerDim = 65535): [number, number] {
  return eltwiseGroups(t.wCount + t.bCount, maxPerDim);
}

/** The reduce's uniform: counts, splits, slice stride, destinations, threads per grid row. */
export function splitReduceWords(split: SplitK, t: SplitTarget, maxPerDim = 65535): number[] {
  const [x] = splitReduceGroups(t, maxPerDim);
  return [t.wCount, t.bCount, split.splits, sliceStride(t.wCount, t.bCount), t.wOff, t.bOff, x * 64, 0];
}

/** The reduce after a split kernel: the slices in `partials` summed into `grads` at the target's offsets. */
export function splitReduceDispatch(
  device: GPUDevice,
  kernels: KernelCache,
  uniforms: UniformArena,
  split: SplitK,
  target: SplitTarget,
  partials: BindingResource,
  grads: BindingResource,
  label: string,
  maxPerDim = 65535,
): Dispatch {
  const kernel = kernels.get(SPLIT_REDUCE_KERNEL);
  const res = [uniforms.alloc(splitReduceWords(split, target, maxPerDim)), partials, grads];
  return {
    kernel,
    bind: bindGroup(device, kernel, res, label),
    groups: splitReduceGroups(target, maxPerDim),
  };
}

/** Where a split kernel's slices put ∂W (from 0) and ∂b (after it), in place of the gradients' offsets. */
export function sliceOffsets(wCount: number): { gwOff: number; gbOff: number } {
  return { gwOff: 0, gbOff: wCount };
}
