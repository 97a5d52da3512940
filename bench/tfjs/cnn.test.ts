// The conv baseline must train OUR conv network: same initial weights, batches, loss, gradients and
// optimizer. Checked against the CPU reference trainer (float32) over a few steps on TF.js's cpu backend,
// and on tfjs-backend-wasm, which has no Conv2DBackpropFilter kernel and takes the convolution form.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../../src/engine/config';
import { createCpuTrainer } from '../../src/engine/cpu/cpuTrainer';
import { batchIndices, loadDataset } from '../../src/engine/data';
import { buildGraph, weightOp } from '../../src/engine/graph';
import { initializeConvNetwork } from '../../src/engine/init';
import { HIST_BINS, histogramRange } from '../../src/engine/stats/histogramRange';
import type { StatsRecord } from '../../src/engine/stats/types';
import { type ConvGrads, filterGradAsConv, inputGradAsConv, TfCnn } from './cnn';
import { decodeRecord } from './decode';

async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  tf.env().set('IS_NODE', name === 'wasm'); // the wasm backend loads its binary from disk in Node
  expect(await tf.setBackend(name)).toBe(true);
}

beforeAll(() => useBackend('cpu'));
afterAll(() => useBackend('cpu'));

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

const BASE: Partial<RunConfig> = {
  arch: 'conv',
  data: 'probe',
  in: 2,
  depth: 3,
  width: 4,
  batch: 3,
  kernel: 3,
  pool: 1,
  backend: 'cpu',
};

async function compare(
  over: Partial<RunConfig>,
  steps: number,
  stats = true,
  grads?: ConvGrads,
): Promise<void> {
  const config: RunConfig = { ...DEFAULT_CONFIG, ...BASE, ...over };
  const dataset = await loadDataset(config);
  const graph = buildGraph(config);
  const ours = await createCpuTrainer(config, dataset);
  const hist = { bins: HIST_BINS, ...histogramRange(config.act) };
  const maps = [...graph.hidden.map(weightOp), graph.head] as Parameters<typeof initializeConvNetwork>[1];
  const cnn = new TfCnn(
    {
      config,
      graph,
      weights: initializeConvNetwork(config, maps, Float32Array),
      ...dataset.train,
      hist,
    },
    grads,
  );
  const theirs: StatsRecord[] = [];
  for (let k = 0; k < steps; k++) {
    const packed = cnn.trainStep(batchIndices(config.seed, k, config.batch, dataset.train.n), stats);
    theirs.push(decodeRecord(packed.dataSync() as Float32Array, k, stats ? config.depth : 0, hist, null));
    packed.dispose();
  }
  const records = await ours.run(steps, { every: 1, stats });
  for (let k = 0; k < steps; k++) {
    const a = theirs[k];
    const b = records[k];
    expect(rel(a.loss, b.loss)).toBeLessThan(1e-4);
    expect(a.accuracy).toBeCloseTo(b.accuracy, 6);
    if (!stats) continue;
    expect(a.layers).toHaveLength(config.depth);
    for (let l = 0; l < config.depth; l++) {
      const x = a.layers[l];
      const y = b.layers[l];
      expect(rel(x.act.std, y.act.std)).toBeLessThan(1e-3);
      expect(rel(x.pre.std, y.pre.std)).toBeLessThan(1e-3);
      expect(rel(x.pre.mean, y.pre.mean) < 1e-3 || Math.abs(x.pre.mean - y.pre.mean) < 1e-6).toBe(true);
      expect(rel(x.grad.rms, y.grad.rms)).toBeLessThan(1e-3);
      expect(rel(x.grad.weightGradNorm, y.grad.weightGradNorm)).toBeLessThan(1e-3);
      expect(rel(x.weight.std, y.weight.std)).toBeLessThan(1e-4);
      expect(rel(x.weight.updateRatio, y.weight.updateRatio)).toBeLessThan(1e-3);
      expect(x.act.zeroFrac).toBeCloseTo(y.act.zeroFrac, 6);
      expect(x.act.satFrac).toBeCloseTo(y.act.satFrac, 6);
      expect(x.act.hist?.counts).toEqual(y.act.hist?.counts);
    }
  }
  const wa = await cnn.weights();
  const wb = await ours.weights();
  expect(wa.map((w) => w.W.length)).toEqual(wb.map((w) => w.W.length));
  for (let l = 0; l < wa.length; l++) {
    expect(maxRelDiff(wa[l].W, wb[l].W)).toBeLessThan(1e-4);
    expect(maxRelDiff(wa[l].b, wb[l].b)).toBeLessThan(1e-3);
  }
  cnn.dispose();
  ours.dispose();
}

describe('TF.js CNN baseline', () => {
  const cases: Partial<RunConfig>[] = [
    { act: 'relu', opt: 'momentum', loss: 'ce', init: 'kaiming_normal' },
    { act: 'tanh', opt: 'adam', loss: 'mse', lr: 0.01, kernel: 5, pool: 2 },
    { act: 'gelu', opt: 'sgd', init: 'torch_default', kernel: 1, pool: 0, in: 1 },
  ];
  for (const c of cases) it(`trains like the CPU engine: ${JSON.stringify(c)}`, () => compare(c, 4));

  // Every formulation of the two conv gradients (CONV_GRADS picks one per backend).
  for (const grads of [
    { input: 'transpose', filter: 'kernel' },
    { input: 'conv', filter: 'conv' },
  ] as ConvGrads[])
    it(`trains like the CPU engine with gradients ${JSON.stringify(grads)}`, () =>
      compare({ act: 'relu', pool: 2 }, 3, true, grads));

  // Without statistics φ runs fused into the convolution (z never materialized).
  it('trains like the CPU engine with φ fused (relu, no statistics)', () =>
    compare({ act: 'relu' }, 4, false));

  it('the filter gradient as a convolution equals Conv2DBackpropFilter', () => {
    for (const k of [1, 3, 5]) {
      const x = tf.randomNormal([3, 7, 7, 2], 0, 1, 'float32', 1) as tf.Tensor4D;
      const dy = tf.randomNormal([3, 7, 7, 4], 0, 1, 'float32', 2) as tf.Tensor4D;
      const ref = tf
        .engine()
        .runKernel(
          'Conv2DBackpropFilter',
          { x, dy },
          { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [k, k, 2, 4] },
        ) as tf.Tensor;
      const got = filterGradAsConv(x, dy, k);
      expect(got.shape).toEqual([k, k, 2, 4]);
      expect(maxRelDiff(got.dataSync() as Float32Array, ref.dataSync() as Float32Array)).toBeLessThan(1e-5);
      tf.dispose([x, dy, ref, got]);
    }
  });

  it('the input gradient as a convolution with the flipped filter equals conv2dTranspose', () => {
    for (const k of [1, 3, 5, 7]) {
      const dy = tf.randomNormal([2, 9, 9, 4], 0, 1, 'float32', 3) as tf.Tensor4D;
      const W = tf.randomNormal([k, k, 3, 4], 0, 1, 'float32', 4) as tf.Tensor4D;
      const ref = tf.conv2dTranspose(dy, W, [2, 9, 9, 3], 1, 'same');
      const got = inputGradAsConv(dy, W);
      expect(got.shape).toEqual([2, 9, 9, 3]);
      expect(maxRelDiff(got.dataSync() as Float32Array, ref.dataSync() as Float32Array)).toBeLessThan(1e-5);
      tf.dispose([dy, W, ref, got]);
    }
  });

  it('trains like the CPU engine on tfjs-backend-wasm (no Conv2DBackpropFilter there)', async () => {
    await useBackend('wasm');
    try {
      expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
      await compare({ act: 'relu', opt: 'momentum' }, 3);
    } finally {
      await useBackend('cpu');
    }
  });

  it('refuses norm and residual blocks with a message', async () => {
    const config: RunConfig = { ...DEFAULT_CONFIG, ...BASE, norm: 'batch' };
    const dataset = await loadDataset(config);
    const graph = buildGraph(config);
    expect(
      () => new TfCnn({ config, graph, weights: [], ...dataset.train, hist: { bins: 1, lo: 0, hi: 1 } }),
    ).toThrow(/plain conv layers only/);
  });
});
