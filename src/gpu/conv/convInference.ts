// evaluate(), predict(), the held-out program and the feature maps of a conv network on the GPU: inference
// passes of convForward (BatchNorm's running statistics) over chunks of at most `batch` rows, through the
// training buffers (a chunk needs no more than a step does; they are free between steps and, within a
// step, once its statistics are taken). Same surface as the MLP's InferenceRunner.
import { softmaxRows } from '../../engine/cpu/loss';
import type { Split } from '../../engine/data/types';
import { channelMajor, type FeatureMapLayer, type FeatureMaps } from '../../engine/featureMaps';
import { readBack, u32Bits, UniformArena } from '../buffers';
import { bindGroup, type Dispatch, encodeDispatch } from '../kernel';
import { NF_NONE } from '../nonFinite';
import { H } from '../statsLayout';
import { lossKernel, lossWords } from '../stepKernels';
import { type ConvContext, convForward } from './convForward';

export class ConvInference {
  private testDispatches: Dispatch[] | null = null;

  constructor(
    private readonly ctx: ConvContext,
    private readonly test: Split,
  ) {}

  /** Held-out loss sum and correct count into the stats block's test words, chunk by chunk. */
  testProgram(): Dispatch[] {
    if (!this.testDispatches) {
      const { device, kernels, uniforms, config, lay, bufs, conv, strategy } = this.ctx;
      const out: Dispatch[] = [];
      for (let start = 0; start < this.test.n; start += lay.B) {
        const rows = Math.min(lay.B, this.test.n - start);
        out.push(...convForward(this.ctx, rows, { x: bufs.testX, idx: conv.iota, idxOff: start }, false));
        const lk = kernels.get(lossKernel(lay.C, config.loss, true, strategy));
        const words = lossWords({
          rows,
          labOff: start,
          gradScaleBits: u32Bits(0),
          first: start === 0,
          nfLoss: NF_NONE,
          nfGrad: NF_NONE,
        });
        out.push({
          kernel: lk,
          bind: bindGroup(device, lk, [
            uniforms.alloc(words),
            bufs.logits,
            bufs.testY,
            bufs.idx,
            bufs.spareOut,
            bufs.block,
          ]),
          groups: [1],
        });
      }
      this.testDispatches = out;
    }
    return this.testDispatches;
  }

  async evaluate(): Promise<{ loss: number; accuracy: number }> {
    const { device, bufs, lay, config } = this.ctx;
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    for (const d of this.testProgram()) encodeDispatch(pass, d);
    pass.end();
    device.queue.submit([enc.finish()]);
    const head = new DataView(await readBack(device, bufs.block, 0, 32));
    const n = this.test.n;
    return {
      loss: head.getFloat32(4 * H.testLoss, true) / (config.loss === 'ce' ? n : n * lay.C),
      accuracy: head.getUint32(4 * H.testCorrect, true) / n,
    };
  }

  /** Class probabilities of images x (row-major, inDim each): logits on the GPU, softmax on the host. */
  async predict(x: Float32Array): Promise<Float32Array> {
    const { device, lay, bufs } = this.ctx;
    const inDim = lay.dims[0];
    const C = lay.C;
    const points = Math.floor(x.length / inDim);
    const out = new Float32Array(points * C);
    if (points === 0) return out;
    const xBuf = device.createBuffer({
      label: 'predict images',
      size: Math.max(16, Math.ceil((points * inDim * 4) / 16) * 16),
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
    });
    const iota = device.createBuffer({
      label: 'predict rows',
      size: Math.max(16, points * 4),
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
    });
    const logits = device.createBuffer({
      label: 'predict logits',
      size: Math.max(16, points * C * 4),
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    });
    const uniforms = new UniformArena(device, 'predict uniforms');
    try {
      device.queue.writeBuffer(xBuf, 0, x, 0, points * inDim);
      device.queue.writeBuffer(
        iota,
        0,
        Uint32Array.from({ length: points }, (_, i) => i),
      );
      const enc = device.createCommandEncoder();
      for (let start = 0; start < points; start += lay.B) {
        const rows = Math.min(lay.B, points - start);
        const pass = enc.beginComputePass();
        const ds = convForward({ ...this.ctx, uniforms }, rows, { x: xBuf, idx: iota, idxOff: start }, false);
        for (const d of ds) encodeDispatch(pass, d);
        pass.end();
        enc.copyBufferToBuffer(bufs.logits, 0, logits, start * C * 4, rows * C * 4);
      }
      device.queue.submit([enc.finish()]);
      await logits.mapAsync(GPUMapMode.READ);
      const z = new Float32Array(logits.getMappedRange().slice(0, points * C * 4));
      logits.unmap();
      softmaxRows(z, out, points, C);
      return out;
    } finally {
      xBuf.destroy();
      iota.destroy();
      logits.destroy();
      uniforms.destroy();
    }
  }

  /**
   * The maps of test image `image` in evaluation mode, as the CPU engine's ConvNet.featureMaps: the input,
   * then each layer's output before its pool, at most `maxChannels` channels each.
   */
  async featureMaps(image: number, maxChannels: number, step: number): Promise<FeatureMaps> {
    const { device, lay, bufs, conv } = this.ctx;
    const i0 = Math.min(Math.max(0, Math.floor(image)), this.test.n - 1);
    const uniforms = new UniformArena(device, 'feature map uniforms');
    try {
      const enc = device.createCommandEncoder();
      const pass = enc.beginComputePass();
      const ds = convForward(
        { ...this.ctx, uniforms },
        1,
        { x: bufs.testX, idx: conv.iota, idxOff: i0 },
        false,
      );
      for (const d of ds) encodeDispatch(pass, d);
      pass.end();
      device.queue.submit([enc.finish()]);
      const { channels, side } = lay.image;
      const shown = (c: number) => Math.min(c, maxChannels);
      const input = new Float32Array(await readBack(device, conv.x, 0, lay.dims[0] * 4));
      const layers: FeatureMapLayer[] = [
        { layer: 0, side, channels, data: channelMajor(input, side, channels, shown(channels)) },
      ];
      for (let i = 0; i < lay.L; i++) {
        const c = lay.convs[i];
        // The layer's output before its pool: h, or a residual block's stream x.
        const src = lay.ext.residual && i > 0 && bufs.ext ? bufs.ext.x : bufs.h;
        const map = new Float32Array(
          await readBack(device, src, i * lay.actStride * 4, lay.perLayer.units[i] * 4),
        );
        layers.push({
          layer: i + 1,
          side: c.side,
          channels: c.Cout,
          data: channelMajor(map, c.side, c.Cout, shown(c.Cout)),
        });
      }
      return { step, image: i0, label: this.test.y[i0], layers };
    } finally {
      uniforms.destroy();
    }
  }

  destroy(): void {}
}
