// Forward-only passes over many rows (held-out evaluation, predict): chunks of up to R rows ping-pong
// between two activation buffers (z is not kept), logits land in their own buffer; evaluation adds a loss
// kernel that accumulates the chunk's loss sum and correct count into the stats block's test words.
import type { RunConfig } from '../engine/config';
import { type BindingResource, bindGroup, type Dispatch, type KernelCache } from './kernel';
import { storageBuffer, u32Bits, type UniformArena } from './buffers';
import {
  deviceQuad,
  deviceUnits,
  forwardKernel,
  forwardResources,
  forwardWords,
  type MatmulStrategy,
} from './matmulKernels';
import { hasExtras, type NetLayout } from './netLayout';
import { graphForwardEval } from './inferenceGraph';
import { NF_NONE } from './nonFinite';
import { lossKernel, lossWords } from './stepKernels';
import type { TrainerBuffers } from './trainerBuffers';

/** Rows per chunk: every row at once unless the ping-pong buffers would pass ~64 MB each. */
export function inferenceRows(n: number, width: number): number {
  return Math.max(1, Math.min(n, Math.max(256, Math.floor(16_777_216 / width))));
}

export interface InferenceBuffers {
  rows: number;
  ping: [GPUBuffer, GPUBuffer];
  logits: GPUBuffer;
  /** With normalization or residual blocks: z, and the residual stream's ping-pong pair (inferenceGraph.ts). */
  graph: { z: GPUBuffer; x: [GPUBuffer, GPUBuffer] } | null;
  destroy(): void;
}

/** Activation-sized buffers of one inference chunk (2 for the plain MLP; z and two stream slices more). */
export function inferenceSlices(ext: boolean, residual: boolean): number {
  return 2 + (ext ? 1 : 0) + (residual ? 2 : 0);
}

export function createInferenceBuffers(device: GPUDevice, lay: NetLayout, rows: number): InferenceBuffers {
  const width = lay.dims[1];
  const act = (label: string) => storageBuffer(device, label, rows * width * 4);
  const ping: [GPUBuffer, GPUBuffer] = [act('inference h A'), act('inference h B')];
  const logits = storageBuffer(device, 'inference logits', rows * lay.C * 4);
  const graph = hasExtras(lay)
    ? {
        z: act('inference z'),
        x: (lay.ext.residual ? [act('inference x A'), act('inference x B')] : [ping[1], ping[1]]) as [
          GPUBuffer,
          GPUBuffer,
        ],
      }
    : null;
  return {
    rows,
    ping,
    logits,
    graph,
    destroy() {
      for (const b of new Set([...ping, logits, ...(graph ? [graph.z, ...graph.x] : [])])) b.destroy();
    },
  };
}

export interface InferenceContext {
  device: GPUDevice;
  kernels: KernelCache;
  config: Readonly<RunConfig>;
  lay: NetLayout;
  bufs: TrainerBuffers;
  strategy: MatmulStrategy;
}

export interface InferenceChunk {
  start: number;
  rows: number;
  dispatches: Dispatch[];
}

/**
 * Dispatches that run the network on rows [0, n) of `x` (row-major [n, inDim]), chunk by chunk (each
 * chunk's logits are in inf.logits once its dispatches ran); with `labels`, also the evaluation loss into
 * the block's test words. The caller owns `uniforms` (destroy after the last use).
 */
export function buildInference(
  ctx: InferenceContext,
  inf: InferenceBuffers,
  uniforms: UniformArena,
  x: BindingResource,
  n: number,
  labels: GPUBuffer | null,
): InferenceChunk[] {
  const { device, kernels, config, lay, bufs, strategy } = ctx;
  const { L, C, dims } = lay;
  const chunks: InferenceChunk[] = [];
  for (let start = 0; start < n; start += inf.rows) {
    const rows = Math.min(inf.rows, n - start);
    const out: Dispatch[] = [];
    chunks.push({ start, rows, dispatches: out });
    if (inf.graph) out.push(...graphForwardEval(ctx, inf, uniforms, x, start, rows));
    for (let i = 0; i <= L && !inf.graph; i++) {
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
          act: hidden ? config.act : 'linear',
          slope: config.slope,
          gather: false,
          storeZ: !hidden,
          storeH: hidden,
        },
        { strategy, M: rows, N: d.N, K: d.K, units: deviceUnits(device), quad: deviceQuad(device) },
        d,
      );
      const kernel = kernels.get(k.spec);
      const res = forwardResources(
        k,
        {
          a: i === 0 ? x : inf.ping[(i - 1) % 2],
          params: bufs.params,
          z: hidden ? bufs.spareOut : inf.logits,
          h: hidden ? inf.ping[i % 2] : bufs.spareOut,
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
    }
    if (labels) {
      const lk = kernels.get(lossKernel(C, config.loss, true, strategy));
      const words = lossWords({
        rows,
        labOff: start,
        gradScaleBits: u32Bits(0),
        first: start === 0,
        nfLoss: NF_NONE,
        nfGrad: NF_NONE,
      });
      out.push({
        kernel: lk,
        bind: bindGroup(device, lk, [
          uniforms.alloc(words),
          inf.logits,
          labels,
          bufs.idx,
          bufs.spareOut,
          bufs.block,
        ]),
        groups: [1],
      });
    }
  }
  return chunks;
}
