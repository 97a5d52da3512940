// φ and φ' written with TF.js ops, the same formulas as src/engine/activations.ts (GELU in its tanh form,
// SELU with PyTorch's constants), so the TF.js baseline trains exactly the network our engines train.
import * as tf from '@tensorflow/tfjs-core';
import { ACT_CONSTANTS } from '../../src/engine/activations';
import type { Activation } from '../../src/engine/config';

export interface TfActivation {
  /** φ(z). */
  f(z: tf.Tensor): tf.Tensor;
  /** φ'(z), given z and h = φ(z) (several derivatives are cheapest written in terms of h). */
  df(z: tf.Tensor, h: tf.Tensor): tf.Tensor;
}

const { SELU_LAMBDA, SELU_ALPHA, GELU_C, GELU_K } = ACT_CONSTANTS;

function geluInner(z: tf.Tensor): tf.Tensor {
  return tf.tanh(tf.mul(GELU_C, tf.add(z, tf.mul(GELU_K, tf.pow(z, 3)))));
}

export function tfActivation(act: Activation, slope: number): TfActivation {
  switch (act) {
    case 'relu':
      // tf.step(z, 0): 1 where z > 0, else 0 — the same convention as the engine (φ'(0) = 0).
      return { f: (z) => tf.relu(z), df: (z) => tf.step(z, 0) };
    case 'leaky_relu':
      return { f: (z) => tf.leakyRelu(z, slope), df: (z) => tf.step(z, slope) };
    case 'tanh':
      return { f: (z) => tf.tanh(z), df: (_z, h) => tf.sub(1, tf.square(h)) };
    case 'sigmoid':
      return { f: (z) => tf.sigmoid(z), df: (_z, h) => tf.mul(h, tf.sub(1, h)) };
    case 'silu':
      return {
        f: (z) => tf.mul(z, tf.sigmoid(z)),
        df: (z) => {
          const s = tf.sigmoid(z);
          return tf.mul(s, tf.add(1, tf.mul(z, tf.sub(1, s))));
        },
      };
    case 'gelu':
      return {
        f: (z) => tf.mul(tf.mul(0.5, z), tf.add(1, geluInner(z))),
        df: (z) => {
          const t = geluInner(z);
          const outer = tf.mul(0.5, tf.add(1, t));
          const slopeTerm = tf.mul(
            tf.mul(GELU_C, tf.add(1, tf.mul(3 * GELU_K, tf.square(z)))),
            tf.sub(1, tf.square(t)),
          );
          return tf.add(outer, tf.mul(tf.mul(0.5, z), slopeTerm));
        },
      };
    case 'selu':
      return {
        f: (z) =>
          tf.where(tf.greater(z, 0), tf.mul(SELU_LAMBDA, z), tf.mul(SELU_LAMBDA * SELU_ALPHA, tf.expm1(z))),
        df: (z) =>
          tf.where(
            tf.greater(z, 0),
            tf.fill(z.shape, SELU_LAMBDA),
            tf.mul(SELU_LAMBDA * SELU_ALPHA, tf.exp(z)),
          ),
      };
    case 'linear':
      return { f: (z) => z, df: (z) => tf.onesLike(z) };
  }
}
