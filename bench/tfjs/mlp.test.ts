// The baseline must train OUR network: same initial weights, same batches, same loss, gradients and
// optimizer. Checked against the CPU reference trainer (float32) over a few steps, on TF.js's cpu backend.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../../src/engine/config';
import { createCpuTrainer } from '../../src/engine/cpu/cpuTrainer';
import { batchIndices, loadDataset } from '../../src/engine/data';
import { initializeNetwork } from '../../src/engine/init';
import { networkDims } from '../../src/engine/memory';
import { HIST_BINS, histogramRange } from '../../src/engine/stats/histogramRange';
import { decodeRecord } from './decode';
import { TfMlp } from './mlp';

beforeAll(async () => {
  tf.env().set('IS_NODE', false);
  await tf.setBackend('cpu');
});

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-6, Math.abs(b));

function maxRelDiff(a: Float32Array, b: Float32Array): number {
  let scale = 0;
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    scale = Math.max(scale, Math.abs(b[i]));
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
  }
  return diff / Math.max(scale, 1e-12);
}

describe('TF.js baseline model', () => {
  const cases: Partial<RunConfig>[] = [
    { act: 'relu', opt: 'momentum', loss: 'ce', init: 'kaiming_normal' },
    { act: 'tanh', opt: 'adam', loss: 'mse', init: 'xavier_uniform', lr: 0.01 },
    { act: 'gelu', opt: 'sgd', loss: 'ce', init: 'torch_default', data: 'probe', in: 12 },
  ];
  for (const c of cases) {
    it(`trains like the CPU engine: ${JSON.stringify(c)}`, async () => {
      const config: RunConfig = { ...DEFAULT_CONFIG, depth: 3, width: 16, batch: 8, backend: 'cpu', ...c };
      const dataset = await loadDataset(config);
      const dims = networkDims(config);
      const ours = await createCpuTrainer(config, dataset);
      const hist = { bins: HIST_BINS, ...histogramRange(config.act) };
      const mlp = new TfMlp({
        config,
        dims,
        weights: initializeNetwork(config, dims),
        x: dataset.train.x,
        y: dataset.train.y,
        hist,
      });
      const theirs = [];
      for (let k = 0; k < 5; k++) {
        const packed = mlp.trainStep(batchIndices(config.seed, k, config.batch, dataset.train.n), true);
        theirs.push(decodeRecord(packed.dataSync() as Float32Array, k, config.depth, hist, null));
        packed.dispose();
      }
      const records = await ours.run(5, { every: 1 });
      expect(records.map((r) => r.step)).toEqual([0, 1, 2, 3, 4]);
      for (let k = 0; k < 5; k++) {
        const a = theirs[k];
        const b = records[k];
        expect(rel(a.loss, b.loss)).toBeLessThan(1e-4);
        expect(a.accuracy).toBe(b.accuracy);
        for (let l = 0; l < config.depth; l++) {
          const x = a.layers[l];
          const y = b.layers[l];
          expect(rel(x.act.std, y.act.std)).toBeLessThan(1e-3);
          expect(rel(x.pre.mean, y.pre.mean) < 1e-3 || Math.abs(x.pre.mean - y.pre.mean) < 1e-6).toBe(true);
          expect(rel(x.grad.rms, y.grad.rms)).toBeLessThan(1e-3);
          expect(rel(x.grad.weightGradNorm, y.grad.weightGradNorm)).toBeLessThan(1e-3);
          expect(rel(x.weight.std, y.weight.std)).toBeLessThan(1e-4);
          expect(rel(x.weight.updateRatio, y.weight.updateRatio)).toBeLessThan(1e-3);
          expect(x.act.zeroFrac).toBeCloseTo(y.act.zeroFrac, 6);
          expect(x.act.satFrac).toBeCloseTo(y.act.satFrac, 6);
        }
      }
      const wa = await mlp.weights();
      const wb = await ours.weights();
      for (let l = 0; l < wa.length; l++) {
        expect(maxRelDiff(wa[l].W, wb[l].W)).toBeLessThan(1e-4);
        expect(maxRelDiff(wa[l].b, wb[l].b)).toBeLessThan(1e-3);
      }
      mlp.dispose();
      ours.dispose();
    });
  }

  // Without statistics the hidden layers run φ fused into the matmul (z never materialized).
  for (const act of ['relu', 'leaky_relu', 'sigmoid'] as const) {
    it(`trains like the CPU engine with φ fused (${act}, no statistics)`, async () => {
      const config: RunConfig = { ...DEFAULT_CONFIG, depth: 3, width: 16, batch: 8, backend: 'cpu', act };
      const dataset = await loadDataset(config);
      const dims = networkDims(config);
      const ours = await createCpuTrainer(config, dataset);
      const hist = { bins: HIST_BINS, ...histogramRange(config.act) };
      const mlp = new TfMlp({
        config,
        dims,
        weights: initializeNetwork(config, dims),
        ...dataset.train,
        hist,
      });
      for (let k = 0; k < 5; k++) {
        const packed = mlp.trainStep(batchIndices(config.seed, k, config.batch, dataset.train.n), false);
        const [loss] = packed.dataSync();
        packed.dispose();
        const [rec] = await ours.run(1, { every: 1, stats: false });
        expect(rel(loss, rec.loss)).toBeLessThan(1e-4);
      }
      const wa = await mlp.weights();
      const wb = await ours.weights();
      for (let l = 0; l < wa.length; l++) expect(maxRelDiff(wa[l].W, wb[l].W)).toBeLessThan(1e-4);
      mlp.dispose();
      ours.dispose();
    });
  }
});
