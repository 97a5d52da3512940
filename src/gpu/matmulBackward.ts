// The backward matmul kernels of a Linear layer: the input gradient δp = (δ·W) ⊙ φ'(zp) and the weight
// gradient ∂W = δᵀh, ∂b = Σδ, in both strategies (see matmulKernels.ts), with layouts, grids and uniforms.
import type { Activation } from '../engine/config';
import inputGradDirectSrc from '../shaders/matmul_input_grad_direct.wgsl?raw';
import inputGradIoSrc from '../shaders/matmul_input_grad_io.wgsl?raw';
import inputGradSrc from '../shaders/matmul_input_grad.wgsl?raw';
import tileSrc from '../shaders/matmul_tile.wgsl?raw';
import weightGradDirectSrc from '../shaders/matmul_weight_grad_direct.wgsl?raw';
import weightGradIoSrc from '../shaders/matmul_weight_grad_io.wgsl?raw';
import weightGradSrc from '../shaders/matmul_weight_grad.wgsl?raw';
import nonFiniteSrc from '../shaders/nonfinite.wgsl?raw';
import type { BindingResource } from './kernel';
import {
  aligned4,
  type MatmulKernel,
  type MatmulShape,
  pickTile,
  pickTileSplit,
  tileConstants,
  tiledGroups,
} from './matmulKernels';
import { NO_SPLIT, type SplitK, sliceStride } from './splitK';
import { activationSnippet, composeWgsl, wgslConstants } from './wgsl';

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
          inputGradIoSrc,
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
  const tile = shape.tile ?? pickTile(M, N, shape.units);
  const vec = aligned4(N, shape.K, dims.wOff, dims.dOff);
  return {
    vec,
    spec: {
      label: `input-grad ${act} tiled ${tile.t}x${tile.t}/${tile.wg}${vec ? ' vec4' : ''}`,
      code: composeWgsl(
        wgslConstants({ ...tileConstants(tile), VEC: { bool: vec } }),
        snippet,
        tileSrc,
        inputGradIoSrc,
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

/** A weight-gradient kernel: its grid's z is the split-K chunk (1 unsplit); see BackwardKernel.split. */
export interface WeightGradKernel {
  spec: MatmulKernel['spec'];
  groups: [number, number, number];
  split: SplitK;
}

export function weightGradKernel(
  gather: boolean,
  shape: MatmulShape,
  dims: WeightGradDims,
): WeightGradKernel {
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
        code: composeWgsl(wgslConstants(consts), weightGradIoSrc, weightGradDirectSrc),
        bindings: WEIGHT_GRAD_BINDINGS,
      },
      groups: vec8
        ? [Math.ceil(N / 4 / wg), Math.ceil(M / 8 / wg), 1]
        : vec
          ? [Math.ceil(N / 64), Math.ceil(M / 64), 1]
          : [Math.ceil(N / 16), Math.ceil(M / 16), 1],
      split: NO_SPLIT(shape.K),
    };
  }
  const { tile, split } = pickTileSplit([M, N], shape.K, [], shape.units, shape.tile, shape.splitK ?? true);
  const vec = aligned4(M, N, dims.dOff, dims.hOff);
  return {
    split,
    spec: {
      label: `weight-grad tiled ${tile.t}x${tile.t}/${tile.wg}${vec ? ' vec4' : ''}${gather ? ' gather' : ''}`,
      code: composeWgsl(
        wgslConstants({ ...tileConstants(tile), VEC: { bool: vec }, GATHER: { bool: gather } }),
        tileSrc,
        weightGradIoSrc,
        weightGradSrc,
      ),
      bindings: WEIGHT_GRAD_BINDINGS,
    },
    groups: [...tiledGroups(tile, M, N), split.splits],
  };
}

/** The uniform; `split` is the kernel's (default: unsplit). */
export function weightGradWords(d: WeightGradDims, split: SplitK = NO_SPLIT(d.K)): number[] {
  const slice = split.splits > 1 ? sliceStride(d.M * d.N, d.M) : 0;
  return [d.M, d.N, d.K, d.dOff, d.hOff, d.gwOff, d.gbOff, d.idxOff, split.chunk, slice];
}
