// The CPU reference trainer: docs/MATH.md#network-and-loss in typed arrays, float32 storage like the GPU
// (float64 for gradient checks). Step k = forward + backward on batch k with the weights after k updates,
// statistics of that pass recorded when due, then the update. Nothing is allocated per step.
import type { RunConfig } from '../config';
import { batchIndices } from '../data/batches';
import type { Dataset } from '../data/types';
import type { FeatureMaps } from '../featureMaps';
import { buildGraph, weightOp } from '../graph';
import { initializeConvNetwork, initializeNetwork } from '../init';
import { assertCpuFits, networkDims } from '../memory';
import { updateRatio } from '../stats/compute';
import type { StatsRecord } from '../stats/types';
import type { BackendInfo, RunOptions, Trainer } from '../trainer';
import { lossAndGrad, softmaxRows } from './loss';
import { applyLsuv } from './lsuv';
import { ConvNet } from './conv/convNet';
import { CpuNet } from './net';
import { Optimizer } from './optimizer';
import { StepProbe } from './probe';
import type { TrainNet } from './trainNet';

export interface CpuTrainerOptions {
  /** Store everything in Float64Array (gradient checks); default float32 like the GPU. */
  float64?: boolean;
  /** Keep the TypeScript reference GEMM (default: WebAssembly SIMD where it runs; same bits either way). */
  tsGemm?: boolean;
}

export function createCpuTrainer(
  config: RunConfig,
  dataset: Dataset,
  opts: CpuTrainerOptions = {},
): Promise<CpuTrainer> {
  // Construction is synchronous; errors (too big, wrong dataset) surface as a rejected promise.
  try {
    return Promise.resolve(new CpuTrainer(config, dataset, opts));
  } catch (e) {
    return Promise.reject(e);
  }
}

export class CpuTrainer implements Trainer {
  readonly config: Readonly<RunConfig>;
  readonly backend: BackendInfo = { kind: 'cpu' };
  readonly net: TrainNet;
  /** Var(z) of every Linear layer after LSUV (init=lsuv only). */
  readonly lsuvVariances: number[] | null = null;
  private readonly optimizer: Optimizer;
  private readonly probe = new StepProbe();
  private readonly idx: Int32Array;
  /** The loss as a one-element array for the finiteness check (no allocation per step). */
  private readonly lossBox = new Float64Array(1);
  private updates = 0;
  private lastRecorded = -1;
  private disposed = false;

  constructor(
    config: RunConfig,
    readonly dataset: Dataset,
    opts: CpuTrainerOptions = {},
  ) {
    this.config = Object.freeze({ ...config });
    assertCpuFits(config, opts);
    const dims = networkDims(config);
    if (dims[0] !== dataset.inDim || dims[dims.length - 1] !== dataset.classes)
      throw new Error(
        `dataset ${dataset.name} has ${dataset.inDim} inputs and ${dataset.classes} classes; ` +
          `the config expects ${dims[0]} and ${dims[dims.length - 1]}`,
      );
    const graph = buildGraph(config);
    const float64 = opts.float64 ?? false;
    const { act, slope, loss, batch: capacity } = config;
    if (graph.arch === 'conv') {
      const maps = [...graph.hidden.map(weightOp), graph.head];
      const params = float64
        ? initializeConvNetwork(config, maps, Float64Array)
        : initializeConvNetwork(config, maps, Float32Array);
      this.net = new ConvNet(
        { graph, act, slope, loss, capacity, float64, tsGemm: opts.tsGemm ?? false },
        params,
      );
    } else
      this.net = new CpuNet(
        { dims, act, slope, loss, capacity, float64, tsGemm: opts.tsGemm ?? false, graph },
        initializeNetwork(config, dims),
      );
    this.optimizer = new Optimizer(config, this.net);
    this.idx = new Int32Array(config.batch);
    if (config.init === 'lsuv') {
      this.loadBatch(0);
      this.lsuvVariances = applyLsuv(this.net, config.batch);
    }
  }

  get step(): number {
    return this.updates;
  }

  private loadBatch(k: number): void {
    const { seed, batch } = this.config;
    batchIndices(seed, k, batch, this.dataset.train.n, this.idx);
    this.net.gather(this.dataset.train, this.idx, batch);
  }

  /** Forward + backward of step k; statistics when `stats`. Leaves the gradients in the net. */
  private pass(k: number, stats: boolean): { loss: number; accuracy: number } {
    const B = this.config.batch;
    const net = this.net;
    this.loadBatch(k);
    this.probe.begin(k, stats, true, net.L);
    net.forward(B, this.probe);
    const res = net.loss(B, net.yBatch, true);
    this.lossBox[0] = res.loss;
    this.probe.check(this.lossBox, 1, res.loss, 0, 'loss');
    net.backward(B, this.probe);
    net.weightStats(this.probe);
    return { loss: res.loss, accuracy: res.correct / B };
  }

  private finishRecord(k: number, r: { loss: number; accuracy: number }): StatsRecord {
    const layers = this.probe.layers;
    for (let i = 0; i < layers.length; i++)
      layers[i].weight.updateRatio = updateRatio(this.optimizer.deltaNorm[i], this.optimizer.weightNorm[i]);
    const rec: StatsRecord = {
      step: k,
      loss: r.loss,
      accuracy: r.accuracy,
      layers,
      nonFinite: this.probe.nonFinite ? { ...this.probe.nonFinite } : null,
    };
    return rec;
  }

  run(n: number, opts: RunOptions = {}): Promise<StatsRecord[]> {
    if (this.disposed) return Promise.reject(new Error('trainer disposed'));
    const every = Math.max(1, Math.floor(opts.every ?? 1));
    const testEvery = Math.max(0, Math.floor(opts.testEvery ?? 0));
    const stats = opts.stats ?? true;
    const records: StatsRecord[] = [];
    const testDue = (k: number) => testEvery > 0 && k % testEvery === 0;
    if (n <= 0) {
      if (this.lastRecorded < this.updates)
        records.push(this.recordWithoutUpdate(stats, testDue(this.updates)));
      return Promise.resolve(records);
    }
    for (let j = 0; j < n; j++) {
      const k = this.updates;
      const due = k % every === 0 && k > this.lastRecorded;
      const r = this.pass(k, due && stats);
      // The test split is evaluated with the weights after k updates, i.e. before this step's update.
      const test = due && testDue(k) ? this.evaluateNow() : undefined;
      this.optimizer.step();
      this.updates++;
      if (due) {
        const rec = this.finishRecord(k, r);
        if (test) rec.test = test;
        records.push(rec);
        this.lastRecorded = k;
      }
    }
    return Promise.resolve(records);
  }

  /**
   * run(0): record the current step without advancing. The update ratio still describes the update this
   * pass would apply, so the update is applied to the parameters and optimizer state and then undone.
   */
  private recordWithoutUpdate(stats: boolean, test: boolean): StatsRecord {
    const k = this.updates;
    // The pass moves BatchNorm's running statistics; this step is not taken, so they go back too.
    const running = this.net.runningState().map((a) => a.slice());
    const r = this.pass(k, stats);
    const saved = this.snapshot();
    this.optimizer.step();
    const rec = this.finishRecord(k, r);
    this.restore(saved);
    this.net.runningState().forEach((a, i) => {
      a.set(running[i]);
    });
    if (test) rec.test = this.evaluateNow();
    this.lastRecorded = k;
    return rec;
  }

  private snapshot() {
    const net = this.net;
    return {
      W: net.W.map((a) => a.slice()),
      b: net.b.map((a) => a.slice()),
      extra: net.extraParams().p.map((a) => a.slice()),
      wSum: net.wSum.slice(),
      optimizer: this.optimizer.saveState(),
    };
  }

  private restore(s: ReturnType<CpuTrainer['snapshot']>): void {
    const net = this.net;
    for (let i = 0; i < s.W.length; i++) net.W[i].set(s.W[i]);
    for (let i = 0; i < s.b.length; i++) net.b[i].set(s.b[i]);
    net.extraParams().p.forEach((a, i) => {
      a.set(s.extra[i]);
    });
    net.wSum.set(s.wSum);
    this.optimizer.loadState(s.optimizer);
  }

  evaluate(): Promise<{ loss: number; accuracy: number }> {
    if (this.disposed) return Promise.reject(new Error('trainer disposed'));
    return Promise.resolve(this.evaluateNow());
  }

  /** Loss and accuracy over the whole test split, in chunks of `batch` rows through the pass buffers. */
  private evaluateNow(): { loss: number; accuracy: number } {
    const { test } = this.dataset;
    const B = this.config.batch;
    const C = this.dataset.classes;
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < test.n; start += B) {
      const rows = Math.min(B, test.n - start);
      this.net.loadRows(test.x, start, rows);
      this.net.forward(rows, null, false);
      const r = lossAndGrad(
        this.config.loss,
        this.net.logits,
        test.y.subarray(start, start + rows),
        rows,
        C,
        null,
      );
      lossSum += r.loss * rows;
      correct += r.correct;
    }
    return { loss: lossSum / test.n, accuracy: correct / test.n };
  }

  predict(x: Float32Array): Promise<Float32Array> {
    if (this.disposed) return Promise.reject(new Error('trainer disposed'));
    const inDim = this.dataset.inDim;
    const C = this.dataset.classes;
    const points = Math.floor(x.length / inDim);
    const out = new Float32Array(points * C);
    const B = this.config.batch;
    for (let start = 0; start < points; start += B) {
      const rows = Math.min(B, points - start);
      this.net.loadRows(x, start, rows);
      this.net.forward(rows, null, false);
      softmaxRows(this.net.logits, out, rows, C, start * C);
    }
    return Promise.resolve(out);
  }

  featureMaps(image: number, maxChannels: number): Promise<FeatureMaps | null> {
    if (this.disposed) return Promise.reject(new Error('trainer disposed'));
    if (!(this.net instanceof ConvNet)) return Promise.resolve(null);
    const { test } = this.dataset;
    const i = Math.min(Math.max(0, Math.floor(image)), test.n - 1);
    const layers = this.net.featureMaps(test.x, i, maxChannels);
    return Promise.resolve({ step: this.updates, image: i, label: test.y[i], layers });
  }

  weights(): Promise<{ W: Float32Array; b: Float32Array }[]> {
    return Promise.resolve(
      this.net.W.map((W, i) => ({ W: Float32Array.from(W), b: Float32Array.from(this.net.b[i]) })),
    );
  }

  dispose(): void {
    this.disposed = true;
  }
}
