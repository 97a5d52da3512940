// The matmul kernels of a Linear layer — here the forward; matmulBackward.ts has the input and weight
// gradients — with their sources, layouts, grid sizes and uniform packing. Two strategies with the same bindings, uniforms and results:
//  - 'tiled': shared-memory tiles (padded, vec4) with 4×4 or 8×8 register tiles in contiguous fragments
//    and register prefetch of the next k-tile (hardware GPUs; matmul_tile.wgsl);
//  - 'direct': no shared memory, vec4 loads where the shape allows (software adapters: on SwiftShader a
//    workgroup barrier costs so much that the tiled kernel is ~5× slower than this one); where the device
//    has subgroups, a quad form of it that shares loads across the 4 lanes of a quad (same bits).
// Used by the trainer and directly by the matmul tests.
import type { Activation } from '../engine/config';
import forwardDirectIoSrc from '../shaders/matmul_forward_direct_io.wgsl?raw';
import forwardDirectSrc from '../shaders/matmul_forward_direct.wgsl?raw';
import forwardIoSrc from '../shaders/matmul_forward_io.wgsl?raw';
import forwardQuadSrc from '../shaders/matmul_forward_quad.wgsl?raw';
import forwardSrc from '../shaders/matmul_forward.wgsl?raw';
import tileSrc from '../shaders/matmul_tile.wgsl?raw';
import nonFiniteSrc from '../shaders/nonfinite.wgsl?raw';
import type { BindingResource, KernelSpec } from './kernel';
import { NO_SPLIT, pickSplit, type SplitK } from './splitK';
import { activationSnippet, composeWgsl, SUBGROUPS_PREFIX, wgslConstants } from './wgsl';

export type MatmulStrategy = 'tiled' | 'direct';

/** What a kernel needs besides its source: the grid for an M×N output. */
export interface MatmulKernel {
  spec: KernelSpec;
  groups: [number, number];
  /** The direct kernel reads through its vec4 views. */
  vec: boolean;
}

/**
 * Block shape of the tiled strategy: each of wg×wg threads computes a t×t register tile in 4-wide fragments,
 * so a workgroup covers (wg·t)² outputs.
 */
export interface Tile {
  t: 4 | 8;
  wg: 8 | 16;
}

/** Largest blocks first; the last also serves tiny matrices (a 32×32 block of 64 threads). */
const TILES: readonly Tile[] = [
  { t: 8, wg: 16 },
  { t: 4, wg: 16 },
  { t: 4, wg: 8 },
];

/** Compute units assumed when the adapter says nothing useful: an integrated or small discrete GPU. */
export const DEFAULT_UNITS = 16;

/**
 * Compute units (SMs, CUs) to plan for, from the adapter's vendor: WebGPU does not report the count, so a
 * discrete-class vendor is assumed to be a big GPU (132 SMs, an H100/H200), anything else small. Too high
 * only costs large matrices their biggest blocks; too low leaves a big GPU half idle.
 */
export function computeUnits(info: { vendor?: string; architecture?: string } | undefined): number {
  const vendor = (info?.vendor ?? '').toLowerCase();
  return vendor === 'nvidia' || vendor === 'amd' ? BIG_GPU_UNITS : DEFAULT_UNITS;
}

/** Compute units assumed for a discrete-class adapter: an H100 / H200's 132 SMs. */
export const BIG_GPU_UNITS = 132;

/**
 * Whether the direct strategy's kernels may take their quad forms on this device (MatmulShape.quad): they
 * use subgroup operations, which the device has only when it was requested with the 'subgroups' feature.
 */
export function deviceQuad(device: GPUDevice): boolean {
  return device.features.has('subgroups');
}

/** computeUnits of a device, from `device.adapterInfo` where the implementation has it. */
export function deviceUnits(device: GPUDevice): number {
  return computeUnits((device as { adapterInfo?: { vendor?: string } }).adapterInfo);
}

/**
 * Largest block that still gives at least one workgroup per compute unit (and ≥ 32 on small GPUs): bigger
 * blocks reuse each loaded value more (8×8 tiles: 16 FMAs per vec4 read from workgroup memory), but a big GPU
 * with fewer blocks than SMs idles. The sum order per output is the same for every tile.
 */
export function pickTile(M: number, N: number, units = DEFAULT_UNITS): Tile {
  return pickTileFor([[M, N]], units);
}

/** pickTile for one dispatch that computes several outputs (M×N each) side by side. */
export function pickTileFor(outputs: readonly (readonly [number, number])[], units = DEFAULT_UNITS): Tile {
  const want = Math.max(32, units);
  for (const tile of TILES) {
    let groups = 0;
    for (const [M, N] of outputs) {
      const [gx, gy] = tiledGroups(tile, M, N);
      groups += gx * gy;
    }
    if (groups >= want) return tile;
  }
  return TILES[TILES.length - 1];
}

/** A tiled dispatch whose first output is a weight gradient: its tile and the split of that gradient's K. */
export interface TiledPlan {
  tile: Tile;
  split: SplitK;
}

/**
 * The tile (and split-K, splitK.ts) of a dispatch whose first output `w` is a weight gradient reduced over K
 * rows, beside `others` outputs that cannot be split (the merged backward's input gradient): the largest
 * block whose workgroups, with w's split, give every compute unit one (pickTile's rule). A split lets the
 * bigger blocks (8×8 register tiles: twice the multiply-adds per workgroup-memory read of 4×4) fill a big
 * GPU where they alone would leave it half idle. `fixed` imposes the tile (tests), still splitting if needed.
 */
export function pickTileSplit(
  w: readonly [number, number],
  K: number,
  others: readonly (readonly [number, number])[],
  units = DEFAULT_UNITS,
  fixed?: Tile,
  allowSplit = true,
): TiledPlan {
  const want = Math.max(32, units);
  const plan = (tile: Tile): TiledPlan & { groups: number } => {
    const [gx, gy] = tiledGroups(tile, w[0], w[1]);
    let o = 0;
    for (const [M, N] of others) {
      const [ox, oy] = tiledGroups(tile, M, N);
      o += ox * oy;
    }
    const split = allowSplit ? pickSplit(gx * gy, o, K, units, tileConstants(tile).TK.u32) : NO_SPLIT(K);
    return { tile, split, groups: gx * gy * split.splits + o };
  };
  const candidates = fixed ? [fixed] : TILES;
  for (const tile of candidates) {
    const p = plan(tile);
    if (p.groups >= want) return { tile: p.tile, split: p.split };
  }
  const last = plan(candidates[candidates.length - 1]);
  return { tile: last.tile, split: last.split };
}

export function tiledGroups(tile: Tile, M: number, N: number): [number, number] {
  const b = tile.wg * tile.t;
  return [Math.ceil(N / b), Math.ceil(M / b)];
}

/** WGSL constants of a tile: T, WG and TK = 4·WG/T (one vec4 of each operand per thread per k-tile). */
export function tileConstants(tile: Tile) {
  return { T: { u32: tile.t }, WG: { u32: tile.wg }, TK: { u32: (4 * tile.wg) / tile.t } };
}

export const aligned4 = (...xs: number[]) => xs.every((x) => x % 4 === 0);

/** Shape of one matmul call: output M×N, inner K; tile only for 'tiled' (default pickTile with units). */
export interface MatmulShape {
  strategy: MatmulStrategy;
  M: number;
  N: number;
  K: number;
  tile?: Tile;
  /** Compute units of the device (deviceUnits), for pickTile. */
  units?: number;
  /** Weight gradients: false keeps the reduction in one chain (no split-K, splitK.ts). */
  splitK?: boolean;
  /** 'direct': the device has subgroups, so shapes that allow it take the quad form (quadForward). */
  quad?: boolean;
}

/**
 * Whether the direct forward takes its quad form (matmul_forward_quad.wgsl): the device has subgroups, the
 * vec4 form applies, and N is a multiple of 8 (a quad's 8 outputs; narrower layers such as a classifier
 * head would leave lanes idle, and their direct form is cheap anyway). Any M: rows past it are clamped.
 */
export function quadForward(quad: boolean | undefined, vec: boolean, N: number): boolean {
  return quad === true && vec && N % 8 === 0;
}

// ---------------------------------------------------------------- forward: z = a·Wᵀ + b, h = φ(z)

export interface ForwardDims {
  M: number;
  N: number;
  K: number;
  aOff: number;
  wOff: number;
  bOff: number;
  zOff: number;
  hOff: number;
  idxOff: number;
  /** Non-finite orders of z and h (NF_NONE: not checked). */
  nfZ: number;
  nfH: number;
}

/** "Do not check" order for the non-finite word. */
export const NF_NONE = 0xffffffff;

export interface ForwardVariant {
  act: Activation;
  slope: number;
  /** Rows of a come from idx (the data set is bound as a). */
  gather: boolean;
  storeZ: boolean;
  storeH: boolean;
}

/** Bindings: dims, a, params, z, h, idx, a (as vec4), params (as vec4), flags. */
export const FORWARD_BINDINGS = [
  'uniform',
  'storage',
  'read-only-storage',
  'storage',
  'storage',
  'read-only-storage',
  'storage',
  'read-only-storage',
  'storage',
] as const;

export function forwardKernel(v: ForwardVariant, shape: MatmulShape, dims: ForwardDims): MatmulKernel {
  const { M, N, K } = shape;
  const flags = { GATHER: { bool: v.gather }, STORE_Z: { bool: v.storeZ }, STORE_H: { bool: v.storeH } };
  const act = activationSnippet(v.act, v.slope) + nonFiniteSrc;
  const name = `forward ${v.act}${v.gather ? ' gather' : ''}`;
  if (shape.strategy === 'direct') {
    // vec: a 4×4 block per thread (8×8 threads per workgroup); else a 1×4 block per thread (16×16).
    const vec = aligned4(K, dims.aOff, dims.wOff);
    if (quadForward(shape.quad, vec, N)) {
      // 64 threads as 4×4 quads of 8×8 outputs: the same 32×32 block per workgroup as the vec4 form (2×2
      // and 4×2 quads timed no better on SwiftShader).
      return {
        spec: {
          label: `${name} direct quad`,
          code: composeWgsl(
            SUBGROUPS_PREFIX,
            wgslConstants({ ...flags, QX: { u32: 4 }, QY: { u32: 4 } }),
            act,
            forwardIoSrc,
            forwardDirectIoSrc,
            forwardQuadSrc,
          ),
          bindings: FORWARD_BINDINGS,
        },
        groups: [Math.ceil(N / 32), Math.ceil(M / 32)],
        vec,
      };
    }
    const wg = vec ? 8 : 16;
    const per = vec ? 4 * wg : wg;
    return {
      spec: {
        label: `${name} direct${vec ? ' vec4x4' : ''}`,
        code: composeWgsl(
          wgslConstants({ ...flags, VEC: { bool: vec }, WG_X: { u32: wg }, WG_Y: { u32: wg } }),
          act,
          forwardIoSrc,
          forwardDirectIoSrc,
          forwardDirectSrc,
        ),
        bindings: FORWARD_BINDINGS,
      },
      groups: [Math.ceil(N / (4 * wg)), Math.ceil(M / per)],
      vec,
    };
  }
  const tile = shape.tile ?? pickTile(M, N, shape.units);
  const vec = aligned4(K, dims.aOff, dims.wOff);
  return {
    vec,
    spec: {
      label: `${name} tiled ${tile.t}x${tile.t}/${tile.wg}${vec ? ' vec4' : ''}`,
      code: composeWgsl(
        wgslConstants({ ...tileConstants(tile), VEC: { bool: vec }, ...flags }),
        act,
        tileSrc,
        forwardIoSrc,
        forwardSrc,
      ),
      bindings: FORWARD_BINDINGS,
    },
    groups: tiledGroups(tile, M, N),
  };
}

export interface ForwardBuffers {
  a: BindingResource;
  params: BindingResource;
  z: BindingResource;
  h: BindingResource;
  idx: BindingResource;
  /** The stats block (its non-finite word), or any 16-byte buffer when nothing is checked. */
  flags: BindingResource;
}

/**
 * Resources in FORWARD_BINDINGS order. a is writable (it shares a buffer with other layers' h), so its
 * scalar and vec4 views may not both see it (writable aliasing): the one the kernel does not read gets
 * `spare`, a small buffer of its own.
 */
export function forwardResources(k: MatmulKernel, b: ForwardBuffers, spare: GPUBuffer): BindingResource[] {
  const scalarA = k.vec ? spare : b.a;
  const vecA = k.vec ? b.a : spare;
  // Bindings 1..7 (the uniform, binding 0, comes first and is added by the caller).
  return [scalarA, b.params, b.z, b.h, b.idx, vecA, b.params, b.flags];
}

export function forwardWords(d: ForwardDims): number[] {
  return [d.M, d.N, d.K, d.aOff, d.wOff, d.bOff, d.zOff, d.hOff, d.idxOff, d.nfZ, d.nfH];
}
