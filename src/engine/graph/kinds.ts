// One entry per layer kind: what it adds to a network's size, beyond the plain MLP's Linear parameters and
// its h and φ' buffers (which every hidden layer has). The memory estimates walk the graph through this
// registry instead of knowing every kind, so a new kind is an entry here (plus its CPU and WGSL code) and
// the memory check counts it. Sizes are numbers of stored values. A conv network's hidden layers have no
// MLP-sized h and φ' (its maps are H×W times larger), so there conv2d counts its own z, φ's output and φ'.
import type { LayerKind, LayerSpec, NetworkGraph } from './types';

export interface LayerKindInfo<S extends LayerSpec = LayerSpec> {
  /** Trained values beyond W and b (each also gets a gradient and the optimizer's state). */
  extraParams(spec: S): number;
  /** Values kept per sample between forward and backward, beyond h and φ'. */
  perSample(spec: S): number;
  /** Other state of the layer, per network (BatchNorm's running statistics, each group's 1/σ). */
  state(spec: S, batch: number): number;
}

type Registry = { readonly [K in LayerKind]: LayerKindInfo<Extract<LayerSpec, { kind: K }>> };

function bodySum(body: readonly LayerSpec[], f: (op: LayerSpec) => number): number {
  return body.reduce((s, op) => s + f(op), 0);
}

export const LAYER_KINDS: Registry = {
  linear: { extraParams: () => 0, perSample: () => 0, state: () => 0 },
  activation: { extraParams: () => 0, perSample: () => 0, state: () => 0 },
  norm: {
    extraParams: (s) => 2 * s.features, // γ, β
    // MLP: its input kept apart from h, and x̂. Conv: x̂ (the conv's z is already kept apart).
    perSample: (s) => (s.positions === undefined ? 2 * s.features : s.features * s.positions),
    // BatchNorm: running mean, variance and 1/σ per feature; LayerNorm/GroupNorm: 1/σ per sample.
    state: (s, batch) => (s.type === 'batch' ? 3 * s.features : batch),
  },
  conv2d: {
    extraParams: () => 0,
    perSample: (s) => 3 * s.out * s.side * s.side, // z, φ's output, φ'
    state: () => 0,
  },
  pool: {
    extraParams: () => 0,
    perSample: (s) => s.channels * Math.floor(s.side / 2) ** 2, // the pooled map
    state: () => 0,
  },
  residual: {
    extraParams: (s) => (s.alpha === 'rezero' ? 1 : 0) + bodySum(s.body, (op) => kindOf(op).extraParams(op)),
    // The stream x^ℓ, and for the MLP the branch's z beside a (a conv's z is counted by conv2d).
    perSample: (s) => {
      const stream = bodySum(s.body, (op) =>
        op.kind === 'linear' ? 2 * op.out : op.kind === 'conv2d' ? op.out * op.side * op.side : 0,
      );
      return stream + bodySum(s.body, (op) => kindOf(op).perSample(op));
    },
    state: (s, batch) => bodySum(s.body, (op) => kindOf(op).state(op, batch)),
  },
};

function kindOf(op: LayerSpec): LayerKindInfo {
  return LAYER_KINDS[op.kind] as LayerKindInfo;
}

/** Totals over every hidden layer of a graph. */
export function graphExtras(g: NetworkGraph, batch: number): { params: number; values: number } {
  let params = 0;
  let values = 0;
  for (const layer of g.hidden)
    for (const op of layer.ops) {
      const k = kindOf(op);
      params += k.extraParams(op);
      values += batch * k.perSample(op) + k.state(op, batch);
    }
  return { params, values };
}
