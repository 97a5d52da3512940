// Forward and backward dispatches of a network with normalization and/or residual blocks
// (docs/LAYERS.md). The plain MLP never comes here (stepProgram.ts keeps its fused kernels untouched).
// Per hidden layer i (0-based; residual blocks are i ≥ 1 when res = 1):
//   plain    z = W h + b [matmul, φ fused without norm] → u = Norm(z), h = φ(u) [norm forward]
//   residual v = Norm(x), a = φ(v) [norm forward] → z = W a + b [matmul] → x' = x + α z [eltwise]
// Backward, from the head down: the head's input gradient lands in ∂L/∂x^L (residual) or ∂L/∂u^L; a block
// scales it into δ = α g_x (and ∂α), takes ∂W, ∂b, the input gradient ⊙ φ'(v), then the norm backward
// adds Norm'(·) to g_x for the block below; a plain layer with norm turns ∂L/∂u into δ by the norm
// backward, then ∂W, ∂b and the input gradient ⊙ φ'(u) of the layer below. Every Linear but layer 0 takes
// its ∂W, ∂b and input gradient in one merged dispatch (backwardKernel.ts), as the plain MLP does.
import type { RunConfig } from '../engine/config';
import { type BindingResource, bindGroup, type Dispatch, type KernelCache } from './kernel';
import type { UniformArena } from './buffers';
import {
  deviceQuad,
  deviceUnits,
  forwardKernel,
  forwardResources,
  forwardWords,
  type MatmulStrategy,
} from './matmulKernels';
import { linearBackwardPasses } from './linearBackward';
import type { NetLayout } from './netLayout';
import { NF_NONE, nfOrder } from './nonFinite';
import {
  alphaGradKernel,
  type EltMode,
  resGradGroups,
  resGradKernel,
  eltwiseGroups,
  eltwiseKernel,
  eltwiseWords,
  normBackwardKernel,
  normBackwardWords,
  normForwardKernel,
  normForwardWords,
  normGroups,
} from './normKernels';
import { extSizes, type TrainerBuffers } from './trainerBuffers';

export interface GraphPasses {
  forward: Dispatch[];
  /** Per Linear layer i: the dispatches that, after those of layers < i, leave z^i (or the logits). */
  forwardTo: Dispatch[][];
  backward: Dispatch[];
  /** The head's input rows (h^L, or the stream x^L): what a loss dispatch folding the head reads. */
  headInput: BindingResource;
}

const range = (buffer: GPUBuffer, at: number, elems: number): GPUBufferBinding => ({
  buffer,
  offset: at * 4,
  size: elems * 4,
});

export function buildGraphPasses(
  device: GPUDevice,
  kernels: KernelCache,
  uniforms: UniformArena,
  config: Readonly<RunConfig>,
  lay: NetLayout,
  bufs: TrainerBuffers,
  strategy: MatmulStrategy,
  units = deviceUnits(device),
): GraphPasses {
  const E = bufs.ext;
  const sz = extSizes(lay);
  if (!E || !sz) throw new Error('buildGraphPasses: the network has no normalization or residual blocks');
  const { L, B, dims, actStride: S } = lay;
  const N = dims[1];
  const { norm, residual, rezero } = lay.ext;
  const nf = nfOrder(L, lay.ext);
  const isRes = (i: number) => residual && i >= 1;
  const at = (buf: GPUBuffer, i: number) => range(buf, i * S, S);
  /** x^{i+1} (0-based i): h¹ for i = 0, else the stream buffer. */
  const stream = (i: number) => (i === 0 ? at(bufs.h, 0) : at(E.x, i));
  const stat = (i: number) => (norm ? range(E.stat, i * sz.statStride, sz.statStride) : E.stat);
  const running = (i: number) =>
    norm === 'batch' ? range(E.running, i * sz.runStride, sz.runStride) : E.running;
  const maxDim = device.limits.maxComputeWorkgroupsPerDimension;
  const d = (
    kernel: ReturnType<KernelCache['get']>,
    res: BindingResource[],
    groups: Dispatch['groups'],
    label: string,
  ): Dispatch => ({
    kernel,
    bind: bindGroup(device, kernel, res, label),
    groups,
  });

  const matmul = (i: number, a: BindingResource, fused: boolean): Dispatch => {
    const hidden = i < L;
    const dimsF = {
      M: B,
      N: dims[i + 1],
      K: dims[i],
      aOff: 0,
      wOff: lay.wOff[i],
      bOff: lay.bOff[i],
      zOff: 0,
      hOff: 0,
      idxOff: 0,
      nfZ: hidden ? nf.pre(i) : nf.output,
      nfH: fused ? nf.act(i) : NF_NONE,
    };
    const k = forwardKernel(
      {
        act: fused ? config.act : 'linear',
        slope: config.slope,
        gather: i === 0,
        storeZ: true,
        storeH: fused,
      },
      { strategy, M: B, N: dims[i + 1], K: dims[i], units, quad: deviceQuad(device) },
      dimsF,
    );
    const kernel = kernels.get(k.spec);
    const res = forwardResources(
      k,
      {
        a,
        params: bufs.params,
        z: hidden ? at(bufs.z, i) : bufs.logits,
        h: fused ? at(bufs.h, i) : bufs.spareOut,
        idx: bufs.idx,
        flags: bufs.block,
      },
      bufs.spareVec,
    );
    return d(kernel, [uniforms.alloc(forwardWords(dimsF)), ...res], k.groups, `forward ${i}`);
  };

  /** Norm (or, without norm, just φ) of hidden layer i from `src` into u and h. */
  const normForward = (i: number, src: BindingResource): Dispatch => {
    const k = kernels.get(
      normForwardKernel(
        { norm, train: true, storeU: true, storeStat: norm !== null, act: config.act, slope: config.slope },
        strategy,
      ),
    );
    const words = normForwardWords({
      rows: B,
      feats: N,
      srcOff: 0,
      uOff: 0,
      hOff: 0,
      statOff: 0,
      runOff: 0,
      gOff: norm ? lay.gammaOff[i] : 0,
      bOff: norm ? lay.betaOff[i] : 0,
      nfU: norm ? nf.norm(i) : NF_NONE,
      nfH: nf.act(i),
    });
    const groups = norm === 'batch' ? N : B;
    return d(
      k,
      [
        uniforms.alloc(words),
        src,
        bufs.params,
        at(E.u, i),
        at(bufs.h, i),
        stat(i),
        running(i),
        bufs.block,
        bufs.stepInfo,
      ],
      normGroups(strategy, groups, maxDim),
      `norm forward ${i}`,
    );
  };

  const elt = (
    mode: EltMode,
    a: BindingResource,
    b: BindingResource,
    out: BindingResource,
    alphaOff: number,
    nfOut: number,
    label: string,
    act = config.act,
  ): Dispatch => {
    const k = kernels.get(eltwiseKernel(mode, rezero && mode === 'resAdd', act, config.slope));
    const words = eltwiseWords({ count: B * N, aOff: 0, bOff: 0, outOff: 0, alphaOff, nfOut });
    return d(
      k,
      [uniforms.alloc(words), a, b, out, bufs.params, bufs.block],
      eltwiseGroups(B * N, maxDim),
      label,
    );
  };

  // ------------------------------------------------------------------------------------------ forward
  const forward: Dispatch[] = [];
  const forwardTo: Dispatch[][] = [];
  let pending: Dispatch[] = [];
  for (let i = 0; i < L; i++) {
    if (isRes(i)) {
      pending.push(normForward(i, stream(i - 1)));
      pending.push(matmul(i, at(bufs.h, i), false));
      forwardTo.push(pending);
      pending = [
        elt(
          'resAdd',
          stream(i - 1),
          at(bufs.z, i),
          at(E.x, i),
          lay.alphaOff[i],
          nf.stream(i),
          `residual ${i}`,
        ),
      ];
    } else {
      pending.push(matmul(i, i === 0 ? bufs.trainX : at(bufs.h, i - 1), norm === null));
      forwardTo.push(pending);
      pending = norm ? [normForward(i, at(bufs.z, i))] : [];
    }
  }
  const headInput = residual ? stream(L - 1) : at(bufs.h, L - 1);
  pending.push(matmul(L, headInput, false));
  forwardTo.push(pending);
  for (const ds of forwardTo) forward.push(...ds);

  // ----------------------------------------------------------------------------------------- backward
  const backward: Dispatch[] = [];
  const lb = linearBackwardPasses(device, kernels, uniforms, config, lay, bufs, strategy, units);
  const weightGrad0 = (delta: BindingResource) => backward.push(...lb.layer0(delta));
  /**
   * Layer i ≥ 1 in one merged dispatch (backwardKernel.ts, bit for bit the two separate kernels): ∂W, ∂b
   * from δ_i and its input, and (δ_i · W_i) ⊙ φ'(y) into `out`; act 'linear' for no φ'. `out` is always
   * the plain input gradient the next kernel reads (∂L/∂u, ∂L/∂v or the head's ∂L/∂x): the norm backward
   * or the stream add that turn it into δ below stay their own dispatches (they need all of it).
   */
  const linearBackward = (
    i: number,
    delta: BindingResource,
    input: BindingResource,
    y: BindingResource,
    out: BindingResource,
    act: RunConfig['act'],
    nfOut: number,
  ) => backward.push(...lb.merged(i, { delta, input, y, out }, act, nfOut));
  /** Norm backward of hidden layer i: g (∂L/∂u or ∂L/∂v) and its input v → out (+ res when given). */
  const normBackward = (
    i: number,
    v: BindingResource,
    out: BindingResource,
    res: BindingResource | null,
    nfOut: number,
  ) => {
    const words = normBackwardWords({
      rows: B,
      feats: N,
      gOff: 0,
      vOff: 0,
      statOff: 0,
      gamOff: lay.gammaOff[i],
      dgamOff: lay.gammaOff[i],
      dbetaOff: lay.betaOff[i],
      outOff: 0,
      resOff: 0,
      nfOut,
    });
    const push = (cols: boolean, params: boolean, withOut: boolean, label: string) => {
      const k = kernels.get(
        normBackwardKernel(
          { cols, statCols: norm === 'batch', params, out: withOut, res: withOut && res !== null },
          strategy,
        ),
      );
      backward.push(
        d(
          k,
          [
            uniforms.alloc(words),
            at(E.gs, 0),
            v,
            stat(i),
            bufs.params,
            bufs.grads,
            withOut ? out : bufs.spareOut,
            withOut && res ? res : bufs.spareVec,
            bufs.block,
          ],
          normGroups(strategy, cols ? N : B, maxDim),
          label,
        ),
      );
    };
    if (norm === 'batch') push(true, true, true, `batch norm backward ${i}`);
    else {
      push(true, true, false, `layer norm ∂γ ∂β ${i}`);
      push(false, false, true, `layer norm backward ${i}`);
    }
  };

  // The head: with res = 1 its input gradient is ∂L/∂x^L itself (no φ'; z is not read, u[0] stands in).
  if (residual)
    linearBackward(
      L,
      bufs.dlogits,
      stream(L - 1),
      at(E.u, 0),
      at(E.gx, L - 1),
      'linear',
      nf.streamGrad(L - 1),
    );
  else linearBackward(L, bufs.dlogits, at(bufs.h, L - 1), at(E.u, L - 1), at(E.gs, 0), config.act, NF_NONE);
  const resGradK = rezero ? kernels.get(resGradKernel(strategy)) : null;
  const alphaK = rezero ? kernels.get(alphaGradKernel(strategy)) : null;
  for (let i = L - 1; i >= 0; i--) {
    if (isRes(i)) {
      if (resGradK && alphaK) {
        // δ = α g_x with ∂α's per-chunk partials, then their sum (two levels: any batch × width).
        const chunks = lay.statsChunks;
        const partOff = i * chunks;
        const words = [B * N, lay.statsPerChunk, chunks, lay.alphaOff[i], partOff, nf.grad(i)];
        backward.push(
          d(
            resGradK,
            [
              uniforms.alloc(words),
              at(E.gx, i),
              at(bufs.z, i),
              bufs.params,
              at(bufs.d, i),
              E.alphaParts,
              bufs.block,
            ],
            resGradGroups(strategy, chunks),
            `δ = α g_x ${i}`,
          ),
        );
        backward.push(
          d(
            alphaK,
            [uniforms.alloc([chunks, partOff, lay.alphaOff[i], 0]), E.alphaParts, bufs.grads],
            [1],
            `∂α ${i}`,
          ),
        );
      }
      // With α = 1, δ = g_x: the block reads g_x itself (no copy; the statistics read it too, and a
      // non-finite δ is already named as the stream gradient, which comes first in the check order).
      const delta = rezero ? at(bufs.d, i) : at(E.gx, i);
      linearBackward(i, delta, at(bufs.h, i), at(E.u, i), at(E.gs, 0), config.act, NF_NONE);
      if (norm) normBackward(i, stream(i - 1), at(E.gx, i - 1), at(E.gx, i), nf.streamGrad(i - 1));
      else
        backward.push(
          elt('add', at(E.gx, i), at(E.gs, 0), at(E.gx, i - 1), -1, nf.streamGrad(i - 1), `g_x ${i}`),
        );
      continue;
    }
    // A plain layer: ∂L/∂u (with norm) is in gs, or (residual network, layer 1) ∂L/∂h¹ in gx[0].
    if (residual) {
      if (norm) backward.push(elt('dact', at(E.gx, 0), at(E.u, 0), at(E.gs, 0), -1, NF_NONE, 'φ′ 0'));
      else backward.push(elt('dact', at(E.gx, 0), at(bufs.z, 0), at(bufs.d, 0), -1, nf.grad(0), 'φ′ 0'));
    }
    if (norm) normBackward(i, at(bufs.z, i), at(bufs.d, i), null, nf.grad(i));
    if (i > 0)
      linearBackward(i, at(bufs.d, i), at(bufs.h, i - 1), at(E.u, i - 1), at(E.gs, 0), config.act, NF_NONE);
    else weightGrad0(at(bufs.d, 0));
  }
  return { forward, forwardTo, backward, headInput };
}
