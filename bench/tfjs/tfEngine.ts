// Drives a TfMlp or TfCnn the way our trainers are driven: run(n) trains n steps and resolves with their records.
// Readbacks are pipelined like our engine's MAP_READ ring: a step's statistics are requested right after
// it is enqueued and only the oldest of READBACK_DEPTH pending reads is awaited, so TF.js is not made to
// stall on every step (that would understate it).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgpu';
import { configureTfWasm } from './wasmBackend';
import type { NonFinite, StatsRecord } from '../../src/engine/stats/types';
import { type ConvGrads, TfCnn, type TfCnnInit } from './cnn';
import { decodeRecord } from './decode';
import { TfMlp, type TfMlpInit } from './mlp';

/** What both baselines are built from: the MLP reads dims, the CNN its graph (config.arch decides). */
export type TfModelInit = TfMlpInit & Pick<TfCnnInit, 'graph'>;
type TfModel = TfMlp | TfCnn;

export type TfBackend = 'webgpu' | 'cpu' | 'wasm';

const READBACK_DEPTH = 3;

/** Makes `name` TF.js's active backend (tensors stay on the backend that created them). */
export async function activateBackend(name: TfBackend): Promise<void> {
  if (tf.getBackend() === name) return;
  if (name === 'wasm') configureTfWasm();
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`TF.js could not initialize its ${name} backend`);
  await tf.ready();
}

export class TfEngine {
  private sticky: NonFinite | null = null;

  private constructor(
    readonly backend: TfBackend,
    readonly withStats: boolean,
    private readonly model: TfModel,
    private readonly batchFor: (step: number) => Int32Array,
    private readonly submitBatch: number | undefined,
  ) {}

  static async create(
    backend: TfBackend,
    init: TfModelInit,
    batchFor: (step: number) => Int32Array,
    withStats: boolean,
    submitBatch?: number,
    convGrads?: ConvGrads,
  ): Promise<TfEngine> {
    await activateBackend(backend);
    const model = init.config.arch === 'conv' ? new TfCnn(init, convGrads) : new TfMlp(init);
    return new TfEngine(backend, withStats, model, batchFor, submitBatch);
  }

  get step(): number {
    return this.model.step;
  }

  async run(n: number): Promise<StatsRecord[]> {
    await activateBackend(this.backend);
    if (this.backend === 'webgpu' && this.submitBatch !== undefined)
      tf.env().set('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE', this.submitBatch);
    const depth = this.withStats ? this.model.depth : 0;
    const records: StatsRecord[] = [];
    const pending: Promise<void>[] = [];
    for (let i = 0; i < n; i++) {
      const step = this.model.step;
      const packed = this.model.trainStep(this.batchFor(step), this.withStats);
      pending.push(
        packed.data().then((values) => {
          packed.dispose();
          const rec = decodeRecord(values as Float32Array, step, depth, this.model.hist, this.sticky);
          this.sticky = rec.nonFinite ?? null;
          records.push(rec);
        }),
      );
      if (pending.length >= READBACK_DEPTH) await pending.shift();
    }
    await Promise.all(pending);
    return records.sort((a, b) => a.step - b.step);
  }

  weights() {
    return this.model.weights();
  }

  dispose(): void {
    this.model.dispose();
  }
}
