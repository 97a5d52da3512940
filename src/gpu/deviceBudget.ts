// The GPU memory a training run needs, from the config alone, so acquireDevice can refuse a network the
// device cannot hold before anything is allocated, with figures. The figure follows the GPU trainer's own
// allocation (gpuTrainer.ts, trainerBuffers.ts, inference.ts) and adds the init's transient peak.
import type { RunConfig } from '../engine/config';
import { datasetShape } from '../engine/data/shape';
import { HIST_BINS } from '../engine/stats/histogramRange';
import { buildGraph } from '../engine/graph';
import { convBufferBytes, convSplitElems } from './conv/convBuffers';
import { type ConvLayout, convLayout } from './conv/convLayout';
import { backwardPartialElems } from './backwardKernel';
import { inferenceRows, inferenceSlices } from './inference';
import { BIG_GPU_UNITS } from './matmulKernels';
import { hasExtras, layoutExtras, netLayout } from './netLayout';
import { blockWords } from './statsLayout';
import { MAX_STEPS_PER_SUBMIT, STATS_RING_DEPTH, stageSlotBytes, trainerBytes } from './trainerBuffers';

export interface GpuNeeds {
  /** All buffers together. */
  bytes: number;
  /** The largest single buffer (bounded by maxStorageBufferBindingSize and maxBufferSize). */
  maxBinding: number;
  /** Shared memory per workgroup of the largest kernel. */
  workgroupStorage?: number;
  /** Most storage buffers bound by one kernel. */
  storageBuffersPerStage?: number;
  /** Threads per workgroup of the largest kernel. */
  invocationsPerWorkgroup?: number;
}

export interface GpuBytesEstimate extends GpuNeeds {
  /** The bytes by role, for messages and tests. */
  parts: Record<string, number>;
}

type EstimateConfig = Pick<RunConfig, 'depth' | 'width' | 'batch' | 'opt' | 'data' | 'in'> &
  Partial<Pick<RunConfig, 'act' | 'slope' | 'norm' | 'res' | 'rezero' | 'arch' | 'kernel' | 'pool'>>;

/**
 * Bytes of the GPU trainer's buffers for this config and dims ([inDim, width × depth…, classes]):
 * - trainer: trainerBytes() — packed parameters (γ, β, α included), gradients and optimizer state; z, h, δ
 *   of every hidden layer for the batch; logits; the resident dataset; optimizer and stats partial sums;
 *   with normalization or residual blocks also u/v, the stream and its gradient, the norm-gradient
 *   scratch, per-group μ and 1/σ, BatchNorm's running statistics and the extra statistics' partials;
 * - stats: histograms, the stats block, the MAP_READ ring, the per-step staging and batch indices;
 * - inference: evaluate/predict's ping-pong activations (plus z and the stream's pair with norm/res) and
 *   logits for the test split;
 * - initPeak: gpuInitializeNetwork's separate W/b buffers and the largest layer's init scratch
 *   (orthogonal ping-pong copy and Gram matrix, or sparse keys), alive only during init;
 * - splitK: the split weight gradients' partial sums (splitK.ts), as planned for a big GPU.
 */
export function estimateGpuBytes(config: EstimateConfig, dims: readonly number[]): GpuBytesEstimate {
  const graph = buildGraph({
    act: 'relu',
    slope: 0,
    norm: 'none',
    res: 0,
    rezero: 0,
    ...config,
  });
  if (graph.arch === 'conv') return estimateConvBytes(config, convLayout(graph, config.batch, 'tiled'));
  const lay = netLayout(dims, config.batch, 'tiled', layoutExtras(graph));
  const ext = hasExtras(lay);
  const shape = datasetShape(config);
  const L = lay.L;
  const width = dims[1];
  const block = blockWords(L, ext) * 4;
  const rows = inferenceRows(shape.nTest, width);
  let layerFloats = 0;
  let maxW = 0;
  let maxGram = 0;
  for (let l = 0; l + 1 < dims.length; l++) {
    const w = dims[l] * dims[l + 1];
    layerFloats += w + dims[l + 1];
    maxW = Math.max(maxW, w);
    maxGram = Math.max(maxGram, Math.min(dims[l], dims[l + 1]) ** 2);
  }
  const parts: Record<string, number> = {
    trainer: trainerBytes(lay, shape, config.opt),
    stats:
      L * (HIST_BINS + 2) * 4 +
      block +
      STATS_RING_DEPTH * MAX_STEPS_PER_SUBMIT * block +
      MAX_STEPS_PER_SUBMIT * stageSlotBytes(lay.B) +
      4 * lay.B,
    inference: 4 * rows * (inferenceSlices(ext, lay.ext.residual) * width + lay.C),
    initPeak: 4 * (layerFloats + maxW + maxGram),
    // The weight gradients' split-K partials (splitK.ts) on the biggest GPU planned for: more compute
    // units only ever split more.
    splitK: 4 * backwardPartialElems(dims, lay.B, 'tiled', BIG_GPU_UNITS),
  };
  const bytes = Object.values(parts).reduce((a, b) => a + b, 0);
  const maxBinding = Math.max(
    4 * lay.paramElems,
    4 * lay.actElems,
    4 * shape.nTrain * shape.inDim,
    4 * shape.nTest * shape.inDim,
    4 * rows * width,
    STATS_RING_DEPTH * MAX_STEPS_PER_SUBMIT * block,
  );
  return {
    bytes,
    maxBinding,
    parts,
    workgroupStorage: 16 * 1024,
    storageBuffersPerStage: 8,
    invocationsPerWorkgroup: 256,
  };
}

/**
 * A conv network (arch=conv): the trainer's buffers on its ConvLayout, where z, h, δ (and u with
 * BatchNorm2d) hold every layer's maps for the batch at the largest layer's size, plus the conv buffers
 * (input maps, pooled maps, the head's mean, two map-gradient scratches and a split weight gradient's
 * partials); inference runs through the
 * training buffers, so it adds nothing; the init samples straight into the params buffer (orthogonal:
 * the largest weight's scratch and Gram matrix).
 */
function estimateConvBytes(config: EstimateConfig, lay: ConvLayout): GpuBytesEstimate {
  const shape = datasetShape(config);
  const block = blockWords(lay.L, hasExtras(lay)) * 4;
  const maxW = Math.max(...lay.perLayer.weights, lay.dims[lay.L] * lay.C);
  const maxRows = Math.max(...lay.convs.map((c) => c.Cout), lay.C);
  const parts: Record<string, number> = {
    trainer: trainerBytes(lay, shape, config.opt),
    // The split weight gradients' partials as on the biggest GPU planned for (the most chunks).
    conv: convBufferBytes(
      lay,
      Math.max(shape.nTest, config.batch),
      convSplitElems(lay, 'tiled', BIG_GPU_UNITS),
    ),
    stats:
      lay.L * (HIST_BINS + 2) * 4 +
      block +
      STATS_RING_DEPTH * MAX_STEPS_PER_SUBMIT * block +
      MAX_STEPS_PER_SUBMIT * stageSlotBytes(lay.B) +
      4 * lay.B,
    initPeak: 4 * (maxW + maxRows * maxRows),
  };
  return {
    bytes: Object.values(parts).reduce((a, b) => a + b, 0),
    maxBinding: Math.max(
      4 * lay.paramElems,
      4 * lay.actElems,
      4 * shape.nTrain * shape.inDim,
      4 * shape.nTest * shape.inDim,
      STATS_RING_DEPTH * MAX_STEPS_PER_SUBMIT * block,
    ),
    parts,
    workgroupStorage: 16 * 1024,
    storageBuffersPerStage: 8,
    invocationsPerWorkgroup: 256,
  };
}

/** Binary units, as GPU limits are powers of two: "1.3 GiB", "1 GiB", "256 MiB", "12 KiB". */
export function formatGpuBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  if (u === 0) return `${Math.round(v)} bytes`;
  const s = v >= 10 ? v.toFixed(0) : v.toFixed(1).replace(/\.0$/, '');
  return `${s} ${units[u]}`;
}
