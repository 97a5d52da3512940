// Monte-Carlo sanity check: a real finite network drawn with the project's initializers agrees with the
// mean-field prediction for Var(z^ℓ), E[h²] and the backward gradient ratio.
import { describe, expect, it } from 'vitest';
import { activationFns } from '../activations';
import { DEFAULT_CONFIG, type RunConfig } from '../config';
import { initializeNetwork64 } from '../init';
import { fillStandardNormal } from '../rng/sample';
import { STREAM } from '../rng/streams';
import { meanField } from './meanField';

interface Measured {
  preVar: number[];
  actSq: number[];
  gradRatio: number[];
}

/** Forward a batch of N(0,1) inputs, then backpropagate N(0,1) signals from the top hidden layer. */
function simulate(config: RunConfig, dims: number[], batch: number): Measured {
  const { f, df } = activationFns(config.act, config.slope);
  const params = initializeNetwork64(config, dims);
  const depth = dims.length - 2;
  let h = new Float64Array(batch * dims[0]);
  fillStandardNormal(h, config.seed, 0, STREAM.data);
  const zs: Float64Array[] = [];
  const out: Measured = { preVar: [], actSq: [], gradRatio: [] };
  for (let l = 1; l <= depth; l++) {
    const [nIn, nOut] = [dims[l - 1], dims[l]];
    const { W, b } = params[l - 1];
    const z = new Float64Array(batch * nOut);
    const next = new Float64Array(batch * nOut);
    let s1 = 0;
    let s2 = 0;
    let a2 = 0;
    for (let n = 0; n < batch; n++) {
      for (let i = 0; i < nOut; i++) {
        let acc = b[i];
        for (let j = 0; j < nIn; j++) acc += W[i * nIn + j] * h[n * nIn + j];
        z[n * nOut + i] = acc;
        const y = f(acc);
        next[n * nOut + i] = y;
        s1 += acc;
        s2 += acc * acc;
        a2 += y * y;
      }
    }
    const count = batch * nOut;
    out.preVar.push(s2 / count - (s1 / count) ** 2);
    out.actSq.push(a2 / count);
    zs.push(z);
    h = next;
  }
  // Backward from layer L: δ^L ~ N(0, 1) independent of the forward pass (what the recursion assumes).
  let delta = new Float64Array(batch * dims[depth]);
  fillStandardNormal(delta, config.seed, 1, STREAM.data);
  const meanSq = (a: Float64Array) => a.reduce((s, x) => s + x * x, 0) / a.length;
  const top = meanSq(delta);
  out.gradRatio[depth - 1] = 1;
  for (let l = depth - 1; l >= 1; l--) {
    const [nIn, nOut] = [dims[l], dims[l + 1]];
    const { W } = params[l];
    const below = new Float64Array(batch * nIn);
    for (let n = 0; n < batch; n++) {
      for (let j = 0; j < nIn; j++) {
        let acc = 0;
        for (let i = 0; i < nOut; i++) acc += W[i * nIn + j] * delta[n * nOut + i];
        below[n * nIn + j] = acc * df(zs[l - 1][n * nIn + j]);
      }
    }
    out.gradRatio[l - 1] = meanSq(below) / top;
    delta = below;
  }
  return out;
}

/** Average of `networks` independent draws (seeds seed, seed+1, …). */
function simulateMany(config: RunConfig, dims: number[], batch: number, networks: number): Measured {
  const sum: Measured = { preVar: [], actSq: [], gradRatio: [] };
  for (let k = 0; k < networks; k++) {
    const m = simulate({ ...config, seed: config.seed + k }, dims, batch);
    for (const key of ['preVar', 'actSq', 'gradRatio'] as const) {
      m[key].forEach((x, i) => {
        sum[key][i] = (sum[key][i] ?? 0) + x / networks;
      });
    }
  }
  return sum;
}

// Finite width fluctuates around the mean-field values: samples become correlated with depth (ReLU-like
// nets especially), so a layer's variance behaves like an average over ~N units, ±√(2/N) ≈ 9 % per layer at
// N = 256, compounding with depth. Averaging 4 networks of depth 4 keeps the deviations within ~15 % over
// seeds 7…300 (≈ 6 % typical at layer 4), so a 20 % band still catches any real mistake (a wrong fan, a lost ½, a missing bias term).
describe('meanField vs random finite networks (Monte Carlo)', () => {
  const dims = [128, 256, 256, 256, 256, 10];
  it.each([
    { act: 'relu', init: 'kaiming_normal' },
    { act: 'relu', init: 'xavier_uniform' },
    { act: 'tanh', init: 'xavier_normal', gain: 5 / 3 },
    { act: 'selu', init: 'lecun_normal', bias: 'torch' },
    { act: 'gelu', init: 'normal', std: 0.15 },
    { act: 'sigmoid', init: 'kaiming_uniform', bias: 0.5 },
  ] as Partial<RunConfig>[])('$act + $init', (over) => {
    const config: RunConfig = { ...DEFAULT_CONFIG, bias: 'zeros', seed: 7, ...over };
    const theory = meanField(config, dims, 1);
    const mc = simulateMany(config, dims, 48, 4);
    theory.layers.forEach((layer, i) => {
      expect(mc.preVar[i] / layer.preVar).toBeGreaterThan(0.8);
      expect(mc.preVar[i] / layer.preVar).toBeLessThan(1.2);
      expect(mc.actSq[i] / layer.actSq).toBeGreaterThan(0.8);
      expect(mc.actSq[i] / layer.actSq).toBeLessThan(1.2);
      expect(mc.gradRatio[i] / layer.gradRatio).toBeGreaterThan(0.85);
      expect(mc.gradRatio[i] / layer.gradRatio).toBeLessThan(1.15);
    });
  });
});
