// The WebGPU trainer: the CPU reference's step semantics (engine/cpu/cpuTrainer.ts) with the whole step in
// our WGSL. Steps are encoded in chunks of K per submission (K adapts so a submission lasts ~targetMs);
// stats come back through a ring of MAP_READ buffers, awaited oldest first only when the ring is full, so
// the GPU keeps working while the host decodes. run(n) resolves when all its records are in.
import type { RunConfig } from '../engine/config';
import { softmaxRows } from '../engine/cpu/loss';
import { batchIndices } from '../engine/data/batches';
import type { Dataset } from '../engine/data/types';
import { initializeNetwork } from '../engine/init';
import { networkDims } from '../engine/memory';
import { histogramRange } from '../engine/stats/histogramRange';
import type { NonFinite, StatsRecord } from '../engine/stats/types';
import type { BackendInfo, RunOptions, Trainer } from '../engine/trainer';
import { readBack, UniformArena } from './buffers';
import { withErrorScopes } from './deviceErrors';
import { checkDeviceFits, initParamsOnGpu, uploadParams } from './gpuParams';
import { lsuvOnGpu } from './gpuLsuv';
import { buildInference, createInferenceBuffers, type InferenceBuffers, inferenceRows } from './inference';
import { type Dispatch, encodeDispatch, KernelCache } from './kernel';
import type { MatmulStrategy } from './matmulKernels';
import { type NetLayout, netLayout } from './netLayout';
import { decodeNonFinite } from './nonFinite';
import { blockWords, decodeLayer, H, viewsOf } from './statsLayout';
import { type ChunkContext, encodeChunk, type StepPlan, stepDispatches } from './stepEncoder';
import { buildStepProgram, type StepProgram } from './stepProgram';
import { StatsRing } from './statsRing';
import { createTrainerBuffers, type TrainerBuffers } from './trainerBuffers';

export interface GpuTrainerOptions {
  /** How this backend was chosen (shown in the UI). */
  backend?: Partial<BackendInfo>;
  /** Matmul kernels: 'tiled' (shared memory, hardware GPUs) or 'direct' (software adapters). */
  strategy?: MatmulStrategy;
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

const RING = 3;

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
  private inference: InferenceBuffers | null = null;
  private testDispatches: Dispatch[] | null = null;
  private readonly blockBytes: number;
  private updates = 0;
  private lastRecorded = -1;
  private nonFinite: NonFinite | null = null;
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
    this.lay = netLayout(dims, config.batch, this.strategy);
    checkDeviceFits(device, this.lay, dataset, config.opt);
    this.maxK = Math.max(1, opts.maxStepsPerSubmit ?? 32);
    this.targetMs = opts.targetSubmitMs ?? 12;
    this.kernels = new KernelCache(device);
    this.uniforms = new UniformArena(device, 'step uniforms');
    this.bufs = createTrainerBuffers(device, this.lay, dataset, config.opt, this.maxK);
    this.program = buildStepProgram(
      device,
      this.kernels,
      this.uniforms,
      this.config,
      this.lay,
      this.bufs,
      this.strategy,
    );
    this.blockBytes = blockWords(this.lay.L) * 4;
    this.ring = new StatsRing(device, RING, this.maxK * this.blockBytes, (data, job) => {
      this.decodeChunk(data, job.meta);
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
      testProgram: () => this.testProgram(),
    };
  }

  /** Parameters (initializer, then LSUV on the GPU when asked). */
  async init(from: NonNullable<GpuTrainerOptions['init']>): Promise<void> {
    if (from === 'gpu') await initParamsOnGpu(this.device, this.config, this.bufs.params, this.lay);
    else
      uploadParams(
        this.device,
        this.bufs.params,
        this.lay,
        from === 'cpu' ? initializeNetwork(this.config, this.lay.dims) : from,
      );
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
        this.program.forward,
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

  async run(n: number, opts: RunOptions = {}): Promise<StatsRecord[]> {
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
        this.device.pushErrorScope('out-of-memory');
        this.device.pushErrorScope('validation');
        const cmd = encodeChunk(this.chunkCtx, chunk, readback);
        this.device.queue.submit([cmd]);
        errors.push(this.device.popErrorScope(), this.device.popErrorScope());
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

  /** Turns a completed chunk's blocks into records (and the sticky non-finite), adapting K. */
  private decodeChunk(data: ArrayBuffer, plans: StepPlan[]): void {
    const { u32, f32 } = viewsOf(data);
    const words = this.blockBytes / 4;
    const { B, C, L, dims } = this.lay;
    const ce = this.config.loss === 'ce';
    const hist = histogramRange(this.config.act);
    const nTest = this.dataset.test.n;
    plans.forEach((plan, j) => {
      const at = j * words;
      if (!this.nonFinite) this.nonFinite = decodeNonFinite(u32[at + H.nonFinite], L, plan.k);
      if (!plan.due) return;
      const rec: StatsRecord = {
        step: plan.k,
        loss: f32[at + H.loss] / (ce ? B : B * C),
        accuracy: u32[at + H.correct] / B,
        layers: [],
        nonFinite: this.nonFinite ? { ...this.nonFinite } : null,
      };
      if (plan.stats)
        for (let i = 0; i < L; i++)
          rec.layers.push(decodeLayer({ u32, f32, at }, i, B * dims[i + 1], dims[i] * dims[i + 1], hist));
      if (plan.test)
        rec.test = {
          loss: f32[at + H.testLoss] / (ce ? nTest : nTest * C),
          accuracy: u32[at + H.testCorrect] / nTest,
        };
      this.collected.push(rec);
    });
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

  private inferenceBuffers(): InferenceBuffers {
    if (!this.inference)
      this.inference = createInferenceBuffers(
        this.device,
        this.lay,
        inferenceRows(Math.max(this.dataset.test.n, this.config.batch), this.lay.dims[1]),
      );
    return this.inference;
  }

  private inferenceCtx() {
    return {
      device: this.device,
      kernels: this.kernels,
      config: this.config,
      lay: this.lay,
      bufs: this.bufs,
      strategy: this.strategy,
    };
  }

  private testProgram(): Dispatch[] {
    if (!this.testDispatches) {
      const chunks = buildInference(
        this.inferenceCtx(),
        this.inferenceBuffers(),
        this.uniforms,
        this.bufs.testX,
        this.dataset.test.n,
        this.bufs.testY,
      );
      this.testDispatches = chunks.flatMap((c) => c.dispatches);
    }
    return this.testDispatches;
  }

  async evaluate(): Promise<{ loss: number; accuracy: number }> {
    this.assertAlive();
    const enc = this.device.createCommandEncoder();
    const pass = enc.beginComputePass();
    for (const d of this.testProgram()) encodeDispatch(pass, d);
    pass.end();
    this.device.queue.submit([enc.finish()]);
    const head = new DataView(await readBack(this.device, this.bufs.block, 0, 32));
    const n = this.dataset.test.n;
    const C = this.lay.C;
    const lossSum = head.getFloat32(4 * H.testLoss, true);
    return {
      loss: lossSum / (this.config.loss === 'ce' ? n : n * C),
      accuracy: head.getUint32(4 * H.testCorrect, true) / n,
    };
  }

  async predict(x: Float32Array): Promise<Float32Array> {
    this.assertAlive();
    const { C, dims } = this.lay;
    const points = Math.floor(x.length / dims[0]);
    const out = new Float32Array(points * C);
    if (points === 0) return out;
    const inf = this.inferenceBuffers();
    const xBuf = this.device.createBuffer({
      label: 'predict x',
      size: Math.max(16, Math.ceil((points * dims[0] * 4) / 16) * 16),
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
    });
    const logits = this.device.createBuffer({
      label: 'predict logits',
      size: Math.max(16, points * C * 4),
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    });
    const uniforms = new UniformArena(this.device, 'predict uniforms');
    try {
      this.device.queue.writeBuffer(xBuf, 0, x, 0, points * dims[0]);
      const chunks = buildInference(this.inferenceCtx(), inf, uniforms, xBuf, points, null);
      const enc = this.device.createCommandEncoder();
      for (const c of chunks) {
        const pass = enc.beginComputePass();
        for (const d of c.dispatches) encodeDispatch(pass, d);
        pass.end();
        enc.copyBufferToBuffer(inf.logits, 0, logits, c.start * C * 4, c.rows * C * 4);
      }
      this.device.queue.submit([enc.finish()]);
      await logits.mapAsync(GPUMapMode.READ);
      const z = new Float32Array(logits.getMappedRange().slice(0, points * C * 4));
      logits.unmap();
      softmaxRows(z, out, points, C);
      return out;
    } finally {
      for (const b of [xBuf, logits]) b.destroy();
      uniforms.destroy();
    }
  }

  async weights(): Promise<{ W: Float32Array; b: Float32Array }[]> {
    this.assertAlive();
    const all = new Float32Array(await readBack(this.device, this.bufs.params, 0, this.lay.paramElems * 4));
    const { dims, wOff, bOff, L } = this.lay;
    const out: { W: Float32Array; b: Float32Array }[] = [];
    for (let i = 0; i <= L; i++)
      out.push({
        W: all.slice(wOff[i], wOff[i] + dims[i] * dims[i + 1]),
        b: all.slice(bOff[i], bOff[i] + dims[i + 1]),
      });
    return out;
  }

  private assertAlive(): void {
    if (this.disposed) throw new Error('trainer disposed');
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.ring.destroy();
    this.inference?.destroy();
    this.uniforms.destroy();
    for (const b of this.bufs.all) b.destroy();
    if (this.ownsDevice) this.device.destroy();
  }
}
