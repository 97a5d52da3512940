import { describe, expect, it } from 'vitest';
import { activationFns } from '../activations';
import { DEFAULT_CONFIG, type RunConfig } from '../config';
import { loadDataset } from '../data';
import { initializeNetwork } from '../init';
import { networkDims } from '../memory';
import { jacobianSpectrum, spectrumRefusal } from './index';
import { inputJacobian } from './jacobian';

const cfg = (over: Partial<RunConfig>): RunConfig => ({ ...DEFAULT_CONFIG, ...over });

async function spectrumOf(c: RunConfig) {
  const data = await loadDataset(c);
  return jacobianSpectrum(c, initializeNetwork(c, networkDims(c)), data);
}

describe('inputJacobian', () => {
  it('equals central finite differences of the hidden stack (tanh, biases, 3 layers)', () => {
    const c = cfg({ act: 'tanh', init: 'xavier_normal', gain: 1.3, bias: 'normal', bstd: 0.2 });
    const dims = [5, 7, 6, 4];
    const layers = initializeNetwork(c, [...dims, 3], Float64Array);
    const x = [0.3, -1.2, 0.5, 0.9, -0.1];
    const forward = (v: number[]) => {
      let h = v;
      const { f } = activationFns('tanh');
      for (let l = 0; l < 3; l++) {
        const { W, b } = layers[l];
        h = Array.from({ length: dims[l + 1] }, (_, o) => {
          let z = b[o];
          for (let i = 0; i < dims[l]; i++) z += W[o * dims[l] + i] * h[i];
          return f(z);
        });
      }
      return h;
    };
    const { J, rows, cols } = inputJacobian(layers, dims, 'tanh', 0, x);
    expect([rows, cols]).toEqual([4, 5]);
    const eps = 1e-6;
    for (let k = 0; k < 5; k++) {
      const up = forward(x.map((v, i) => (i === k ? v + eps : v)));
      const dn = forward(x.map((v, i) => (i === k ? v - eps : v)));
      for (let o = 0; o < 4; o++) expect(J[o * 5 + k]).toBeCloseTo((up[o] - dn[o]) / (2 * eps), 8);
    }
  });
});

describe('inputJacobian on a broken network', () => {
  it('refuses a non-finite pre-activation instead of reading it as a dead ReLU unit', () => {
    const c = cfg({ act: 'relu' });
    const layers = initializeNetwork(c, [3, 4, 4, 2], Float64Array);
    layers[1].W[0] = Number.POSITIVE_INFINITY;
    layers[0].b.fill(0);
    // h¹ = relu(W¹x): with x = 0 every h is 0, so z² = ∞·0 = NaN in unit 1 of layer 2.
    expect(() => inputJacobian(layers, [3, 4, 4], 'relu', 0, [0, 0, 0])).toThrow(/layer 2 is not finite/);
  });
});

describe('jacobianSpectrum', () => {
  it('linear + orthogonal (gain 1) at depth 50: every singular value within 1e−3 of 1 (isometry)', async () => {
    for (const data of ['spiral', 'probe'] as const) {
      const r = await spectrumOf(cfg({ act: 'linear', init: 'orthogonal', depth: 50, data }));
      expect(r.singularValues.length).toBe(data === 'probe' ? 64 : 2);
      for (const s of r.singularValues) expect(Math.abs(s - 1)).toBeLessThan(1e-3);
      expect(r.theory.meanSquared).toBeCloseTo(1, 6);
    }
  });

  it('Gaussian weights spread the spectrum over orders of magnitude, and the mean square follows theory', async () => {
    const r = await spectrumOf(
      cfg({ act: 'tanh', init: 'normal', std: 1 / Math.sqrt(64), depth: 40, data: 'probe' }),
    );
    const sv = r.singularValues;
    expect(sv[0] / sv[sv.length - 1]).toBeGreaterThan(1e3);
    // Orthogonal tanh at the same σ_w² = 1: a much narrower spectrum.
    const o = await spectrumOf(cfg({ act: 'tanh', init: 'orthogonal', depth: 40, data: 'probe' }));
    expect(o.singularValues[0] / o.singularValues[63]).toBeLessThan(sv[0] / sv[63] / 10);
    // ReLU + Kaiming: theory ∏χ = 1 per layer (E‖J e‖² is preserved); measured within sampling error.
    const k = await spectrumOf(
      cfg({ act: 'relu', init: 'kaiming_normal', depth: 10, width: 128, data: 'probe' }),
    );
    expect(k.theory.meanSquared).toBeCloseTo(1, 6);
    expect(k.meanSquared).toBeGreaterThan(0.6);
    expect(k.meanSquared).toBeLessThan(1.6);
  });

  it('refuses normalized or residual networks and huge ones with a reason', () => {
    expect(spectrumRefusal(cfg({ norm: 'batch' }))).toMatch(/plain MLPs/);
    expect(spectrumRefusal(cfg({ res: 1 }))).toMatch(/plain MLPs/);
    expect(spectrumRefusal(cfg({ width: 2048, depth: 100, data: 'probe' }))).toMatch(/multiply-adds/);
    expect(spectrumRefusal(cfg({}))).toBeNull();
  });
});
