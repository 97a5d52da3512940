// The forward pass of a conv network on the GPU (docs/LAYERS.md#convolutional-networks), as dispatches
// built once: the gather of the pass's images into the input maps, then per hidden layer the convolution
// (implicit GEMM, bias added, a non-finite z posted), Norm and φ (the MLP's norm_forward on the [rows·side²,
// C] matrix: BatchNorm2d is BatchNorm over its columns, GroupNorm(1, C) LayerNorm over each sample with γ, β
// per channel; without norm it only applies φ), the 2×2 pool where
// the graph has one, then the head: the mean over positions and the Linear map (the MLP's matmul). Training
// (rows = batch, batch statistics, non-finite orders) and inference (any rows ≤ batch, BatchNorm's running
// statistics, no orders) share it.
import type { RunConfig } from '../../engine/config';
import type { UniformArena } from '../buffers';
import { type BindingResource, bindGroup, type Dispatch, type KernelCache } from '../kernel';
import { forwardKernel, forwardResources, forwardWords, type MatmulStrategy } from '../matmulKernels';
import { NF_NONE, nfOrder } from '../nonFinite';
import {
  eltwiseGroups,
  eltwiseKernel,
  eltwiseWords,
  normForwardKernel,
  normForwardWords,
  normGroups,
} from '../normKernels';
import { extSizes, type TrainerBuffers } from '../trainerBuffers';
import type { ConvBuffers } from './convBuffers';
import {
  convForm,
  convGemmGroups,
  convGemmKernel,
  convGemmWords,
  poolKernel,
  poolWords,
} from './convKernels';
import type { ConvLayout } from './convLayout';
import { GATHER_KERNEL, gapKernel } from './convStepKernels';

export interface ConvContext {
  device: GPUDevice;
  kernels: KernelCache;
  uniforms: UniformArena;
  config: Readonly<RunConfig>;
  lay: ConvLayout;
  bufs: TrainerBuffers;
  conv: ConvBuffers;
  strategy: MatmulStrategy;
  /** Compute units the tiles and split-K are planned for (GpuTrainerOptions.units or deviceUnits). */
  units: number;
}

export const range = (buffer: GPUBuffer, at: number, elems: number): GPUBufferBinding => ({
  buffer,
  offset: at * 4,
  size: Math.max(4, elems) * 4,
});

/** Where things of layer i live: its z / h / u slots, its pooled map, what it hands upward, its input. */
export function convPlaces(ctx: ConvContext) {
  const { lay, bufs, conv } = ctx;
  const S = lay.actStride;
  const at = (buf: GPUBuffer, i: number) => range(buf, i * S, S);
  const pooled = (i: number) => range(conv.pooled, lay.poolOff[i], lay.B * lay.perLayer.outUnits[i]);
  /** Whether hidden layer i is a residual block (layers 2…L with res=1). */
  const isBlock = (i: number) => lay.ext.residual && i > 0;
  /** Layer i's output before its pool: h^ℓ, or a block's stream x^ℓ (x¹ = h¹). */
  const preOut = (i: number) => (isBlock(i) && bufs.ext ? at(bufs.ext.x, i) : at(bufs.h, i));
  /** Layer i's output after its pool (what the layer above reads). */
  const out = (i: number) => (lay.convs[i].pooled ? pooled(i) : preOut(i));
  /** The convolution's input: the images, the layer below's output, or a block's own a = φ(Norm(x)). */
  const input = (i: number): BindingResource => (i === 0 ? conv.x : isBlock(i) ? at(bufs.h, i) : out(i - 1));
  const weight = (i: number) => range(bufs.params, lay.wOff[i], lay.perLayer.weights[i]);
  const b = (i: number) => range(bufs.params, lay.bOff[i], lay.convs[i].Cout);
  return { at, pooled, isBlock, preOut, out, input, weight, b };
}

export interface ForwardSource {
  /** A split's rows (train or test images) and the row numbers to take: idx[idxOff + r]. */
  x: GPUBuffer;
  idx: GPUBuffer;
  idxOff: number;
}

/**
 * The forward dispatches for `rows` samples. `train`: batch statistics (BatchNorm's running ones move when
 * the step is applied), z / u kept for backward, non-finite orders posted; otherwise an inference pass.
 * The logits land in bufs.logits.
 */
export function convForward(
  ctx: ConvContext,
  rows: number,
  src: ForwardSource,
  train: boolean,
  /** Filled with the number of dispatches that leave z of each convolution, then the logits (LSUV). */
  cuts: number[] = [],
): Dispatch[] {
  const { device, kernels, uniforms, config, lay, bufs, conv, strategy } = ctx;
  const { L } = lay;
  const norm = lay.ext.norm;
  const nf = nfOrder(L, lay.ext);
  const place = convPlaces(ctx);
  const E = bufs.ext;
  const sz = extSizes(lay);
  const maxDim = device.limits.maxComputeWorkgroupsPerDimension;
  const { units } = ctx;
  // The conv GEMM's quad form (software adapters) shares loads across a quad: needs subgroups.
  const quad = device.features.has('subgroups');
  const out: Dispatch[] = [];
  const push = (
    spec: Parameters<KernelCache['get']>[0],
    res: BindingResource[],
    groups: Dispatch['groups'],
    label: string,
  ) => {
    const kernel = kernels.get(spec);
    out.push({ kernel, bind: bindGroup(device, kernel, res, label), groups });
  };

  /**
   * Norm and φ of layer i from `v` into u and h, over the [rows·side², C] matrix: BatchNorm2d's groups are
   * its columns; GroupNorm(1, C)'s are the samples, rows of side²·C values with γ, β per channel
   * (paramPeriod C); without norm only φ (a block still keeps v, for φ' and satFrac).
   */
  const normAct = (i: number, n: number, v: BindingResource, block: boolean) => {
    const c = lay.convs[i];
    const mRows = n * c.side * c.side;
    const group = norm === 'layer';
    const words = normForwardWords({
      rows: group ? n : mRows,
      feats: group ? c.side * c.side * c.Cout : c.Cout,
      srcOff: 0,
      uOff: 0,
      hOff: 0,
      statOff: 0,
      runOff: 0,
      gOff: norm ? lay.gammaOff[i] : 0,
      bOff: norm ? lay.betaOff[i] : 0,
      nfU: train && norm ? nf.norm(i) : NF_NONE,
      nfH: train ? nf.act(i) : NF_NONE,
    });
    const keepU = train && (norm !== null || block);
    const keepStat = train && norm !== null;
    // Unused writable bindings take spare buffers of their own (writable bindings may not alias); nfNone
    // is never written here since every order is NF_NONE in inference.
    const batchRun = E && sz && norm === 'batch';
    const stat = E && sz && norm ? range(E.stat, i * sz.statStride, sz.statStride) : bufs.spareVec;
    const running = batchRun ? range(E.running, i * sz.runStride, sz.runStride) : bufs.spareFlags;
    const flags = train ? bufs.block : batchRun ? bufs.spareFlags : bufs.nfNone;
    push(
      normForwardKernel(
        {
          norm,
          train,
          storeU: keepU,
          storeStat: keepStat,
          act: config.act,
          slope: config.slope,
          paramPeriod: group ? c.Cout : 0,
        },
        strategy,
      ),
      [
        uniforms.alloc(words),
        v,
        bufs.params,
        keepU && E ? place.at(E.u, i) : bufs.spareOut,
        place.at(bufs.h, i),
        stat,
        running,
        flags,
        bufs.stepInfo,
      ],
      normGroups(strategy, norm === 'batch' ? c.Cout : group ? n : mRows, maxDim),
      `norm/φ ${i}`,
    );
  };

  const inDim = lay.dims[0];
  push(
    GATHER_KERNEL,
    [uniforms.alloc([rows, inDim, src.idxOff, 0]), src.x, src.idx, conv.x],
    eltwiseGroups(rows * inDim, maxDim),
    'gather',
  );
  for (let i = 0; i < L; i++) {
    const c = lay.convs[i];
    const shape = { B: rows, S: c.side, Cin: c.Cin, Cout: c.Cout, k: c.k };
    const block = place.isBlock(i);
    // A residual block (pre-norm): v = Norm(x^{ℓ−1}), a = φ(v) first, then z = Conv(a), x^ℓ = x^{ℓ−1} + α z.
    if (block) normAct(i, rows, place.out(i - 1), true);
    const nfZ = train ? nf.pre(i) : NF_NONE;
    const form = convForm('forward', shape, strategy, units, quad);
    push(
      convGemmKernel('forward', train, form),
      [
        uniforms.alloc(convGemmWords('forward', shape, nfZ)),
        place.input(i),
        place.weight(i),
        place.at(bufs.z, i),
        place.b(i),
        ...(train ? [bufs.block] : []),
      ],
      convGemmGroups('forward', shape, form),
      `conv ${i}`,
    );
    cuts.push(out.length);
    if (block && E) {
      const count = rows * lay.perLayer.units[i];
      push(
        eltwiseKernel('resAdd', lay.ext.rezero, config.act, config.slope),
        [
          uniforms.alloc(
            eltwiseWords({
              count,
              aOff: 0,
              bOff: 0,
              outOff: 0,
              alphaOff: lay.alphaOff[i],
              nfOut: train ? nf.stream(i) : NF_NONE,
            }),
          ),
          place.out(i - 1),
          place.at(bufs.z, i),
          place.at(E.x, i),
          bufs.params,
          bufs.block,
        ],
        eltwiseGroups(count, maxDim),
        `residual ${i}`,
      );
    } else normAct(i, rows, place.at(bufs.z, i), false);
    if (c.pooled) {
      const words = poolWords(rows, c.side, c.Cout, false);
      push(
        poolKernel(false),
        [uniforms.alloc(words), place.preOut(i), place.pooled(i)],
        eltwiseGroups(words[3], maxDim),
        `pool ${i}`,
      );
    }
  }
  const width = lay.dims[1];
  push(
    gapKernel(false),
    [uniforms.alloc([rows, lay.lastSide ** 2, width, 0]), place.out(L - 1), conv.gap],
    eltwiseGroups(rows * width, maxDim),
    'head mean',
  );
  const C = lay.C;
  const dimsF = {
    M: rows,
    N: C,
    K: width,
    aOff: 0,
    wOff: lay.wOff[L],
    bOff: lay.bOff[L],
    zOff: 0,
    hOff: 0,
    idxOff: 0,
    nfZ: train ? nf.output : NF_NONE,
    nfH: NF_NONE,
  };
  const k = forwardKernel(
    { act: 'linear', slope: config.slope, gather: false, storeZ: true, storeH: false },
    { strategy, M: rows, N: C, K: width },
    dimsF,
  );
  push(
    k.spec,
    [
      uniforms.alloc(forwardWords(dimsF)),
      ...forwardResources(
        k,
        {
          a: conv.gap,
          params: bufs.params,
          z: bufs.logits,
          h: bufs.spareOut,
          idx: bufs.idx,
          flags: train ? bufs.block : bufs.spareFlags,
        },
        bufs.spareVec,
      ),
    ],
    k.groups,
    'head',
  );
  cuts.push(out.length);
  return out;
}
