// h = φ(z) in place and d = φ'(z) beside it, one specialized loop per activation (a per-element closure
// call would dominate the cheap ones). The formulas are exactly those of ../activations.ts (the test
// checks equality), computed in float64 and rounded once when stored. φ' is kept because backward needs
// it and the saturation statistic reads it, and for tanh/sigmoid/gelu it costs nothing extra here.
import { ACT_CONSTANTS } from '../activations';
import type { Activation } from '../config';
import type { Arr } from './gemm';

const { SELU_LAMBDA, SELU_ALPHA, GELU_C, GELU_K } = ACT_CONSTANTS;
const SELU_LA = SELU_LAMBDA * SELU_ALPHA;

function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * On entry zh[0..count) holds z; on exit it holds h = φ(z) and d holds φ'(z). Writes Σz and Σh into
 * sums[0], sums[1] (float64): a sum is finite exactly when every float32 term is, which is how the
 * trainer spots the first non-finite value without another pass.
 */
export function activateInPlace(
  act: Activation,
  slope: number,
  zh: Arr,
  d: Arr,
  count: number,
  sums: Float64Array,
): void {
  let sz = 0;
  let sh = 0;
  switch (act) {
    case 'relu':
      for (let i = 0; i < count; i++) {
        const z = zh[i];
        sz += z;
        if (z > 0) {
          sh += z;
          d[i] = 1;
        } else {
          zh[i] = 0;
          d[i] = 0;
        }
      }
      break;
    case 'leaky_relu':
      for (let i = 0; i < count; i++) {
        const z = zh[i];
        sz += z;
        if (z > 0) {
          sh += z;
          d[i] = 1;
        } else {
          const h = slope * z;
          zh[i] = h;
          sh += h;
          d[i] = slope;
        }
      }
      break;
    case 'tanh':
      for (let i = 0; i < count; i++) {
        const z = zh[i];
        const t = Math.tanh(z);
        sz += z;
        sh += t;
        zh[i] = t;
        d[i] = 1 - t * t;
      }
      break;
    case 'sigmoid':
      for (let i = 0; i < count; i++) {
        const z = zh[i];
        const s = sigmoid(z);
        sz += z;
        sh += s;
        zh[i] = s;
        d[i] = s * (1 - s);
      }
      break;
    case 'silu':
      for (let i = 0; i < count; i++) {
        const z = zh[i];
        const s = sigmoid(z);
        const h = z * s;
        sz += z;
        sh += h;
        zh[i] = h;
        d[i] = s * (1 + z * (1 - s));
      }
      break;
    case 'gelu':
      for (let i = 0; i < count; i++) {
        const z = zh[i];
        const t = Math.tanh(GELU_C * (z + GELU_K * z * z * z));
        const h = 0.5 * z * (1 + t);
        sz += z;
        sh += h;
        zh[i] = h;
        d[i] = 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * GELU_C * (1 + 3 * GELU_K * z * z);
      }
      break;
    case 'selu':
      for (let i = 0; i < count; i++) {
        const z = zh[i];
        sz += z;
        if (z > 0) {
          // λz can overflow float32 where z did not: sum the stored value.
          zh[i] = SELU_LAMBDA * z;
          sh += zh[i];
          d[i] = SELU_LAMBDA;
        } else {
          const e = Math.exp(z);
          const h = SELU_LA * (e - 1);
          sh += h;
          zh[i] = h;
          d[i] = SELU_LA * e;
        }
      }
      break;
    case 'linear':
      for (let i = 0; i < count; i++) {
        const z = zh[i];
        sz += z;
        sh += z;
        d[i] = 1;
      }
      break;
  }
  sums[0] = sz;
  sums[1] = sh;
}
