import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS } from './config';
import { ACT_ID, activationFns, maxAbsDerivative, wgslActivationConst } from './activations';

describe('activations', () => {
  it.each(ACTIVATIONS)('%s: derivative matches central finite differences', (act) => {
    const { f, df } = activationFns(act, 0.1);
    for (const x of [-3.7, -1.2, -0.3, 0.25, 0.9, 2.2, 5.1]) {
      const h = 1e-6;
      const fd = (f(x + h) - f(x - h)) / (2 * h);
      expect(Math.abs(df(x) - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
    }
  });

  it('has the textbook values', () => {
    expect(activationFns('sigmoid').f(0)).toBe(0.5);
    expect(activationFns('relu').f(-2)).toBe(0);
    expect(activationFns('leaky_relu', 0.2).f(-2)).toBeCloseTo(-0.4, 12);
    expect(activationFns('selu').f(1)).toBeCloseTo(1.0507009873554805, 12);
    // GELU(tanh approx.) at x = 1: 0.8411920…
    expect(activationFns('gelu').f(1)).toBeCloseTo(0.841192, 6);
    expect(activationFns('silu').f(1)).toBeCloseTo(0.7310585786, 9);
    expect(activationFns('sigmoid').f(-800)).toBe(0);
  });

  it("knows the largest |φ'| of each activation", () => {
    expect(maxAbsDerivative('relu')).toBe(1);
    expect(maxAbsDerivative('tanh')).toBeCloseTo(1, 9);
    expect(maxAbsDerivative('sigmoid')).toBeCloseTo(0.25, 9);
    expect(maxAbsDerivative('selu')).toBeCloseTo(1.0507009873554805 * 1.6732632423543772, 3);
    expect(maxAbsDerivative('silu')).toBeCloseTo(1.0998, 3);
    expect(maxAbsDerivative('linear')).toBe(1);
  });
});

describe('WGSL activation ids come from the registry', () => {
  it('numbers activations by their place in ACTIVATIONS, and the shader has φ and φ′ cases for each', () => {
    const src = readFileSync('src/shaders/activation.wgsl', 'utf8');
    // The body of one function: from its signature to the next top-level function.
    const body = (fn: string) => src.slice(src.indexOf(`fn ${fn}(`)).split('\nfn ')[0];
    ACTIVATIONS.forEach((a, i) => {
      expect(ACT_ID[a]).toBe(i);
      // linear is the switch's default (identity, φ′ = 1) in both φ and φ′.
      for (const fn of ['act_f', 'act_df']) {
        const cases = body(fn).split(`case ${wgslActivationConst(a)}:`).length - 1;
        expect(cases, `${fn} ${a}`).toBe(a === 'linear' ? 0 : 1);
      }
    });
    expect(src).not.toMatch(/case \d+u:/);
  });
});
