import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../../engine/config';
import { formulaContent, texClauses } from './formulaContent';

const cfg = (p: Partial<RunConfig>): RunConfig => ({ ...DEFAULT_CONFIG, ...p });

describe('formula card content', () => {
  it('plugs the network into Xavier uniform: √(6/(64+64)) = 0.217', () => {
    const f = formulaContent(cfg({ init: 'xavier_uniform', width: 64, depth: 10 }));
    expect(f.tex[0]).toContain('\\sqrt{\\tfrac{6}{64+64}}');
    expect(f.tex[0]).toContain('= 0.217');
    expect(f.where).toContain('64 → 64');
  });

  it('says Xavier + ReLU halves the variance per layer and vanishes', () => {
    const f = formulaContent(cfg({ init: 'xavier_normal', act: 'relu', depth: 20 }));
    const text = f.why.join(' ');
    expect(text).toContain('0.5');
    expect(text).toMatch(/vanish/);
    expect(text).toMatch(/Kaiming/);
  });

  it('Kaiming + ReLU preserves the variance; the gain is √2 = 1.41', () => {
    const f = formulaContent(cfg({ init: 'kaiming_normal', act: 'relu', width: 256 }));
    expect(f.tex.join(' ')).toContain('1.41');
    expect(f.tex[0]).toContain('= 0.0884');
    expect(f.why.join(' ')).toMatch(/preserved/);
  });

  it('torch default with ReLU keeps 1/6 of the variance per layer', () => {
    const f = formulaContent(cfg({ init: 'torch_default', act: 'relu', width: 64 }));
    expect(f.tex[0]).toContain('= 0.125');
    expect(f.why.join(' ')).toContain('0.167');
  });

  it('explains symmetry for zeros and explosion for normal std = 1', () => {
    expect(formulaContent(cfg({ init: 'zeros' })).why[0]).toMatch(/Symmetry/);
    const big = formulaContent(cfg({ init: 'normal', std: 1, width: 256, act: 'relu' }));
    expect(big.why.join(' ')).toMatch(/explodes/);
  });

  it('uses the theory factor for smooth activations', () => {
    const f = formulaContent(cfg({ init: 'xavier_normal', act: 'tanh' }), 0.98);
    expect(f.why.join(' ')).toMatch(/χ₁ = 0.98/);
  });
});

describe('texClauses', () => {
  it('splits a line at ,\\quad so a phone can wrap between the clauses, keeping the commas', () => {
    const f = formulaContent(cfg({ init: 'xavier_normal', width: 64 }));
    const parts = texClauses(f.tex[0]);
    expect(parts).toHaveLength(2);
    expect(parts[0]).toBe('W \\sim \\mathcal N(0, \\sigma^2),');
    expect(parts[1]).toMatch(/^\\sigma = .*= 0\.125$/);
    expect(texClauses('W = 0')).toEqual(['W = 0']);
  });
});
