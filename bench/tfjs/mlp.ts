// The TF.js baseline: the same MLP our engines train (φ on every hidden layer, softmax cross-entropy or
// MSE on top), forward and backward written with TF.js ops, the same optimizers with PyTorch semantics.
// Backward is written out by hand rather than taken from tf.grad: it is the cheapest correct TF.js
// formulation and it hands us δ^ℓ, which the statistics need, for free. Written as a TF.js expert would:
// weights stored [in, out] (Keras' Dense kernel) so the forward product needs no transposeB; each layer one
// tf.fused.matMul with the bias and, where TF.js can fuse φ and the statistics do not need z, φ too; the
// bias gradient as a product with a row of ones (tf.sum over axis 0 would transpose δ first).
import * as tf from '@tensorflow/tfjs-core';
import type { RunConfig } from '../../src/engine/config';
import { maxAbsDerivative } from '../../src/engine/activations';
import { tfActivation, type TfActivation } from './activations';
import { type HistSpec, layerStatsTensor } from './layerStats';
import { disposeParam, makeParam, optimizerUpdate, type Param } from './optimizer';

export interface LayerWeights {
  W: Float32Array;
  b: Float32Array;
}

export interface TfMlpInit {
  config: RunConfig;
  /** dims = [inDim, width × depth, classes]. */
  dims: number[];
  /** Initial weights, exactly as our engine starts (initializeNetwork's output). */
  weights: LayerWeights[];
  /** Training inputs, row-major [n, inDim], and labels. */
  x: Float32Array;
  y: Int32Array;
  hist: HistSpec;
}

export class TfMlp {
  readonly config: RunConfig;
  readonly dims: number[];
  readonly hist: HistSpec;
  private readonly act: TfActivation;
  private readonly satThreshold: number;
  private readonly xAll: tf.Tensor2D;
  private readonly yAll: tf.Tensor1D;
  /** W_lᵀ, [in, out]. */
  private readonly W: Param[];
  private readonly b: Param[];
  /** A [1, batch] row of ones for the bias gradients, per batch size. */
  private readonly ones = new Map<number, tf.Tensor2D>();
  /** Updates applied so far (Adam's bias correction needs t). */
  step = 0;

  /** Hidden layers (with statistics). */
  get depth(): number {
    return this.dims.length - 2;
  }

  constructor(init: TfMlpInit) {
    const { config, dims, weights } = init;
    this.config = config;
    this.dims = dims;
    this.hist = init.hist;
    this.act = tfActivation(config.act, config.slope);
    this.satThreshold = 0.05 * maxAbsDerivative(config.act, config.slope);
    const n = init.y.length;
    this.xAll = tf.tensor2d(init.x, [n, dims[0]]);
    this.yAll = tf.tensor1d(init.y, 'int32');
    this.W = weights.map((w, l) =>
      this.param(tf.tidy(() => tf.transpose(tf.tensor2d(w.W, [dims[l + 1], dims[l]])))),
    );
    this.b = weights.map((w) => this.param(tf.tensor1d(w.b)));
  }

  private param(t: tf.Tensor): Param {
    return makeParam(this.config, t);
  }

  /**
   * One training step on the batch `indices`: forward, loss, backward, statistics (when `withStats`),
   * update. Returns a 1-D tensor [loss, accuracy, per-layer stats…] (or [loss, accuracy]) for the caller
   * to read back and dispose.
   */
  trainStep(indices: Int32Array, withStats: boolean): tf.Tensor1D {
    return tf.tidy(() => {
      const cfg = this.config;
      const L = this.W.length;
      const batch = indices.length;
      const idx = tf.tensor1d(indices, 'int32');
      const x = tf.gather(this.xAll, idx) as tf.Tensor2D;
      const labels = tf.gather(this.yAll, idx) as tf.Tensor1D;
      const classes = this.dims[L];
      // int32 one-hot, then cast: tfjs-backend-wasm 4.22's OneHot ignores the dtype argument and writes
      // int32 bits into a float32 tensor (wasmBackend.test.ts).
      const target = tf.cast(tf.oneHot(labels, classes), 'float32') as tf.Tensor2D;

      // Forward: hs[0] = x, zs[l] / hs[l + 1] for hidden layer l + 1. z is kept only when the statistics
      // need it (its moments) or φ cannot be fused; otherwise bias and φ run inside the matmul.
      const fuse = !withStats && this.act.fused !== undefined;
      const hs: tf.Tensor2D[] = [x];
      const zs: (tf.Tensor2D | null)[] = [];
      for (let l = 0; l < L - 1; l++) {
        const mm = { a: hs[l], b: this.W[l].value as tf.Tensor2D, bias: this.b[l].value };
        if (fuse) {
          zs.push(null);
          hs.push(
            tf.fused.matMul({
              ...mm,
              activation: this.act.fused,
              leakyreluAlpha: this.act.leakyreluAlpha,
            }) as tf.Tensor2D,
          );
        } else {
          const z = tf.fused.matMul(mm) as tf.Tensor2D;
          zs.push(z);
          hs.push(this.act.f(z) as tf.Tensor2D);
        }
      }
      const logits = tf.fused.matMul({
        a: hs[L - 1],
        b: this.W[L - 1].value as tf.Tensor2D,
        bias: this.b[L - 1].value,
      });
      const ones = this.onesRow(batch);

      let loss: tf.Tensor;
      let delta: tf.Tensor2D;
      if (cfg.loss === 'ce') {
        const logp = tf.logSoftmax(logits);
        loss = tf.neg(tf.div(tf.sum(tf.mul(target, logp)), batch));
        delta = tf.div(tf.sub(tf.exp(logp), target), batch) as tf.Tensor2D;
      } else {
        // MSE: mean over batch × classes of (out − onehot)², so ∂L/∂out = 2(out − onehot)/(B·C).
        const diff = tf.sub(logits, target);
        loss = tf.mean(tf.square(diff));
        delta = tf.mul(diff, 2 / (batch * classes)) as tf.Tensor2D;
      }
      const accuracy = tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32'));

      // Backward from the output layer down, computing each update as soon as its gradient exists.
      const t = this.step + 1;
      const updatesW: tf.Tensor2D[] = new Array(L);
      const updatesB: tf.Tensor1D[] = new Array(L);
      const layerStats: tf.Tensor1D[] = new Array(L - 1);
      // φ'(zs[l]) is computed while propagating δ down through W[l + 1]; the statistics of hidden layer
      // l + 1 reuse it one iteration later.
      let dphiBelow: tf.Tensor2D | null = null;
      for (let l = L - 1; l >= 0; l--) {
        const dW = tf.matMul(hs[l], delta, true, false) as tf.Tensor2D;
        const db = tf.reshape(tf.matMul(ones, delta), [-1]) as tf.Tensor1D;
        updatesW[l] = this.update(this.W[l], dW, t) as tf.Tensor2D;
        updatesB[l] = this.update(this.b[l], db, t) as tf.Tensor1D;
        if (withStats && l < L - 1 && dphiBelow) {
          layerStats[l] = layerStatsTensor(
            {
              z: zs[l]!,
              h: hs[l + 1],
              dphi: dphiBelow,
              delta,
              W: this.W[l].value as tf.Tensor2D,
              dW,
              update: updatesW[l],
            },
            this.hist,
            this.satThreshold,
          );
        }
        if (l > 0) {
          dphiBelow = this.act.df(zs[l - 1], hs[l]) as tf.Tensor2D;
          delta = tf.mul(tf.matMul(delta, this.W[l].value, false, true), dphiBelow) as tf.Tensor2D;
        }
      }

      for (let l = 0; l < L; l++) {
        this.W[l].value.assign(tf.add(this.W[l].value, updatesW[l]));
        this.b[l].value.assign(tf.add(this.b[l].value, updatesB[l]));
      }
      this.step = t;
      const head = tf.stack([loss, accuracy]) as tf.Tensor1D;
      return withStats ? tf.concat([head, ...layerStats]) : head;
    });
  }

  private onesRow(batch: number): tf.Tensor2D {
    let t = this.ones.get(batch);
    if (!t) {
      t = tf.keep(tf.ones([1, batch])) as tf.Tensor2D;
      this.ones.set(batch, t);
    }
    return t;
  }

  /** ΔW for this step (already multiplied by −lr), advancing the optimizer state. */
  private update(p: Param, grad: tf.Tensor, t: number): tf.Tensor {
    return optimizerUpdate(this.config, p, grad, t);
  }

  /** Current weights (for tests): W row-major [out, in], b. */
  async weights(): Promise<LayerWeights[]> {
    const out: LayerWeights[] = [];
    for (let l = 0; l < this.W.length; l++) {
      const W = tf.transpose(this.W[l].value);
      out.push({
        W: (await W.data()) as Float32Array,
        b: (await this.b[l].value.data()) as Float32Array,
      });
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
