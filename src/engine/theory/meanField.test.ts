import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../config';
import { theoryToJSON } from './json';
import { meanField } from './meanField';

const cfg = (over: Partial<RunConfig>): RunConfig => ({ ...DEFAULT_CONFIG, bias: 'zeros', ...over });
/** [N, N × depth, classes]: equal widths everywhere (input included) unless inDim is given. */
const dims = (depth: number, N = 128, inDim = N) => [inDim, ...Array<number>(depth).fill(N), 10];

describe('meanField (docs/MATH.md check values)', () => {
  it.each(['kaiming_normal', 'kaiming_uniform'] as const)(
    'ReLU + %s (σ_w² = 2) keeps q constant with χ₁ = 1',
    (init) => {
      const r = meanField(cfg({ act: 'relu', init }), dims(30), 1);
      for (const layer of r.layers) expect(layer.preVar).toBeCloseTo(2, 10);
      expect(r.summary.sigmaW2).toBeCloseTo(2, 12);
      expect(r.summary.chi1).toBe(1);
      expect(r.summary.qStar).toBeCloseTo(2, 10);
      expect(r.summary.regime).toBe('critical');
      expect(r.summary.xiC).toBe(Infinity);
      expect(r.summary.trainableDepth).toBe(Infinity);
      for (const layer of r.layers) expect(layer.gradRatio).toBeCloseTo(1, 10);
    },
  );

  it('ReLU + Xavier with equal widths halves the second moment per layer', () => {
    const r = meanField(cfg({ act: 'relu', init: 'xavier_normal' }), dims(20), 1);
    expect(r.layers[0].preVar).toBeCloseTo(1, 10);
    for (let l = 1; l < r.layers.length; l++) {
      expect(r.layers[l].preVar / r.layers[l - 1].preVar).toBeCloseTo(0.5, 2);
      expect(r.layers[l].actSq / r.layers[l - 1].actSq).toBeCloseTo(0.5, 2);
      // Gradients shrink by the same factor going down: E[δ_ℓ²] = ½ E[δ_{ℓ+1}²].
      expect(r.layers[l - 1].gradRatio / r.layers[l].gradRatio).toBeCloseTo(0.5, 2);
    }
    expect(r.summary.chi1).toBeCloseTo(0.5, 2);
    expect(r.summary.qStar).toBe(0);
    expect(r.summary.regime).toBe('vanishing');
    expect(r.summary.xiC).toBeCloseTo(1 / Math.LN2, 6);
  });

  it('PyTorch default with ReLU has χ₁ = 1/6', () => {
    // bias 'auto' = torch's U(±1/√fan_in) bias for torch_default.
    const r = meanField(cfg({ act: 'relu', init: 'torch_default', bias: 'auto' }), dims(10), 1);
    expect(r.summary.sigmaW2).toBeCloseTo(1 / 3, 10);
    expect(r.summary.sigmaB2).toBeCloseTo(1 / (3 * 128), 10);
    expect(r.summary.chi1).toBeCloseTo(1 / 6, 2);
    expect(r.summary.regime).toBe('vanishing');
    // The bias keeps q from vanishing: q* = σ_b² / (1 − σ_w²/2).
    expect(r.summary.qStar).toBeCloseTo(1 / (3 * 128) / (1 - 1 / 6), 8);
  });

  it('bias=normal: σ_b² = bstd² enters the length map (q¹ = σ_w² mean(x²) + bstd²)', () => {
    const r = meanField(
      cfg({ act: 'tanh', init: 'normal', std: 1.5 / Math.sqrt(128), bias: 'normal', bstd: 0.3 }),
      dims(5),
      1,
    );
    expect(r.summary.sigmaB2).toBeCloseTo(0.09, 15);
    expect(r.layers[0].preVar).toBeCloseTo(2.25 + 0.09, 12);
    expect(r.layers[0].preMean).toBe(0);
  });

  it('tanh with σ_b = 0 is critical at σ_w = 1 (χ₁ = 1, q* → 0), ordered below, chaotic above', () => {
    const at = (sigmaW: number) =>
      meanField(cfg({ act: 'tanh', init: 'normal', std: sigmaW / Math.sqrt(128) }), dims(50), 1).summary;
    const critical = at(1);
    expect(critical.chi1).toBeCloseTo(1, 2);
    expect(critical.qStar).not.toBeNull();
    expect(critical.qStar!).toBeLessThan(1e-6);
    expect(critical.regime).toBe('critical');
    expect(at(0.9).chi1).toBeLessThan(0.99);
    expect(at(0.9).qStar).toBe(0);
    expect(at(1.1).chi1).toBeGreaterThan(1.01);
    expect(at(1.1).qStar!).toBeGreaterThan(0.05);
    // Xavier with gain 1 and equal widths is the same σ_w² = 1.
    expect(meanField(cfg({ act: 'tanh', init: 'xavier_uniform' }), dims(5), 1).summary.regime).toBe(
      'critical',
    );
  });

  it('tanh with gain 5/3 (σ_w² = 25/9): q* ≈ 1.18, χ₁ ≈ 1.21', () => {
    const r = meanField(cfg({ act: 'tanh', init: 'xavier_normal', gain: 5 / 3 }), dims(40), 1);
    expect(r.summary.sigmaW2).toBeCloseTo(25 / 9, 10);
    expect(Math.abs(r.summary.qStar! - 1.18)).toBeLessThan(0.01);
    expect(Math.abs(r.summary.chi1 - 1.21)).toBeLessThan(0.01);
    expect(r.summary.regime).toBe('exploding');
    // The layers converge to q*.
    expect(r.layers[39].preVar).toBeCloseTo(r.summary.qStar!, 6);
  });
});

describe('meanField details', () => {
  it("takes each layer's σ_w² from its own fans", () => {
    const r = meanField(cfg({ act: 'relu', init: 'xavier_normal' }), [2, 64, 64, 10], 1);
    expect(r.layers[0].sigmaW2).toBeCloseTo((2 * 2) / (2 + 64), 12);
    expect(r.layers[0].preVar).toBeCloseTo(4 / 66, 12);
    expect(r.layers[1].sigmaW2).toBeCloseTo(1, 12);
    const fanOut = meanField(
      cfg({ act: 'relu', init: 'kaiming_normal', mode: 'fan_out' }),
      [16, 64, 64, 10],
      2,
    );
    expect(fanOut.layers[0].sigmaW2).toBeCloseTo((16 * 2) / 64, 12);
    expect(fanOut.layers[0].preVar).toBeCloseTo(1, 12);
  });

  it('uses fan ratios in the backward recursion', () => {
    // Widths 64 → 32: E[δ₁²] = E[δ₂²] · σ_{w,2}² · (32/64) · E[φ′²] with σ_{w,2}² = 64·Var(W²) = 2 (Kaiming).
    const r = meanField(cfg({ act: 'relu', init: 'kaiming_normal' }), [8, 64, 32, 10], 1);
    expect(r.layers[0].gradRatio).toBeCloseTo(2 * 0.5 * 0.5, 12);
  });

  it('reports no fixed point when the signal explodes, and stays JSON-safe', () => {
    const r = meanField(cfg({ act: 'relu', init: 'normal', std: 1 }), dims(500, 256), 1);
    expect(r.summary.qStar).toBeNull();
    expect(r.summary.chi1).toBeCloseTo(128, 8);
    expect(r.summary.regime).toBe('exploding');
    expect(r.summary.notes.some((n) => n.includes('no fixed point'))).toBe(true);
    expect(r.summary.notes.some((n) => n.includes('overflows'))).toBe(true);
    expect(r.layers[499].preVar).toBe(Infinity);
    const json = JSON.parse(JSON.stringify(theoryToJSON(r)));
    expect(json.summary.qStar).toBeNull();
    expect(json.layers[499].preVar).toBeNull();
    expect(json.layers[499].actMean).toBeNull();
    expect(json.layers[0].preVar).toBe(256);
  });

  it('ReLU + Kaiming with a random bias has no fixed point (q grows linearly)', () => {
    const r = meanField(cfg({ act: 'relu', init: 'kaiming_normal', bias: 'torch' }), dims(10), 1);
    expect(r.summary.qStar).toBeNull();
    expect(r.layers[9].preVar - r.layers[8].preVar).toBeCloseTo(1 / (3 * 128), 10);
  });

  it.each(['zeros', 'constant'] as const)('%s init: σ_w² = 0 ⇒ q = σ_b², χ₁ = 0, with a note', (init) => {
    const r = meanField(cfg({ act: 'tanh', init, bias: 'torch' }), dims(5), 1);
    expect(r.summary.sigmaW2).toBe(0);
    expect(r.summary.chi1).toBe(0);
    expect(r.summary.qStar).toBeCloseTo(1 / (3 * 128), 12);
    for (const layer of r.layers) expect(layer.preVar).toBeCloseTo(1 / (3 * 128), 12);
    expect(r.summary.notes.join(' ')).toMatch(/random, independent weights.*symmetric case/);
  });

  it('LSUV: Var(z) = 1 in every layer by construction', () => {
    for (const act of ['relu', 'tanh', 'selu', 'gelu'] as const) {
      const r = meanField(cfg({ act, init: 'lsuv' }), dims(12, 64, 2), 0.7);
      for (const layer of r.layers) expect(layer.preVar).toBeCloseTo(1, 12);
      expect(r.summary.qStar).toBe(1);
      expect(r.layers[0].sigmaW2).toBeCloseTo(1 / 0.7, 12);
    }
    // ReLU: E[relu(z)²] = ½ at q = 1, so σ_w² = 2 and χ₁ = 1.
    const relu = meanField(cfg({ act: 'relu', init: 'lsuv' }), dims(12), 1).summary;
    expect(relu.sigmaW2).toBeCloseTo(2, 12);
    expect(relu.chi1).toBe(1);
  });

  it('keeps a constant bias as the mean of z (Var(z) excludes it, q includes it)', () => {
    // Linear: v' = σ_w²(c² + v) ⇒ v* = σ_w² c² / (1 − σ_w²); σ_w² = 0.5, c = 0.2 ⇒ v* = 0.04, q* = 0.08.
    const r = meanField(
      cfg({ act: 'linear', init: 'normal', std: Math.sqrt(0.5 / 128), bias: 0.2 }),
      dims(60),
      1,
    );
    expect(r.layers[59].preVar).toBeCloseTo(0.04, 10);
    expect(r.layers[59].preMean).toBe(0.2);
    expect(r.layers[59].actSq).toBeCloseTo(0.08, 10);
    expect(r.layers[59].actStd).toBeCloseTo(0.2, 10);
    expect(r.summary.qStar).toBeCloseTo(0.08, 10);
    expect(r.summary.sigmaB2).toBeCloseTo(0.04, 12);
  });

  it('reports the activation mean and std', () => {
    // ReLU at q = 2: E[h] = √(q/2π), E[h²] = q/2.
    const layer = meanField(cfg({ act: 'relu', init: 'kaiming_normal' }), dims(3), 1).layers[2];
    expect(layer.actMean).toBeCloseTo(Math.sqrt(2 / (2 * Math.PI)), 12);
    expect(layer.actSq).toBeCloseTo(1, 12);
    expect(layer.actStd).toBeCloseTo(Math.sqrt(1 - 2 / (2 * Math.PI)), 12);
  });

  it('rejects malformed dims and input moments', () => {
    const c = cfg({});
    expect(() => meanField(c, [4, 10], 1)).toThrow(RangeError);
    expect(() => meanField(c, [4, 0, 10], 1)).toThrow(RangeError);
    expect(() => meanField(c, [4, 8, 10], Number.NaN)).toThrow(RangeError);
  });

  it('runs depth 500 in well under 50 ms for every activation', () => {
    const heavy = [
      cfg({ act: 'tanh', init: 'xavier_normal' }),
      cfg({ act: 'relu', init: 'normal', std: 1 }),
      cfg({ act: 'gelu', init: 'kaiming_uniform', bias: 'torch' }),
      cfg({ act: 'silu', init: 'xavier_uniform', bias: 0.3 }),
      cfg({ act: 'selu', init: 'lecun_normal' }),
      cfg({ act: 'sigmoid', init: 'normal', std: 0.5 }),
      cfg({ act: 'leaky_relu', init: 'lsuv', slope: 0.2 }),
    ];
    for (const c of heavy) {
      let best = Infinity;
      for (let rep = 0; rep < 3; rep++) {
        const t0 = performance.now();
        meanField(c, dims(500, 2048, 2), 1);
        best = Math.min(best, performance.now() - t0);
      }
      expect(best).toBeLessThan(50);
    }
  });
});

describe('theoryToJSON', () => {
  it('maps every non-finite number to null and keeps the rest', () => {
    const r = meanField(cfg({ act: 'relu', init: 'kaiming_normal' }), dims(2), 1);
    const json = theoryToJSON(r);
    expect(json.summary.xiC).toBeNull();
    expect(json.summary.trainableDepth).toBeNull();
    expect(json.summary.chi1).toBe(1);
    expect(json.layers[0].layer).toBe(1);
    expect(json.summary.regime).toBe('critical');
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
