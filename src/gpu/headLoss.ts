// The head's forward folded into the training loss: one dispatch instead of two per step. The loss sums
// over the whole batch and WGSL has neither float atomics nor a way for one workgroup to wait for others,
// so the folded dispatch is one workgroup that computes every logit itself (head_loss_io.wgsl), summing each
// exactly as the separate head kernel would (same bits; headLoss.gpu.test.ts). That serializes the head's
// matmul, so it is folded only while each thread's share stays small (HEAD_LOSS_MAX_FMAS); bigger heads
// keep the separate forward and loss dispatches.
import type { LossName } from '../engine/config';
import headLossDirectSrc from '../shaders/head_loss_direct.wgsl?raw';
import headLossIoSrc from '../shaders/head_loss_io.wgsl?raw';
import lossCommonSrc from '../shaders/loss_common.wgsl?raw';
import lossSrc from '../shaders/loss.wgsl?raw';
import nonFiniteSrc from '../shaders/nonfinite.wgsl?raw';
import { u32Bits } from './buffers';
import type { BindingResource, KernelSpec } from './kernel';
import { aligned4, type MatmulStrategy, pickTile, type Tile } from './matmulKernels';
import { wgslConstants, composeWgsl } from './wgsl';

/** Threads of the folded dispatch: loss.wgsl's 256 (tiled), head_loss_direct.wgsl's 64 (direct). */
const threads = (strategy: MatmulStrategy) => (strategy === 'tiled' ? 256 : 64);

/**
 * Most multiply-adds one thread of the folded dispatch may take (its rows × classes × width). Measured on
 * SwiftShader (direct; time of the pair in a pass, folded / separate, medians of 15 paired rounds): 0.42–0.52
 * at batch 64, 3 classes, width 64 (192 per thread), 0.71 at 3 × 340 (1020), 0.64–0.91 at 1536, but
 * 1.10–1.14 at 64 × 10 × 100 (1000) and 2.5 at 64 × 10 × 400: the separate forward spreads a wide head over
 * workgroups with 4×4 register blocks, the folded one has one workgroup. Not measured on a hardware GPU.
 */
export const HEAD_LOSS_MAX_FMAS = 512;

/** Whether the head (batch B, C classes, K inputs) is small enough to fold into the loss. */
export function foldsHeadLoss(B: number, C: number, K: number, strategy: MatmulStrategy): boolean {
  return Math.ceil(B / threads(strategy)) * C * K <= HEAD_LOSS_MAX_FMAS;
}

export interface HeadLossShape {
  strategy: MatmulStrategy;
  B: number;
  C: number;
  K: number;
  /** First element of W and b of the head in params. */
  wOff: number;
  bOff: number;
  /** Tile of the separate tiled head kernel whose sums are matched (default: the one it would pick). */
  tile?: Tile;
  units?: number;
}

/** Bindings: loss uniform, logits, labels, idx, dlogits, block, a (vec4), params (vec4), head uniform. */
export const HEAD_LOSS_BINDINGS = [
  'uniform',
  'storage',
  'read-only-storage',
  'read-only-storage',
  'storage',
  'storage',
  'read-only-storage',
  'read-only-storage',
  'uniform',
] as const;

export function headLossKernel(loss: LossName, s: HeadLossShape): KernelSpec {
  const direct = s.strategy === 'direct';
  // The separate kernel's sums: the direct kernel's vec4 form when K and W's offset allow it (its a
  // offset is 0), else a k-ordered chain; the tiled core runs whole k-tiles of TK = 4·wg/t.
  const hsum4 = direct && aligned4(s.K, s.wOff);
  const tile = s.tile ?? pickTile(s.B, s.C, s.units);
  const padK = !direct && s.K % ((4 * tile.wg) / tile.t) !== 0;
  return {
    label: `head+loss ${loss} ${s.strategy}${hsum4 ? ' hsum4' : ''}${padK ? ' padk' : ''}`,
    code: composeWgsl(
      wgslConstants({
        C: { u32: s.C },
        CE: { bool: loss === 'ce' },
        EVAL: { bool: false },
        HSUM4: { bool: hsum4 },
        PAD_K: { bool: padK },
      }),
      nonFiniteSrc,
      headLossIoSrc,
      lossCommonSrc,
      direct ? headLossDirectSrc : lossSrc,
    ),
    bindings: HEAD_LOSS_BINDINGS,
  };
}

/** The head uniform (Head in head_loss_io.wgsl); the loss uniform is lossWords'. */
export function headWords(s: HeadLossShape, nfZ: number): number[] {
  return [s.K, 0, s.wOff, s.bOff, nfZ, u32Bits(0)];
}

export interface HeadLossBuffers {
  logits: BindingResource;
  labels: BindingResource;
  idx: BindingResource;
  dlogits: BindingResource;
  block: BindingResource;
  /** The head's input rows (batch × K from element 0); a 16-byte multiple in size. */
  a: BindingResource;
  params: BindingResource;
}

/** Resources in HEAD_LOSS_BINDINGS order, given the two uniforms. */
export function headLossResources(
  lossUniform: BindingResource,
  headUniform: BindingResource,
  b: HeadLossBuffers,
): BindingResource[] {
  return [lossUniform, b.logits, b.labels, b.idx, b.dlogits, b.block, b.a, b.params, headUniform];
}
