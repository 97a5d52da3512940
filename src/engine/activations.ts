// Activations φ and their derivatives φ', shared by the CPU trainer, the theory and (as constants) the
// WGSL kernels. GELU is the tanh approximation (PyTorch GELU(approximate='tanh')), because WGSL has no erf
// and the CPU reference must compute exactly what the GPU computes.
import { ACTIVATIONS, type Activation } from './config';

export interface ActivationFns {
  f(x: number): number;
  df(x: number): number;
}

const SELU_LAMBDA = 1.0507009873554805;
const SELU_ALPHA = 1.6732632423543772;
const GELU_C = Math.sqrt(2 / Math.PI);
const GELU_K = 0.044715;

function sigmoid(x: number): number {
  // Two branches so that exp never overflows to inf for large |x|.
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

export function activationFns(act: Activation, slope = 0.01): ActivationFns {
  switch (act) {
    case 'relu':
      return { f: (x) => (x > 0 ? x : 0), df: (x) => (x > 0 ? 1 : 0) };
    case 'leaky_relu':
      return { f: (x) => (x > 0 ? x : slope * x), df: (x) => (x > 0 ? 1 : slope) };
    case 'tanh':
      return {
        f: Math.tanh,
        df: (x) => {
          const t = Math.tanh(x);
          return 1 - t * t;
        },
      };
    case 'sigmoid':
      return {
        f: sigmoid,
        df: (x) => {
          const s = sigmoid(x);
          return s * (1 - s);
        },
      };
    case 'silu':
      return {
        f: (x) => x * sigmoid(x),
        df: (x) => {
          const s = sigmoid(x);
          return s * (1 + x * (1 - s));
        },
      };
    case 'gelu':
      return {
        f: (x) => 0.5 * x * (1 + Math.tanh(GELU_C * (x + GELU_K * x * x * x))),
        df: (x) => {
          const t = Math.tanh(GELU_C * (x + GELU_K * x * x * x));
          return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_C * (1 + 3 * GELU_K * x * x);
        },
      };
    case 'selu':
      return {
        f: (x) => (x > 0 ? SELU_LAMBDA * x : SELU_LAMBDA * SELU_ALPHA * (Math.exp(x) - 1)),
        df: (x) => (x > 0 ? SELU_LAMBDA : SELU_LAMBDA * SELU_ALPHA * Math.exp(x)),
      };
    case 'linear':
      return { f: (x) => x, df: () => 1 };
  }
}

/** Constants the WGSL kernels need, so both engines use identical numbers. */
export const ACT_CONSTANTS = { SELU_LAMBDA, SELU_ALPHA, GELU_C, GELU_K } as const;

/**
 * Id of each activation in the WGSL switch: its position in the ACTIVATIONS registry. The kernels get one
 * named constant per activation (wgslActivationIds), so adding an activation is a registry entry plus its
 * case in src/shaders/activation.wgsl and in activationFns.
 */
export const ACT_ID = Object.freeze(
  Object.fromEntries(ACTIVATIONS.map((a, i) => [a, i])) as Record<Activation, number>,
);

/** The WGSL constant naming an activation's id: relu → ACT_RELU, leaky_relu → ACT_LEAKY_RELU. */
export function wgslActivationConst(act: Activation): string {
  return `ACT_${act.toUpperCase()}`;
}

const maxDerivCache = new Map<string, number>();

/**
 * max over x of |φ'(x)|, used by the saturation statistic (|φ'(z)| < 0.05 · max|φ'|). Found by a dense scan
 * then golden-section refinement; it is a property of φ alone (relu 1, sigmoid 1/4, selu λα ≈ 1.758, …).
 */
export function maxAbsDerivative(act: Activation, slope = 0.01): number {
  const key = `${act}:${slope}`;
  const hit = maxDerivCache.get(key);
  if (hit !== undefined) return hit;
  const { df } = activationFns(act, slope);
  let best = 0;
  let bestX = 0;
  for (let x = -12; x <= 12; x += 1e-3) {
    const v = Math.abs(df(x));
    if (v > best) {
      best = v;
      bestX = x;
    }
  }
  // Refine around the best grid point (the maximum may sit between grid points for silu/gelu).
  let lo = bestX - 1e-3;
  let hi = bestX + 1e-3;
  for (let i = 0; i < 60; i++) {
    const m1 = lo + (hi - lo) / 3;
    const m2 = hi - (hi - lo) / 3;
    if (Math.abs(df(m1)) < Math.abs(df(m2))) lo = m1;
    else hi = m2;
  }
  best = Math.max(best, Math.abs(df((lo + hi) / 2)));
  maxDerivCache.set(key, best);
  return best;
}
