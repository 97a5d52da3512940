// The optimizers of the TF.js baselines (MLP and CNN) with PyTorch's update rules, as our engines apply
// them: each update is computed as ΔW (already multiplied by −lr) so the statistics can take its norm.
import * as tf from '@tensorflow/tfjs-core';
import { ADAM, type RunConfig } from '../../src/engine/config';

export interface Param {
  value: tf.Variable;
  /** Momentum buffer, or Adam's first moment. */
  m?: tf.Variable;
  /** Adam's second moment. */
  v?: tf.Variable;
}

/** A trained tensor with the optimizer state `config.opt` needs. */
export function makeParam(config: Pick<RunConfig, 'opt'>, t: tf.Tensor): Param {
  const p: Param = { value: tf.variable(t) };
  if (config.opt !== 'sgd') p.m = tf.variable(tf.zerosLike(t));
  if (config.opt === 'adam') p.v = tf.variable(tf.zerosLike(t));
  return p;
}

export function disposeParam(p: Param): void {
  p.value.dispose();
  p.m?.dispose();
  p.v?.dispose();
}

/** ΔW for this step (already multiplied by −lr), advancing the optimizer state; `t` counts updates from 1. */
export function optimizerUpdate(
  config: Pick<RunConfig, 'opt' | 'lr' | 'momentum'>,
  p: Param,
  grad: tf.Tensor,
  t: number,
): tf.Tensor {
  const { lr, opt, momentum } = config;
  if (opt === 'sgd') return tf.mul(grad, -lr);
  if (opt === 'momentum') {
    // PyTorch heavy ball: buf = μ·buf + g (buf starts at g), W −= lr·buf.
    const buf = tf.add(tf.mul(p.m!, momentum), grad);
    p.m!.assign(buf);
    return tf.mul(buf, -lr);
  }
  const m = tf.add(tf.mul(p.m!, ADAM.beta1), tf.mul(grad, 1 - ADAM.beta1));
  const v = tf.add(tf.mul(p.v!, ADAM.beta2), tf.mul(tf.square(grad), 1 - ADAM.beta2));
  p.m!.assign(m);
  p.v!.assign(v);
  const mHat = tf.div(m, 1 - ADAM.beta1 ** t);
  const vHat = tf.div(v, 1 - ADAM.beta2 ** t);
  return tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), ADAM.eps)), -lr);
}
