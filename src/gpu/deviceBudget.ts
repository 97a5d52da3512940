// The GPU memory a training run needs, from the config alone, so acquireDevice can refuse a network the
// device cannot hold before anything is allocated, with figures.
import type { RunConfig } from '../engine/config';
import { datasetShape } from '../engine/data/shape';
import { optimizerSlots } from '../engine/memory';

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
  /** The bytes by role, for the message and the tests. */
  parts: Record<string, number>;
}

/** Stats block per hidden layer and record, generously: moments, fractions, norms and a histogram. */
const STATS_FLOATS_PER_LAYER = 256;
/** Stats readback ring depth (MAP_READ buffers in flight). */
const STATS_RING = 4;

type EstimateConfig = Pick<RunConfig, 'depth' | 'width' | 'batch' | 'opt' | 'data' | 'in'>;

/**
 * Buffers of the GPU trainer for this config and dims ([inDim, width × depth…, classes]): per layer W, b,
 * their gradients and optimizer state; per layer z and h for the batch (what backward needs) and δ; the
 * dataset (features float32 and labels, train and test, resident so batches are gathered on the GPU);
 * batch indices; stats blocks and their readback ring; and the init's scratch (the orthogonal Gram matrix
 * and ping-pong copy, which live only during init but count toward the peak).
 */
export function estimateGpuBytes(config: EstimateConfig, dims: readonly number[]): GpuBytesEstimate {
  const B = config.batch;
  const shape = datasetShape(config);
  const slots = 2 + optimizerSlots(config.opt); // value, gradient, state
  let weights = 0;
  let biases = 0;
  let activations = 0;
  let maxW = 0;
  let maxGram = 0;
  for (let l = 0; l + 1 < dims.length; l++) {
    const w = dims[l] * dims[l + 1];
    weights += w;
    biases += dims[l + 1];
    activations += 3 * B * dims[l + 1]; // z, h (logits/probabilities for the output layer), δ
    maxW = Math.max(maxW, w);
    const g = Math.min(dims[l], dims[l + 1]);
    maxGram = Math.max(maxGram, g * g);
  }
  const layers = dims.length - 1;
  const parts: Record<string, number> = {
    parameters: 4 * (weights + biases) * slots,
    activations: 4 * activations,
    dataset: (shape.nTrain + shape.nTest) * (4 * shape.inDim + 4),
    batch: 4 * B * 2,
    stats: 4 * STATS_FLOATS_PER_LAYER * layers * (1 + STATS_RING),
    initScratch: 4 * (maxW + maxGram),
  };
  const bytes = Object.values(parts).reduce((a, b) => a + b, 0);
  const maxBinding = Math.max(
    4 * maxW,
    4 * B * Math.max(...dims),
    4 * shape.nTrain * shape.inDim,
    4 * STATS_FLOATS_PER_LAYER * layers,
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
