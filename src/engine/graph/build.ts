// RunConfig → NetworkGraph, and the graph's parameter list. The only place that decides which layers a
// setting adds (docs/LAYERS.md).
import type { RunConfig } from '../config';
import { datasetShape, IMAGE_SIDE, imageChannels } from '../data/shape';
import type { HiddenLayer, LayerSpec, NetworkGraph, ParamTensor } from './types';

/** `arch` absent means the MLP (callers that only size MLPs, like the GPU memory estimate, leave it out). */
export type GraphConfig = Pick<
  RunConfig,
  'depth' | 'width' | 'act' | 'slope' | 'data' | 'in' | 'norm' | 'res' | 'rezero'
> &
  Partial<Pick<RunConfig, 'arch' | 'kernel' | 'pool'>>;

/** `imageSide`: the side of a conv network's input images (28; smaller only in gradient checks). */
export function buildGraph(config: GraphConfig, imageSide: number = IMAGE_SIDE): NetworkGraph {
  if (config.arch === 'conv') return buildConvGraph(config, imageSide);
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
    arch: 'mlp',
    image: null,
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

/**
 * arch=conv (docs/LAYERS.md#convolutional-networks): Conv2d in place of each Linear map, on maps that keep
 * their side; with `pool` = p > 0 a 2×2 average pool after every p-th layer's output while the side is ≥ 2.
 */
function buildConvGraph(config: GraphConfig, imageSide: number): NetworkGraph {
  const { classes } = datasetShape(config);
  const N = config.width;
  const k = config.kernel ?? 3;
  const pool = config.pool ?? 0;
  const channels = imageChannels(config);
  const norm = config.norm === 'none' ? null : config.norm;
  const residual = config.res === 1;
  const rezero = residual && config.rezero === 1;
  const act: LayerSpec = { kind: 'activation', act: config.act, slope: config.slope };
  const hidden: HiddenLayer[] = [];
  let side = imageSide;
  for (let l = 1; l <= config.depth; l++) {
    const normOp: LayerSpec[] = norm
      ? [{ kind: 'norm', type: norm, features: N, positions: side * side }]
      : [];
    const conv: LayerSpec = { kind: 'conv2d', in: l === 1 ? channels : N, out: N, kernel: k, side };
    const ops: LayerSpec[] =
      l === 1 || !residual
        ? [conv, ...normOp, act]
        : [{ kind: 'residual', body: [...normOp, act, conv], alpha: rezero ? 'rezero' : 'one' }];
    if (pool > 0 && l % pool === 0 && side >= 2) {
      ops.push({ kind: 'pool', channels: N, side });
      side = Math.floor(side / 2);
    }
    hidden.push({ layer: l, ops });
  }
  return {
    arch: 'conv',
    image: { channels, side: imageSide },
    inDim: channels * imageSide * imageSide,
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

type WeightOp = Extract<LayerSpec, { kind: 'linear' | 'conv2d' }>;

/** The Linear or Conv2d map of a hidden layer (a residual block's is in its body). */
export function weightOp(layer: HiddenLayer): WeightOp {
  for (const op of layer.ops) {
    if (op.kind === 'linear' || op.kind === 'conv2d') return op;
    if (op.kind === 'residual')
      for (const b of op.body) if (b.kind === 'linear' || b.kind === 'conv2d') return b;
  }
  throw new Error(`hidden layer ${layer.layer} has no Linear or Conv2d map`);
}

/** Number of weights of a Linear [out, in] or Conv2d [out, in, k, k] map. */
export function weightCount(op: WeightOp): number {
  return op.kind === 'linear' ? op.in * op.out : op.out * op.in * op.kernel * op.kernel;
}

/** The pool that follows a hidden layer, if any. */
export function poolOf(layer: HiddenLayer): Extract<LayerSpec, { kind: 'pool' }> | null {
  for (const op of layer.ops) if (op.kind === 'pool') return op;
  return null;
}

/** Every trained tensor, in the engines' and the optimizer's order (docs/LAYERS.md#parameters). */
export function paramTensors(g: NetworkGraph): ParamTensor[] {
  const L = g.hidden.length;
  const out: ParamTensor[] = [];
  // The MLP's sizes follow from its dims alone (the GPU layout lists them for a graph without ops); a
  // conv network's from each layer's Conv2d.
  const W =
    g.arch === 'conv'
      ? [...g.hidden.map((l) => weightCount(weightOp(l))), weightCount(g.head)]
      : graphDims(g)
          .slice(1)
          .map((d, i, a) => d * (i === 0 ? g.inDim : a[i - 1]));
  const b = g.arch === 'conv' ? [...g.hidden.map((l) => weightOp(l).out), g.head.out] : graphDims(g).slice(1);
  for (let i = 0; i <= L; i++) out.push({ name: 'W', layer: i + 1, size: W[i] });
  for (let i = 0; i <= L; i++) out.push({ name: 'b', layer: i + 1, size: b[i] });
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
