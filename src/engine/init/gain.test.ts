import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../config';
import { calculateGain, resolveGain } from './gain';

describe('calculateGain (torch.nn.init.calculate_gain)', () => {
  it('matches torch for the activations in its table', () => {
    expect(calculateGain('linear')).toBe(1);
    expect(calculateGain('sigmoid')).toBe(1);
    expect(calculateGain('tanh')).toBeCloseTo(5 / 3, 15);
    expect(calculateGain('relu')).toBeCloseTo(Math.sqrt(2), 15);
    expect(calculateGain('selu')).toBe(0.75);
    expect(calculateGain('leaky_relu', 0.01)).toBeCloseTo(Math.sqrt(2 / 1.0001), 15);
    expect(calculateGain('leaky_relu', 0.2)).toBeCloseTo(Math.sqrt(2 / 1.04), 15);
    // leaky_relu with slope √5 is what nn.Linear's default init uses: gain 1/√3.
    expect(calculateGain('leaky_relu', Math.sqrt(5))).toBeCloseTo(1 / Math.sqrt(3), 15);
  });

  it('uses the ReLU gain √2 for silu and gelu (not in torch)', () => {
    expect(calculateGain('silu')).toBe(Math.SQRT2);
    expect(calculateGain('gelu')).toBe(Math.SQRT2);
  });
});

describe('resolveGain', () => {
  const cfg = (over: Partial<RunConfig>): RunConfig => ({ ...DEFAULT_CONFIG, ...over });

  it("'auto' is the activation gain for kaiming and 1 for xavier / orthogonal / lsuv", () => {
    expect(resolveGain(cfg({ init: 'kaiming_normal', act: 'tanh' }))).toBeCloseTo(5 / 3, 15);
    expect(resolveGain(cfg({ init: 'kaiming_uniform', act: 'leaky_relu', slope: 0.3 }))).toBeCloseTo(
      Math.sqrt(2 / 1.09),
      15,
    );
    for (const init of ['xavier_uniform', 'xavier_normal', 'orthogonal', 'lsuv'] as const) {
      expect(resolveGain(cfg({ init, act: 'relu' }))).toBe(1);
    }
  });

  it('a number overrides, but only for initializers that take a gain', () => {
    expect(resolveGain(cfg({ init: 'kaiming_normal', gain: 2.5 }))).toBe(2.5);
    expect(resolveGain(cfg({ init: 'xavier_uniform', gain: 0.5 }))).toBe(0.5);
    expect(resolveGain(cfg({ init: 'orthogonal', gain: 3 }))).toBe(3);
    expect(resolveGain(cfg({ init: 'normal', gain: 3 }))).toBe(1);
    expect(resolveGain(cfg({ init: 'lecun_normal', gain: 3 }))).toBe(1);
  });
});
