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

/** The lab row: one trainability map, batched on the GPU vs its cells one after another. */
export interface LabOptions {
  /** The maps' base network (a config query). */
  config: string;
  /** σ_w² axis 'a:b:n' and depth list, as the CLI's map command takes them. */
  sw2: string;
  depths: string;
  /** Training steps of every cell. */
  steps: number;
  /** Timed rounds, each: the batched map and the same cells one after another (order alternating). */
  rounds: number;
}

/**
 * The map presets' network (width 32, batch 32, the map-tanh task) on a grid small enough for SwiftShader
 * (a CPU) to finish in well under a minute per round: 8 σ_w² × 6 depths, 50 steps. There the arithmetic,
 * which batching does not reduce, bounds the speed-up (README, Signal-propagation lab).
 */
export const DEFAULT_LAB: LabOptions = {
  config: 'act=tanh&bias=normal&width=32&batch=32&data=circles&opt=sgd&lr=0.01',
  sw2: '1:4:8',
  depths: '2,4,6,8,12,16',
  steps: 50,
  rounds: 3,
};

export interface LabRun {
  config: string;
  sw2: number[];
  depth: number[];
  steps: number;
  /** Rows of the training split (each cell is evaluated on all of them before and after). */
  rows: number;
  adapter: string;
  /** Wall time of each round's whole map, setup included, in ms. */
  batchedMs: number[];
  sequentialMs: number[];
  /** Of which setup (creating the trainers: buffers, pipelines, initial weights), in ms. */
  batchedSetupMs: number[];
  sequentialSetupMs: number[];
  batchedDispatchesPerStep: number;
  /** Summed over the cells: the dispatches one step of every cell costs one after another. */
  sequentialDispatchesPerStep: number;
  /** Same numbers check: the largest relative difference of a cell's loss0 between the two ways, … */
  maxLoss0Diff: number;
  /** … and the fewest cells (over rounds) whose trained loss agrees within 1e-3 relative. */
  lossWithin: number;
  error?: string;
}

/** The page's global hook, called by the runner through page.evaluate. */
export interface BenchHook {
  run(config: string, opts: BenchOptions): Promise<ConfigRun>;
  lab(opts: LabOptions): Promise<LabRun>;
}
