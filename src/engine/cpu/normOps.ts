// BatchNorm and LayerNorm on the CPU, forward and backward, on row-major [rows, N] buffers
// (docs/LAYERS.md#normalizations). A "group" is what one mean and variance describe: a feature column
// over the batch (BatchNorm) or a sample's row of features (LayerNorm). Sums run in float64 and every
// stored value is rounded once, like the rest of the engine.
import type { NormType } from '../graph';
import type { Arr } from './gemm';

export const NORM_EPS = 1e-5;
/** PyTorch's BatchNorm momentum: r ← (1 − m)·r + m·batch value. */
export const BN_MOMENTUM = 0.1;

/** One normalization layer's trained parameters, gradients and state. */
export interface NormState {
  type: NormType;
  gamma: Arr;
  beta: Arr;
  gGamma: Arr;
  gBeta: Arr;
  /** BatchNorm running mean and variance (start 0 and 1); unused by LayerNorm. */
  runMean: Arr;
  runVar: Arr;
  /** x̂ of the last training pass [rows, N] and 1/√(σ² + ε) per group (backward needs both). */
  xhat: Arr;
  inv: Float64Array;
}

export function createNormState(type: NormType, N: number, rows: number, float64: boolean): NormState {
  const F = float64 ? Float64Array : Float32Array;
  return {
    type,
    gamma: new F(N).fill(1),
    beta: new F(N),
    gGamma: new F(N),
    gBeta: new F(N),
    runMean: new F(type === 'batch' ? N : 0),
    runVar: new F(type === 'batch' ? N : 0).fill(1),
    xhat: new F(rows * N),
    inv: new Float64Array(type === 'batch' ? N : rows),
  };
}

/** How a pass normalizes: with batch statistics (updating BatchNorm's running ones or not), or evaluating. */
export type NormMode = 'train' | 'batchStats' | 'eval';

/**
 * u = γ·(v − μ)/√(σ² + ε) + β from v [rows, N] into u (may not alias v). In 'eval', BatchNorm uses its
 * running statistics; in 'train' it also moves them toward this batch's (unbiased variance).
 */
export function normForward(s: NormState, v: Arr, u: Arr, rows: number, N: number, mode: NormMode): void {
  if (s.type === 'layer') {
    for (let r = 0; r < rows; r++) {
      const o = r * N;
      let sum = 0;
      for (let j = 0; j < N; j++) sum += v[o + j];
      const mean = sum / N;
      let ss = 0;
      for (let j = 0; j < N; j++) {
        const c = v[o + j] - mean;
        ss += c * c;
      }
      const inv = 1 / Math.sqrt(ss / N + NORM_EPS);
      s.inv[r] = inv;
      for (let j = 0; j < N; j++) {
        const xh = (v[o + j] - mean) * inv;
        s.xhat[o + j] = xh;
        u[o + j] = s.gamma[j] * xh + s.beta[j];
      }
    }
    return;
  }
  if (mode === 'eval') {
    for (let j = 0; j < N; j++) {
      const mean = s.runMean[j];
      const inv = 1 / Math.sqrt(s.runVar[j] + NORM_EPS);
      for (let r = 0; r < rows; r++) u[r * N + j] = s.gamma[j] * ((v[r * N + j] - mean) * inv) + s.beta[j];
    }
    return;
  }
  for (let j = 0; j < N; j++) {
    let sum = 0;
    for (let r = 0; r < rows; r++) sum += v[r * N + j];
    const mean = sum / rows;
    let ss = 0;
    for (let r = 0; r < rows; r++) {
      const c = v[r * N + j] - mean;
      ss += c * c;
    }
    const variance = ss / rows;
    const inv = 1 / Math.sqrt(variance + NORM_EPS);
    s.inv[j] = inv;
    for (let r = 0; r < rows; r++) {
      const e = r * N + j;
      const xh = (v[e] - mean) * inv;
      s.xhat[e] = xh;
      u[e] = s.gamma[j] * xh + s.beta[j];
    }
    if (mode === 'train') {
      s.runMean[j] = (1 - BN_MOMENTUM) * s.runMean[j] + BN_MOMENTUM * mean;
      s.runVar[j] = (1 - BN_MOMENTUM) * s.runVar[j] + BN_MOMENTUM * (ss / (rows - 1));
    }
  }
}

/**
 * From g = ∂L/∂u (rows × N) of the last training pass: ∂L/∂v into dv (may alias g), ∂L/∂γ and ∂L/∂β into
 * the state. ∂L/∂v = (s/n)·(n ĝ − Σĝ − x̂ Σ ĝ x̂) per group, ĝ = g γ (docs/LAYERS.md#normalizations).
 */
export function normBackward(s: NormState, g: Arr, dv: Arr, rows: number, N: number): void {
  const { xhat, gamma } = s;
  for (let j = 0; j < N; j++) {
    let sg = 0;
    let sgx = 0;
    for (let r = 0; r < rows; r++) {
      const e = r * N + j;
      sg += g[e];
      sgx += g[e] * xhat[e];
    }
    s.gBeta[j] = sg;
    s.gGamma[j] = sgx;
  }
  if (s.type === 'batch') {
    for (let j = 0; j < N; j++) {
      // Σĝ = γ Σg and Σĝx̂ = γ Σgx̂: the per-feature sums just stored.
      const sum1 = gamma[j] * s.gBeta[j];
      const sum2 = gamma[j] * s.gGamma[j];
      const k = s.inv[j] / rows;
      for (let r = 0; r < rows; r++) {
        const e = r * N + j;
        dv[e] = k * (rows * g[e] * gamma[j] - sum1 - xhat[e] * sum2);
      }
    }
    return;
  }
  for (let r = 0; r < rows; r++) {
    const o = r * N;
    let sum1 = 0;
    let sum2 = 0;
    for (let j = 0; j < N; j++) {
      const gh = g[o + j] * gamma[j];
      sum1 += gh;
      sum2 += gh * xhat[o + j];
    }
    const k = s.inv[r] / N;
    for (let j = 0; j < N; j++) dv[o + j] = k * (N * g[o + j] * gamma[j] - sum1 - xhat[o + j] * sum2);
  }
}
