// The input–output Jacobian of the hidden stack, J = ∂h^L/∂h^0 = D_L W_L ⋯ D_1 W_1 with D_ℓ = diag φ′(z^ℓ),
// at one input h^0 = x, for a plain MLP's weights (W row-major [out, in] as the trainers store them; the
// output layer is not part of it). Formed in float64 from the float32 weights, forward, one layer at a time:
// J_ℓ = D_ℓ W_ℓ J_{ℓ−1}, so the cost is Σ N_ℓ N_{ℓ−1} N_0 multiply-adds.
import { activationFns } from '../activations';
import type { Activation } from '../config';

export interface LayerWeights {
  W: ArrayLike<number>;
  b: ArrayLike<number>;
}

export interface Jacobian {
  /** [rows = N_L, cols = N_0] row-major. */
  J: Float64Array;
  rows: number;
  cols: number;
}

/** dims = [N_0, N_1, …, N_L] of the hidden stack; layers[ℓ] maps N_ℓ → N_{ℓ+1}. */
export function inputJacobian(
  layers: readonly LayerWeights[],
  dims: readonly number[],
  act: Activation,
  slope: number,
  x: ArrayLike<number>,
): Jacobian {
  const depth = dims.length - 1;
  if (depth < 1 || layers.length < depth)
    throw new RangeError(`inputJacobian: ${layers.length} layers for ${depth} hidden layers`);
  if (x.length !== dims[0])
    throw new RangeError(`inputJacobian: input has ${x.length} values, expected ${dims[0]}`);
  const { f, df } = activationFns(act, slope);
  const n0 = dims[0];
  // J_0 = I, h^0 = x.
  let J = new Float64Array(n0 * n0);
  for (let i = 0; i < n0; i++) J[i * n0 + i] = 1;
  let h = Float64Array.from(x);
  for (let l = 0; l < depth; l++) {
    const nIn = dims[l];
    const nOut = dims[l + 1];
    const { W, b } = layers[l];
    if (W.length !== nIn * nOut || b.length !== nOut)
      throw new RangeError(`inputJacobian: layer ${l + 1} is not ${nOut}×${nIn}`);
    const next = new Float64Array(nOut * n0);
    const hNext = new Float64Array(nOut);
    for (let o = 0; o < nOut; o++) {
      let z = b[o];
      const row = o * nIn;
      for (let i = 0; i < nIn; i++) z += W[row + i] * h[i];
      // ReLU would turn a NaN into 0 with slope 0, hiding it: a non-finite signal has no Jacobian.
      if (!Number.isFinite(z))
        throw new RangeError(
          `inputJacobian: a pre-activation of layer ${l + 1} is not finite (overflowed weights or signal)`,
        );
      hNext[o] = f(z);
      const d = df(z);
      if (d === 0) continue; // a dead ReLU unit: its row of J is zero
      const out = o * n0;
      for (let i = 0; i < nIn; i++) {
        const w = d * W[row + i];
        if (w === 0) continue;
        const src = i * n0;
        for (let k = 0; k < n0; k++) next[out + k] += w * J[src + k];
      }
    }
    J = next;
    h = hNext;
  }
  return { J, rows: dims[depth], cols: n0 };
}
