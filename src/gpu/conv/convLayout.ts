// Where a conv network (arch=conv, docs/LAYERS.md#convolutional-networks) lives in GPU memory: a NetLayout
// like the MLP's (same packed params in paramTensors order, same optimizer items, same stats block), so the
// trainer's buffers, optimizer, statistics finalize, readback and decoder serve both. What differs is kept
// here: per layer the maps' shapes, and every layer's slot of z, h, δ sized for the largest map (the first
// layers, at 28², before any pool), plus the pooled maps' offsets. Pure: unit-tested, and used to size a
// network before allocating.
import { type NetworkGraph, paramTensors, poolOf, weightOp } from '../../engine/graph';
import {
  align,
  layoutExtras,
  type NetLayout,
  OPT_ITEM,
  packParams,
  type ReductionStrategy,
  statsChunking,
} from '../netLayout';

export interface ConvLayer {
  Cin: number;
  Cout: number;
  k: number;
  /** Side of the layer's input and output maps (the convolution keeps it). */
  side: number;
  /** Side after the layer's pool (= side without one). */
  outSide: number;
  pooled: boolean;
}

export interface ConvLayout extends NetLayout {
  perLayer: NonNullable<NetLayout['perLayer']>;
  convs: ConvLayer[];
  /** Input images: channels × side × side per sample (NHWC once gathered). */
  image: { channels: number; side: number };
  /** Element offset of hidden layer i's pooled map in the pooled buffer (−1: no pool). */
  poolOff: number[];
  poolElems: number;
  /** Side of the map the head averages. */
  lastSide: number;
  /** Elements of a map-gradient scratch buffer: the largest B × side² × channels of any layer's input or output. */
  gradElems: number;
}

export function convLayout(graph: NetworkGraph, batch: number, strategy: ReductionStrategy): ConvLayout {
  const image = graph.image;
  if (graph.arch !== 'conv' || !image) throw new Error('convLayout: not a conv graph');
  const L = graph.hidden.length;
  const N = graph.width;
  const packed = packParams(paramTensors(graph), L, OPT_ITEM[strategy]);
  const convs: ConvLayer[] = graph.hidden.map((layer) => {
    const op = weightOp(layer);
    if (op.kind !== 'conv2d') throw new Error(`layer ${layer.layer} is not a convolution`);
    const pooled = poolOf(layer) !== null;
    return {
      Cin: op.in,
      Cout: op.out,
      k: op.kernel,
      side: op.side,
      outSide: pooled ? Math.floor(op.side / 2) : op.side,
      pooled,
    };
  });
  const units = convs.map((c) => c.side * c.side * c.Cout);
  const outUnits = convs.map((c) => c.outSide * c.outSide * c.Cout);
  const weights = convs.map((c) => c.Cout * c.Cin * c.k * c.k);
  const maxCount = batch * Math.max(...units);
  const actStride = align(maxCount);
  const poolOff: number[] = [];
  let poolElems = 0;
  convs.forEach((c, i) => {
    poolOff.push(c.pooled ? poolElems : -1);
    if (c.pooled) poolElems += align(batch * outUnits[i]);
  });
  const gradElems = align(batch * Math.max(...convs.map((c) => c.side * c.side * Math.max(c.Cin, c.Cout))));
  return {
    dims: [graph.inDim, ...convs.map(() => N), graph.classes],
    ext: layoutExtras(graph),
    gammaOff: packed.gammaOff,
    betaOff: packed.betaOff,
    alphaOff: packed.alphaOff,
    L,
    B: batch,
    C: graph.classes,
    wOff: packed.wOff,
    bOff: packed.bOff,
    paramElems: packed.paramElems,
    actStride,
    actElems: actStride * L,
    items: packed.items,
    itemCount: packed.itemCount,
    layerItems: packed.layerItems,
    ...statsChunking(maxCount, strategy),
    perLayer: { units, outUnits, weights },
    convs,
    image,
    poolOff,
    poolElems,
    lastSide: convs[L - 1].outSide,
    gradElems,
  };
}

export function isConvLayout(lay: NetLayout): lay is ConvLayout {
  return 'convs' in lay;
}
