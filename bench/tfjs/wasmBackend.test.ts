// The TF.js baseline on tfjs-backend-wasm trains the same network as on tfjs-backend-cpu (and so as our CPU
// engine, which mlp.test.ts checks against the cpu backend): same losses and weights over a few steps.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../../src/engine/config';
import { batchIndices, loadDataset } from '../../src/engine/data';
import { initializeNetwork } from '../../src/engine/init';
import { networkDims } from '../../src/engine/memory';
import { HIST_BINS, histogramRange } from '../../src/engine/stats/histogramRange';
import { TfMlp } from './mlp';

afterAll(async () => {
  await tf.setBackend('cpu');
});

async function train(backend: 'cpu' | 'wasm', config: RunConfig, stats: boolean) {
  tf.env().set('IS_NODE', backend === 'wasm'); // the wasm backend loads its binary from disk in Node
  expect(await tf.setBackend(backend)).toBe(true);
  const dataset = await loadDataset(config);
  const dims = networkDims(config);
  const hist = { bins: HIST_BINS, ...histogramRange(config.act) };
  const mlp = new TfMlp({ config, dims, weights: initializeNetwork(config, dims), ...dataset.train, hist });
  const losses: number[] = [];
  for (let k = 0; k < 4; k++) {
    const packed = mlp.trainStep(batchIndices(config.seed, k, config.batch, dataset.train.n), stats);
    losses.push(packed.dataSync()[0]);
    packed.dispose();
  }
  const weights = await mlp.weights();
  mlp.dispose();
  return { losses, weights };
}

describe('TF.js baseline on tfjs-backend-wasm', () => {
  for (const stats of [true, false]) {
    it(`matches the cpu backend (${stats ? 'with' : 'without'} statistics)`, async () => {
      const config: RunConfig = { ...DEFAULT_CONFIG, depth: 3, width: 16, batch: 8, backend: 'cpu' };
      const a = await train('cpu', config, stats);
      const b = await train('wasm', config, stats);
      for (let k = 0; k < a.losses.length; k++) expect(b.losses[k]).toBeCloseTo(a.losses[k], 5);
      for (let l = 0; l < a.weights.length; l++)
        for (let i = 0; i < a.weights[l].W.length; i++)
          expect(b.weights[l].W[i]).toBeCloseTo(a.weights[l].W[i], 5);
    });
  }
});
