// The merged backward dispatch of a Linear layer: its weight gradient (∂W = δᵀh, ∂b = Σδ) and the input
// gradient of the layer below (δp = (δ·W) ⊙ φ'(zp)) in one dispatch, since both read δ; workgroups
// [0, wGroups) along x compute the first, the rest the second. Same results, bit for bit, as the two
// separate kernels of matmulBackward.ts in either strategy; one dispatch instead of two per hidden layer.
import type { Activation } from '../engine/config';
import backwardDirectSrc from '../shaders/matmul_backward_direct.wgsl?raw';
import backwardIoSrc from '../shaders/matmul_backward_io.wgsl?raw';
import backwardQuadSrc from '../shaders/matmul_backward_quad.wgsl?raw';
import quadLayoutSrc from '../shaders/grid_quad.wgsl?raw';
import backwardSrc from '../shaders/matmul_backward.wgsl?raw';
import deltaF32Src from '../shaders/matmul_delta_f32.wgsl?raw';
import deltaVec4Src from '../shaders/matmul_delta_vec4.wgsl?raw';
import tileSrc from '../shaders/matmul_tile.wgsl?raw';
import nonFiniteSrc from '../shaders/nonfinite.wgsl?raw';
import type { BindingResource, KernelSpec } from './kernel';
import {
  aligned4,
  type MatmulStrategy,
  pickTileSplit,
  type Tile,
  tileConstants,
  tiledGroups,
} from './matmulKernels';
import { NO_SPLIT, partialElems, type SplitK, sliceStride } from './splitK';
import { activationSnippet, composeWgsl, SUBGROUPS_PREFIX, wgslConstants } from './wgsl';

/** δ: [rows, out], h, zp, δp: [rows, inp], W, ∂W: [out, inp]; offsets in elements. */
export interface BackwardDims {
  out: number;
  inp: number;
  rows: number;
  dOff: number;
  hOff: number;
  wOff: number;
  zOff: number;
  outOff: number;
  gwOff: number;
  gbOff: number;
  /** Non-finite order of δp. */
  nfOut: number;
}

/** Bindings: dims, δ, params (vec4), h (vec4), zp, δp, grads, flags: eight, WebGPU's default maximum. */
export const BACKWARD_BINDINGS = [
  'uniform',
  'storage',
  'read-only-storage',
  'read-only-storage',
  'read-only-storage',
  'storage',
  'storage',
  'storage',
] as const;

export interface BackwardKernel {
  spec: KernelSpec;
  groups: [number, number];
  /** Workgroups along x of the weight gradient (the uniform's w_groups), per chunk when split. */
  wGroups: number;
  /**
   * Split-K of the weight gradient (tiled only, splitK.ts): when split, `grads` is bound to a partials
   * buffer of splits slices, ∂W at 0 and ∂b at out·inp in each (splitOffsets), and a reduce follows.
   */
  split: SplitK;
}

export interface BackwardOptions {
  strategy: MatmulStrategy;
  tile?: Tile;
  /** Compute units of the device (deviceUnits), for the tile. */
  units?: number;
  /** 'direct': the device has subgroups, so shapes that allow it take the quad form (quadBackward). */
  quad?: boolean;
}

/**
 * Threads per workgroup of the quad form: 4 quads, so a small layer still spreads over a CPU's cores (16, 32
 * and 64 timed alike on 2 cores, where a hidden layer of width 64 makes 8, 4 and 2 workgroups).
 */
export const QUAD_BACKWARD_WG = 16;

/**
 * Whether the direct merged backward takes its quad form (matmul_backward_quad.wgsl): the device has
 * subgroups, δ, h and W are vec4-aligned, and out and inp are multiples of 16 (whole 16 × 16 blocks of ∂W
 * and of δp's columns; any batch size). Hidden layers of aligned widths qualify; a classifier head does not.
 * Its workgroups run along x alone, so a layer needing more than WebGPU's 65535 keeps the direct form.
 */
export function quadBackward(quad: boolean | undefined, dims: BackwardDims): boolean {
  if (quad !== true || !aligned4(dims.dOff, dims.hOff, dims.wOff)) return false;
  if (dims.out % 16 !== 0 || dims.inp % 16 !== 0) return false;
  const [w, i] = quadGroups(dims);
  return w + i <= 65535;
}

/** Workgroups of the quad form's two products: ∂W's (16 × 16 blocks of out × inp), δp's (of rows × inp). */
function quadGroups({ out, inp, rows }: BackwardDims): [number, number] {
  const per = QUAD_BACKWARD_WG / 4;
  return [Math.ceil(((out / 16) * (inp / 16)) / per), Math.ceil((Math.ceil(rows / 16) * (inp / 16)) / per)];
}

/** `act` is the activation of the layer below (whose z is read). */
export function backwardKernel(
  act: Activation,
  slope: number,
  opts: BackwardOptions,
  dims: BackwardDims,
): BackwardKernel {
  const { out, inp, rows } = dims;
  const snippet = activationSnippet(act, slope) + nonFiniteSrc;
  const dVec = aligned4(out, dims.dOff);
  const hVec = aligned4(inp, dims.hOff);
  const pVec = aligned4(inp, dims.wOff);
  const delta = dVec ? deltaVec4Src : deltaF32Src;
  const combine = (w: [number, number], i: [number, number]): [number, number] => [
    w[0] + i[0],
    Math.max(w[1], i[1]),
  ];
  if (opts.strategy === 'direct' && quadBackward(opts.quad, dims)) {
    // A quad per 16 × 16 block of each product, QUAD_BACKWARD_WG / 4 quads per workgroup, all along x.
    const [wGroups, iGroups] = quadGroups(dims);
    return {
      spec: {
        label: `backward ${act} direct quad`,
        code: composeWgsl(
          SUBGROUPS_PREFIX,
          wgslConstants({ QWG: { u32: QUAD_BACKWARD_WG } }),
          snippet,
          backwardIoSrc,
          deltaVec4Src,
          quadLayoutSrc,
          backwardQuadSrc,
        ),
        bindings: BACKWARD_BINDINGS,
      },
      groups: [wGroups + iGroups, 1],
      wGroups,
      split: NO_SPLIT(rows),
    };
  }
  if (opts.strategy === 'direct') {
    // 8×8 threads: ∂W in 8×4 blocks (W_VEC8), 1×4 (W_VEC4) or one per thread; δp in 4×4 (I_VEC44), 1×4 (I_VEC) or 1×1.
    const wVec8 = dVec && hVec && out % 8 === 0;
    const wVec4 = hVec && !wVec8;
    const iVec44 = dVec && pVec;
    const iVec = pVec;
    const c = (n: number) => Math.ceil(n / 8);
    const w: [number, number] = wVec8
      ? [c(inp / 4), c(out / 8)]
      : wVec4
        ? [c(inp / 4), c(out)]
        : [c(inp), c(out)];
    const i: [number, number] = iVec44
      ? [c(inp / 4), c(rows / 4)]
      : iVec
        ? [c(inp / 4), c(rows)]
        : [c(inp), c(rows)];
    const consts = {
      W_VEC8: { bool: wVec8 },
      W_VEC4: { bool: wVec4 },
      I_VEC44: { bool: iVec44 },
      I_VEC: { bool: iVec },
    };
    return {
      spec: {
        label: `backward ${act} direct${wVec8 ? ' w8x4' : wVec4 ? ' w1x4' : ''}${iVec44 ? ' i4x4' : iVec ? ' i1x4' : ''}`,
        code: composeWgsl(wgslConstants(consts), snippet, backwardIoSrc, delta, backwardDirectSrc),
        bindings: BACKWARD_BINDINGS,
      },
      groups: combine(w, i),
      wGroups: w[0],
      split: NO_SPLIT(rows),
    };
  }
  const { tile, split } = pickTileSplit([out, inp], rows, [[rows, inp]], opts.units, opts.tile);
  const w = tiledGroups(tile, out, inp);
  const consts = {
    ...tileConstants(tile),
    D_VEC: { bool: dVec },
    H_VEC: { bool: hVec },
    P_VEC: { bool: pVec },
  };
  return {
    spec: {
      label: `backward ${act} tiled ${tile.t}x${tile.t}/${tile.wg}${dVec ? ' vec4' : ''}`,
      code: composeWgsl(wgslConstants(consts), snippet, tileSrc, backwardIoSrc, delta, backwardSrc),
      bindings: BACKWARD_BINDINGS,
    },
    groups: combine([w[0] * split.splits, w[1]], tiledGroups(tile, rows, inp)),
    wGroups: w[0],
    split,
  };
}

export function backwardWords(d: BackwardDims, k: BackwardKernel): number[] {
  return [
    d.out,
    d.inp,
    d.rows,
    d.dOff,
    d.hOff,
    d.wOff,
    d.zOff,
    d.outOff,
    d.gwOff,
    d.gbOff,
    d.nfOut,
    k.wGroups,
    k.split.splits,
    k.split.chunk,
    k.split.splits > 1 ? sliceStride(d.out * d.inp, d.out) : 0,
  ];
}

export interface BackwardBuffers {
  delta: BindingResource;
  params: BindingResource;
  /** Input of the layer (h below); 16-byte multiple in size. */
  h: BindingResource;
  z: BindingResource;
  out: BindingResource;
  grads: BindingResource;
  flags: BindingResource;
}

/** Resources in BACKWARD_BINDINGS order after the uniform. */
export function backwardResources(b: BackwardBuffers): BindingResource[] {
  return [b.delta, b.params, b.h, b.z, b.out, b.grads, b.flags];
}

/**
 * Elements of the split-K partials buffer the backward of a Linear stack needs (0: nothing splits): the
 * largest split among its merged dispatches (layers ≥ 1) and layer 0's weight gradient, planned exactly
 * as backwardKernel and weightGradKernel plan them. `dims`: widths from the input to the head; B: rows.
 */
export function backwardPartialElems(
  dims: readonly number[],
  B: number,
  strategy: MatmulStrategy,
  units?: number,
): number {
  if (strategy !== 'tiled') return 0;
  let most = 0;
  for (let i = 0; i + 1 < dims.length; i++) {
    const [out, inp] = [dims[i + 1], dims[i]];
    const others: [number, number][] = i === 0 ? [] : [[B, inp]];
    const { split } = pickTileSplit([out, inp], B, others, units);
    most = Math.max(most, partialElems(split, out * inp, out));
  }
  return most;
}
