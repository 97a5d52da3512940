// RunConfig → NetworkGraph, and the graph's parameter list. The only place that decides which layers a
// setting adds (docs/LAYERS.md).
import type { RunConfig } from '../config';
import { datasetShape } from '../data/shape';
import type { HiddenLayer, LayerSpec, NetworkGraph, ParamTensor } from './types';

type GraphConfig = Pick<
  RunConfig,
  'depth' | 'width' | 'act' | 'slope' | 'data' | 'in' | 'norm' | 'res' | 'rezero'
>;

export function buildGraph(config: GraphConfig): NetworkGraph {
  const { inDim, classes } = datasetShape(config);
  const N = config.width;
  const norm = config.norm === 'none' ? null : config.norm;
  const residual = config.res === 1;
  const rezero = residual && config.rezero === 1;
  const act: LayerSpec = { kind: 'activation', act: config.act, slope: config.slope };
  const normOp: LayerSpec[] = norm ? [{ kind: 'norm', type: norm, features: N }] : [];
  const hidden: HiddenLayer[] = [];
  for (let l = 1; l <= config.depth; l++) {
    if (l === 1 || !residual) {
      hidden.push({ layer: l, ops: [{ kind: 'linear', in: l === 1 ? inDim : N, out: N }, ...normOp, act] });
    } else {
      const body: LayerSpec[] = [...normOp, act, { kind: 'linear', in: N, out: N }];
      hidden.push({ layer: l, ops: [{ kind: 'residual', body, alpha: rezero ? 'rezero' : 'one' }] });
    }
  }
  return {
    inDim,
    classes,
    width: N,
    hidden,
    head: { kind: 'linear', in: N, out: classes },
    norm,
    residual,
    rezero,
  };
}

/** [inDim, width × depth, classes]: the Linear layers' sizes, input first (the plain MLP's `dims`). */
export function graphDims(g: NetworkGraph): number[] {
  return [g.inDim, ...g.hidden.map(() => g.width), g.classes];
}

/** Every trained tensor, in the engines' and the optimizer's order (docs/LAYERS.md#parameters). */
export function paramTensors(g: NetworkGraph): ParamTensor[] {
  const dims = graphDims(g);
  const L = g.hidden.length;
  const out: ParamTensor[] = [];
  for (let i = 0; i <= L; i++) out.push({ name: 'W', layer: i + 1, size: dims[i] * dims[i + 1] });
  for (let i = 0; i <= L; i++) out.push({ name: 'b', layer: i + 1, size: dims[i + 1] });
  if (g.norm) {
    for (let l = 1; l <= L; l++) out.push({ name: 'gamma', layer: l, size: g.width, constant: 1 });
    for (let l = 1; l <= L; l++) out.push({ name: 'beta', layer: l, size: g.width, constant: 0 });
  }
  if (g.rezero) for (let l = 2; l <= L; l++) out.push({ name: 'alpha', layer: l, size: 1, constant: 0 });
  return out;
}

/** Whether hidden layer ℓ (1-based) is a residual block. */
export function isResidualLayer(g: NetworkGraph, layer: number): boolean {
  return g.residual && layer >= 2;
}
