// One trainer interface for both backends (CPU reference and WebGPU), so the worker, the CLI, the
// parity tests and the bench drive them the same way.
import type { RunConfig } from './config';
import type { FeatureMaps } from './featureMaps';
import type { StatsRecord } from './stats/types';

export interface BackendInfo {
  kind: 'webgpu' | 'cpu';
  /** Adapter description, e.g. "NVIDIA H200 (vulkan)" or "SwiftShader (software)". */
  adapter?: string;
  /** Why this backend was chosen, in plain English (e.g. "software adapter is slower"). */
  reason?: string;
}

export interface RunOptions {
  /** Record statistics every K steps (step 0 is always recorded). Default 1. */
  every?: number;
  /** Evaluate the held-out split every K steps (0 = never). Default 0. */
  testEvery?: number;
  /** Compute per-layer statistics (false only for benchmarks measuring their overhead). Default true. */
  stats?: boolean;
}

export interface Trainer {
  readonly config: Readonly<RunConfig>;
  readonly backend: BackendInfo;
  /** Number of updates applied so far. */
  readonly step: number;
  /**
   * Run `n` training steps: each does forward + backward on the next batch, records stats (if due), then
   * applies the update. The very first call also records step 0 (the network at init) even when n = 0.
   * Resolves with the records produced, in step order.
   */
  run(n: number, opts?: RunOptions): Promise<StatsRecord[]>;
  /** Loss and accuracy on the held-out split with the current weights. */
  evaluate(): Promise<{ loss: number; accuracy: number }>;
  /** Class probabilities (row-major [points, classes]) for input points (row-major [points, inDim]). */
  predict(x: Float32Array): Promise<Float32Array>;
  /** Copies of the current weights and biases, layer by layer (W row-major [out, in]). */
  weights(): Promise<{ W: Float32Array; b: Float32Array }[]>;
  /**
   * Feature maps of test image `image` with the current weights (conv networks; null for the MLP), from
   * either engine (the WGSL trainer's in gpu/conv/convInference.ts).
   */
  featureMaps?(image: number, maxChannels: number): Promise<FeatureMaps | null>;
  dispose(): void;
}
