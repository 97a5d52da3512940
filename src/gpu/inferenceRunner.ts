// evaluate() and predict() of the GPU trainer: forward-only passes (inference.ts) over the held-out split
// or over given points, with the current weights. The buffers and the held-out program are built on first
// use and kept.
import { softmaxRows } from '../engine/cpu/loss';
import type { Split } from '../engine/data/types';
import { readBack, UniformArena } from './buffers';
import {
  buildInference,
  createInferenceBuffers,
  type InferenceBuffers,
  type InferenceContext,
  inferenceRows,
} from './inference';
import { type Dispatch, encodeDispatch } from './kernel';
import { H } from './statsLayout';

export interface InferenceRunnerContext extends InferenceContext {
  uniforms: UniformArena;
  test: Split;
}

export class InferenceRunner {
  private buffers: InferenceBuffers | null = null;
  private testDispatches: Dispatch[] | null = null;

  constructor(private readonly ctx: InferenceRunnerContext) {}

  private inferenceBuffers(): InferenceBuffers {
    if (!this.buffers) {
      const { device, lay, config, test } = this.ctx;
      this.buffers = createInferenceBuffers(
        device,
        lay,
        inferenceRows(Math.max(test.n, config.batch), lay.dims[1]),
      );
    }
    return this.buffers;
  }

  /** The held-out evaluation: loss sum and correct count land in the stats block's test words. */
  testProgram(): Dispatch[] {
    if (!this.testDispatches) {
      const { bufs, test, uniforms } = this.ctx;
      const chunks = buildInference(
        this.ctx,
        this.inferenceBuffers(),
        uniforms,
        bufs.testX,
        test.n,
        bufs.testY,
      );
      this.testDispatches = chunks.flatMap((c) => c.dispatches);
    }
    return this.testDispatches;
  }

  async evaluate(): Promise<{ loss: number; accuracy: number }> {
    const { device, bufs, test, lay, config } = this.ctx;
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    for (const d of this.testProgram()) encodeDispatch(pass, d);
    pass.end();
    device.queue.submit([enc.finish()]);
    const head = new DataView(await readBack(device, bufs.block, 0, 32));
    const n = test.n;
    return {
      loss: head.getFloat32(4 * H.testLoss, true) / (config.loss === 'ce' ? n : n * lay.C),
      accuracy: head.getUint32(4 * H.testCorrect, true) / n,
    };
  }

  /** Class probabilities: logits on the GPU, the softmax on the host with the CPU engine's own function. */
  async predict(x: Float32Array): Promise<Float32Array> {
    const { device, lay } = this.ctx;
    const { C, dims } = lay;
    const points = Math.floor(x.length / dims[0]);
    const out = new Float32Array(points * C);
    if (points === 0) return out;
    const inf = this.inferenceBuffers();
    const xBuf = device.createBuffer({
      label: 'predict x',
      size: Math.max(16, Math.ceil((points * dims[0] * 4) / 16) * 16),
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
    });
    const logits = device.createBuffer({
      label: 'predict logits',
      size: Math.max(16, points * C * 4),
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    });
    const uniforms = new UniformArena(device, 'predict uniforms');
    try {
      device.queue.writeBuffer(xBuf, 0, x, 0, points * dims[0]);
      const chunks = buildInference(this.ctx, inf, uniforms, xBuf, points, null);
      const enc = device.createCommandEncoder();
      for (const c of chunks) {
        const pass = enc.beginComputePass();
        for (const d of c.dispatches) encodeDispatch(pass, d);
        pass.end();
        enc.copyBufferToBuffer(inf.logits, 0, logits, c.start * C * 4, c.rows * C * 4);
      }
      device.queue.submit([enc.finish()]);
      await logits.mapAsync(GPUMapMode.READ);
      const z = new Float32Array(logits.getMappedRange().slice(0, points * C * 4));
      logits.unmap();
      softmaxRows(z, out, points, C);
      return out;
    } finally {
      xBuf.destroy();
      logits.destroy();
      uniforms.destroy();
    }
  }

  destroy(): void {
    this.buffers?.destroy();
  }
}
