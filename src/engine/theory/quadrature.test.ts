import { describe, expect, it } from 'vitest';
import { gaussExpect, HERMITE_NODES, splitExpect, splitRule } from './expect';
import { gaussHermite } from './gaussHermite';
import { gaussLegendre } from './gaussLegendre';

function doubleFactorial(n: number): number {
  let r = 1;
  for (let k = n; k > 1; k -= 2) r *= k;
  return r;
}

function hermiteMoment(n: number, power: number, abs = false): number {
  const { nodes, weights } = gaussHermite(n);
  let s = 0;
  for (let i = 0; i < n; i++) s += weights[i] * (abs ? Math.abs(nodes[i]) : nodes[i]) ** power;
  return s;
}

describe('Gauss–Hermite', () => {
  it('has the textbook small rules', () => {
    expect(Array.from(gaussHermite(1).nodes)).toEqual([0]);
    expect(Array.from(gaussHermite(1).weights)).toEqual([1]);
    const two = gaussHermite(2);
    expect(two.nodes[0]).toBeCloseTo(-1, 14);
    expect(two.nodes[1]).toBeCloseTo(1, 14);
    expect(two.weights[0]).toBeCloseTo(0.5, 14);
    const three = gaussHermite(3);
    expect(three.nodes[2]).toBeCloseTo(Math.sqrt(3), 14);
    expect(three.weights[1]).toBeCloseTo(2 / 3, 14);
  });

  it.each([64, HERMITE_NODES])('%i nodes: sorted, symmetric, positive weights summing to 1', (n) => {
    const { nodes, weights } = gaussHermite(n);
    expect(nodes).toHaveLength(n);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      if (i > 0) expect(nodes[i]).toBeGreaterThan(nodes[i - 1]);
      expect(nodes[i]).toBe(-nodes[n - 1 - i]);
      expect(weights[i]).toBeGreaterThan(0);
      sum += weights[i];
    }
    expect(sum).toBeCloseTo(1, 14);
  });

  it.each([64, HERMITE_NODES])(
    '%i nodes: E[z²] = 1, E[z⁴] = 3, and every polynomial moment up to degree 2n−1',
    (n) => {
      expect(hermiteMoment(n, 2)).toBeCloseTo(1, 13);
      expect(hermiteMoment(n, 4)).toBeCloseTo(3, 12);
      // Up to degree 40 (39!! ≈ 3e23); the tolerance is relative to Σ wᵢ|xᵢ|ᵖ, the scale of the rounding.
      for (let p = 0; p <= 40; p++) {
        const exact = p % 2 === 1 ? 0 : doubleFactorial(p - 1);
        expect(Math.abs(hermiteMoment(n, p) - exact)).toBeLessThanOrEqual(1e-11 * hermiteMoment(n, p, true));
      }
    },
  );

  it('is exact up to degree 2n − 1 and not at degree 2n (small n, where it shows)', () => {
    for (const n of [3, 5, 8]) {
      for (let p = 0; p < 2 * n; p += 2) expect(hermiteMoment(n, p)).toBeCloseTo(doubleFactorial(p - 1), 8);
      expect(Math.abs(hermiteMoment(n, 2 * n) - doubleFactorial(2 * n - 1))).toBeGreaterThan(0.5);
    }
  });

  it('gaussExpect(f, q) = E[f(√q z)]', () => {
    expect(gaussExpect((x) => x * x, 2.5)).toBeCloseTo(2.5, 12);
    expect(gaussExpect((x) => x ** 4, 2)).toBeCloseTo(12, 11);
    expect(gaussExpect(Math.cos, 1)).toBeCloseTo(Math.exp(-0.5), 13);
    expect(gaussExpect((x) => Math.exp(x), 0.25)).toBeCloseTo(Math.exp(0.125), 13);
  });
});

describe('Gauss–Legendre', () => {
  it.each([1, 2, 5, 12])('%i points integrate polynomials of degree ≤ 2m−1 on [−1, 1]', (m) => {
    const { nodes, weights } = gaussLegendre(m);
    for (let p = 0; p < 2 * m; p++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += weights[i] * nodes[i] ** p;
      expect(s).toBeCloseTo(p % 2 === 1 ? 0 : 2 / (p + 1), 13);
    }
  });
});

describe('split rule (kinks and wide Gaussians)', () => {
  const Phi1 = 0.8413447460685429; // Φ(1)
  const phi1 = 0.24197072451914337; // standard normal density at 1

  it('integrates ReLU moments exactly at the kink', () => {
    const relu = (x: number) => (x > 0 ? x : 0);
    expect(splitExpect(relu, 4)).toBeCloseTo(2 / Math.sqrt(2 * Math.PI), 13);
    expect(splitExpect((x) => relu(x) ** 2, 4)).toBeCloseTo(2, 13);
    expect(splitExpect((x) => (x > 0 ? 1 : 0), 1e-8)).toBeCloseTo(0.5, 13);
    // Shifted: E[relu(1 + z)] = Φ(1) + φ(1).
    expect(splitExpect(relu, 1, 1)).toBeCloseTo(Phi1 + phi1, 12);
  });

  it('resolves a bump far narrower than the Gaussian, where Gauss–Hermite cannot', () => {
    // E[exp(−u²/2)], u ~ N(μ, q) = exp(−μ²/(2(1+q)))/√(1+q).
    const bump = (x: number) => Math.exp(-0.5 * x * x);
    for (const [q, mu] of [
      [1, 0],
      [100, 0],
      [1e4, 0],
      [1e8, 0],
      [100, 3],
      [0.01, -0.5],
    ]) {
      const exact = Math.exp((-mu * mu) / (2 * (1 + q))) / Math.sqrt(1 + q);
      expect(Math.abs(splitExpect(bump, q, mu) / exact - 1)).toBeLessThan(1e-10);
    }
    // The reason the split rule exists: 128-node Gauss–Hermite is far off at q = 100.
    expect(Math.abs(gaussExpect(bump, 100) * Math.sqrt(101) - 1)).toBeGreaterThan(0.1);
  });

  it('treats variance 0 as the limit from above, and keeps its weights a probability', () => {
    const { w } = splitRule(0, 0);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 13);
    expect(splitExpect((x) => (x > 0 ? 1 : 0), 0)).toBeCloseTo(0.5, 13);
    expect(splitExpect((x) => x * x, 0, 0.3)).toBeCloseTo(0.09, 13);
  });
});
