// Kernel specs and uniform packing of the layers beyond the plain MLP (docs/LAYERS.md): normalization
// forward and backward, the residual blocks' elementwise steps, ReZero's ∂α, and the statistics of
// normalization outputs and of the residual stream.
import type { Activation } from '../engine/config';
import type { NormType } from '../engine/graph';
import alphaGradSrc from '../shaders/alpha_grad.wgsl?raw';
import eltwiseSrc from '../shaders/eltwise.wgsl?raw';
import groupReduceSrc from '../shaders/group_reduce.wgsl?raw';
import momentsSrc from '../shaders/moments.wgsl?raw';
import nonFiniteSrc from '../shaders/nonfinite.wgsl?raw';
import normBackwardSrc from '../shaders/norm_backward.wgsl?raw';
import normForwardSrc from '../shaders/norm_forward.wgsl?raw';
import resGradSrc from '../shaders/res_grad.wgsl?raw';
import statsExtraFinalizeSrc from '../shaders/stats_extra_finalize.wgsl?raw';
import statsExtraSrc from '../shaders/stats_extra.wgsl?raw';
import type { KernelSpec } from './kernel';
import type { ReductionStrategy } from './netLayout';
import { EXTRA_WORDS, XPART } from './statsLayout';
import { activationSnippet, composeWgsl, wgslConstants } from './wgsl';

/** ε of both normalizations (docs/LAYERS.md#normalizations). */
export const NORM_EPS = 1e-5;

/** Threads per group in the cooperative form; the per-thread form packs 64 groups in a workgroup. */
const COOP_WG = 64;
const DIRECT_WG = 64;

function reducePrefix(strategy: ReductionStrategy, wg = strategy === 'tiled' ? COOP_WG : DIRECT_WG) {
  return composeWgsl(
    wgslConstants({ COOP: { bool: strategy === 'tiled' }, WG: { u32: wg } }),
    groupReduceSrc,
  );
}

/** Workgroups for `groups` normalization groups (folded into 2-D past the per-dimension limit). */
export function normGroups(strategy: ReductionStrategy, groups: number, maxPerDim = 65535): [number, number] {
  const wgs = strategy === 'tiled' ? groups : Math.ceil(groups / DIRECT_WG);
  if (wgs <= maxPerDim) return [Math.max(1, wgs), 1];
  const y = Math.ceil(wgs / maxPerDim);
  return [Math.ceil(wgs / y), y];
}

export interface NormForwardVariant {
  /** null: no normalization (u = v; a residual block's φ(x)). */
  norm: NormType | null;
  /** Batch statistics (and running-statistics update); false: evaluation (BatchNorm's running ones). */
  train: boolean;
  storeU: boolean;
  storeStat: boolean;
  act: Activation;
  slope: number;
  /** γ, β per channel of C = paramPeriod within a row's features (conv GroupNorm(1, C)); 0: per feature. */
  paramPeriod?: number;
}

/** Bindings: p, src, params, u, h, stat, running, flags, step. */
export function normForwardKernel(v: NormForwardVariant, strategy: ReductionStrategy): KernelSpec {
  return {
    label: `norm forward ${v.norm ?? 'none'} ${v.act}${v.train ? '' : ' eval'}${v.paramPeriod ? ` per ${v.paramPeriod}` : ''} ${strategy}`,
    code: composeWgsl(
      wgslConstants({
        NONE: { bool: v.norm === null },
        BATCH: { bool: v.norm === 'batch' },
        TRAIN: { bool: v.train },
        STORE_U: { bool: v.storeU },
        STORE_STAT: { bool: v.storeStat },
        EPS: { f32: NORM_EPS },
        PARAM_PERIOD: { u32: v.paramPeriod ?? 0 },
      }),
      activationSnippet(v.act, v.slope),
      nonFiniteSrc,
      reducePrefix(strategy),
      normForwardSrc,
    ),
    bindings: [
      'uniform',
      'storage',
      'read-only-storage',
      'storage',
      'storage',
      'storage',
      'storage',
      'storage',
      'uniform',
    ],
  };
}

export interface NormForwardWords {
  rows: number;
  feats: number;
  srcOff: number;
  uOff: number;
  hOff: number;
  statOff: number;
  runOff: number;
  gOff: number;
  bOff: number;
  nfU: number;
  nfH: number;
}

export function normForwardWords(w: NormForwardWords): number[] {
  return [w.rows, w.feats, w.srcOff, w.uOff, w.hOff, w.statOff, w.runOff, w.gOff, w.bOff, w.nfU, w.nfH];
}

export interface NormBackwardVariant {
  /** Groups are feature columns (BatchNorm; LayerNorm's ∂γ/∂β) or rows (LayerNorm's ∂L/∂v). */
  cols: boolean;
  /** μ, s are per feature (BatchNorm). */
  statCols: boolean;
  params: boolean;
  out: boolean;
  /** Add the stream gradient of the block above. */
  res: boolean;
  /** Consecutive rows sharing one group's μ, s (conv GroupNorm's ∂γ/∂β on [B·P, C]: P); default 1. */
  rowsPerStat?: number;
  /** γ per channel of C = paramPeriod within a row's features (conv GroupNorm's ∂L/∂v); 0: per feature. */
  paramPeriod?: number;
}

/** Bindings: p, g, v, stat, params, grads, out, res, flags. */
export function normBackwardKernel(v: NormBackwardVariant, strategy: ReductionStrategy): KernelSpec {
  return {
    label: `norm backward${v.cols ? ' cols' : ' rows'}${v.params ? ' params' : ''}${v.out ? ' out' : ''}${v.res ? ' res' : ''}${v.rowsPerStat ? ` stat/${v.rowsPerStat}` : ''}${v.paramPeriod ? ` per ${v.paramPeriod}` : ''} ${strategy}`,
    code: composeWgsl(
      wgslConstants({
        COLS: { bool: v.cols },
        STAT_COLS: { bool: v.statCols },
        PARAMS: { bool: v.params },
        OUT: { bool: v.out },
        RES: { bool: v.res },
        ROWS_PER_STAT: { u32: v.rowsPerStat ?? 1 },
        PARAM_PERIOD: { u32: v.paramPeriod ?? 0 },
      }),
      nonFiniteSrc,
      reducePrefix(strategy),
      normBackwardSrc,
    ),
    bindings: [
      'uniform',
      'storage',
      'storage',
      'read-only-storage',
      'read-only-storage',
      'storage',
      'storage',
      'storage',
      'storage',
    ],
  };
}

export interface NormBackwardWords {
  rows: number;
  feats: number;
  gOff: number;
  vOff: number;
  statOff: number;
  gamOff: number;
  dgamOff: number;
  dbetaOff: number;
  outOff: number;
  resOff: number;
  nfOut: number;
}

export function normBackwardWords(w: NormBackwardWords): number[] {
  return [
    w.rows,
    w.feats,
    w.gOff,
    w.vOff,
    w.statOff,
    w.gamOff,
    w.dgamOff,
    w.dbetaOff,
    w.outOff,
    w.resOff,
    w.nfOut,
  ];
}

export const ELT = { resAdd: 1, add: 3, dact: 4 } as const;
export type EltMode = keyof typeof ELT;

/** Bindings: p, a, b, out, params, flags. `act` matters for dact only. */
export function eltwiseKernel(mode: EltMode, rezero: boolean, act: Activation, slope: number): KernelSpec {
  return {
    label: `eltwise ${mode}${rezero ? ' rezero' : ''}${mode === 'dact' ? ` ${act}` : ''}`,
    code: composeWgsl(
      wgslConstants({ MODE: { u32: ELT[mode] }, REZERO: { bool: rezero } }),
      activationSnippet(mode === 'dact' ? act : 'linear', slope),
      nonFiniteSrc,
      eltwiseSrc,
    ),
    bindings: ['uniform', 'storage', 'storage', 'storage', 'read-only-storage', 'storage'],
  };
}

export function eltwiseWords(w: {
  count: number;
  aOff: number;
  bOff: number;
  outOff: number;
  alphaOff: number;
  nfOut: number;
}): number[] {
  return [w.count, w.aOff, w.bOff, w.outOff, Math.max(0, w.alphaOff), w.nfOut];
}

/** Workgroups of 64 threads for `count` elements, folded into 2-D past the per-dimension limit. */
export function eltwiseGroups(count: number, maxPerDim = 65535): [number, number] {
  const wgs = Math.ceil(count / 64);
  if (wgs <= maxPerDim) return [Math.max(1, wgs), 1];
  const y = Math.ceil(wgs / maxPerDim);
  return [Math.ceil(wgs / y), y];
}

/**
 * Bindings: p (count, per_chunk, chunks, alpha_off, part_off, nf_out), g_x, z, params, δ, partials, flags.
 * Workgroups: resGradGroups.
 */
export function resGradKernel(strategy: ReductionStrategy): KernelSpec {
  return {
    label: `res grad rezero ${strategy}`,
    code: composeWgsl(nonFiniteSrc, reducePrefix(strategy, strategy === 'tiled' ? 256 : 64), resGradSrc),
    bindings: [
      'uniform',
      'read-only-storage',
      'read-only-storage',
      'read-only-storage',
      'storage',
      'storage',
      'storage',
    ],
  };
}

/** tiled: a workgroup per chunk; direct: a thread per chunk. */
export function resGradGroups(strategy: ReductionStrategy, chunks: number): [number] {
  return [strategy === 'tiled' ? chunks : Math.ceil(chunks / 64)];
}

/** Bindings: p (chunks, part_off, out_off), partials, grads. One workgroup. */
export function alphaGradKernel(strategy: ReductionStrategy): KernelSpec {
  return {
    label: `alpha grad ${strategy}`,
    code: composeWgsl(reducePrefix(strategy, strategy === 'tiled' ? 256 : 1), alphaGradSrc),
    bindings: ['uniform', 'read-only-storage', 'storage'],
  };
}

/** Bindings: p (count, stride, per_chunk, chunks), u, x, h, g_x, partials. */
export function statsExtraKernel(norm: boolean, res: boolean, strategy: ReductionStrategy): KernelSpec {
  return {
    label: `stats extra${norm ? ' norm' : ''}${res ? ' res' : ''} ${strategy}`,
    code: composeWgsl(
      wgslConstants({
        NORM: { bool: norm },
        RES: { bool: res },
        COOP: { bool: strategy === 'tiled' },
        WG: { u32: strategy === 'tiled' ? 256 : 64 },
        XPART: { u32: XPART },
      }),
      momentsSrc,
      statsExtraSrc,
    ),
    bindings: [
      'uniform',
      'read-only-storage',
      'read-only-storage',
      'read-only-storage',
      'read-only-storage',
      'storage',
    ],
  };
}

/** Bindings: p (chunks, hidden), partials, block. `extraAt`: first word of the extra region. */
export function statsExtraFinalizeKernel(extraAt: number): KernelSpec {
  return {
    label: 'stats extra finalize',
    code: composeWgsl(
      wgslConstants({
        XPART: { u32: XPART },
        EXTRA_AT: { u32: extraAt },
        EXTRA_WORDS: { u32: EXTRA_WORDS },
      }),
      momentsSrc,
      statsExtraFinalizeSrc,
    ),
    bindings: ['uniform', 'read-only-storage', 'storage'],
  };
}
