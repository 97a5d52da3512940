// Where everything of a network lives in GPU memory, from the sizes alone (pure: unit-tested, and used to
// tell the size of a network before allocating). Every tensor starts on a 64-float (256-byte) boundary:
// that is the storage binding offset alignment, so a layer's slice can be bound as its own range, and it
// keeps vec4 loads aligned.
export const ALIGN = 64;

/**
 * Reduction shapes per strategy. 'tiled' (hardware): an optimizer item is one workgroup's 256 × 16
 * elements (optimizer.wgsl ITEM) and a statistics chunk one workgroup's share; 'direct' (software): an
 * optimizer item and a statistics chunk belong to one thread (optimizer_direct.wgsl, stats_act_direct.wgsl).
 */
export const OPT_ITEM = { tiled: 4096, direct: 256 } as const;
export type ReductionStrategy = keyof typeof OPT_ITEM;

export const align = (n: number, a = ALIGN) => Math.ceil(n / a) * a;

export interface NetLayout {
  dims: readonly number[];
  /** Hidden layers. */
  L: number;
  /** Batch rows. */
  B: number;
  /** Classes. */
  C: number;
  /** Element offsets of W_i and b_i (Linear layer i, 0-based; L is the output layer) in the params buffer. */
  wOff: number[];
  bOff: number[];
  /** Elements of the params buffer (also of grads and of each optimizer state buffer). */
  paramElems: number;
  /** Elements between consecutive hidden layers in the z, h and δ buffers (≥ B × width). */
  actStride: number;
  actElems: number;
  /** Optimizer work items: (tensor, start, tensor offset, tensor end) per item, 4 u32 each. */
  items: Uint32Array;
  itemCount: number;
  /** (first item, item count) of each hidden layer's W. */
  layerItems: Uint32Array;
  /** stats_act chunking of one hidden layer's B × width values. */
  statsPerChunk: number;
  statsChunks: number;
}

export function netLayout(
  dims: readonly number[],
  batch: number,
  strategy: ReductionStrategy = 'tiled',
): NetLayout {
  const item = OPT_ITEM[strategy];
  const L = dims.length - 2;
  if (L < 1) throw new Error('netLayout: at least one hidden layer');
  const wOff: number[] = [];
  const bOff: number[] = [];
  let p = 0;
  for (let i = 0; i <= L; i++) {
    wOff.push(p);
    p += align(dims[i] * dims[i + 1]);
  }
  for (let i = 0; i <= L; i++) {
    bOff.push(p);
    p += align(dims[i + 1]);
  }
  const width = dims[1];
  for (let i = 1; i <= L; i++)
    if (dims[i] !== width) throw new Error('netLayout: hidden layers must share one width');
  const actStride = align(batch * width);
  // Optimizer items: W tensors 0..L, then bias tensors L+1..2L+1 (optimizer.wgsl relies on this order).
  const rows: number[] = [];
  const layerItems = new Uint32Array(2 * L);
  const tensors = [
    ...wOff.map((off, i) => ({ off, len: dims[i] * dims[i + 1] })),
    ...bOff.map((off, i) => ({ off, len: dims[i + 1] })),
  ];
  tensors.forEach(({ off, len }, t) => {
    if (t < L) layerItems.set([rows.length / 4, Math.ceil(len / item)], 2 * t);
    for (let s = 0; s < len; s += item) rows.push(t, s, off, off + len);
  });
  const count = batch * width;
  // At most 256 chunks per layer. tiled: a workgroup of 256 threads with at least 4 values each;
  // direct: a thread with at least 256 values.
  const statsPerChunk =
    strategy === 'tiled'
      ? 256 * Math.max(4, Math.ceil(count / (256 * 256)))
      : Math.ceil(count / Math.min(256, Math.ceil(count / 256)));
  return {
    dims,
    L,
    B: batch,
    C: dims[L + 1],
    wOff,
    bOff,
    paramElems: p,
    actStride,
    actElems: actStride * L,
    items: Uint32Array.from(rows),
    itemCount: rows.length / 4,
    layerItems,
    statsPerChunk,
    statsChunks: Math.ceil(count / statsPerChunk),
  };
}

/** A 1-D count of workgroups folded into 2-D when it passes the per-dimension limit. */
export function fold2d(groups: number, maxPerDim = 65535): [number, number] {
  if (groups <= maxPerDim) return [Math.max(1, groups), 1];
  const y = Math.ceil(groups / maxPerDim);
  return [Math.ceil(groups / y), y];
}
