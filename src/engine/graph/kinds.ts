// One entry per layer kind: what it adds to a network's size, beyond the plain MLP's Linear parameters and
// its h and φ' buffers (which every hidden layer has). The memory estimates walk the graph through this
// registry instead of knowing every kind, so a new kind is an entry here (plus its CPU and WGSL code) and
// the memory check counts it. Sizes are numbers of stored values.
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
    perSample: (s) => 2 * s.features, // its input kept apart from h, and x̂
    state: (s, batch) => (s.type === 'batch' ? 3 * s.features : batch),
  },
  residual: {
    extraParams: (s) => (s.alpha === 'rezero' ? 1 : 0) + bodySum(s.body, (op) => kindOf(op).extraParams(op)),
    // The stream x^ℓ and the branch's z beside a.
    perSample: (s) => {
      const width = bodySum(s.body, (op) => (op.kind === 'linear' ? op.out : 0));
      return 2 * width + bodySum(s.body, (op) => kindOf(op).perSample(op));
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
