// Normalized layers and residual blocks (docs/MATH.md#normalization-and-residual-blocks): closed forms the
// prediction must reproduce. The agreement with real networks is architecture.cpu.test.ts.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../config';
import { theoryToJSON } from './json';
import { meanField } from './meanField';

const cfg = (over: Partial<RunConfig>): RunConfig => ({ ...DEFAULT_CONFIG, bias: 'zeros', ...over });
const dims = (depth: number, N = 128) => [N, ...Array<number>(depth).fill(N), 10];
const RELU_VAR = 1 / 2 - 1 / (2 * Math.PI); // Var(ReLU(z)), z ~ N(0, 1)

describe('residual stream without normalization', () => {
  const r = meanField(cfg({ act: 'relu', init: 'kaiming_normal', res: 1 }), dims(50), 1);

  it('layer 1 is x¹ = ReLU(z¹) with Var(z¹) = 2: stream std √(1 − 1/π) ≈ 0.826', () => {
    expect(r.layers[0].preVar).toBeCloseTo(2, 10);
    expect(r.layers[0].streamStd).toBeCloseTo(Math.sqrt(1 - 1 / Math.PI), 8);
  });

  it('block 2 reads ReLU(x¹) = x¹ (E = 1), so it adds σ_w²·1 = 2 to the variance', () => {
    expect(r.layers[1].preVar).toBeCloseTo(2, 8);
    expect(r.layers[1].streamStd! ** 2).toBeCloseTo(1 - 1 / Math.PI + 2, 8);
  });

  it('the variance adds up: Var(x^ℓ) = Var(x^{ℓ−1}) + Var(z^ℓ), and doubles per block once deep', () => {
    for (let l = 1; l < 50; l++) {
      const added = r.layers[l].streamStd! ** 2 - r.layers[l - 1].streamStd! ** 2;
      expect(added / r.layers[l].preVar).toBeCloseTo(1, 8);
    }
    expect(r.summary.arch.streamGrowth).toBeGreaterThan(1.99);
    expect(r.summary.arch.streamGrowth).toBeLessThan(2.01);
    // 0.83 → ~3·10⁷ over 50 blocks (PyTorch measured 0.83 → 3·10⁷).
    const last = r.summary.arch.streamStdLast!;
    expect(last).toBeGreaterThan(1e7);
    expect(last).toBeLessThan(1e8);
  });

  it('makes no gradient or χ₁ claim (NaN, null in JSON)', () => {
    expect(r.layers.every((l) => Number.isNaN(l.gradRatio))).toBe(true);
    expect(r.summary.regime).toBeNull();
    const json = theoryToJSON(r);
    expect(json.summary.chi1).toBeNull();
    expect(json.layers[3].gradRatio).toBeNull();
    expect(json.layers[3].streamStd).toBeCloseTo(r.layers[3].streamStd!, 12);
  });
});

describe('pre-LayerNorm residual blocks', () => {
  it('each block adds σ_w² E[φ(LN(x))²] → σ_w²/2 for ReLU once the stream is Gaussian: linear growth', () => {
    const r = meanField(cfg({ act: 'relu', init: 'xavier_normal', res: 1, norm: 'layer' }), dims(100), 1);
    const v = r.layers.map((l) => l.streamStd! ** 2);
    const late = v[99] - v[98];
    expect(late).toBeGreaterThan(0.49);
    expect(late).toBeLessThan(0.51);
    expect(r.layers[99].normStd).toBeCloseTo(1, 4);
    expect(r.summary.arch.streamGrowth).toBeLessThan(1.02);
  });
});

describe('ReZero', () => {
  it('α = 0: the stream stays at layer 1’s output through every block', () => {
    const r = meanField(cfg({ act: 'relu', init: 'kaiming_normal', res: 1, rezero: 1 }), dims(100), 1);
    for (const l of r.layers) expect(l.streamStd).toBe(r.layers[0].streamStd);
    expect(r.summary.arch.streamGrowth).toBe(1);
    // The branches still compute: a = ReLU(x¹) = x¹, z = W a with Var = 2.
    expect(r.layers[50].preVar).toBeCloseTo(2, 8);
  });
});

describe('normalized plain layers', () => {
  it('BatchNorm pins u at unit variance whatever σ_w: N(0, 0.01) weights give the same forward signal', () => {
    const tiny = meanField(cfg({ act: 'relu', init: 'normal', std: 0.01, norm: 'batch' }), dims(20), 1);
    for (const l of tiny.layers.slice(1)) {
      // ε = 1e−5 against BatchNorm's centred variance σ_w² Var(h) = 0.0128 · 0.68: u's std is 0.9989.
      const seen = 128e-4 * RELU_VAR;
      expect(l.normStd).toBeCloseTo(Math.sqrt(seen / (seen + 1e-5)), 5);
      // ReLU is homogeneous: std(ReLU(s·z)) = s·std(ReLU(z)).
      expect(l.actStd).toBeCloseTo(l.normStd! * Math.sqrt(RELU_VAR), 8);
      // Var(z) = σ_w² E[ReLU(u)²] = 128·1e−4 · ½ (u's variance is 1 to 0.2 %).
      expect(l.preVar / (128e-4 / 2)).toBeCloseTo(1, 2);
    }
  });

  it('BatchNorm + ReLU: the gradient std grows ×√(π/(π − 1)) ≈ 1.211 per layer backward, for any σ_w', () => {
    for (const init of ['kaiming_normal', 'xavier_normal'] as const) {
      const r = meanField(cfg({ act: 'relu', init, norm: 'batch' }), dims(30), 1);
      expect(r.summary.arch.gradFactor).toBeCloseTo(Math.sqrt(Math.PI / (Math.PI - 1)), 4);
      expect(r.summary.regime).toBe('exploding');
      // From layer 2 up: layer 1 divides by its own input's variance, not by a ReLU layer's.
      const perLayer = (r.layers[1].gradRatio / r.layers[29].gradRatio) ** (1 / 56);
      expect(perLayer).toBeCloseTo(Math.sqrt(Math.PI / (Math.PI - 1)), 3);
    }
  });

  it('LayerNorm + ReLU: E[φ′²]/E[φ²] = 1, gradients flat from layer 2; tanh: E[tanh′(z)²]/E[tanh(z)²] > 1', () => {
    const relu = meanField(cfg({ act: 'relu', init: 'kaiming_normal', norm: 'layer' }), dims(30), 1);
    expect(relu.summary.chi1).toBeCloseTo(1, 4);
    for (const l of relu.layers.slice(1)) expect(l.gradRatio).toBeCloseTo(1, 3);
    // Layer 1 divides by Var(z¹) = σ_w² mean(x²) = 2 where the others divide by σ_w² E[h²] = 1.
    expect(relu.layers[0].gradRatio).toBeCloseTo(0.5, 3);
    const tanh = meanField(cfg({ act: 'tanh', init: 'xavier_normal', norm: 'layer' }), dims(30), 1);
    expect(tanh.summary.chi1).toBeGreaterThan(1.1);
    expect(tanh.summary.arch.kind).toBe('normalized');
  });

  it('the plain MLP is untouched (arch kind plain, no norm or stream fields)', () => {
    const r = meanField(cfg({ act: 'relu', init: 'kaiming_normal' }), dims(5), 1);
    expect(r.summary.arch.kind).toBe('plain');
    expect(r.layers[0].normStd).toBeUndefined();
    expect(r.layers[0].streamStd).toBeUndefined();
  });
});

describe('against PyTorch 1.13 at init (scripts/crosscheck/torch_layers.py, probe data, seeds 1–6)', () => {
  // Measured ranges over the six seeds; the prediction must fall inside them.
  const wide = (depth: number) => [256, ...Array<number>(depth).fill(256), 10];

  it('pre-LN residual, ReLU + Xavier, width 256, 30 layers: stream std 0.583 → 3.72…4.04', () => {
    const r = meanField(cfg({ act: 'relu', init: 'xavier_normal', res: 1, norm: 'layer' }), wide(30), 1);
    expect(r.summary.arch.streamStdFirst).toBeCloseTo(0.583, 2);
    expect(r.summary.arch.streamStdLast).toBeGreaterThan(3.72);
    expect(r.summary.arch.streamStdLast).toBeLessThan(4.04);
  });

  it('residual without norm, ReLU + Kaiming, 50 layers: stream std 0.83 → 1.4·10⁷…4.5·10⁷', () => {
    const r = meanField(cfg({ act: 'relu', init: 'kaiming_normal', res: 1 }), wide(50), 1);
    expect(r.summary.arch.streamStdFirst).toBeCloseTo(0.83, 2);
    expect(r.summary.arch.streamStdLast).toBeGreaterThan(1.4e7);
    expect(r.summary.arch.streamStdLast).toBeLessThan(4.5e7);
  });

  it('BatchNorm, ReLU + Kaiming, width 256, batch 256, 30 layers: ×1.2035…1.2117 per layer from layer 30 to 2', () => {
    const r = meanField(cfg({ act: 'relu', init: 'kaiming_normal', norm: 'batch' }), wide(30), 1);
    const perLayer = Math.sqrt(r.layers[1].gradRatio / r.layers[29].gradRatio) ** (1 / 28);
    expect(perLayer).toBeGreaterThan(1.2035);
    expect(perLayer).toBeLessThan(1.2117);
  });
});
