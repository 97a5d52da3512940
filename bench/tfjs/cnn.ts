// The TF.js baseline for conv networks (arch=conv): the same plain CNN our CPU engine trains (Conv2d k×k,
// stride 1, padding k//2, φ after every conv, a 2×2 average pool after every p-th layer, global average pool
// and a Linear head), written as a TF.js expert would: NHWC maps, filters stored [k, k, C_in, C_out] (TF.js'
// layout, so no transpose per step), each conv one tf.fused.conv2d with its bias (and φ where TF.js can fuse
// it and the statistics do not need z). Backward is written out, like the MLP's (mlp.ts), so δ of every layer
// is at hand for the statistics. Each backend gets the faster of two exact formulations of each gradient
// (CONV_GRADS, measured): the input gradient as tf.conv2dTranspose (Conv2DBackpropInput) or as a plain
// convolution of δ with the flipped filter; the filter gradient as the backend's Conv2DBackpropFilter kernel
// or as one convolution (batch and channels swapped, δ as the filter), which tfjs-backend-wasm (no such
// kernel) and tfjs-backend-cpu (whose kernel is 20–50× slower here) need. The pool's gradient is the backend's
// AvgPoolGrad kernel, the bias gradients products with a row of ones.
// Only plain conv layers: norm and residual blocks are refused with a message (the bench reports it).
import * as tf from '@tensorflow/tfjs-core';
import { maxAbsDerivative } from '../../src/engine/activations';
import type { RunConfig } from '../../src/engine/config';
import { type NetworkGraph, poolOf, weightOp } from '../../src/engine/graph';
import { type TfActivation, tfActivation } from './activations';
import { type HistSpec, layerStatsTensor } from './layerStats';
import type { TfConvGrads } from '../protocol';
import type { LayerWeights } from './mlp';
import { disposeParam, makeParam, optimizerUpdate, type Param } from './optimizer';

export interface TfCnnInit {
  config: RunConfig;
  graph: NetworkGraph;
  /** Initial weights as our engine starts: conv W [C_out, C_in, k, k] (PyTorch's order), head W [classes, width]. */
  weights: LayerWeights[];
  /** Training images, NHWC rows [n, side·side·channels], and labels. */
  x: Float32Array;
  y: Int32Array;
  hist: HistSpec;
}

interface ConvShape {
  in: number;
  out: number;
  kernel: number;
  side: number;
  pool: boolean;
}

type Filter = [number, number, number, number];

/** How a backend computes the two conv gradients: with the dedicated kernel, or as a convolution. */
export type ConvGrads = TfConvGrads;

/**
 * Per backend, the faster formulation. wasm and cpu timed on the conv row's shapes (32 × 28 × 28 × 16, k = 3)
 * with `npx tsx bench/tfjs/convGradsTiming.ts` (ms per call, loaded 2-core machine): wasm input 50
 * (conv2dTranspose) vs 5 (flipped conv), filter only as a conv (7); cpu input 79–83 vs 128–270, filter
 * 6400–8400 (kernel) vs 170–320 (conv). webgpu on SwiftShader with `npm run bench -- --config
 * 'arch=conv&depth=2&width=16&data=fashion&batch=32' --only tfjs_webgpu --rounds 1 --tf-conv-grads …`,
 * alternating: the kernels 0.17 and 0.19 steps/s, the conv forms 0.13 and 0.11.
 */
export const CONV_GRADS: Record<string, ConvGrads> = {
  wasm: { input: 'conv', filter: 'conv' },
  cpu: { input: 'transpose', filter: 'conv' },
  webgpu: { input: 'transpose', filter: 'kernel' },
};

/** ∂L/∂x of a stride-1 'same' convolution as a convolution of δ with the filter flipped and transposed. */
export function inputGradAsConv(dy: tf.Tensor4D, filter: tf.Tensor4D): tf.Tensor4D {
  return tf.conv2d(dy, tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]), 1, 'same');
}

/** Σ over batch and positions of x_pad ⊗ δ as one convolution: batch ↔ channels of x, δ as the filter. */
export function filterGradAsConv(x: tf.Tensor4D, dy: tf.Tensor4D, k: number): tf.Tensor4D {
  const r = k >> 1;
  const xs = tf.transpose(x, [3, 1, 2, 0]); // [C_in, H, W, B]
  const f = tf.transpose(dy, [1, 2, 0, 3]); // [H, W, B, C_out]
  const out = tf.conv2d(xs, f, 1, [
    [0, 0],
    [r, r],
    [r, r],
    [0, 0],
  ]); // [C_in, k, k, C_out]
  return tf.transpose(out, [1, 2, 0, 3]);
}

export class TfCnn {
  readonly config: RunConfig;
  readonly hist: HistSpec;
  /** Hidden layers (with statistics). */
  readonly depth: number;
  private readonly convs: ConvShape[];
  private readonly act: TfActivation;
  private readonly satThreshold: number;
  private readonly xAll: tf.Tensor4D;
  private readonly yAll: tf.Tensor1D;
  /** Conv filters [k, k, C_in, C_out], then the head's [width, classes]. */
  private readonly W: Param[];
  private readonly b: Param[];
  private readonly ones = new Map<number, tf.Tensor2D>();
  private readonly grads: ConvGrads;
  step = 0;

  /** `grads` defaults to the active backend's entry of CONV_GRADS. */
  constructor(init: TfCnnInit, grads?: ConvGrads) {
    const { config, graph, weights } = init;
    if (graph.arch !== 'conv' || !graph.image) throw new Error('TfCnn needs a conv graph');
    if (graph.norm || graph.residual)
      throw new Error('the TF.js CNN baseline covers plain conv layers only (no norm, no res)');
    this.config = config;
    this.hist = init.hist;
    this.depth = graph.hidden.length;
    this.convs = graph.hidden.map((layer) => {
      const op = weightOp(layer);
      if (op.kind !== 'conv2d') throw new Error(`layer ${layer.layer} is not a convolution`);
      if (op.kernel % 2 !== 1) throw new Error('the TF.js CNN baseline needs an odd kernel');
      return { ...op, pool: poolOf(layer) !== null };
    });
    this.act = tfActivation(config.act, config.slope);
    this.satThreshold = 0.05 * maxAbsDerivative(config.act, config.slope);
    const n = init.y.length;
    const { side, channels } = graph.image;
    this.xAll = tf.tensor4d(init.x, [n, side, side, channels]);
    this.yAll = tf.tensor1d(init.y, 'int32');
    this.W = weights.map((w, l) => {
      const t =
        l < this.depth
          ? tf.tidy(() => {
              const c = this.convs[l];
              return tf.transpose(tf.tensor4d(w.W, [c.out, c.in, c.kernel, c.kernel]), [2, 3, 1, 0]);
            })
          : tf.tidy(() => tf.transpose(tf.tensor2d(w.W, [graph.classes, graph.width])));
      return makeParam(config, t);
    });
    this.b = weights.map((w) => makeParam(config, tf.tensor1d(w.b)));
    this.grads = grads ?? CONV_GRADS[tf.getBackend()] ?? { input: 'conv', filter: 'conv' };
    if (this.grads.filter === 'kernel' && tf.getKernel('Conv2DBackpropFilter', tf.getBackend()) === undefined)
      throw new Error(`TF.js ${tf.getBackend()} has no Conv2DBackpropFilter kernel`);
  }

  private inputGrad(dy: tf.Tensor4D, filter: tf.Tensor4D, shape: Filter): tf.Tensor4D {
    if (this.grads.input === 'conv') return inputGradAsConv(dy, filter);
    return tf.conv2dTranspose(dy, filter, shape, 1, 'same');
  }

  private filterGrad(x: tf.Tensor4D, dy: tf.Tensor4D, shape: Filter): tf.Tensor4D {
    if (this.grads.filter === 'conv') return filterGradAsConv(x, dy, shape[0]);
    return tf
      .engine()
      .runKernel(
        'Conv2DBackpropFilter',
        { x, dy },
        { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: shape },
      ) as tf.Tensor4D;
  }

  private onesRow(n: number): tf.Tensor2D {
    let t = this.ones.get(n);
    if (!t) {
      t = tf.keep(tf.ones([1, n])) as tf.Tensor2D;
      this.ones.set(n, t);
    }
    return t;
  }

  /** Σ of δ over everything but the last axis, as a product with a row of ones. */
  private biasGrad(delta: tf.Tensor): tf.Tensor1D {
    const cols = delta.shape[delta.rank - 1];
    const rows = delta.size / cols;
    return tf.reshape(tf.matMul(this.onesRow(rows), tf.reshape(delta, [rows, cols])), [-1]);
  }

  /** One training step, like TfMlp.trainStep: [loss, accuracy, per-layer stats…] (or [loss, accuracy]). */
  trainStep(indices: Int32Array, withStats: boolean): tf.Tensor1D {
    return tf.tidy(() => {
      const cfg = this.config;
      const L = this.depth;
      const batch = indices.length;
      const idx = tf.tensor1d(indices, 'int32');
      const x = tf.gather(this.xAll, idx) as tf.Tensor4D;
      const labels = tf.gather(this.yAll, idx) as tf.Tensor1D;
      const classes = this.W[L].value.shape[1] as number;
      const target = tf.cast(tf.oneHot(labels, classes), 'float32') as tf.Tensor2D;

      // Forward: ins[l] is conv l's input, zs[l] its output (kept only when needed), hs[l] = φ(z).
      const fuse = !withStats && this.act.fused !== undefined;
      const ins: tf.Tensor4D[] = [x];
      const zs: (tf.Tensor4D | null)[] = [];
      const hs: tf.Tensor4D[] = [];
      for (let l = 0; l < L; l++) {
        const conv = { x: ins[l], filter: this.W[l].value as tf.Tensor4D, strides: 1, pad: 'same' as const };
        if (fuse) {
          zs.push(null);
          hs.push(
            tf.fused.conv2d({
              ...conv,
              bias: this.b[l].value,
              activation: this.act.fused,
              leakyreluAlpha: this.act.leakyreluAlpha,
            }),
          );
        } else {
          const z = tf.fused.conv2d({ ...conv, bias: this.b[l].value });
          zs.push(z);
          hs.push(this.act.f(z) as tf.Tensor4D);
        }
        ins.push(this.convs[l].pool ? tf.avgPool(hs[l], 2, 2, 'valid') : hs[l]);
      }
      const last = ins[L];
      const positions = last.shape[1] * last.shape[2];
      const gap = tf.mean(last, [1, 2]) as tf.Tensor2D;
      const logits = tf.fused.matMul({ a: gap, b: this.W[L].value as tf.Tensor2D, bias: this.b[L].value });

      let loss: tf.Tensor;
      let delta: tf.Tensor2D;
      if (cfg.loss === 'ce') {
        const logp = tf.logSoftmax(logits);
        loss = tf.neg(tf.div(tf.sum(tf.mul(target, logp)), batch));
        delta = tf.div(tf.sub(tf.exp(logp), target), batch) as tf.Tensor2D;
      } else {
        const diff = tf.sub(logits, target);
        loss = tf.mean(tf.square(diff));
        delta = tf.mul(diff, 2 / (batch * classes)) as tf.Tensor2D;
      }
      const accuracy = tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32'));

      const t = this.step + 1;
      const updatesW: tf.Tensor[] = new Array(L + 1);
      const updatesB: tf.Tensor[] = new Array(L + 1);
      const layerStats: tf.Tensor1D[] = new Array(L);
      // The head, then its gradient spread evenly over the last map's positions.
      const dWh = tf.matMul(gap, delta, true, false);
      updatesW[L] = optimizerUpdate(cfg, this.W[L], dWh, t);
      updatesB[L] = optimizerUpdate(cfg, this.b[L], this.biasGrad(delta), t);
      const dgap = tf.matMul(delta, this.W[L].value as tf.Tensor2D, false, true);
      const N = this.W[L].value.shape[0] as number;
      let g = tf.broadcastTo(
        tf.reshape(tf.div(dgap, positions), [batch, 1, 1, N]),
        last.shape,
      ) as tf.Tensor4D;
      for (let l = L - 1; l >= 0; l--) {
        const c = this.convs[l];
        if (c.pool)
          g = tf
            .engine()
            .runKernel(
              'AvgPoolGrad',
              { dy: g, input: hs[l] },
              { filterSize: 2, strides: 2, pad: 'valid' },
            ) as tf.Tensor4D;
        const dphi = this.act.df(zs[l], hs[l]) as tf.Tensor4D;
        const d = tf.mul(g, dphi) as tf.Tensor4D;
        const W = this.W[l].value as tf.Tensor4D;
        const dW = this.filterGrad(ins[l], d, W.shape as Filter);
        updatesW[l] = optimizerUpdate(cfg, this.W[l], dW, t);
        updatesB[l] = optimizerUpdate(cfg, this.b[l], this.biasGrad(d), t);
        if (withStats) {
          const flat = (a: tf.Tensor, cols: number) => tf.reshape(a, [-1, cols]) as tf.Tensor2D;
          layerStats[l] = layerStatsTensor(
            {
              z: flat(zs[l]!, c.out),
              h: flat(hs[l], c.out),
              dphi: flat(dphi, c.out),
              delta: flat(d, c.out),
              W: flat(W, c.out),
              dW: flat(dW, c.out),
              update: flat(updatesW[l], c.out),
            },
            this.hist,
            this.satThreshold,
          );
        }
        if (l > 0) g = this.inputGrad(d, W, ins[l].shape as Filter);
      }

      for (let l = 0; l <= L; l++) {
        this.W[l].value.assign(tf.add(this.W[l].value, updatesW[l]));
        this.b[l].value.assign(tf.add(this.b[l].value, updatesB[l]));
      }
      this.step = t;
      const head = tf.stack([loss, accuracy]) as tf.Tensor1D;
      return withStats ? tf.concat([head, ...layerStats]) : head;
    });
  }

  /** Current weights in our engine's layout (for tests): conv W [C_out, C_in, k, k], head W [classes, width]. */
  async weights(): Promise<LayerWeights[]> {
    const out: LayerWeights[] = [];
    for (let l = 0; l <= this.depth; l++) {
      const W = tf.tidy(() =>
        l < this.depth ? tf.transpose(this.W[l].value, [3, 2, 0, 1]) : tf.transpose(this.W[l].value),
      );
      out.push({ W: (await W.data()) as Float32Array, b: (await this.b[l].value.data()) as Float32Array });
      W.dispose();
    }
    return out;
  }

  dispose(): void {
    this.xAll.dispose();
    this.yAll.dispose();
    for (const t of this.ones.values()) t.dispose();
    for (const p of [...this.W, ...this.b]) disposeParam(p);
  }
}
