// The WebGPU trainer: the CPU reference's step semantics (engine/cpu/cpuTrainer.ts) with the whole step in
// our WGSL. Steps are encoded in chunks of K per submission (K adapts so a submission lasts ~targetMs);
// stats come back through a ring of MAP_READ buffers, awaited oldest first only when the ring is full, so
// the GPU keeps working while the host decodes. run(n) resolves when all its records are in.
import type { RunConfig } from '../engine/config';
import { batchIndices } from '../engine/data/batches';
import type { Dataset } from '../engine/data/types';
import { initializeNetwork } from '../engine/init';
import { networkDims } from '../engine/memory';
import type { StatsRecord } from '../engine/stats/types';
import type { BackendInfo, RunOptions, Trainer } from '../engine/trainer';
import { readBack, UniformArena } from './buffers';
import { withErrorScopes } from './deviceErrors';
import { checkDeviceFits, initParamsOnGpu, uploadConstants, uploadParams } from './gpuParams';
import { lsuvOnGpu } from './gpuLsuv';
import { InferenceRunner } from './inferenceRunner';
import { KernelCache } from './kernel';
import { deviceUnits, type MatmulStrategy } from './matmulKernels';
import { hasExtras, layoutExtras, type NetLayout, netLayout } from './netLayout';
import { buildGraph } from '../engine/graph';
import type { FeatureMaps } from '../engine/featureMaps';
import { convSplitElems, createConvBuffers } from './conv/convBuffers';
import { ConvInference } from './conv/convInference';
import { type ConvLayout, convLayout } from './conv/convLayout';
import { cpuConvParams, initConvParamsOnGpu, uploadConvParams } from './conv/convParams';
import { buildConvProgram } from './conv/convProgram';
import { RecordDecoder } from './recordDecoder';
import { blockWords } from './statsLayout';
import { type ChunkContext, encodeChunk, type StepPlan, stepDispatches } from './stepEncoder';
import { buildStepProgram, type StepProgram } from './stepProgram';
import { StatsRing } from './statsRing';
import {
  createTrainerBuffers,
  MAX_STEPS_PER_SUBMIT,
  STATS_RING_DEPTH,
  type TrainerBuffers,
} from './trainerBuffers';

export interface GpuTrainerOptions {
  /** How this backend was chosen (shown in the UI). */
  backend?: Partial<BackendInfo>;
  /** Matmul kernels: 'tiled' (shared memory, hardware GPUs) or 'direct' (software adapters). */
  strategy?: MatmulStrategy;
  /**
   * Compute units to plan the tiles and split-K for (default: deviceUnits, from the adapter's vendor);
   * tests set an H200's 132 to run a big GPU's plan on SwiftShader.
   */
  units?: number;
  /**
   * Where the initial parameters come from: 'gpu' (default) samples every initializer on the GPU
   * (src/gpu/init, equal to the CPU's); 'cpu' uploads initializeNetwork()'s; or explicit parameters.
   * LSUV then runs on the GPU in every case.
   */
  init?: 'gpu' | 'cpu' | { W: Float32Array; b: Float32Array }[];
  /** Destroy the device in dispose() (createTrainer acquired it for this trainer alone). */
  ownsDevice?: boolean;
  /** Target duration of one submission in ms (default 12: a frame's worth, so a page stays smooth). */
  targetSubmitMs?: number;
  /** Most steps per submission (default 32). */
  maxStepsPerSubmit?: number;
}

const SCOPES: GPUErrorFilter[] = ['internal', 'out-of-memory', 'validation'];

export async function createGpuTrainer(
  device: GPUDevice,
  config: RunConfig,
  dataset: Dataset,
  opts: GpuTrainerOptions = {},
): Promise<GpuTrainer> {
  // Shader, pipeline and allocation errors surface here, with the GPU's message, not later in a step.
  let t: GpuTrainer | null = null;
  try {
    return await withErrorScopes(
      device,
      async () => {
        const created = new GpuTrainer(device, config, dataset, opts);
        t = created;
        await created.init(opts.init ?? 'gpu');
        return created;
      },
      'setting up training on the GPU',
    );
  } catch (e) {
    (t as GpuTrainer | null)?.dispose();
    throw e;
  }
}

export class GpuTrainer implements Trainer {
  readonly config: Readonly<RunConfig>;
  readonly backend: BackendInfo;
  readonly lay: NetLayout;
  readonly strategy: MatmulStrategy;
  /** Var(z) of every Linear layer after LSUV (init=lsuv only). */
  lsuvVariances: number[] | null = null;
  private readonly kernels: KernelCache;
  private readonly uniforms: UniformArena;
  private readonly bufs: TrainerBuffers;
  private readonly program: StepProgram;
  private readonly ring: StatsRing<StepPlan[]>;
  private readonly chunkCtx: ChunkContext;
  private readonly maxK: number;
  private readonly targetMs: number;
  private readonly inference: InferenceRunner | ConvInference;
  /** The conv network's layout (arch=conv), or null for the MLP. */
  private readonly convLay: ConvLayout | null;
  private readonly decoder: RecordDecoder;
  private readonly blockBytes: number;
  private updates = 0;
  private lastRecorded = -1;
  private collected: StatsRecord[] = [];
  private stepsPerSubmit = 1;
  private msPerStep = 0;
  private lastDone = 0;
  private lastStepDispatches = 0;
  private disposed = false;
  private readonly ownsDevice: boolean;

  constructor(
    readonly device: GPUDevice,
    config: RunConfig,
    readonly dataset: Dataset,
    opts: GpuTrainerOptions,
  ) {
    this.config = Object.freeze({ ...config });
    this.backend = { kind: 'webgpu', ...opts.backend };
    this.ownsDevice = opts.ownsDevice ?? false;
    const dims = networkDims(config);
    if (dims[0] !== dataset.inDim || dims[dims.length - 1] !== dataset.classes)
      throw new Error(
        `dataset ${dataset.name} has ${dataset.inDim} inputs and ${dataset.classes} classes; ` +
          `the config expects ${dims[0]} and ${dims[dims.length - 1]}`,
      );
    this.strategy = opts.strategy ?? 'tiled';
    const graph = buildGraph(config);
    // A conv network keeps the MLP's buffers, optimizer, statistics and readback on a layout of its own
    // and plans its step in gpu/conv/ (convProgram.ts); the MLP's programs stay as they were.
    this.convLay = graph.arch === 'conv' ? convLayout(graph, config.batch, this.strategy) : null;
    this.lay = this.convLay ?? netLayout(dims, config.batch, this.strategy, layoutExtras(graph));
    checkDeviceFits(device, this.lay, dataset, config.opt);
    this.maxK = Math.max(1, opts.maxStepsPerSubmit ?? MAX_STEPS_PER_SUBMIT);
    this.targetMs = opts.targetSubmitMs ?? 12;
    this.kernels = new KernelCache(device);
    this.uniforms = new UniformArena(device, 'step uniforms');
    this.bufs = createTrainerBuffers(device, this.lay, dataset, config.opt, this.maxK);
    const units = opts.units ?? deviceUnits(device);
    if (this.convLay) {
      const partials = convSplitElems(this.convLay, this.strategy, units);
      const conv = createConvBuffers(device, this.convLay, Math.max(dataset.test.n, config.batch), partials);
      this.bufs.all.push(...conv.all);
      const ctx = {
        device,
        kernels: this.kernels,
        uniforms: this.uniforms,
        config: this.config,
        lay: this.convLay,
        bufs: this.bufs,
        conv,
        strategy: this.strategy,
        units,
      };
      this.program = buildConvProgram(ctx);
      this.inference = new ConvInference(ctx, dataset.test);
    } else {
      this.program = buildStepProgram(
        device,
        this.kernels,
        this.uniforms,
        this.config,
        this.lay,
        this.bufs,
        this.strategy,
        units,
      );
      this.inference = new InferenceRunner({
        device,
        kernels: this.kernels,
        uniforms: this.uniforms,
        config: this.config,
        lay: this.lay,
        bufs: this.bufs,
        strategy: this.strategy,
        test: dataset.test,
      });
    }
    this.blockBytes = blockWords(this.lay.L, hasExtras(this.lay)) * 4;
    this.decoder = new RecordDecoder(this.lay, this.config, dataset.test.n);
    this.ring = new StatsRing(device, STATS_RING_DEPTH, this.maxK * this.blockBytes, (data, job) => {
      this.collected.push(...this.decoder.decode(data, job.meta, this.blockBytes / 4));
      this.adaptChunk(job.meta.length, job.submittedAt, job.doneAt);
    });
    this.chunkCtx = {
      device,
      config: this.config,
      bufs: this.bufs,
      program: this.program,
      nTrain: dataset.train.n,
      B: config.batch,
      blockBytes: this.blockBytes,
      testProgram: () => this.inference.testProgram(),
    };
  }

  /** Parameters (initializer, then LSUV on the GPU when asked). */
  async init(from: NonNullable<GpuTrainerOptions['init']>): Promise<void> {
    const conv = this.convLay;
    if (conv) {
      if (from === 'gpu') await initConvParamsOnGpu(this.device, this.config, this.bufs.params, conv);
      else
        uploadConvParams(
          this.device,
          this.bufs.params,
          conv,
          from === 'cpu' ? cpuConvParams(this.config) : from,
        );
    } else if (from === 'gpu') await initParamsOnGpu(this.device, this.config, this.bufs.params, this.lay);
    else
      uploadParams(
        this.device,
        this.bufs.params,
        this.lay,
        from === 'cpu' ? initializeNetwork(this.config, this.lay.dims) : from,
      );
    uploadConstants(this.device, this.bufs.params, this.lay);
    if (this.config.init === 'lsuv') {
      const idx = new Int32Array(this.config.batch);
      batchIndices(this.config.seed, 0, this.config.batch, this.dataset.train.n, idx);
      this.device.queue.writeBuffer(this.bufs.idx, 0, idx);
      this.lsuvVariances = await lsuvOnGpu(
        this.device,
        this.kernels,
        this.uniforms,
        this.lay,
        this.bufs,
        this.program.forwardTo,
      );
    }
  }

  get step(): number {
    return this.updates;
  }

  /** Compute dispatches of the last step encoded (with or without statistics, as it ran). */
  get dispatchesPerStep(): number {
    return this.lastStepDispatches;
  }

  /** Steps per submission currently used (adapts to the measured step time). */
  get chunkSteps(): number {
    return this.stepsPerSubmit;
  }

  /** Calls of run() queue behind each other (their records and the step counter must not interleave). */
  private running: Promise<unknown> = Promise.resolve();

  run(n: number, opts: RunOptions = {}): Promise<StatsRecord[]> {
    const next = this.running.then(
      () => this.runNow(n, opts),
      () => this.runNow(n, opts),
    );
    this.running = next.catch(() => undefined);
    return next;
  }

  private async runNow(n: number, opts: RunOptions): Promise<StatsRecord[]> {
    this.assertAlive();
    const every = Math.max(1, Math.floor(opts.every ?? 1));
    const testEvery = Math.max(0, Math.floor(opts.testEvery ?? 0));
    const stats = opts.stats ?? true;
    const testDue = (k: number) => testEvery > 0 && k % testEvery === 0;
    const plans: StepPlan[] = [];
    if (n <= 0) {
      const k = this.updates;
      if (this.lastRecorded < k) {
        plans.push({ k, due: true, stats, test: testDue(k), apply: false });
        this.lastRecorded = k;
      }
    } else {
      for (let j = 0; j < n; j++) {
        const k = this.updates + j;
        const due = k % every === 0 && k > this.lastRecorded;
        if (due) this.lastRecorded = k;
        plans.push({ k, due, stats: due && stats, test: due && testDue(k), apply: true });
      }
    }
    this.collected = [];
    const errors: Promise<GPUError | null>[] = [];
    try {
      for (let at = 0; at < plans.length; ) {
        const chunk = plans.slice(at, at + this.stepsPerSubmit);
        at += chunk.length;
        const readback = await this.ring.take();
        this.assertAlive();
        // Scopes around the synchronous encode + submit only: GPU errors of this chunk are reported (after
        // its readback), never swallowed, and other work on the device cannot land in them.
        for (const scope of SCOPES) this.device.pushErrorScope(scope);
        const cmd = encodeChunk(this.chunkCtx, chunk, readback);
        this.device.queue.submit([cmd]);
        for (const _ of SCOPES) errors.push(this.device.popErrorScope());
        this.lastStepDispatches = stepDispatches(this.chunkCtx, chunk[chunk.length - 1]).length;
        for (const p of chunk) if (p.apply) this.updates++;
        this.ring.submitted(readback, chunk);
      }
      await this.ring.drain();
      const first = (await Promise.all(errors)).find((e) => e !== null);
      if (first) throw new Error(`WebGPU ${first.constructor.name} during training: ${first.message}`);
    } catch (e) {
      await this.ring.drain().catch(() => undefined);
      throw e;
    }
    const out = this.collected;
    this.collected = [];
    return out;
  }

  /**
   * Steps per submission from the measured GPU time per step (an exponential average of each chunk's time
   * since the GPU became free for it), so one submission lasts about targetMs.
   */
  private adaptChunk(steps: number, submittedAt: number, doneAt: number): void {
    const start = Math.max(submittedAt, this.lastDone);
    this.lastDone = doneAt;
    const per = (doneAt - start) / steps;
    if (!(per > 0)) return;
    this.msPerStep = this.msPerStep === 0 ? per : 0.7 * this.msPerStep + 0.3 * per;
    this.stepsPerSubmit = Math.max(1, Math.min(this.maxK, Math.floor(this.targetMs / this.msPerStep)));
  }

  async evaluate(): Promise<{ loss: number; accuracy: number }> {
    this.assertAlive();
    return this.inference.evaluate();
  }

  async predict(x: Float32Array): Promise<Float32Array> {
    this.assertAlive();
    return this.inference.predict(x);
  }

  async weights(): Promise<{ W: Float32Array; b: Float32Array }[]> {
    this.assertAlive();
    const all = new Float32Array(await readBack(this.device, this.bufs.params, 0, this.lay.paramElems * 4));
    const { dims, wOff, bOff, L, perLayer } = this.lay;
    const out: { W: Float32Array; b: Float32Array }[] = [];
    // A conv layer's W is [out, in·k²] (perLayer.weights); its b has one value per output channel.
    const nW = (i: number) => (perLayer && i < L ? perLayer.weights[i] : dims[i] * dims[i + 1]);
    for (let i = 0; i <= L; i++)
      out.push({
        W: all.slice(wOff[i], wOff[i] + nW(i)),
        b: all.slice(bOff[i], bOff[i] + dims[i + 1]),
      });
    return out;
  }

  /** One test image's feature maps (conv networks; null for the MLP), as the CPU engine gives them. */
  async featureMaps(image: number, maxChannels: number): Promise<FeatureMaps | null> {
    this.assertAlive();
    if (!(this.inference instanceof ConvInference)) return null;
    await this.running;
    return this.inference.featureMaps(image, maxChannels, this.updates);
  }

  /** γ^ℓ, β^ℓ per hidden layer (empty without norm) and ReZero's α per hidden layer (NaN where untrained). */
  async normParams(): Promise<{ gamma: Float32Array[]; beta: Float32Array[]; alpha: number[] }> {
    this.assertAlive();
    const all = new Float32Array(await readBack(this.device, this.bufs.params, 0, this.lay.paramElems * 4));
    const width = this.lay.dims[1];
    return {
      gamma: this.lay.gammaOff.map((o) => all.slice(o, o + width)),
      beta: this.lay.betaOff.map((o) => all.slice(o, o + width)),
      alpha: this.lay.alphaOff.map((o) => (o >= 0 ? all[o] : Number.NaN)),
    };
  }

  private assertAlive(): void {
    if (this.disposed) throw new Error('trainer disposed');
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.ring.destroy();
    this.inference.destroy();
    this.uniforms.destroy();
    for (const b of this.bufs.all) b.destroy();
    if (this.ownsDevice) this.device.destroy();
  }
}
