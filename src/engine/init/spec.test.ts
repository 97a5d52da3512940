import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../config';
import { biasSpec, initSpec, sparseZeroCount } from './spec';

const cfg = (over: Partial<RunConfig>): RunConfig => ({ ...DEFAULT_CONFIG, ...over });
const FAN_IN = 353;
const FAN_OUT = 293;

describe('initSpec formulas (W [out, in], fan_in = in, fan_out = out)', () => {
  it('xavier uses the SUM of the fans', () => {
    const u = initSpec(cfg({ init: 'xavier_uniform', gain: 1.5 }), FAN_IN, FAN_OUT);
    expect(u.kind).toBe('uniform');
    expect(u.bound).toBeCloseTo(1.5 * Math.sqrt(6 / (FAN_IN + FAN_OUT)), 14);
    expect(u.weightVar).toBeCloseTo((1.5 * 1.5 * 2) / (FAN_IN + FAN_OUT), 14);
    const n = initSpec(cfg({ init: 'xavier_normal' }), FAN_IN, FAN_OUT);
    expect(n.kind).toBe('normal');
    expect(n.std).toBeCloseTo(Math.sqrt(2 / (FAN_IN + FAN_OUT)), 14);
    expect(n.gain).toBe(1);
  });

  it('kaiming uses the fan chosen by mode and the activation gain', () => {
    const relu = cfg({ act: 'relu' });
    const nIn = initSpec({ ...relu, init: 'kaiming_normal', mode: 'fan_in' }, FAN_IN, FAN_OUT);
    const nOut = initSpec({ ...relu, init: 'kaiming_normal', mode: 'fan_out' }, FAN_IN, FAN_OUT);
    expect(nIn.std).toBeCloseTo(Math.sqrt(2 / FAN_IN), 14);
    expect(nOut.std).toBeCloseTo(Math.sqrt(2 / FAN_OUT), 14);
    const uIn = initSpec({ ...relu, init: 'kaiming_uniform', mode: 'fan_in' }, FAN_IN, FAN_OUT);
    const uOut = initSpec({ ...relu, init: 'kaiming_uniform', mode: 'fan_out' }, FAN_IN, FAN_OUT);
    expect(uIn.bound).toBeCloseTo(Math.sqrt(6 / FAN_IN), 14);
    expect(uOut.bound).toBeCloseTo(Math.sqrt(6 / FAN_OUT), 14);
    expect(uIn.weightVar).toBeCloseTo(2 / FAN_IN, 14);
    const tanh = initSpec(cfg({ init: 'kaiming_normal', act: 'tanh' }), FAN_IN, FAN_OUT);
    expect(tanh.std).toBeCloseTo(5 / 3 / Math.sqrt(FAN_IN), 14);
  });

  it('torch_default is U(±1/√fan_in) with gain 1/√3, lecun_normal has std 1/√fan_in', () => {
    const t = initSpec(cfg({ init: 'torch_default' }), FAN_IN, FAN_OUT);
    expect(t.kind).toBe('uniform');
    expect(t.bound).toBeCloseTo(1 / Math.sqrt(FAN_IN), 15);
    expect(t.gain).toBeCloseTo(1 / Math.sqrt(3), 15);
    expect(t.weightVar).toBeCloseTo(1 / (3 * FAN_IN), 15);
    const l = initSpec(cfg({ init: 'lecun_normal' }), FAN_IN, FAN_OUT);
    expect(l.kind).toBe('normal');
    expect(l.std).toBeCloseTo(1 / Math.sqrt(FAN_IN), 15);
  });

  it('zeros, constant, normal, uniform take their own parameters', () => {
    expect(initSpec(cfg({ init: 'zeros' }), FAN_IN, FAN_OUT)).toMatchObject({ kind: 'zeros', weightVar: 0 });
    expect(initSpec(cfg({ init: 'constant', value: -0.3 }), FAN_IN, FAN_OUT)).toMatchObject({
      kind: 'constant',
      value: -0.3,
      weightVar: 0,
    });
    expect(initSpec(cfg({ init: 'normal', std: 0.02 }), FAN_IN, FAN_OUT)).toMatchObject({
      kind: 'normal',
      std: 0.02,
    });
    const u = initSpec(cfg({ init: 'uniform', a: 0.3 }), FAN_IN, FAN_OUT);
    expect(u).toMatchObject({ kind: 'uniform', bound: 0.3 });
    expect(u.weightVar).toBeCloseTo(0.03, 15);
  });

  it('orthogonal and lsuv: gain²/max(in, out)', () => {
    for (const init of ['orthogonal', 'lsuv'] as const) {
      const s = initSpec(cfg({ init, gain: 2 }), FAN_IN, FAN_OUT);
      expect(s.kind).toBe('orthogonal');
      expect(s.gain).toBe(2);
      expect(s.weightVar).toBeCloseTo(4 / FAN_IN, 15);
      expect(initSpec(cfg({ init }), 10, 40).weightVar).toBeCloseTo(1 / 40, 15);
    }
  });

  it('sparse: ceil(sparsity·out) zeros per column, Var = (1 − fraction)·std²', () => {
    const s = initSpec(cfg({ init: 'sparse', sparsity: 0.1, std: 0.5 }), FAN_IN, FAN_OUT);
    expect(s.zerosPerColumn).toBe(30); // ceil(29.3)
    expect(s.zeroFraction).toBe(30 / FAN_OUT);
    expect(s.weightVar).toBeCloseTo((1 - 30 / FAN_OUT) * 0.25, 15);
    expect(sparseZeroCount(0, 10)).toBe(0);
    expect(sparseZeroCount(0.99, 10)).toBe(10);
    expect(sparseZeroCount(0.5, 7)).toBe(4);
  });
});

describe('biasSpec', () => {
  it("'auto' is zero except for torch_default, which is U(±1/√fan_in)", () => {
    expect(biasSpec(cfg({ init: 'xavier_normal', bias: 'auto' }), FAN_IN).kind).toBe('zeros');
    const t = biasSpec(cfg({ init: 'torch_default', bias: 'auto' }), FAN_IN);
    expect(t.kind).toBe('uniform');
    expect(t.bound).toBeCloseTo(1 / Math.sqrt(FAN_IN), 15);
    expect(t.biasVar).toBeCloseTo(1 / (3 * FAN_IN), 15);
  });

  it("'zeros', 'torch' and numbers override", () => {
    expect(biasSpec(cfg({ init: 'torch_default', bias: 'zeros' }), FAN_IN).kind).toBe('zeros');
    expect(biasSpec(cfg({ init: 'kaiming_normal', bias: 'torch' }), FAN_IN)).toMatchObject({
      kind: 'uniform',
      bound: 1 / Math.sqrt(FAN_IN),
    });
    expect(biasSpec(cfg({ init: 'torch_default', bias: 0.1 }), FAN_IN)).toMatchObject({
      kind: 'constant',
      value: 0.1,
      biasVar: 0,
    });
  });

  it("'normal' is N(0, bstd²) whatever the fan: σ_b² = bstd²", () => {
    for (const fan of [2, FAN_IN]) {
      expect(biasSpec(cfg({ init: 'xavier_normal', bias: 'normal', bstd: 0.3 }), fan)).toEqual({
        kind: 'normal',
        std: 0.3,
        biasVar: 0.3 * 0.3,
      });
    }
    expect(biasSpec(cfg({ bias: 'normal', bstd: 0 }), FAN_IN).biasVar).toBe(0);
  });
});
