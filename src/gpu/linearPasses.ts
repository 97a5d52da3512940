// The dispatches of a Linear layer, shared by the plain MLP's program (stepProgram.ts) and the graph
// program (graphProgram.ts): its forward (bias and φ fused), and its backward: layer i ≥ 1 in one merged dispatch (backwardKernel.ts: ∂W, ∂b and the
// input gradient below, since both read δ), layer 0's ∂W, ∂b in its own (its input is gathered from the data
// rows and it has no δ below). A weight gradient split across workgroups (splitK.ts, big GPUs) writes its
// chunks' partial sums into the program's partials buffer (at sliceOffsets) and is followed by their reduce
// into the gradients.
import type { RunConfig } from '../engine/config';
import { backwardKernel, backwardPartialElems, backwardResources, backwardWords } from './backwardKernel';
import type { UniformArena } from './buffers';
import { type BindingResource, bindGroup, type Dispatch, type KernelCache } from './kernel';
import { weightGradKernel, weightGradWords } from './matmulBackward';
import {
  deviceQuad,
  forwardKernel,
  forwardResources,
  forwardWords,
  type MatmulStrategy,
} from './matmulKernels';
import { layerRange, type NetLayout } from './netLayout';
import { NF_NONE, type nfOrder } from './nonFinite';
import { type SplitK, sliceOffsets, splitReduceDispatch } from './splitK';
import { partialsBuffer, type TrainerBuffers } from './trainerBuffers';

export interface LinearPasses {
  /**
   * Layer i's forward from its input `a` (the data set for layer 0, whose rows the batch indices pick): z
   * into the layer's z slice (the logits for the head), and with `fused` h = φ(z) into its h slice.
   */
  forward(i: number, a: BindingResource, fused: boolean): Dispatch;
  /** Layer i ≥ 1: δ_i and its input → ∂W_i, ∂b_i, and (δ_i · W_i) ⊙ φ'(y) into `out` (φ = `act`). */
  merged(
    i: number,
    io: { delta: BindingResource; input: BindingResource; y: BindingResource; out: BindingResource },
    act: RunConfig['act'],
    nfOut: number,
  ): Dispatch[];
  /** Layer 0's ∂W, ∂b from δ_0 and the batch's gathered data rows. */
  layer0(delta: BindingResource): Dispatch[];
}

export function linearPasses(
  device: GPUDevice,
  kernels: KernelCache,
  uniforms: UniformArena,
  config: Readonly<RunConfig>,
  lay: NetLayout,
  bufs: TrainerBuffers,
  strategy: MatmulStrategy,
  units: number,
  nf: ReturnType<typeof nfOrder>,
): LinearPasses {
  const { B, L, dims } = lay;
  // The direct forward's and merged backward's quad forms (software adapters) share loads across a quad:
  // they need subgroups.
  const quad = deviceQuad(device);
  const part = partialsBuffer(device, bufs, backwardPartialElems(dims, B, strategy, units));
  /** The gradients binding and offsets of layer i's kernel, and the reduce after it when split. */
  const target = (i: number, split: SplitK) => {
    const [out, inp] = [dims[i + 1], dims[i]];
    const grads = { gwOff: lay.wOff[i], gbOff: lay.bOff[i] };
    if (split.splits === 1) return { grads: bufs.grads, offsets: grads, reduce: [] };
    if (!part)
      throw new Error(`layer ${i}'s weight gradient is split but no partials buffer was sized for it`);
    const to = { wCount: out * inp, bCount: out, wOff: grads.gwOff, bOff: grads.gbOff };
    const reduce = splitReduceDispatch(
      device,
      kernels,
      uniforms,
      split,
      to,
      part,
      bufs.grads,
      `split-K ${i}`,
    );
    return { grads: part, offsets: sliceOffsets(out * inp), reduce: [reduce] };
  };
  const dispatch = (
    spec: Parameters<KernelCache['get']>[0],
    res: BindingResource[],
    groups: Dispatch['groups'],
    label: string,
  ) => {
    const kernel = kernels.get(spec);
    return { kernel, bind: bindGroup(device, kernel, res, label), groups };
  };
  return {
    forward(i, a, fused) {
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
      const variant = {
        act: fused ? config.act : 'linear',
        slope: config.slope,
        gather: i === 0,
        storeZ: true,
        storeH: fused,
      } as const;
      const k = forwardKernel(variant, { strategy, M: B, N: dims[i + 1], K: dims[i], units, quad }, dimsF);
      const res = forwardResources(
        k,
        {
          a,
          params: bufs.params,
          z: hidden ? layerRange(bufs.z, lay, i) : bufs.logits,
          h: fused ? layerRange(bufs.h, lay, i) : bufs.spareOut,
          idx: bufs.idx,
          flags: bufs.block,
        },
        bufs.spareVec,
      );
      return dispatch(k.spec, [uniforms.alloc(forwardWords(dimsF)), ...res], k.groups, `forward ${i}`);
    },
    merged(i, io, act, nfOut) {
      const dimsB = {
        out: dims[i + 1],
        inp: dims[i],
        rows: B,
        dOff: 0,
        hOff: 0,
        wOff: lay.wOff[i],
        zOff: 0,
        outOff: 0,
        gwOff: lay.wOff[i],
        gbOff: lay.bOff[i],
        nfOut,
      };
      const k = backwardKernel(act, config.slope, { strategy, units, quad }, dimsB);
      const t = target(i, k.split);
      Object.assign(dimsB, t.offsets);
      const res = backwardResources({
        delta: io.delta,
        params: bufs.params,
        h: io.input,
        z: io.y,
        out: io.out,
        grads: t.grads,
        flags: bufs.block,
      });
      const words = uniforms.alloc(backwardWords(dimsB, k));
      return [dispatch(k.spec, [words, ...res], k.groups, `backward ${i}`), ...t.reduce];
    },
    layer0(delta) {
      const wg = { M: dims[1], N: dims[0], K: B, dOff: 0, hOff: 0, gwOff: 0, gbOff: 0, idxOff: 0 };
      const kw = weightGradKernel(true, { strategy, M: wg.M, N: wg.N, K: B, units }, wg);
      const t = target(0, kw.split);
      Object.assign(wg, t.offsets);
      const x = bufs.trainX;
      const res = [uniforms.alloc(weightGradWords(wg, kw.split)), delta, x, t.grads, bufs.idx, delta, x];
      return [dispatch(kw.spec, res, kw.groups, 'weight grad 0'), ...t.reduce];
    },
  };
}
