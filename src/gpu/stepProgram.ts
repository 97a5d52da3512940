// The dispatches of one training step, with bind groups and uniforms built once per run. A step is:
// forward (L + 1 matmuls, bias and φ fused), loss (one dispatch with the head's forward where the head is
// small, headLoss.ts), backward (per layer ≥ 1 one dispatch: ∂W/∂b and δ of the
// layer below; then layer 0's ∂W/∂b; each followed by a split-K reduce where its ∂W is split, linearPasses.ts),
// [statistics pass 1], [held-out evaluation], optimizer (all tensors in one dispatch), [statistics pass 2].
import type { RunConfig } from '../engine/config';
import { type BindingResource, bindGroup, type Dispatch, type KernelCache } from './kernel';
import { type UniformArena, u32Bits } from './buffers';
import { deviceUnits, type MatmulStrategy } from './matmulKernels';
import { linearPasses } from './linearPasses';
import { fold2d, hasExtras, layerRange, type NetLayout } from './netLayout';
import { nfOrder } from './nonFinite';
import { lossKernel, lossWords, optimizerKernel, statsActKernel, statsFinalizeKernel } from './stepKernels';
import type { ExtBuffers, TrainerBuffers } from './trainerBuffers';
import { buildGraphPasses, type GraphPasses } from './graphProgram';
import { foldsHeadLoss, headLossKernel, headLossResources, headWords } from './headLoss';
import { statsExtraFinalizeKernel, statsExtraKernel } from './normKernels';
import { extraAt } from './statsLayout';

const INF_BITS = 0x7f800000;

export interface StepProgram {
  forward: Dispatch[];
  /** Per Linear layer i: the forward dispatches that, after those of layers < i, leave its z (LSUV). */
  forwardTo: Dispatch[][];
  /** null when the last forward dispatch computes the loss too (headLoss.ts). */
  loss: Dispatch | null;
  backward: Dispatch[];
  /** One dispatch for all layers (MLP), or one per layer (conv: each layer has its own count). */
  statsAct: Dispatch | Dispatch[];
  optimizer: Dispatch;
  optimizerStats: Dispatch;
  statsFinalize: Dispatch;
  /** Statistics of normalization outputs and the residual stream (both passes), when the network has them. */
  statsExtra: Dispatch | Dispatch[] | null;
  /** One dispatch (MLP), or a conv network's list (the finalize, then the stream's statistics per layer). */
  statsExtraFinalize: Dispatch | Dispatch[] | null;
}

/** The head's forward, when lossDispatch folds it in (headLoss.ts): its input rows and parameters. */
export interface FoldedHead {
  a: BindingResource;
  wOff: number;
  bOff: number;
  /** Compute units of the device (deviceUnits), for the tile whose sums are matched. */
  units: number;
}

/**
 * The training loss over the batch's logits and its gradient ∂L/∂logits (into bufs.dlogits), posting
 * non-finite values with the orders `nf` gives; shared by the MLP's and the conv network's programs. With
 * `head`, the head's forward is computed in the same dispatch (the caller checked foldsHeadLoss).
 */
export function lossDispatch(
  device: GPUDevice,
  kernels: KernelCache,
  uniforms: UniformArena,
  config: Readonly<RunConfig>,
  lay: Pick<NetLayout, 'L' | 'B' | 'C' | 'dims'>,
  bufs: Pick<TrainerBuffers, 'logits' | 'trainY' | 'idx' | 'dlogits' | 'block' | 'params'>,
  strategy: MatmulStrategy,
  nf: ReturnType<typeof nfOrder>,
  head?: FoldedHead,
): Dispatch {
  const { L, B, C } = lay;
  const gradScale = config.loss === 'ce' ? 1 / B : 2 / (B * C);
  const words = lossWords({
    rows: B,
    labOff: 0,
    gradScaleBits: u32Bits(gradScale),
    first: true,
    nfLoss: nf.loss,
    nfGrad: nf.grad(L),
  });
  if (head) {
    const shape = { strategy, B, C, K: lay.dims[L], wOff: head.wOff, bOff: head.bOff, units: head.units };
    const kernel = kernels.get(headLossKernel(config.loss, shape));
    const res = headLossResources(uniforms.alloc(words), uniforms.alloc(headWords(shape, nf.output)), {
      ...bufs,
      labels: bufs.trainY,
      a: head.a,
    });
    return { kernel, bind: bindGroup(device, kernel, res, 'head + loss'), groups: [1] };
  }
  const kernel = kernels.get(lossKernel(C, config.loss, false, strategy));
  const res = [uniforms.alloc(words), bufs.logits, bufs.trainY, bufs.idx, bufs.dlogits, bufs.block];
  return { kernel, bind: bindGroup(device, kernel, res, 'loss'), groups: [1] };
}

export function buildStepProgram(
  device: GPUDevice,
  kernels: KernelCache,
  uniforms: UniformArena,
  config: Readonly<RunConfig>,
  lay: NetLayout,
  bufs: TrainerBuffers,
  strategy: MatmulStrategy,
  units = deviceUnits(device),
): StepProgram {
  const { L, B, dims } = lay;
  const ext = hasExtras(lay);
  const nf = nfOrder(L, lay.ext);
  const passes = ext
    ? buildGraphPasses(device, kernels, uniforms, config, lay, bufs, strategy, units)
    : plainPasses(device, kernels, uniforms, config, lay, bufs, strategy, units);
  const { backward } = passes;
  let { forward, forwardTo } = passes;
  let loss: Dispatch | null = null;
  if (foldsHeadLoss(B, lay.C, dims[L], strategy)) {
    // The head's forward (last of the forward list) becomes the loss dispatch, and LSUV's pass for the
    // head runs it too (its loss and gradient are dropped there).
    const head = { a: passes.headInput, wOff: lay.wOff[L], bOff: lay.bOff[L], units };
    const folded = lossDispatch(device, kernels, uniforms, config, lay, bufs, strategy, nf, head);
    forward = [...forward.slice(0, -1), folded];
    forwardTo = [...forwardTo.slice(0, -1), [...forwardTo[L].slice(0, -1), folded]];
  } else loss = lossDispatch(device, kernels, uniforms, config, lay, bufs, strategy, nf);

  const tiled = strategy === 'tiled';
  // satFrac from φ'(u) or φ'(v) where φ is not applied to z (docs/LAYERS.md#statistics).
  const satFrom = lay.ext.norm !== null ? 0 : lay.ext.residual ? 1 : null;
  // Blocks with α = 1 keep δ = ∂L/∂x in the stream gradient only (graphProgram.ts).
  const gradFrom = lay.ext.residual && !lay.ext.rezero ? 1 : null;
  const statsK = kernels.get(statsActKernel(config.act, config.slope, strategy, satFrom, gradFrom));
  const statsAct: Dispatch = {
    kernel: statsK,
    bind: bindGroup(device, statsK, [
      uniforms.alloc([B * dims[1], lay.actStride, lay.statsPerChunk, lay.statsChunks, INF_BITS]),
      bufs.z,
      bufs.h,
      bufs.d,
      bufs.actPartials,
      ...(satFrom === null || !bufs.ext ? [] : [bufs.ext.u]),
      ...(gradFrom === null || !bufs.ext ? [] : [bufs.ext.gx]),
    ]),
    // tiled: a workgroup per chunk; direct: a thread per chunk (workgroups of 64).
    groups: [tiled ? lay.statsChunks : Math.ceil(lay.statsChunks / 64), L],
  };

  const maxGroups = device.limits.maxComputeWorkgroupsPerDimension;
  const optGroups = fold2d(tiled ? lay.itemCount : Math.ceil(lay.itemCount / 64), maxGroups);
  const optRes = [
    bufs.stepInfo,
    bufs.params,
    bufs.grads,
    bufs.s1,
    bufs.s2,
    bufs.items,
    bufs.optPartials,
    bufs.nfNext,
  ];
  const optK = kernels.get(optimizerKernel(config, L, false, strategy, lay.ext));
  const optStatsK = kernels.get(optimizerKernel(config, L, true, strategy, lay.ext));
  const extra = bufs.ext ? statsExtraPasses(device, kernels, uniforms, lay, bufs.ext, bufs, strategy) : null;
  const finK = kernels.get(statsFinalizeKernel(config.act, config.slope, strategy));
  return {
    forward,
    forwardTo,
    loss,
    backward,
    statsAct,
    optimizer: { kernel: optK, bind: bindGroup(device, optK, optRes), groups: optGroups },
    optimizerStats: { kernel: optStatsK, bind: bindGroup(device, optStatsK, optRes), groups: optGroups },
    statsFinalize: {
      kernel: finK,
      bind: bindGroup(device, finK, [
        uniforms.alloc([lay.statsChunks, INF_BITS, L, 0]),
        bufs.actPartials,
        bufs.optPartials,
        bufs.layerItems,
        bufs.block,
      ]),
      groups: [tiled ? L : Math.ceil(L / 64)],
    },
    statsExtra: extra?.first ?? null,
    statsExtraFinalize: extra?.finalize ?? null,
  };
}

/** The plain MLP's forward (L + 1 matmuls, bias and φ fused) and backward (L + 1 dispatches, see below). */
function plainPasses(
  device: GPUDevice,
  kernels: KernelCache,
  uniforms: UniformArena,
  config: Readonly<RunConfig>,
  lay: NetLayout,
  bufs: TrainerBuffers,
  strategy: MatmulStrategy,
  units: number,
): GraphPasses {
  const { L } = lay;
  const nf = nfOrder(L);
  const lp = linearPasses(device, kernels, uniforms, config, lay, bufs, strategy, units, nf);
  const forward: Dispatch[] = [];
  for (let i = 0; i <= L; i++)
    forward.push(lp.forward(i, i === 0 ? bufs.trainX : layerRange(bufs.h, lay, i - 1), i < L));

  // Per layer i ≥ 1 one merged dispatch (∂W, ∂b of layer i and δ of layer i − 1, both read δ of layer i);
  // layer 0's weight gradient reads gathered data rows and has no δ below: its own dispatch.
  const backward: Dispatch[] = [];
  for (let i = L; i >= 1; i--) {
    const io = {
      delta: i === L ? bufs.dlogits : layerRange(bufs.d, lay, i),
      input: layerRange(bufs.h, lay, i - 1),
      y: layerRange(bufs.z, lay, i - 1),
      out: layerRange(bufs.d, lay, i - 1),
    };
    backward.push(...lp.merged(i, io, config.act, nf.grad(i - 1)));
  }
  backward.push(...lp.layer0(L === 0 ? bufs.dlogits : layerRange(bufs.d, lay, 0)));

  return { forward, forwardTo: forward.map((f) => [f]), backward, headInput: layerRange(bufs.h, lay, L - 1) };
}

/** stats_extra (moments of u, x, ∂L/∂x per chunk) and its finalize into the block's extra region. */
function statsExtraPasses(
  device: GPUDevice,
  kernels: KernelCache,
  uniforms: UniformArena,
  lay: NetLayout,
  E: ExtBuffers,
  bufs: TrainerBuffers,
  strategy: MatmulStrategy,
): { first: Dispatch; finalize: Dispatch } {
  const { L, B, dims } = lay;
  const tiled = strategy === 'tiled';
  const k = kernels.get(statsExtraKernel(lay.ext.norm !== null, lay.ext.residual, strategy));
  const fk = kernels.get(statsExtraFinalizeKernel(extraAt(L)));
  return {
    first: {
      kernel: k,
      bind: bindGroup(device, k, [
        uniforms.alloc([B * dims[1], lay.actStride, lay.statsPerChunk, lay.statsChunks, 0]),
        E.u,
        E.x,
        bufs.h,
        E.gx,
        E.parts,
      ]),
      groups: [tiled ? lay.statsChunks : Math.ceil(lay.statsChunks / 64), L],
    },
    finalize: {
      kernel: fk,
      bind: bindGroup(device, fk, [uniforms.alloc([lay.statsChunks, L]), E.parts, bufs.block]),
      groups: [Math.ceil(L / 64)],
    },
  };
}
