// The three matmul kernels of a Linear layer (forward, input gradient, weight gradient): sources, layouts,
// grid sizes and uniform packing. Two strategies with the same bindings, uniforms and results:
//  - 'tiled': shared-memory tiles with register blocking (hardware GPUs);
//  - 'direct': no shared memory, vec4 loads where the shape allows (software adapters: on SwiftShader a
//    workgroup barrier costs so much that the tiled kernel is ~5× slower than this one).
// Used by the trainer and directly by the matmul tests.
import type { Activation } from '../engine/config';
import forwardDirectSrc from '../shaders/matmul_forward_direct.wgsl?raw';
import forwardSrc from '../shaders/matmul_forward.wgsl?raw';
import inputGradDirectSrc from '../shaders/matmul_input_grad_direct.wgsl?raw';
import inputGradSrc from '../shaders/matmul_input_grad.wgsl?raw';
import tileSrc from '../shaders/matmul_tile.wgsl?raw';
import weightGradDirectSrc from '../shaders/matmul_weight_grad_direct.wgsl?raw';
import weightGradSrc from '../shaders/matmul_weight_grad.wgsl?raw';
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

function tiledGroups(tile: Tile, M: number, N: number): [number, number] {
  return [Math.ceil(N / (16 * tile.tn)), Math.ceil(M / (16 * tile.tm))];
}

const aligned4 = (...xs: number[]) => xs.every((x) => x % 4 === 0);

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

// ---------------------------------------------------------------- input gradient: δp = (δ·W) ⊙ φ'(zp)

export interface InputGradDims {
  M: number;
  N: number;
  K: number;
  dOff: number;
  wOff: number;
  zOff: number;
  outOff: number;
  /** Non-finite order of δp. */
  nfOut: number;
}

/** Bindings: dims, δ, params, z (of the layer below), δ out, params (as vec4), flags, δ (as vec4). */
export const INPUT_GRAD_BINDINGS = [
  'uniform',
  'storage',
  'read-only-storage',
  'read-only-storage',
  'storage',
  'read-only-storage',
  'storage',
  'storage',
] as const;

export interface InputGradBuffers {
  delta: BindingResource;
  params: BindingResource;
  z: BindingResource;
  out: BindingResource;
  flags: BindingResource;
}

/** Resources in INPUT_GRAD_BINDINGS order after the uniform; δ's unused view gets `spare` (see forwardResources). */
export function inputGradResources(
  k: MatmulKernel,
  b: InputGradBuffers,
  spare: GPUBuffer,
): BindingResource[] {
  return [k.vec ? spare : b.delta, b.params, b.z, b.out, b.params, b.flags, k.vec ? b.delta : spare];
}

/** `act` is the activation of the layer below (whose z is read). */
export function inputGradKernel(
  act: Activation,
  slope: number,
  shape: MatmulShape,
  dims: InputGradDims,
): MatmulKernel {
  const { M, N } = shape;
  const snippet = activationSnippet(act, slope) + nonFiniteSrc;
  if (shape.strategy === 'direct') {
    // vec44: 4×4 blocks (8×8 threads); vec: 1×4 blocks; else one output per thread (16×16 threads).
    const vec44 = aligned4(N, shape.K, dims.wOff, dims.dOff);
    const vec = aligned4(N, dims.wOff);
    const wg = vec44 ? 8 : 16;
    return {
      spec: {
        label: `input-grad ${act} direct${vec44 ? ' vec4x4' : vec ? ' vec4' : ''}`,
        code: composeWgsl(
          wgslConstants({ VEC: { bool: vec }, VEC44: { bool: vec44 }, WG_X: { u32: wg }, WG_Y: { u32: wg } }),
          snippet,
          inputGradDirectSrc,
        ),
        bindings: INPUT_GRAD_BINDINGS,
      },
      groups: vec44
        ? [Math.ceil(N / 4 / wg), Math.ceil(M / 4 / wg)]
        : [Math.ceil((vec ? N / 4 : N) / wg), Math.ceil(M / wg)],
      vec: vec44,
    };
  }
  const tile = shape.tile ?? pickTile(M, N);
  return {
    vec: false,
    spec: {
      label: `input-grad ${act} tiled ${tile.tm}x${tile.tn}`,
      code: composeWgsl(
        wgslConstants({ TM: { u32: tile.tm }, TN: { u32: tile.tn } }),
        snippet,
        tileSrc,
        inputGradSrc,
      ),
      bindings: INPUT_GRAD_BINDINGS,
    },
    groups: tiledGroups(tile, M, N),
  };
}

export function inputGradWords(d: InputGradDims): number[] {
  return [d.M, d.N, d.K, d.dOff, d.wOff, d.zOff, d.outOff, d.nfOut];
}

// ---------------------------------------------------------------- weight gradient: ∂W = δᵀh, ∂b = Σδ

export interface WeightGradDims {
  /** out */
  M: number;
  /** in */
  N: number;
  /** batch rows */
  K: number;
  dOff: number;
  hOff: number;
  gwOff: number;
  gbOff: number;
  idxOff: number;
}

/** Bindings: dims, δ, h, grads, idx, δ (as vec4), h (as vec4). */
export const WEIGHT_GRAD_BINDINGS = [
  'uniform',
  'read-only-storage',
  'read-only-storage',
  'storage',
  'read-only-storage',
  'read-only-storage',
  'read-only-storage',
] as const;

export function weightGradKernel(gather: boolean, shape: MatmulShape, dims: WeightGradDims): MatmulKernel {
  const { M, N } = shape;
  if (shape.strategy === 'direct') {
    // vec8: 8×4 blocks, 8×8 threads; vec: 4×4 blocks, 16×16 threads; else one output per thread.
    const vec = aligned4(M, N, dims.dOff, dims.hOff);
    const vec8 = vec && M % 8 === 0;
    const wg = vec8 ? 8 : 16;
    const consts = {
      VEC: { bool: vec },
      VEC8: { bool: vec8 },
      GATHER: { bool: gather },
      WG_X: { u32: wg },
      WG_Y: { u32: wg },
    };
    return {
      spec: {
        label: `weight-grad direct${vec8 ? ' vec8x4' : vec ? ' vec4' : ''}${gather ? ' gather' : ''}`,
        code: composeWgsl(wgslConstants(consts), weightGradDirectSrc),
        bindings: WEIGHT_GRAD_BINDINGS,
      },
      groups: vec8
        ? [Math.ceil(N / 4 / wg), Math.ceil(M / 8 / wg)]
        : vec
          ? [Math.ceil(N / 64), Math.ceil(M / 64)]
          : [Math.ceil(N / 16), Math.ceil(M / 16)],
      vec: false,
    };
  }
  const tile = shape.tile ?? pickTile(M, N);
  return {
    vec: false,
    spec: {
      label: `weight-grad tiled ${tile.tm}x${tile.tn}${gather ? ' gather' : ''}`,
      code: composeWgsl(
        wgslConstants({ TM: { u32: tile.tm }, TN: { u32: tile.tn }, GATHER: { bool: gather } }),
        tileSrc,
        weightGradSrc,
      ),
      bindings: WEIGHT_GRAD_BINDINGS,
    },
    groups: tiledGroups(tile, M, N),
  };
}

export function weightGradWords(d: WeightGradDims): number[] {
  return [d.M, d.N, d.K, d.dOff, d.hOff, d.gwOff, d.gbOff, d.idxOff];
}
