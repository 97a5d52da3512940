// What the bench page hands back to the Node runner: raw per-round samples for each engine of one
// config. Shared by bench/page (producer) and bench/report.ts (medians, ratios, table, JSON).

/**
 * The engines of the issues (each with per-layer statistics every step) and the runs without
 * statistics, in the order they are interleaved: the engines of each compared pair run next to each other
 * in every round, so a ratio is taken between windows a few seconds apart.
 */
export const ENGINES = [
  'ours_webgpu',
  'ours_webgpu_nostats',
  'tfjs_webgpu',
  'tfjs_webgpu_nostats',
  'ours_cpu',
  'tfjs_cpu',
  'tfjs_wasm',
  'tfjs_cpu_nostats',
] as const;
export type EngineName = (typeof ENGINES)[number];

export interface EngineSamples {
  /** Steps per second of each timed window, in round order (index = round; a failure ends the list). */
  stepsPerSec: number[];
  /** GPU commands issued per training step, counted over the timed windows (WebGPU engines only). */
  dispatchesPerStep?: number;
  /** Our WebGPU engine only: the dispatches of one training step as its step program lists them. */
  programDispatchesPerStep?: number;
  submitsPerStep?: number;
  /** mapAsync calls per step: how many readbacks a step costs. */
  mapsPerStep?: number;
  /** Why this engine could not be measured (e.g. the adapter refused), instead of samples. */
  error?: string;
}

export interface KernelProfile {
  /** Steps in the profiled window. */
  steps: number;
  /** GPU time per kernel (pipeline label) over the window, most expensive first. */
  kernels: { label: string; dispatches: number; ms: number }[];
}

export interface ConfigRun {
  /** The config query as given, e.g. "depth=10&width=64&batch=64". */
  config: string;
  /** The settings that matter for a reader: dataset, activation, init, optimizer, lr. */
  settings: string;
  adapter: string;
  engines: Partial<Record<EngineName, EngineSamples>>;
  /** With --profile: per-kernel GPU time of each WebGPU engine (no timed rounds then). */
  profiles?: Partial<Record<EngineName, KernelProfile>>;
}

export interface BenchOptions {
  /** Target wall-clock length of one timed window per engine, in ms. */
  windowMs: number;
  /** Timed windows per engine (interleaved A B C D A B C D …). */
  rounds: number;
  /** Untimed warm-up (pipeline compilation, first allocations), in ms per engine, at least one step. */
  warmupMs: number;
  /** Engines to run (default: all). */
  only?: EngineName[];
  /** Profile GPU kernels with timestamp queries instead of timing (the page must load with ?profile). */
  profile?: boolean;
  /** TF.js WebGPU: dispatches per command buffer (WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE; default TF_SUBMIT_BATCH). */
  tfSubmitBatch?: number;
  /** TF.js conv gradients on every backend (default: each backend's entry of CONV_GRADS, bench/tfjs/cnn.ts). */
  tfConvGrads?: TfConvGrads;
}

/** How TF.js computes a conv layer's two gradients: with the dedicated kernel, or as a convolution. */
export interface TfConvGrads {
  input: 'transpose' | 'conv';
  filter: 'kernel' | 'conv';
}

/**
 * WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE for TF.js (its default is 15): tuned on the bench configs with
 * `--only tfjs_webgpu,tfjs_webgpu_nostats --tf-submit-batch N` (README, Performance).
 */
export const TF_SUBMIT_BATCH = 15;

/** The MLP rows of the speed issue, then the conv row of the convolution issue (Fashion-MNIST, no pool). */
export const DEFAULT_CONFIGS = [
  'depth=10&width=64&batch=64',
  'depth=4&width=256&batch=128',
  'arch=conv&depth=6&width=16&data=fashion&batch=32',
];
/**
 * The engines a config runs without --only: all of them, except that a conv network (arch=conv) skips
 * TF.js's runs without statistics, which nothing is compared against there and which take ~20 s a step
 * on SwiftShader (a 20-step window each). Our no-statistics run stays: it gives the statistics overhead.
 */
export function defaultEngines(config: string): EngineName[] {
  const conv = new URLSearchParams(config).get('arch') === 'conv';
  return ENGINES.filter((e) => !(conv && (e === 'tfjs_webgpu_nostats' || e === 'tfjs_cpu_nostats')));
}

export const DEFAULT_OPTIONS: BenchOptions = { windowMs: 1500, rounds: 7, warmupMs: 1500 };

/** The page's global hook, called by the runner through page.evaluate. */
export interface BenchHook {
  run(config: string, opts: BenchOptions): Promise<ConfigRun>;
}
