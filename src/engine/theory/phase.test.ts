import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config';
import { fillNormal } from '../rng/sample';
import { bivariateExpect, chaoticCorrelation, correlationFns } from './correlation';
import { meanField } from './meanField';
import { networkPhasePoint, settingsForPhasePoint } from './networkPoint';
import { phasePoint } from './phase';
import { createPhaseGrid, criticalLine, fillPhaseGrid } from './phaseGrid';

const relu = (x: number) => (x > 0 ? x : 0);
const step = (x: number) => (x > 0 ? 1 : 0);

describe('bivariateExpect', () => {
  it('matches the arc-cosine kernel of ReLU (Cho & Saul) for every correlation', () => {
    for (const q of [0.3, 1, 7]) {
      for (const c of [-0.9, -0.3, 0, 0.5, 0.9, 0.999]) {
        const theta = Math.acos(c);
        const exact = (q / (2 * Math.PI)) * (Math.sin(theta) + (Math.PI - theta) * c);
        // Relative 1e−7: the compact rule trades the last digits for speed (the plot needs 3).
        expect(Math.abs(bivariateExpect(relu, relu, q, c) - exact)).toBeLessThan(1e-7 * q);
        // E[φ′φ′] for ReLU: P(u₁ > 0, u₂ > 0) = (π − θ)/(2π).
        expect(bivariateExpect(step, step, q, c)).toBeCloseTo((Math.PI - theta) / (2 * Math.PI), 7);
      }
    }
  });

  it('at c = 1 is the one-input moment, and for sign-like tanh at large q approaches (2/π) arcsin c', () => {
    expect(bivariateExpect(Math.tanh, Math.tanh, 2, 1)).toBeCloseTo(
      bivariateExpect(Math.tanh, Math.tanh, 2, 1 - 1e-12),
      9,
    );
    const sign = (x: number) => Math.sign(x);
    expect(bivariateExpect(sign, sign, 1, 0.5)).toBeCloseTo((2 / Math.PI) * Math.asin(0.5), 8);
  });

  it('agrees with Monte Carlo for tanh (400k samples, within 4 standard errors)', () => {
    const n = 400_000;
    const z = new Float64Array(2 * n);
    fillNormal(z, 1, 12345, 0, 0);
    const q = 1.7;
    const c = 0.4;
    const s = Math.sqrt(1 - c * c);
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const u1 = Math.sqrt(q) * z[2 * i];
      const u2 = Math.sqrt(q) * (c * z[2 * i] + s * z[2 * i + 1]);
      const v = Math.tanh(u1) * Math.tanh(u2);
      sum += v;
      sq += v * v;
    }
    const mean = sum / n;
    const se = Math.sqrt((sq / n - mean * mean) / n);
    expect(Math.abs(bivariateExpect(Math.tanh, Math.tanh, q, c) - mean)).toBeLessThan(4 * se);
  });
});

describe('phasePoint', () => {
  it('tanh is critical at (σ_w², σ_b²) = (1, 0), ordered below, chaotic above', () => {
    expect(phasePoint('tanh', 0, 1, 0)).toMatchObject({ phase: 'critical', chi1: 1, xiC: Infinity });
    const below = phasePoint('tanh', 0, 0.9, 0);
    expect(below.phase).toBe('ordered');
    expect(below.cStar).toBe(1);
    expect(below.xiC).toBeCloseTo(-1 / Math.log(0.9), 6); // q* = 0: χ₁ = σ_w² φ′(0)²
    const above = phasePoint('tanh', 0, 1.2, 0);
    expect(above.phase).toBe('chaotic');
    expect(above.chi1).toBeGreaterThan(1);
    expect(above.cStar!).toBeLessThan(1);
    expect(above.chiC).toBeLessThan(1);
  });

  it('ReLU is critical at σ_w² = 2 for any σ_b², with χ₁ = σ_w²/2, and unbounded above', () => {
    for (const sb2 of [0, 0.05, 0.3]) {
      expect(phasePoint('relu', 0, 2, sb2).chi1).toBe(1);
      const p = phasePoint('relu', 0, 1.5, sb2);
      expect(p.chi1).toBeCloseTo(0.75, 10);
      expect(p.phase).toBe('ordered');
      expect(p.xiC).toBeCloseTo(-1 / Math.log(0.75), 8);
      const u = phasePoint('relu', 0, 3, sb2);
      expect(u.phase).toBe('unbounded');
      expect(u.qStar).toBeNull();
      expect(u.chi1).toBeCloseTo(1.5, 6);
    }
  });

  it('tanh with σ_b² = 0.05 crosses χ₁ = 1 near σ_w² = 1.76 (Schoenholz et al. 2017)', () => {
    expect(phasePoint('tanh', 0, 1.74, 0.05).phase).toBe('ordered');
    expect(phasePoint('tanh', 0, 1.78, 0.05).phase).toBe('chaotic');
  });

  it('in the chaotic phase c* is a fixed point of the correlation map and ξ_c diverges toward the line', () => {
    const p = phasePoint('tanh', 0, 2.5, 0.05);
    const fns = correlationFns('tanh', 0, 2.5, 0.05, p.qStar!);
    expect(fns.map(p.cStar!)).toBeCloseTo(p.cStar!, 8);
    expect(fns.chiC(1)).toBeCloseTo(p.chi1, 8);
    expect(p.xiC).toBeCloseTo(-1 / Math.log(p.chiC), 12);
    // Approaching the critical line from the chaotic side, ξ_c grows; far from it, it is a few layers.
    const xi = [4, 2.5, 2, 1.85, 1.8].map((w) => phasePoint('tanh', 0, w, 0.05).xiC);
    for (let i = 1; i < xi.length; i++) expect(xi[i]).toBeGreaterThan(xi[i - 1]);
    expect(xi[0]).toBeLessThan(10);
    expect(xi[4]).toBeGreaterThan(50);
  });

  it('chaoticCorrelation finds the root of a known map, and 1 when none lies below 1', () => {
    // 0.2 + 0.6c + 0.2c² touches the diagonal only at c = 1 (a double root): nothing below 1.
    expect(chaoticCorrelation((c) => 0.2 + 0.6 * c + 0.2 * c * c)).toBe(1);
    // 0.3 + 0.7c² has fixed points c = 3/7 and 1.
    expect(chaoticCorrelation((c) => 0.3 + 0.7 * c * c)).toBeCloseTo(3 / 7, 8);
  });

  it('rejects negative or non-finite variances', () => {
    expect(() => phasePoint('tanh', 0, -1, 0)).toThrow(RangeError);
    expect(() => phasePoint('tanh', 0, 1, Number.NaN)).toThrow(RangeError);
  });

  it("meanField's ξ_c uses c* < 1 in the chaotic phase", () => {
    const cfg = { ...DEFAULT_CONFIG, act: 'tanh' as const, init: 'normal' as const, bias: 'normal' as const };
    const r = meanField({ ...cfg, std: Math.sqrt(2.5 / 64), bstd: Math.sqrt(0.05) }, [64, 64, 64, 64, 3], 1);
    const p = phasePoint('tanh', 0, 2.5, 0.05);
    expect(r.summary.chi1).toBeCloseTo(p.chi1, 8);
    expect(r.summary.xiC).toBeCloseTo(p.xiC, 6);
    expect(r.summary.xiC).not.toBeCloseTo(1 / Math.log(p.chi1), 1);
  });
});

describe('phase grid', () => {
  it('fills within the budget, a point at a time, and finds the tanh critical line through (1, 0)', () => {
    const g = createPhaseGrid('tanh', 0, 9, 3);
    let t = 0;
    // A clock that advances 1 ms per call: a 0-ms budget still computes one point per call.
    expect(fillPhaseGrid(g, 0, () => t++)).toBe(false);
    expect(g.filled).toBe(1);
    while (!fillPhaseGrid(g, 50)) {}
    expect(g.filled).toBe(27);
    const line = criticalLine(g);
    expect(line[0]).toBeCloseTo(1, 6);
    expect(line[1]!).toBeGreaterThan(1.5);
    expect(line[1]!).toBeLessThan(line[2]!);
  });
});

describe('networkPhasePoint and settingsForPhasePoint', () => {
  it('round-trip a point through the settings (kaiming_normal fan_in, gain √σ_w²; bias normal, bstd √σ_b²)', () => {
    const patch = settingsForPhasePoint(1.76, 0.05);
    const c = { ...DEFAULT_CONFIG, ...patch };
    const p = networkPhasePoint(c)!;
    expect(p.sw2).toBeCloseTo(1.76, 3);
    expect(p.sb2).toBeCloseTo(0.05, 4);
    const kaiming = networkPhasePoint({ ...DEFAULT_CONFIG, act: 'relu', init: 'kaiming_normal' })!;
    expect(kaiming.sw2).toBeCloseTo(2, 12);
    expect(kaiming.sb2).toBe(0);
    expect(networkPhasePoint({ ...DEFAULT_CONFIG, init: 'lsuv' })).toBeNull();
    expect(networkPhasePoint({ ...DEFAULT_CONFIG, bias: 0.3 })!.sb2).toBeCloseTo(0.09, 12);
  });
});
