// WGSL kernels of conv networks (docs/LAYERS.md#convolutional-networks), tested against the CPU engine in
// Node (conv.gpu.test.ts) and planned into the GPU trainer's step by convProgram.ts. Convolutions are
// implicit GEMMs (src/shaders/conv_gemm.wgsl: the patch matrix is read through index arithmetic, never
// stored — a 28×28×C×k² im2col buffer per batch would not fit a big batch) in one of three forms
// (ConvForm, convTile.ts), plus the direct form's quad variant on software adapters with subgroups; pools and the per-group moments of BatchNorm2d / GroupNorm(1, C) are their own
// kernels.
import gemmSrc from '../../shaders/conv_gemm.wgsl?raw';
import directSrc from '../../shaders/conv_gemm_direct.wgsl?raw';
import quadSrc from '../../shaders/conv_gemm_quad.wgsl?raw';
import quadWeightSrc from '../../shaders/conv_gemm_quad_weight.wgsl?raw';
import singleSrc from '../../shaders/conv_gemm_single.wgsl?raw';
import momentsSrc from '../../shaders/conv_moments.wgsl?raw';
import poolSrc from '../../shaders/conv_pool.wgsl?raw';
import tileIoSrc from '../../shaders/conv_tile_io.wgsl?raw';
import tileSrc from '../../shaders/conv_tile.wgsl?raw';
import nonFiniteSrc from '../../shaders/nonfinite.wgsl?raw';
import type { BindingKind, BindingResource, KernelSpec } from '../kernel';
import { DEFAULT_UNITS, type MatmulStrategy } from '../matmulKernels';
import { NF_NONE } from '../nonFinite';
import { NO_SPLIT, partialElems, pickSplit, type SplitK, sliceStride } from '../splitK';
import { composeWgsl, SUBGROUPS_PREFIX, wgslConstants } from '../wgsl';
import { type ConvForm, convTileGroups, pickConvTile } from './convTile';

export type ConvProduct = 'forward' | 'inputGrad' | 'weightGrad';
const MODE: Record<ConvProduct, number> = { forward: 0, inputGrad: 1, weightGrad: 2 };

export interface ConvShape {
  B: number;
  /** Side of the (square) maps, kept by the convolution. */
  S: number;
  Cin: number;
  Cout: number;
  k: number;
}

/**
 * The conv GEMM of `product` in `form` (convForm): 'direct', 'single' or a register tile, with the same
 * bindings and results; the grid comes from convGemmGroups with the same form. With `nf` (the trainer's
 * forward), a sixth binding, the stats block, receives the non-finite order d.nf when an output is NaN/±∞
 * (gpu/nonFinite.ts); without it (tests, gradients) post_nf does nothing.
 */
export function convGemmKernel(product: ConvProduct, nf: boolean, form: ConvForm): KernelSpec {
  const post = nf
    ? '@group(0) @binding(5) var<storage, read_write> flags: array<atomic<u32>>;\n' +
      'fn post_nf(v: f32) { if (is_nonfinite(v) && d.nf != NF_NONE) { atomicMin(&flags[NF_WORD], d.nf); } }\n'
    : 'fn post_nf(v: f32) {}\n';
  const bindings: BindingKind[] = [
    'uniform',
    'read-only-storage',
    'read-only-storage',
    'storage',
    'read-only-storage',
  ];
  if (nf) bindings.push('storage');
  const consts =
    typeof form !== 'string'
      ? { T: form.t, WGX: form.wgx, WGY: form.wgy, TK: form.tk }
      : form === 'quad' && product === 'weightGrad'
        ? { WG: QUAD_WEIGHT_WG }
        : {};
  const body =
    form === 'direct'
      ? [directSrc]
      : form === 'quad'
        ? [product === 'weightGrad' ? quadWeightSrc : quadSrc]
        : form === 'single'
          ? [singleSrc]
          : [tileSrc, tileIoSrc];
  return {
    label: `conv-${product}${nf ? ' nf' : ''} ${formName(form)}`,
    code: composeWgsl(
      form === 'quad' ? SUBGROUPS_PREFIX : '',
      wgslConstants({
        MODE: { u32: MODE[product] },
        ...Object.fromEntries(Object.entries(consts).map(([k, v]) => [k, { u32: v }])),
      }),
      nf ? nonFiniteSrc : '',
      gemmSrc,
      ...body,
      post,
    ),
    bindings,
  };
}

/**
 * Threads per workgroup of the quad weight grad: its output is small (16 × 144 on the bench's conv row,
 * 18 quads), and a software adapter runs a workgroup on one CPU thread, so 2 quads a workgroup.
 */
const QUAD_WEIGHT_WG = 8;

/** 'direct', 'quad', 'single' or 't4 16×4 k16' (register tile edge, threads across × down, k depth). */
export function formName(form: ConvForm): string {
  return typeof form === 'string' ? form : `t${form.t} ${form.wgx}×${form.wgy} k${form.tk}`;
}

/**
 * The form a product takes under the trainer's strategy: on software adapters 'direct', or 'quad' where the
 * device has subgroups (`quad`); on hardware GPUs the register tile
 * pickConvTile chooses for its output (or 'single' when the output is too small), with `units` the
 * device's compute units (deviceUnits); the weight gradient's choice counts the chunks its reduction can
 * be split into (convSplit).
 */
export function convForm(
  product: ConvProduct,
  s: ConvShape,
  strategy: MatmulStrategy,
  units?: number,
  quad = false,
): ConvForm {
  if (strategy === 'direct') return quad ? 'quad' : 'direct';
  const { M, N, Q } = convGemmDims(product, s);
  return pickConvTile(M, N, units, product === 'weightGrad' ? Q : 0);
}

/**
 * The split-K plan (splitK.ts) of a product in `form`: only the weight gradient on the hardware forms
 * ('single': k step 16; a register tile: its tk) is split, where its blocks alone leave compute units
 * idle. Software adapters run a few workgroups at a time anyway, so 'direct' and 'quad' never split.
 */
export function convSplit(product: ConvProduct, s: ConvShape, form: ConvForm, units = DEFAULT_UNITS): SplitK {
  const { Q } = convGemmDims(product, s);
  if (product !== 'weightGrad' || form === 'direct' || form === 'quad') return NO_SPLIT(Q);
  const [gx, gy] = convGemmGroups(product, s, form);
  return pickSplit(gx * gy, 0, Q, units, form === 'single' ? 16 : form.tk);
}

/** Elements of the weight gradient's partials buffer a split needs: its slices of [∂W | ∂b]. */
export function convPartialElems(s: ConvShape, split: SplitK): number {
  return partialElems(split, s.Cout * s.Cin * s.k * s.k, s.Cout);
}

/** The GEMM's M, N and reduction length Q for a product (see the shader's header). */
export function convGemmDims(product: ConvProduct, s: ConvShape): { M: number; N: number; Q: number } {
  const rows = s.B * s.S * s.S;
  const kk = s.k * s.k;
  if (product === 'forward') return { M: rows, N: s.Cout, Q: s.Cin * kk };
  if (product === 'inputGrad') return { M: rows, N: s.Cin, Q: s.Cout * kk };
  return { M: s.Cout, N: s.Cin * kk, Q: rows };
}

/**
 * Where a product's outputs go in the `out` binding: the output at wOff (default 0) and, for the weight
 * gradient, ∂b at bOff (default right after ∂W). With a split (splitK.ts) `out` is the partials buffer
 * and its slices' layout decides both: [∂W | ∂b] per chunk, sliceStride apart.
 */
export interface ConvOut {
  wOff?: number;
  bOff?: number;
  split?: SplitK;
}

/**
 * The Dims uniform's words, in the shader's field order; `nf`: the non-finite order (convGemmKernel). The
 * first nine are the unsplit kernels' of before; chunk, stride, w_off and b_off come after them.
 */
export function convGemmWords(product: ConvProduct, s: ConvShape, nf = NF_NONE, out: ConvOut = {}): number[] {
  const { M, N, Q } = convGemmDims(product, s);
  const split = out.split ?? NO_SPLIT(Q);
  const cut = split.splits > 1;
  const bCount = product === 'weightGrad' ? s.Cout : 0;
  const stride = cut ? sliceStride(M * N, bCount) : 0;
  const wOff = cut ? 0 : (out.wOff ?? 0);
  const bOff = cut ? M * N : (out.bOff ?? M * N);
  return [s.B, s.S, s.Cin, s.Cout, s.k, M, N, Q, nf, split.chunk, stride, wOff, bOff];
}

/**
 * Workgroups: a register tile's blocks covering M × N; single, the 16×16 tiles; direct, 256 threads of 4
 * outputs each (4 along N, or along M for the weight grad); quad, 256 threads, a quad per 8 rows × 16
 * columns (weight grad: QUAD_WEIGHT_WG threads, a quad per 16 rows × 8 columns). Direct and quad are a flat
 * list folded into x ≤ 32768 and y. z: the chunks of a split (convSplit; 1 unsplit).
 */
export function convGemmGroups(
  product: ConvProduct,
  s: ConvShape,
  form: ConvForm,
  split?: SplitK,
): [number, number, number] {
  const { M, N } = convGemmDims(product, s);
  const z = split?.splits ?? 1;
  if (z > 1 && (form === 'direct' || form === 'quad')) throw new Error(`conv ${form} form is never split`);
  if (form === 'single') return [Math.ceil(N / 16), Math.ceil(M / 16), z];
  if (form !== 'direct' && form !== 'quad') return [...convTileGroups(form, M, N), z];
  const quadWeight = form === 'quad' && product === 'weightGrad';
  const threads = quadWeight
    ? Math.ceil(M / 16) * Math.ceil(N / 8) * 4
    : form === 'quad'
      ? Math.ceil(M / 8) * Math.ceil(N / 16) * 4
      : product === 'weightGrad'
        ? Math.ceil(M / 4) * N
        : M * Math.ceil(N / 4);
  const groups = Math.ceil(threads / (quadWeight ? QUAD_WEIGHT_WG : 256));
  const x = Math.min(groups, 32768);
  return [x, Math.ceil(groups / x), 1];
}

/**
 * Bindings after the uniform: forward (x, W, z, bias), input grad (δ, W, dx, any buffer for the unused
 * bias), weight grad (x, δ, the gradients — ∂W at w_off, ∂b at b_off — or a split's partials, unused).
 */
export function convGemmResources(
  uniform: BindingResource,
  maps: BindingResource,
  other: BindingResource,
  out: BindingResource,
  bias: BindingResource,
): BindingResource[] {
  return [uniform, maps, other, out, bias];
}

export function poolKernel(backward: boolean): KernelSpec {
  return {
    label: backward ? 'conv-pool-backward' : 'conv-pool',
    code: wgslConstants({ BACKWARD: { bool: backward } }) + poolSrc,
    bindings: ['uniform', 'read-only-storage', 'storage'],
  };
}

/** Pool uniform words and the number of threads: pooled values (forward) or input values (backward). */
export function poolWords(B: number, S: number, C: number, backward: boolean): number[] {
  const so = Math.floor(S / 2);
  return [B, S, C, backward ? B * S * S * C : B * so * so * C];
}

export function momentsKernel(perChannel: boolean): KernelSpec {
  return {
    label: perChannel ? 'conv-moments-channel' : 'conv-moments-sample',
    code: wgslConstants({ PER_CHANNEL: { bool: perChannel } }) + momentsSrc,
    bindings: ['uniform', 'read-only-storage', 'storage'],
  };
}

/**
 * Moments uniform words: BatchNorm2d groups are the C channels of rows·P values each; GroupNorm(1, C)
 * groups are the B samples of P·C values each. One workgroup per group.
 */
export function momentsWords(B: number, P: number, C: number, perChannel: boolean): number[] {
  return perChannel ? [C, B * P, C, 0] : [B, P * C, C, 0];
}
