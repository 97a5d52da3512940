// The TF.js baseline must compute the same statistics as our engines, or the comparison is not fair in
// either direction: check its device-side reductions + host decoding against the engine's reference
// definitions (src/engine/stats/compute.ts) on the same tensors.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { activationFns } from '../../src/engine/activations';
import type { Activation } from '../../src/engine/config';
import { layerStatsFromTensors } from '../../src/engine/stats/compute';
import { HIST_BINS, histogramRange } from '../../src/engine/stats/histogramRange';
import { tfActivation } from './activations';
import { decodeLayer } from './decode';
import { layerStatsTensor } from './layerStats';
import { maxAbsDerivative } from '../../src/engine/activations';

beforeAll(async () => {
  // The cpu backend's "install tfjs-node" banner is noise here: we benchmark the browser backends.
  tf.env().set('IS_NODE', false);
  await tf.setBackend('cpu');
});

/** Deterministic values with a spread wide enough to hit every histogram edge case (and exact zeros). */
function values(n: number, seed: number, scale: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = i % 17 === 0 ? 0 : ((s / 2 ** 32) * 2 - 1) * scale;
  }
  return out;
}

const close = (a: number, b: number, rel = 1e-5, abs = 1e-6) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(abs + rel * Math.abs(b));

describe('TF.js per-layer statistics', () => {
  const cases: [Activation, number][] = [
    ['relu', 3],
    ['tanh', 2],
    ['sigmoid', 6],
    ['gelu', 5],
    ['selu', 5],
    ['leaky_relu', 5],
  ];
  for (const [act, scale] of cases) {
    it(`match the engine's reference for ${act}`, () => {
      const batch = 16;
      const units = 24;
      const fanIn = 20;
      const slope = 0.01;
      const z = values(batch * units, 1, scale);
      const { f } = activationFns(act, slope);
      const h = Float32Array.from(z, (v) => f(v));
      const delta = values(batch * units, 2, 0.01);
      const W = values(units * fanIn, 3, 0.3);
      const dW = values(units * fanIn, 4, 0.02);
      const update = values(units * fanIn, 5, 0.001);
      const hist = { bins: HIST_BINS, ...histogramRange(act) };
      const packed = tf.tidy(() => {
        const zt = tf.tensor2d(z, [batch, units]);
        const ht = tf.tensor2d(h, [batch, units]);
        const a = tfActivation(act, slope);
        return layerStatsTensor(
          {
            z: zt,
            h: ht,
            dphi: a.df(zt, ht) as tf.Tensor2D,
            delta: tf.tensor2d(delta, [batch, units]),
            W: tf.tensor2d(W, [units, fanIn]),
            dW: tf.tensor2d(dW, [units, fanIn]),
            update: tf.tensor2d(update, [units, fanIn]),
          },
          hist,
          0.05 * maxAbsDerivative(act, slope),
        );
      });
      const got = decodeLayer(packed.dataSync() as Float32Array, 0, 3, hist);
      packed.dispose();
      const want = layerStatsFromTensors(
        { layer: 3, z, h, delta, W, gradW: dW, deltaW: update },
        act,
        slope,
        true,
      );
      expect(got.layer).toBe(3);
      close(got.act.mean, want.act.mean);
      close(got.act.std, want.act.std, 1e-4);
      expect(got.act.min).toBe(want.act.min);
      expect(got.act.max).toBe(want.act.max);
      close(got.act.zeroFrac, want.act.zeroFrac);
      close(got.act.satFrac, want.act.satFrac);
      expect(got.act.hist).toEqual(want.act.hist);
      close(got.pre.mean, want.pre.mean);
      close(got.pre.std, want.pre.std, 1e-4);
      close(got.grad.std, want.grad.std, 1e-4);
      close(got.grad.rms, want.grad.rms, 1e-4);
      close(got.grad.weightGradNorm, want.grad.weightGradNorm);
      close(got.weight.std, want.weight.std, 1e-4);
      close(got.weight.updateRatio, want.weight.updateRatio, 1e-4);
    });
  }
});
