// Forward-only pass of a network with normalization or residual blocks over one chunk of rows (held-out
// evaluation, predict): BatchNorm normalizes with its running statistics here, never the chunk's own
// (docs/LAYERS.md#normalizations); LayerNorm is the same as in training. h and z are chunk-sized
// buffers; the residual stream ping-pongs between two (two writable views of one range may not alias).
import { type BindingResource, bindGroup, type Dispatch } from './kernel';
import type { UniformArena } from './buffers';
import type { InferenceBuffers, InferenceContext } from './inference';
import { deviceQuad, deviceUnits, forwardKernel, forwardResources, forwardWords } from './matmulKernels';
import { NF_NONE } from './nonFinite';
import {
  eltwiseGroups,
  eltwiseKernel,
  eltwiseWords,
  normForwardKernel,
  normForwardWords,
  normGroups,
} from './normKernels';
import { extSizes } from './trainerBuffers';

/** Dispatches leaving the logits of rows [start, start + rows) of `x` in inf.logits. */
export function graphForwardEval(
  ctx: InferenceContext,
  inf: InferenceBuffers,
  uniforms: UniformArena,
  x: BindingResource,
  start: number,
  rows: number,
): Dispatch[] {
  const { device, kernels, config, lay, bufs, strategy } = ctx;
  const g = inf.graph;
  const E = bufs.ext;
  const sz = extSizes(lay);
  if (!g || !E || !sz)
    throw new Error('graphForwardEval: not a network with normalization or residual blocks');
  const { L, dims } = lay;
  const N = dims[1];
  const { norm, residual, rezero } = lay.ext;
  const maxDim = device.limits.maxComputeWorkgroupsPerDimension;
  const out: Dispatch[] = [];
  const h = inf.ping[0];
  let xCur = 0;

  const matmul = (i: number, a: BindingResource, z: GPUBuffer, fused: boolean, hOut: GPUBuffer) => {
    const hidden = i < L;
    const d = {
      M: rows,
      N: dims[i + 1],
      K: dims[i],
      aOff: i === 0 ? start * dims[0] : 0,
      wOff: lay.wOff[i],
      bOff: lay.bOff[i],
      zOff: 0,
      hOff: 0,
      idxOff: 0,
      nfZ: NF_NONE,
      nfH: NF_NONE,
    };
    const k = forwardKernel(
      {
        act: fused ? config.act : 'linear',
        slope: config.slope,
        gather: false,
        storeZ: !fused,
        storeH: fused,
      },
      { strategy, M: rows, N: d.N, K: d.K, units: deviceUnits(device), quad: deviceQuad(device) },
      d,
    );
    const kernel = kernels.get(k.spec);
    const res = forwardResources(
      k,
      {
        a,
        params: bufs.params,
        z: fused ? bufs.spareOut : hidden ? z : inf.logits,
        h: fused ? hOut : bufs.spareOut,
        idx: bufs.idx,
        flags: bufs.spareFlags,
      },
      bufs.spareVec,
    );
    out.push({
      kernel,
      bind: bindGroup(device, kernel, [uniforms.alloc(forwardWords(d)), ...res]),
      groups: k.groups,
    });
  };

  const normEval = (i: number, src: GPUBuffer, hOut: GPUBuffer) => {
    const k = kernels.get(
      normForwardKernel(
        { norm, train: false, storeU: false, storeStat: false, act: config.act, slope: config.slope },
        strategy,
      ),
    );
    const words = normForwardWords({
      rows,
      feats: N,
      srcOff: 0,
      uOff: 0,
      hOff: 0,
      statOff: 0,
      runOff: 0,
      gOff: norm ? lay.gammaOff[i] : 0,
      bOff: norm ? lay.betaOff[i] : 0,
      nfU: NF_NONE,
      nfH: NF_NONE,
    });
    const running =
      norm === 'batch'
        ? { buffer: E.running, offset: i * sz.runStride * 4, size: sz.runStride * 4 }
        : E.running;
    out.push({
      kernel: k,
      bind: bindGroup(device, k, [
        uniforms.alloc(words),
        src,
        bufs.params,
        bufs.spareOut,
        hOut,
        E.stat,
        running,
        bufs.spareFlags,
        bufs.stepInfo,
      ]),
      groups: normGroups(strategy, norm === 'batch' ? N : rows, maxDim),
    });
  };

  for (let i = 0; i < L; i++) {
    if (residual && i >= 1) {
      normEval(i, g.x[xCur], h);
      matmul(i, h, g.z, false, h);
      const k = kernels.get(eltwiseKernel('resAdd', rezero, config.act, config.slope));
      const words = eltwiseWords({
        count: rows * N,
        aOff: 0,
        bOff: 0,
        outOff: 0,
        alphaOff: lay.alphaOff[i],
        nfOut: NF_NONE,
      });
      out.push({
        kernel: k,
        bind: bindGroup(device, k, [
          uniforms.alloc(words),
          g.x[xCur],
          g.z,
          g.x[1 - xCur],
          bufs.params,
          bufs.spareFlags,
        ]),
        groups: eltwiseGroups(rows * N, maxDim),
      });
      xCur = 1 - xCur;
      continue;
    }
    // A plain layer; its output is the stream's start in a residual network.
    const dest = residual ? g.x[xCur] : h;
    const a = i === 0 ? x : h;
    if (norm) {
      matmul(i, a, g.z, false, dest);
      normEval(i, g.z, dest);
    } else matmul(i, a, g.z, true, dest);
  }
  matmul(L, residual ? g.x[xCur] : h, g.z, false, h);
  return out;
}
