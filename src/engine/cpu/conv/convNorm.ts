// The normalizations of a conv network on NHWC maps (docs/LAYERS.md#convolutional-networks).
// BatchNorm2d normalizes each channel over batch × H × W: on the [B·P, C] matrix that is BatchNorm1d's
// per-column rule, so it reuses normOps with B·P rows. GroupNorm(1, C) (norm=layer) normalizes each sample
// over its C × H × W values, with γ and β per channel; it lives here.
import type { NormType } from '../../graph';
import type { Arr } from '../gemm';
import {
  NORM_EPS,
  type NormMode,
  type NormState,
  createNormState,
  normBackward,
  normForward,
} from '../normOps';

export function createConvNormState(
  type: NormType,
  C: number,
  P: number,
  rows: number,
  float64: boolean,
): NormState {
  const s = createNormState(type, C, rows * P, float64);
  // GroupNorm keeps one 1/σ per sample, not per row of the [B·P, C] matrix.
  if (type === 'layer') s.inv = new Float64Array(rows);
  return s;
}

/** u = Norm(v) for `rows` samples of P positions × C channels (u may not alias v). */
export function convNormForward(
  s: NormState,
  v: Arr,
  u: Arr,
  rows: number,
  P: number,
  C: number,
  mode: NormMode,
): void {
  if (s.type === 'batch') {
    normForward(s, v, u, rows * P, C, mode);
    return;
  }
  const n = P * C;
  for (let b = 0; b < rows; b++) {
    const o = b * n;
    let sum = 0;
    for (let e = 0; e < n; e++) sum += v[o + e];
    const mean = sum / n;
    let ss = 0;
    for (let e = 0; e < n; e++) {
      const c = v[o + e] - mean;
      ss += c * c;
    }
    const inv = 1 / Math.sqrt(ss / n + NORM_EPS);
    s.inv[b] = inv;
    for (let p = 0; p < P; p++)
      for (let c = 0; c < C; c++) {
        const e = o + p * C + c;
        const xh = (v[e] - mean) * inv;
        s.xhat[e] = xh;
        u[e] = s.gamma[c] * xh + s.beta[c];
      }
  }
}

/**
 * From g = ∂L/∂u of the last training pass: ∂L/∂v into dv (may alias g), ∂L/∂γ and ∂L/∂β (per channel,
 * summed over batch and positions) into the state. Per group of n values: ∂L/∂v = (s/n)(n ĝ − Σĝ − x̂ Σĝx̂),
 * ĝ = g γ_c.
 */
export function convNormBackward(s: NormState, g: Arr, dv: Arr, rows: number, P: number, C: number): void {
  if (s.type === 'batch') {
    normBackward(s, g, dv, rows * P, C);
    return;
  }
  const { xhat, gamma } = s;
  const n = P * C;
  const all = rows * P;
  for (let c = 0; c < C; c++) {
    let sg = 0;
    let sgx = 0;
    for (let r = 0; r < all; r++) {
      const e = r * C + c;
      sg += g[e];
      sgx += g[e] * xhat[e];
    }
    s.gBeta[c] = sg;
    s.gGamma[c] = sgx;
  }
  for (let b = 0; b < rows; b++) {
    const o = b * n;
    let sum1 = 0;
    let sum2 = 0;
    for (let p = 0; p < P; p++)
      for (let c = 0; c < C; c++) {
        const e = o + p * C + c;
        const gh = g[e] * gamma[c];
        sum1 += gh;
        sum2 += gh * xhat[e];
      }
    const k = s.inv[b] / n;
    for (let p = 0; p < P; p++)
      for (let c = 0; c < C; c++) {
        const e = o + p * C + c;
        dv[e] = k * (n * g[e] * gamma[c] - sum1 - xhat[e] * sum2);
      }
  }
}
