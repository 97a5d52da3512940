// The matmul kernels of a Linear layer — here the forward; matmulBackward.ts has the input and weight
// gradients — with their sources, layouts, grid sizes and uniform packing. Two strategies with the same bindings, uniforms and results:
//  - 'tiled': shared-memory tiles with register blocking (hardware GPUs);
//  - 'direct': no shared memory, vec4 loads where the shape allows (software adapters: on SwiftShader a
//    workgroup barrier costs so much that the tiled kernel is ~5× slower than this one).
// Used by the trainer and directly by the matmul tests.
import type { Activation } from '../engine/config';
import forwardDirectSrc from '../shaders/matmul_forward_direct.wgsl?raw';
import forwardIoSrc from '../shaders/matmul_forward_io.wgsl?raw';
import forwardSrc from '../shaders/matmul_forward.wgsl?raw';
import tileSrc from '../shaders/matmul_tile.wgsl?raw';
import nonFiniteSrc from '../shaders/nonfinite.wgsl?raw';
import type { BindingResource, KernelSpec } from './kernel';
import { activationSnippet, composeWgsl, wgslConstants } from './wgsl';

export type MatmulStrategy = 'tiled' | 'direct';

/** What a kernel needs besides its source: the grid for an M×N output. */
export interface MatmulKernel {
  spec: KernelSpec;
  groups: [number, number];
  /** The direct kernel reads through its vec4 views. */
  vec: boolean;
}

/** Register tile (outputs per thread along m, n) of the tiled strategy: a workgroup covers 16·tm × 16·tn. */
export interface Tile {
  tm: number;
  tn: number;
}

/**
 * Largest register tile that still gives enough workgroups to fill a GPU; small layers get 1×1 so their
 * few outputs spread over many workgroups. The sum order per output is the same for every tile.
 */
export function pickTile(M: number, N: number): Tile {
  // 8×8 (128×128 blocks) compiles and is exact (tested), but on an H200 it ran a 1024-wide net 4.6× slower
  // than 4×4 (17.6 vs 81 steps/s): 16 KiB of workgroup memory per block leaves too few blocks per SM.
  for (const t of [4, 2]) {
    const groups = Math.ceil(M / (16 * t)) * Math.ceil(N / (16 * t));
    if (groups >= 32) return { tm: t, tn: t };
  }
  return { tm: 1, tn: 1 };
}

export function tiledGroups(tile: Tile, M: number, N: number): [number, number] {
  return [Math.ceil(N / (16 * tile.tn)), Math.ceil(M / (16 * tile.tm))];
}

export const aligned4 = (...xs: number[]) => xs.every((x) => x % 4 === 0);

/** Shape of one matmul call: output M×N, inner K; tile only for 'tiled' (default pickTile). */
export interface MatmulShape {
  strategy: MatmulStrategy;
  M: number;
  N: number;
  K: number;
  tile?: Tile;
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
    // vec: a 4×4 block per thread (8×8 threads per workgroup); else one output per thread (16×16).
    const vec = aligned4(K, dims.aOff, dims.wOff);
    const wg = vec ? 8 : 16;
    const per = vec ? 4 * wg : wg;
    return {
      spec: {
        label: `${name} direct${vec ? ' vec4x4' : ''}`,
        code: composeWgsl(
          wgslConstants({ ...flags, VEC: { bool: vec }, WG_X: { u32: wg }, WG_Y: { u32: wg } }),
          act,
          forwardIoSrc,
          forwardDirectSrc,
        ),
        bindings: FORWARD_BINDINGS,
      },
      groups: [Math.ceil(N / per), Math.ceil(M / per)],
      vec,
    };
  }
  const tile = shape.tile ?? pickTile(M, N);
  return {
    vec: false,
    spec: {
      label: `${name} tiled ${tile.tm}x${tile.tn}`,
      code: composeWgsl(
        wgslConstants({ TM: { u32: tile.tm }, TN: { u32: tile.tn }, ...flags }),
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
