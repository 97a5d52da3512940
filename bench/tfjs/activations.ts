// φ and φ' written with TF.js ops, the same formulas as src/engine/activations.ts (GELU in its tanh form,
// SELU with PyTorch's constants), so the TF.js baseline trains exactly the network our engines train.
import * as tf from '@tensorflow/tfjs-core';
import { ACT_CONSTANTS } from '../../src/engine/activations';
import type { Activation } from '../../src/engine/config';

export interface TfActivation {
  /** φ(z). */
  f(z: tf.Tensor): tf.Tensor;
  /**
   * φ'(z), given z and h = φ(z) (several derivatives are cheapest written in terms of h). z is null when φ
   * ran fused into the matmul; only activations with `fused` are called that way, and they need h alone.
   */
  df(z: tf.Tensor | null, h: tf.Tensor): tf.Tensor;
  /** tf.fused.matMul's name for φ, where TF.js can fuse it (with leakyreluAlpha for leaky ReLU). */
  fused?: 'relu' | 'leakyrelu' | 'sigmoid';
  leakyreluAlpha?: number;
}

/** z for a derivative that needs it (every activation without `fused`). */
function needZ(z: tf.Tensor | null): tf.Tensor {
  if (!z) throw new Error('this activation cannot run fused: its derivative needs z');
  return z;
}

const { SELU_LAMBDA, SELU_ALPHA, GELU_C, GELU_K } = ACT_CONSTANTS;

function geluInner(z: tf.Tensor): tf.Tensor {
  return tf.tanh(tf.mul(GELU_C, tf.add(z, tf.mul(GELU_K, tf.pow(z, 3)))));
}

export function tfActivation(act: Activation, slope: number): TfActivation {
  switch (act) {
    case 'relu':
      // tf.step(z, 0): 1 where z > 0, else 0 — the same convention as the engine (φ'(0) = 0). h > 0
      // exactly where z > 0, so h serves when z was fused away.
      return { f: (z) => tf.relu(z), df: (z, h) => tf.step(z ?? h, 0), fused: 'relu' };
    case 'leaky_relu':
      // slope > 0 keeps the sign of z in h.
      return {
        f: (z) => tf.leakyRelu(z, slope),
        df: (z, h) => tf.step(z ?? h, slope),
        ...(slope > 0 ? { fused: 'leakyrelu' as const, leakyreluAlpha: slope } : {}),
      };
    case 'tanh':
      return { f: (z) => tf.tanh(z), df: (_z, h) => tf.sub(1, tf.square(h)) };
    case 'sigmoid':
      return { f: (z) => tf.sigmoid(z), df: (_z, h) => tf.mul(h, tf.sub(1, h)), fused: 'sigmoid' };
    case 'silu':
      return {
        f: (z) => tf.mul(z, tf.sigmoid(z)),
        df: (zz) => {
          const z = needZ(zz);
          const s = tf.sigmoid(z);
          return tf.mul(s, tf.add(1, tf.mul(z, tf.sub(1, s))));
        },
      };
    case 'gelu':
      return {
        f: (z) => tf.mul(tf.mul(0.5, z), tf.add(1, geluInner(z))),
        df: (zz) => {
          const z = needZ(zz);
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
        df: (zz) => {
          const z = needZ(zz);
          return tf.where(
            tf.greater(z, 0),
            tf.fill(z.shape, SELU_LAMBDA),
            tf.mul(SELU_LAMBDA * SELU_ALPHA, tf.exp(z)),
          );
        },
      };
    case 'linear':
      return { f: (z) => z, df: (_z, h) => tf.onesLike(h) };
  }
}
