// Kernel specs of a training step besides the matmuls: loss, optimizer, statistics, and LSUV's helpers.
// Constants that never change during a run (classes, loss, optimizer hyper-parameters, histogram range,
// saturation threshold) are compiled in, so the kernels read no uniform for them.
import { maxAbsDerivative } from '../engine/activations';
import { ADAM, type Activation, type LossName, type Optimizer } from '../engine/config';
import { SAT_THRESHOLD } from '../engine/stats/compute';
import { HIST_BINS, histogramRange } from '../engine/stats/histogramRange';
import lossCommonSrc from '../shaders/loss_common.wgsl?raw';
import lossDirectSrc from '../shaders/loss_direct.wgsl?raw';
import lossInputSrc from '../shaders/loss_input.wgsl?raw';
import lossSrc from '../shaders/loss.wgsl?raw';
import momentsSrc from '../shaders/moments.wgsl?raw';
import nonFiniteSrc from '../shaders/nonfinite.wgsl?raw';
import optimizerDirectSrc from '../shaders/optimizer_direct.wgsl?raw';
import optimizerUpdateSrc from '../shaders/optimizer_update.wgsl?raw';
import optimizerSrc from '../shaders/optimizer.wgsl?raw';
import reduceMomentsSrc from '../shaders/reduce_moments.wgsl?raw';
import scaleSrc from '../shaders/scale.wgsl?raw';
import statsActDirectSrc from '../shaders/stats_act_direct.wgsl?raw';
import statsActSrc from '../shaders/stats_act.wgsl?raw';
import statsCommonSrc from '../shaders/stats_common.wgsl?raw';
import statsFinalizeCommonSrc from '../shaders/stats_finalize_common.wgsl?raw';
import statsFinalizeDirectSrc from '../shaders/stats_finalize_direct.wgsl?raw';
import statsFinalizeSrc from '../shaders/stats_finalize.wgsl?raw';
import { type LayoutExtras, OPT_ITEM, PLAIN, type ReductionStrategy } from './netLayout';
import type { BindingKind, KernelSpec } from './kernel';
import { weightOrderConstants } from './nonFinite';
import { HEADER_WORDS, HIST_AT, LAYER_WORDS } from './statsLayout';
import { activationSnippet, composeWgsl, wgslConstants } from './wgsl';

/** Bindings: params, logits, labels, idx, dlogits, block. */
export function lossKernel(
  classes: number,
  loss: LossName,
  evalMode: boolean,
  strategy: ReductionStrategy,
): KernelSpec {
  return {
    label: `loss ${loss}${evalMode ? ' eval' : ''} ${strategy}`,
    code: composeWgsl(
      wgslConstants({ C: { u32: classes }, CE: { bool: loss === 'ce' }, EVAL: { bool: evalMode } }),
      nonFiniteSrc,
      lossInputSrc,
      lossCommonSrc,
      strategy === 'tiled' ? lossSrc : lossDirectSrc,
    ),
    bindings: [
      'uniform',
      'read-only-storage',
      'read-only-storage',
      'read-only-storage',
      'storage',
      'storage',
    ],
  };
}

/** Loss uniform words: rows, label offset, gradient scale (f32 bits), first chunk, orders. */
export function lossWords(p: {
  rows: number;
  labOff: number;
  gradScaleBits: number;
  first: boolean;
  nfLoss: number;
  nfGrad: number;
}): number[] {
  return [p.rows, p.labOff, p.gradScaleBits, p.first ? 1 : 0, p.nfLoss, p.nfGrad];
}

const OPT_ID: Record<Optimizer, number> = { sgd: 0, momentum: 1, adam: 2 };

/** Bindings: step, params, grads, s1, s2, items, partials, nf_next. */
export function optimizerKernel(
  c: { opt: Optimizer; lr: number; momentum: number },
  hidden: number,
  stats: boolean,
  strategy: ReductionStrategy,
  ext: LayoutExtras = PLAIN,
): KernelSpec {
  const wo = weightOrderConstants(ext);
  return {
    label: `optimizer ${c.opt}${stats ? ' stats' : ''} ${strategy}`,
    code: composeWgsl(
      wgslConstants({
        OPT: { u32: OPT_ID[c.opt] },
        STATS: { bool: stats },
        LR: { f32: c.lr },
        MOMENTUM: { f32: c.momentum },
        BETA1: { f32: ADAM.beta1 },
        BETA2: { f32: ADAM.beta2 },
        EPS: { f32: ADAM.eps },
        HIDDEN: { u32: hidden },
        ITEM: { u32: OPT_ITEM[strategy] },
        RES_BLOCKS: { bool: ext.residual },
        NF_P: { u32: wo.P },
        NF_R: { u32: wo.R },
        NF_WPOS: { u32: wo.WPOS },
      }),
      momentsSrc,
      nonFiniteSrc,
      optimizerUpdateSrc,
      strategy === 'tiled' ? optimizerSrc : optimizerDirectSrc,
    ),
    bindings: [
      'uniform',
      'storage',
      'read-only-storage',
      'storage',
      'storage',
      'read-only-storage',
      'storage',
      'storage',
    ],
  };
}

/** Smallest float32 ≥ x (so that, for float32 g, g < result ⇔ g < x). */
export function f32AtLeast(x: number): number {
  const f = new Float32Array([x]);
  if (f[0] < x) {
    const u = new Uint32Array(f.buffer);
    if (f[0] >= 0) u[0] += 1;
    else u[0] -= 1;
  }
  return f[0];
}

/** Whether x·2^k is an integer of at most 12 bits for some k (so h·x is exact for a 12-bit half of h). */
function fewBits(x: number): boolean {
  if (!(x > 0) || !Number.isFinite(x)) return false;
  let m = x;
  while (!Number.isInteger(m)) m *= 2;
  while (m % 2 === 0) m /= 2;
  return m < 4096;
}

/**
 * Histogram constants for stats_common.wgsl's hist_bin, which reproduces the reference's float64 bin
 * floor((h − lo)·bins/(hi − lo)) exactly in float32 when lo·scale is an integer and scale has few bits
 * (true for every range of histogramRange). `absorb`: float64 rounds lo + h to lo for |h| ≤ absorb.
 */
export function histConstants(act: Activation) {
  const { lo, hi } = histogramRange(act);
  const scale = HIST_BINS / (hi - lo);
  const loScaled = lo * scale;
  const snap = Number.isInteger(loScaled) && fewBits(scale);
  let absorb = 0;
  if (lo !== 0) {
    // Half an ulp of |lo| on the side toward zero: ulp just below a power of two is half the ulp above.
    const e = Math.floor(Math.log2(Math.abs(lo)));
    absorb = Math.abs(lo) === 2 ** e ? 2 ** (e - 54) : 2 ** (e - 53);
  }
  return { lo, hi, scale, loScaled, snap, absorb };
}

/** hist_bin of stats_common.wgsl, step for step in float32 (for tests). */
export function histBinF32(h: number, c: ReturnType<typeof histConstants>): number {
  const f = Math.fround;
  if (!c.snap) return Math.floor(f(f(h - c.lo) * c.scale));
  if (Math.abs(h) <= c.absorb) return 0 - c.loScaled;
  const bits = new Float32Array([h]);
  new Uint32Array(bits.buffer)[0] &= 0xfffff000;
  const hi = bits[0];
  const ph = f(hi * c.scale);
  const pl = f(f(h - hi) * c.scale);
  const n = Math.floor(ph);
  const r = f(ph - n);
  let k = n;
  if (pl >= f(1 - r)) k += 1;
  else if (pl < -r) k -= 1;
  return k - c.loScaled;
}

/** u32 words per statistics partial (stats_common.wgsl: 12 words, then the histogram). */
export const ACT_PART_WORDS = Math.ceil((12 + HIST_BINS + 2) / 8) * 8;

/** Constants and snippets every statistics kernel starts with. */
function statsPrefix(act: Activation, slope: number): string {
  const hc = histConstants(act);
  return composeWgsl(
    wgslConstants({
      BINS: { u32: HIST_BINS },
      HIST_LO: { f32: hc.lo },
      HIST_HI: { f32: hc.hi },
      HIST_SCALE: { f32: hc.scale },
      HIST_SNAP: { bool: hc.snap },
      HIST_ABSORB: { f32: hc.absorb },
      SAT_BELOW: { f32: f32AtLeast(SAT_THRESHOLD * maxAbsDerivative(act, slope)) },
      PART: { u32: ACT_PART_WORDS },
    }),
    `const HIST_LO_SCALED: i32 = ${hc.snap ? hc.loScaled : 0};\n`,
    activationSnippet(act, slope),
    momentsSrc,
    statsCommonSrc,
  );
}

/**
 * Bindings: p, z, h, δ, partials, then [y] and [g_x] when used. satFrom: null when φ is applied to z
 * everywhere (plain layers without norm); else the first hidden layer (0-based) whose φ input y (u =
 * Norm(z), or a residual block's v) is read from its own binding for satFrac (docs/LAYERS.md#statistics),
 * layers below it reading z. gradFrom: the first layer whose δ is read from the stream gradient g_x instead
 * of δ's buffer (residual blocks with α = 1, where δ = g_x and the trainer keeps no copy), or null.
 */
export function statsActKernel(
  act: Activation,
  slope: number,
  strategy: ReductionStrategy,
  satFrom: number | null = null,
  gradFrom: number | null = null,
): KernelSpec {
  const bindings: BindingKind[] = [
    'uniform',
    'read-only-storage',
    'read-only-storage',
    'read-only-storage',
    'storage',
  ];
  let sat = 'fn sat_src(layer: u32, i: u32) -> f32 { return zs[i]; }\n';
  if (satFrom !== null) {
    sat =
      `@group(0) @binding(${bindings.length}) var<storage, read> ys: array<f32>;\n` +
      `fn sat_src(layer: u32, i: u32) -> f32 { if (layer >= ${satFrom}u) { return ys[i]; } return zs[i]; }\n`;
    bindings.push('read-only-storage');
  }
  let grad = 'fn d_src(layer: u32, i: u32) -> f32 { return ds[i]; }\n';
  if (gradFrom !== null) {
    grad =
      `@group(0) @binding(${bindings.length}) var<storage, read> gxs: array<f32>;\n` +
      `fn d_src(layer: u32, i: u32) -> f32 { if (layer >= ${gradFrom}u) { return gxs[i]; } return ds[i]; }\n`;
    bindings.push('read-only-storage');
  }
  const variant = `${satFrom === null ? '' : ` y≥${satFrom}`}${gradFrom === null ? '' : ` gx≥${gradFrom}`}`;
  return {
    label: `stats act ${act} ${strategy}${variant}`,
    code: composeWgsl(
      statsPrefix(act, slope),
      sat,
      grad,
      strategy === 'tiled' ? statsActSrc : statsActDirectSrc,
    ),
    bindings,
  };
}

/** Bindings: p, act partials, optimizer partials, layer items, block. */
export function statsFinalizeKernel(act: Activation, slope: number, strategy: ReductionStrategy): KernelSpec {
  return {
    label: `stats finalize ${strategy}`,
    code: composeWgsl(
      statsPrefix(act, slope),
      wgslConstants({
        HEADER: { u32: HEADER_WORDS },
        LAYER_WORDS: { u32: LAYER_WORDS },
        HIST_AT: { u32: HIST_AT },
      }),
      statsFinalizeCommonSrc,
      strategy === 'tiled' ? statsFinalizeSrc : statsFinalizeDirectSrc,
    ),
    bindings: ['uniform', 'read-only-storage', 'read-only-storage', 'read-only-storage', 'storage'],
  };
}

/** Bindings: p (off, count), src, out (n, mean, M2). */
export function reduceMomentsKernel(): KernelSpec {
  return {
    label: 'reduce moments',
    code: composeWgsl(momentsSrc, reduceMomentsSrc),
    bindings: ['uniform', 'read-only-storage', 'storage'],
  };
}

/** Bindings: p (off, count, s), x. */
export function scaleKernel(): KernelSpec {
  return { label: 'scale', code: scaleSrc, bindings: ['uniform', 'storage'] };
}
