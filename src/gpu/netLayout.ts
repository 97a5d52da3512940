// Where everything of a network lives in GPU memory, from the sizes alone (pure: unit-tested, and used to
// tell the size of a network before allocating). Every tensor starts on a 64-float (256-byte) boundary:
// that is the storage binding offset alignment, so a layer's slice can be bound as its own range, and it
// keeps vec4 loads aligned.
import { paramTensors } from '../engine/graph';
import type { NetworkGraph, NormType, ParamTensor } from '../engine/graph';
export const ALIGN = 64;

/**
 * Reduction shapes per strategy. 'tiled' (hardware): an optimizer item is one workgroup's 256 × 16
 * elements (optimizer.wgsl ITEM) and a statistics chunk one workgroup's share; 'direct' (software): an
 * optimizer item and a statistics chunk belong to one thread (optimizer_direct.wgsl, stats_act_direct.wgsl).
 */
export const OPT_ITEM = { tiled: 4096, direct: 256 } as const;
export type ReductionStrategy = keyof typeof OPT_ITEM;

export const align = (n: number, a = ALIGN) => Math.ceil(n / a) * a;

/**
 * What a network has beyond the plain MLP (docs/LAYERS.md), from its NetworkGraph: the normalization of
 * every hidden layer and whether layers 2..L are residual blocks (with a trained α under ReZero).
 */
export interface LayoutExtras {
  norm: NormType | null;
  residual: boolean;
  rezero: boolean;
}

export interface NetLayout {
  dims: readonly number[];
  /** Normalization / residual blocks (all off for the plain MLP). */
  ext: LayoutExtras;
  /** Element offsets of γ^ℓ, β^ℓ per hidden layer (0-based; empty without norm) in the params buffer. */
  gammaOff: number[];
  betaOff: number[];
  /** Element offset of α of hidden layer i (0-based; −1 where α is not trained: layer 0, or no ReZero). */
  alphaOff: number[];
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
  /** stats_act chunking of one hidden layer's B × width values (conv: of the largest layer's). */
  statsPerChunk: number;
  statsChunks: number;
  /**
   * Conv networks (gpu/conv/convLayout.ts): per hidden layer the values per sample of z, h, δ (before
   * any pool), of what it hands upward (after its pool), and its weights. Absent: the MLP's dims say it.
   */
  perLayer?: { units: number[]; outUnits: number[]; weights: number[] };
}

export const PLAIN: LayoutExtras = Object.freeze({ norm: null, residual: false, rezero: false });

export function netLayout(
  dims: readonly number[],
  batch: number,
  strategy: ReductionStrategy = 'tiled',
  ext: LayoutExtras = PLAIN,
): NetLayout {
  const item = OPT_ITEM[strategy];
  const L = dims.length - 2;
  if (L < 1) throw new Error('netLayout: at least one hidden layer');
  const width = dims[1];
  for (let i = 1; i <= L; i++)
    if (dims[i] !== width) throw new Error('netLayout: hidden layers must share one width');
  // Every trained tensor in the graph's order (docs/LAYERS.md#parameters): W¹…W^{L+1}, b¹…b^{L+1}, then
  // γ, β, α. The optimizer's items follow it (optimizer.wgsl relies on W tensors being 0..L).
  const graph: NetworkGraph = {
    inDim: dims[0],
    classes: dims[L + 1],
    width,
    hidden: [],
    head: { kind: 'linear', in: width, out: dims[L + 1] },
    ...ext,
  };
  const list = paramTensors({
    ...graph,
    hidden: Array.from({ length: L }, (_, i) => ({ layer: i + 1, ops: [] })),
  });
  const packed = packParams(list, L, item);
  const { wOff, bOff, gammaOff, betaOff, alphaOff, layerItems } = packed;
  const actStride = align(batch * width);
  return {
    dims,
    ext,
    gammaOff,
    betaOff,
    alphaOff,
    L,
    B: batch,
    C: dims[L + 1],
    wOff,
    bOff,
    paramElems: packed.paramElems,
    actStride,
    actElems: actStride * L,
    items: packed.items,
    itemCount: packed.itemCount,
    layerItems,
    ...statsChunking(batch * width, strategy),
  };
}

/**
 * Offsets of every trained tensor in the packed params buffer (each on an ALIGN boundary, in `list`'s
 * order) and the optimizer's work items: (tensor, start, tensor offset, tensor end) per item, 4 u32 each.
 */
export function packParams(list: readonly ParamTensor[], L: number, item: number) {
  const wOff: number[] = [];
  const bOff: number[] = [];
  const gammaOff: number[] = [];
  const betaOff: number[] = [];
  const alphaOff: number[] = new Array(L).fill(-1);
  const tensors: { off: number; len: number }[] = [];
  let p = 0;
  for (const t of list) {
    const off = p;
    p += align(t.size);
    tensors.push({ off, len: t.size });
    if (t.name === 'W') wOff.push(off);
    else if (t.name === 'b') bOff.push(off);
    else if (t.name === 'gamma') gammaOff.push(off);
    else if (t.name === 'beta') betaOff.push(off);
    else alphaOff[t.layer - 1] = off;
  }
  const rows: number[] = [];
  const layerItems = new Uint32Array(2 * L);
  tensors.forEach(({ off, len }, t) => {
    if (t < L) layerItems.set([rows.length / 4, Math.ceil(len / item)], 2 * t);
    for (let s = 0; s < len; s += item) rows.push(t, s, off, off + len);
  });
  const items = Uint32Array.from(rows);
  return {
    wOff,
    bOff,
    gammaOff,
    betaOff,
    alphaOff,
    paramElems: p,
    items,
    itemCount: rows.length / 4,
    layerItems,
  };
}

/**
 * stats_act chunking of `count` values (one hidden layer's batch × units), at most 256 chunks. tiled: a
 * workgroup of 256 threads with at least 4 values each; direct: a thread with at least 256 values.
 */
export function statsChunking(count: number, strategy: ReductionStrategy) {
  const statsPerChunk =
    strategy === 'tiled'
      ? 256 * Math.max(4, Math.ceil(count / (256 * 256)))
      : Math.ceil(count / Math.min(256, Math.ceil(count / 256)));
  return { statsPerChunk, statsChunks: Math.ceil(count / statsPerChunk) };
}

/** A 1-D count of workgroups folded into 2-D when it passes the per-dimension limit. */
export function fold2d(groups: number, maxPerDim = 65535): [number, number] {
  if (groups <= maxPerDim) return [Math.max(1, groups), 1];
  const y = Math.ceil(groups / maxPerDim);
  return [Math.ceil(groups / y), y];
}

/** The layout-relevant part of a NetworkGraph (or of a config through buildGraph). */
export function layoutExtras(g: Pick<NetworkGraph, 'norm' | 'residual' | 'rezero'>): LayoutExtras {
  return { norm: g.norm, residual: g.residual, rezero: g.rezero };
}

/** Whether the network needs the graph program (normalization or residual blocks). */
export function hasExtras(lay: Pick<NetLayout, 'ext'>): boolean {
  return lay.ext.norm !== null || lay.ext.residual;
}

/** A byte range of one layer's slice of the z, h or δ buffer. */
export function layerRange(buf: GPUBuffer, lay: NetLayout, i: number): GPUBufferBinding {
  return { buffer: buf, offset: i * lay.actStride * 4, size: lay.actStride * 4 };
}
