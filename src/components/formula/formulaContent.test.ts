import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../../engine/config';
import { packRecords } from '../../gpu/workerProtocol';
import { formulaContent, texClauses } from './formulaContent';
import { measuredGrowth } from './measuredGrowth';

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

describe('normalized and residual networks', () => {
  const text = (f: { why: string[] }) => f.why.join(' ');

  it('BatchNorm: γ = 1, β = 0 pin the forward signal at Var(z) = σ_w² E[φ(u)²] = 2 · 0.5 = 1', () => {
    const f = formulaContent(cfg({ init: 'kaiming_normal', act: 'relu', norm: 'batch', depth: 30 }));
    expect(f.tex.join(' ')).toContain('\\gamma = 1,\\ \\beta = 0');
    expect(f.tex.join(' ')).toContain('\\text{over the batch of } 64');
    expect(text(f)).toMatch(/pinned/);
    expect(text(f)).toContain('= 2 · 0.5 = 1');
    // The plain MLP's per-layer factor does not apply to a normalized network.
    expect(text(f)).not.toMatch(/multiplies the signal's variance/);
    // Nor does Kaiming's plain-stack design story.
    expect(text(f)).not.toMatch(/recommended for ReLU nets/);
    expect(text(formulaContent(cfg({ init: 'kaiming_normal', act: 'relu' })))).toMatch(
      /recommended for ReLU nets/,
    );
  });

  it('BatchNorm + ReLU: gradient growth π/(π − 1) = 1.47 per layer, ×1.21 in std; the measured one when given', () => {
    const c = cfg({ init: 'kaiming_normal', act: 'relu', norm: 'batch', depth: 30 });
    const f = formulaContent(c);
    expect(f.tex.join(' ')).toContain('= 1.47');
    expect(text(f)).toContain('×1.21 in std');
    expect(text(f)).not.toMatch(/Measured/);
    const m = formulaContent(c, null, { measured: { perLayer: 1.19, total: 163, layers: 30 } });
    expect(text(m)).toContain(
      'Measured on this run at step 0: ×1.19 per layer from layer 30 back to layer 1, ×163',
    );
  });

  it('LayerNorm normalizes over the units; its gradients stay flat with ReLU (factor 1), not with tanh', () => {
    const f = formulaContent(cfg({ act: 'relu', norm: 'layer', width: 32, bias: 'zeros' }));
    expect(f.tex.join(' ')).toContain('\\text{over the } 32 \\text{ units}');
    expect(text(f)).not.toMatch(/grow at init/);
    expect(text(f)).toContain('= 1: it divides by each sample’s full second moment');
    expect(text(f)).toMatch(/stay flat/);
    const tanh = formulaContent(cfg({ act: 'tanh', init: 'xavier_normal', norm: 'layer', bias: 'zeros' }));
    expect(text(tanh)).toMatch(/grow going back \(×1\.0[89]/);
  });

  it('residual, no norm, Kaiming + ReLU: variance ×2 per block, 2^49 over 50 layers; the theory’s stream std', () => {
    const c = cfg({ init: 'kaiming_normal', act: 'relu', res: 1, depth: 50 });
    const f = formulaContent(c, null, {
      arch: {
        kind: 'residual',
        gradFactor: null,
        streamGrowth: 2,
        streamStdFirst: 0.826,
        streamStdLast: 2.4e7,
      },
    });
    const tex = f.tex.join(' ');
    expect(tex).toContain(
      '\\operatorname{Var}(x^\\ell) = \\operatorname{Var}(x^{\\ell-1}) + \\operatorname{Var}(z^\\ell)',
    );
    expect(tex).toContain('\\operatorname{Var}(x^{50}) \\approx 2^{49}\\,\\operatorname{Var}(x^1)');
    expect(tex).toContain('2^{49} = 5.6 \\cdot 10^{14}');
    expect(text(f)).toContain('×2 per block');
    expect(text(f)).toContain('stream std 0.826 at layer 1, 2.4e7 at layer 50');
  });

  it('pre-LN: each block adds σ_w² E[φ(u)²] = 0.5 (Xavier, ReLU): linear growth', () => {
    const f = formulaContent(cfg({ init: 'xavier_normal', act: 'relu', res: 1, norm: 'layer', depth: 100 }));
    expect(f.tex.join(' ')).toContain('\\operatorname{Var}(x^1) + 99 \\cdot 0.5');
    expect(text(f)).toMatch(/linear growth/);
  });

  it('ReZero: α = 0 at init, the network is the first layer plus the head', () => {
    const f = formulaContent(cfg({ init: 'kaiming_normal', act: 'relu', res: 1, rezero: 1, depth: 100 }));
    expect(f.tex.join(' ')).toContain('x^{100} = x^1');
    // Clauses split at ,\\quad so a phone wraps between them.
    expect(texClauses(f.tex.at(-1)!)).toHaveLength(3);
    expect(text(f)).toContain('first layer plus the head');
    expect(text(f)).toContain('∂L/∂z = α ∂L/∂x = 0');
  });
});

describe('measuredGrowth', () => {
  it('reads the gradient std of layer L back to layer 1 from a packed step-0 record', () => {
    const layer = (i: number, g: number) => ({
      layer: i,
      act: { mean: 0, std: 1, min: 0, max: 0, zeroFrac: 0, satFrac: 0 },
      pre: { mean: 0, std: 1 },
      grad: { std: g, rms: g, weightGradNorm: 0 },
      weight: { std: 0, updateRatio: 0 },
    });
    const rec = (step: number) =>
      packRecords([{ step, loss: 1, accuracy: 0, layers: [layer(1, 4), layer(2, 2), layer(3, 1)] }]);
    const m = measuredGrowth(rec(0));
    expect(m?.total).toBeCloseTo(4, 6);
    expect(m?.perLayer).toBeCloseTo(2, 6);
    expect(m?.layers).toBe(3);
    expect(measuredGrowth(rec(5))).toBeNull();
    expect(measuredGrowth(null)).toBeNull();
  });
});
