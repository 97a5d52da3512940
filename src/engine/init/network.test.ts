import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, INITIALIZERS, type RunConfig } from '../config';
import { initializeLayer, initializeNetwork, initializeNetwork64 } from './network';
import { initSpec } from './spec';

const cfg = (over: Partial<RunConfig>): RunConfig => ({ ...DEFAULT_CONFIG, ...over });
// "Random-ish" fans: in ≠ out so that fan_in / fan_out / sum mix-ups show; 353·293 > 100k samples.
const FAN_IN = 353;
const FAN_OUT = 293;

function stats(xs: ArrayLike<number>) {
  let s = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    s += xs[i];
    if (xs[i] < min) min = xs[i];
    if (xs[i] > max) max = xs[i];
  }
  const mean = s / xs.length;
  let v = 0;
  for (let i = 0; i < xs.length; i++) v += (xs[i] - mean) ** 2;
  return { mean, std: Math.sqrt(v / xs.length), min, max };
}

const SAMPLED: Array<[string, Partial<RunConfig>]> = [
  ['normal', { init: 'normal', std: 0.07 }],
  ['uniform', { init: 'uniform', a: 0.2 }],
  ['xavier_uniform', { init: 'xavier_uniform' }],
  ['xavier_normal (gain 1.7)', { init: 'xavier_normal', gain: 1.7 }],
  ['kaiming_uniform relu fan_in', { init: 'kaiming_uniform', act: 'relu' }],
  ['kaiming_uniform tanh fan_out', { init: 'kaiming_uniform', act: 'tanh', mode: 'fan_out' }],
  ['kaiming_normal relu fan_in', { init: 'kaiming_normal', act: 'relu' }],
  ['kaiming_normal selu fan_out', { init: 'kaiming_normal', act: 'selu', mode: 'fan_out' }],
  ['torch_default', { init: 'torch_default' }],
  ['lecun_normal', { init: 'lecun_normal' }],
  ['orthogonal (gain 1.3)', { init: 'orthogonal', gain: 1.3 }],
  ['lsuv (orthogonal start)', { init: 'lsuv' }],
  ['sparse', { init: 'sparse', sparsity: 0.25, std: 0.3 }],
];

describe('sampled weights match the formula (≥ 100k samples)', () => {
  it.each(SAMPLED)('%s: std within 1 percent of √weightVar; uniform bounds hold', (_, over) => {
    const config = cfg({ seed: 2024, ...over });
    const spec = initSpec(config, FAN_IN, FAN_OUT);
    const { W } = initializeLayer(config, 1, FAN_IN, FAN_OUT, Float32Array);
    expect(W.length).toBe(FAN_IN * FAN_OUT);
    const s = stats(W);
    expect(Math.abs(s.std / Math.sqrt(spec.weightVar) - 1)).toBeLessThan(0.01);
    expect(Math.abs(s.mean)).toBeLessThan(0.02 * Math.sqrt(spec.weightVar));
    if (spec.kind === 'uniform') {
      const bound = Math.fround(spec.bound!);
      expect(s.max).toBeLessThanOrEqual(bound);
      expect(s.min).toBeGreaterThanOrEqual(-bound);
      expect(s.max).toBeGreaterThan(0.99 * bound);
      expect(s.min).toBeLessThan(-0.99 * bound);
    }
  });

  it('kaiming fan_out really uses out (the fan_in formula is more than 3 percent away)', () => {
    const config = cfg({ init: 'kaiming_normal', act: 'relu', mode: 'fan_out', seed: 5 });
    const { std } = stats(initializeLayer(config, 0, FAN_IN, FAN_OUT, Float32Array).W);
    expect(Math.abs(std / Math.sqrt(2 / FAN_OUT) - 1)).toBeLessThan(0.01);
    expect(Math.abs(std / Math.sqrt(2 / FAN_IN) - 1)).toBeGreaterThan(0.03);
  });
});

describe('exact initializers', () => {
  it('zeros and constant are exact, weights and biases', () => {
    const z = initializeNetwork(cfg({ init: 'zeros' }), [5, 7, 3]);
    for (const { W, b } of z) expect([...W, ...b].every((v) => v === 0)).toBe(true);
    const c = initializeNetwork(cfg({ init: 'constant', value: 0.1, bias: -0.25 }), [5, 7, 3]);
    for (const { W, b } of c) {
      expect(W.every((v) => v === Math.fround(0.1))).toBe(true);
      expect(b.every((v) => v === -0.25)).toBe(true);
    }
  });

  it('orthogonal: W·Wᵀ = gain²·I (out ≤ in) and Wᵀ·W = gain²·I (out > in) within 1e-4', () => {
    const gain = 1.3;
    const layers = initializeNetwork(cfg({ init: 'orthogonal', gain, seed: 8 }), [70, 40, 70, 70]);
    const check = (W: Float32Array, out: number, inn: number) => {
      const tall = out > inn;
      const k = tall ? inn : out;
      let err = 0;
      for (let p = 0; p < k; p++) {
        for (let q = 0; q < k; q++) {
          let s = 0;
          if (tall) for (let r = 0; r < out; r++) s += W[r * inn + p] * W[r * inn + q];
          else for (let c = 0; c < inn; c++) s += W[p * inn + c] * W[q * inn + c];
          err = Math.max(err, Math.abs(s - (p === q ? gain * gain : 0)));
        }
      }
      expect(err).toBeLessThan(1e-4 * gain * gain);
    };
    check(layers[0].W, 40, 70);
    check(layers[1].W, 70, 40);
    check(layers[2].W, 70, 70);
  });

  it('torch_default draws biases in U(±1/√fan_in); other initializers leave them zero', () => {
    const [layer] = initializeNetwork(cfg({ init: 'torch_default', seed: 3 }), [FAN_IN, 2000]);
    const s = stats(layer.b);
    const bound = Math.fround(1 / Math.sqrt(FAN_IN));
    expect(s.max).toBeLessThanOrEqual(bound);
    expect(s.min).toBeGreaterThanOrEqual(-bound);
    expect(s.max).toBeGreaterThan(0.98 * bound);
    expect(s.min).toBeLessThan(-0.98 * bound);
    expect(Math.abs(s.std / (bound / Math.sqrt(3)) - 1)).toBeLessThan(0.05);
    const [plain] = initializeNetwork(cfg({ init: 'kaiming_normal' }), [FAN_IN, 50]);
    expect(plain.b.every((v) => v === 0)).toBe(true);
    const [forced] = initializeNetwork(cfg({ init: 'kaiming_normal', bias: 'torch' }), [FAN_IN, 50]);
    expect(forced.b.every((v) => Math.abs(v) <= bound)).toBe(true);
    expect(forced.b.some((v) => v !== 0)).toBe(true);
  });
});

describe('bias=normal', () => {
  it('draws b ~ N(0, bstd²) from the bias stream: independent of the weights, new per layer and seed', () => {
    const c = cfg({ init: 'kaiming_normal', bias: 'normal', bstd: 0.4, seed: 9 });
    const layers = [0, 1].map((l) => initializeLayer(c, l, 2, 20000, Float32Array));
    for (const { b } of layers) {
      const s = stats(b);
      expect(Math.abs(s.mean)).toBeLessThan(0.02);
      expect(Math.abs(s.std / 0.4 - 1)).toBeLessThan(0.03);
    }
    // Same weights as with zero bias: the bias has its own Philox stream.
    const zeroBias = initializeLayer(cfg({ init: 'kaiming_normal', seed: 9 }), 1, 2, 20000, Float32Array);
    expect(layers[1].W).toEqual(zeroBias.W);
    expect(layers[0].b.slice(0, 100)).not.toEqual(layers[1].b.slice(0, 100));
    const other = initializeLayer({ ...c, seed: 10 }, 0, 2, 20000, Float32Array);
    expect(other.b).not.toEqual(layers[0].b);
  });
});

describe('initializeNetwork', () => {
  const dims = [3, 16, 16, 16, 4];

  it('gives one [out, in] layer per Linear, the output layer included', () => {
    const layers = initializeNetwork(cfg({ init: 'kaiming_normal' }), dims);
    expect(layers.map((l) => [l.W.length, l.b.length])).toEqual([
      [48, 16],
      [256, 16],
      [256, 16],
      [64, 4],
    ]);
    expect(layers[0].W).toBeInstanceOf(Float32Array);
    expect(() => initializeNetwork(cfg({}), [3])).toThrow();
    expect(() => initializeNetwork(cfg({}), [3, 0, 2])).toThrow();
  });

  it.each(INITIALIZERS)('%s: same seed → same bits, Float64 variant holds the same values', (init) => {
    const config = cfg({ init, seed: 77, bias: 'torch' });
    const a = initializeNetwork(config, dims);
    const b = initializeNetwork(config, dims);
    const d = initializeNetwork64(config, dims);
    for (let l = 0; l < a.length; l++) {
      expect(new Uint32Array(b[l].W.buffer)).toEqual(new Uint32Array(a[l].W.buffer));
      expect(new Uint32Array(b[l].b.buffer)).toEqual(new Uint32Array(a[l].b.buffer));
      expect(d[l].W).toBeInstanceOf(Float64Array);
      expect(Array.from(d[l].W)).toEqual(Array.from(a[l].W));
      expect(Array.from(d[l].b)).toEqual(Array.from(a[l].b));
    }
  });

  it('another seed, or another layer, gives different weights', () => {
    const a = initializeNetwork(cfg({ init: 'xavier_normal', seed: 1 }), dims);
    const b = initializeNetwork(cfg({ init: 'xavier_normal', seed: 2 }), dims);
    const differs = (x: Float32Array, y: Float32Array) => x.some((v, i) => v !== y[i]);
    for (let l = 0; l < a.length; l++) expect(differs(a[l].W, b[l].W)).toBe(true);
    expect(differs(a[1].W, a[2].W)).toBe(true);
  });

  it('initializes a 2048×2048 layer quickly', () => {
    const t = performance.now();
    const [layer] = initializeNetwork(cfg({ init: 'kaiming_normal' }), [2048, 2048]);
    const ms = performance.now() - t;
    expect(layer.W.length).toBe(2048 * 2048);
    // ~0.3–0.4 s on one core of the dev machine; the bound leaves room for a loaded 2-core CI box.
    expect(ms).toBeLessThan(2500);
  });
});
