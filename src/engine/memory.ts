// Network sizes and the CPU engine's memory budget, known from the config alone, so an oversized network
// is refused with the figures before anything is allocated (a failed 9 GB allocation would kill the tab).
import type { RunConfig } from './config';
import { datasetShape } from './data/shape';
import { buildGraph, paramTensors } from './graph/build';
import { graphExtras } from './graph/kinds';
import type { NetworkGraph } from './graph/types';

/** The most the CPU engine may allocate (bytes). Browsers cap a tab's heap at a few GB; stay well below. */
export const CPU_MEMORY_LIMIT_BYTES = 1.5e9;

type SizeConfig = Pick<RunConfig, 'depth' | 'width' | 'batch' | 'opt' | 'data' | 'in'> &
  Partial<Pick<RunConfig, 'norm' | 'res' | 'rezero' | 'arch' | 'kernel' | 'pool'>>;

/** [inDim, width × depth, classes]: the sizes of every layer, input first (a conv network's: channels). */
export function networkDims(
  config: Pick<RunConfig, 'depth' | 'width' | 'data' | 'in'> & Partial<Pick<RunConfig, 'arch'>>,
): number[] {
  const { inDim, classes } = datasetShape(config);
  return [inDim, ...new Array<number>(config.depth).fill(config.width), classes];
}

/** γ, β, α and the extra activation buffers of normalization and residual layers (graph/kinds.ts). */
function sizeGraph(config: SizeConfig): NetworkGraph {
  const defaults = {
    act: 'relu',
    slope: 0,
    norm: 'none',
    res: 0,
    rezero: 0,
    arch: 'mlp',
    kernel: 3,
    pool: 0,
  } as const;
  return buildGraph({ ...defaults, ...config });
}

function layerExtras(config: SizeConfig): { params: number; values: number } {
  return graphExtras(sizeGraph(config), config.batch);
}

/** Every trained value: W and b of every map, γ, β and α (graph/build.ts paramTensors). */
function graphParamCount(g: NetworkGraph): number {
  return paramTensors(g).reduce((s, t) => s + t.size, 0);
}

/**
 * What the conv engine (cpu/conv/convNet.ts) allocates: parameters, gradients and optimizer state; every
 * layer's maps for the batch (graph/kinds.ts: z, φ's output, φ', x̂, pooled maps, the stream); three
 * map-sized gradient buffers; one sample's patch matrix and a weight-sized product; the products' scratch
 * (the WebAssembly GEMM packs its operands as float64: about two patch matrices and two maps); the head's
 * buffers; the input batch. Feature maps dominate: 28² positions per channel and sample.
 */
function convValues(g: NetworkGraph, config: SizeConfig): number {
  const B = config.batch;
  let maxMap = 0;
  let maxPatch = 0;
  let maxW = g.width * g.classes;
  for (const layer of g.hidden)
    for (const op of [...layer.ops, ...layer.ops.flatMap((o) => (o.kind === 'residual' ? o.body : []))])
      if (op.kind === 'conv2d') {
        const P = op.side * op.side;
        maxMap = Math.max(maxMap, P * Math.max(op.in, op.out));
        maxPatch = Math.max(maxPatch, P * op.in * op.kernel ** 2);
        maxW = Math.max(maxW, op.out * op.in * op.kernel ** 2);
      }
  return (
    graphParamCount(g) * (2 + optimizerSlots(config.opt)) +
    graphExtras(g, B).values +
    3 * B * maxMap +
    3 * maxPatch +
    2 * maxMap +
    maxW +
    2 * B * g.width +
    2 * B * g.classes +
    B * g.inDim
  );
}

/** Weights plus biases of all Linear layers. */
export function paramCount(dims: readonly number[]): number {
  let n = 0;
  for (let i = 0; i + 1 < dims.length; i++) n += dims[i] * dims[i + 1] + dims[i + 1];
  return n;
}

/** Optimizer state per parameter: none for SGD, the velocity for momentum, two moments for Adam. */
export function optimizerSlots(opt: RunConfig['opt']): number {
  return opt === 'sgd' ? 0 : opt === 'momentum' ? 1 : 2;
}

/**
 * What the CPU trainer allocates (cpu/buffers.ts mirrors this): parameters, gradients and optimizer state;
 * per hidden layer h and φ'(z) for the batch; two δ buffers and the transposes; the logits; plus the
 * dataset (float32 whatever the mode). float64 mode doubles the network part.
 */
export function estimateCpuBytes(config: SizeConfig, opts: { float64?: boolean } = {}): number {
  const dims = networkDims(config);
  const shape = datasetShape(config);
  const bytesPer = opts.float64 ? 8 : 4;
  const datasetBytes = (shape.nTrain + shape.nTest) * (4 * shape.inDim + 4);
  const graph = sizeGraph(config);
  if (graph.arch === 'conv') return convValues(graph, config) * bytesPer + datasetBytes;
  const B = config.batch;
  const maxDim = Math.max(...dims);
  const maxW = Math.max(...dims.slice(1).map((d, i) => d * dims[i]));
  const extras = layerExtras(config);
  const values =
    (paramCount(dims) + extras.params) * (2 + optimizerSlots(config.opt)) +
    extras.values +
    2 * B * config.width * config.depth +
    4 * B * maxDim + // two δ buffers, δᵀ, input ᵀ
    maxW + // Wᵀ
    B * shape.inDim +
    2 * B * shape.classes;
  return values * bytesPer + datasetBytes;
}

/** "9.1 GB", "350 MB", "12 kB" (decimal units). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(0)} MB`;
  return `${Math.max(1, Math.round(bytes / 1e3))} kB`;
}

/** Throws a plain-English Error with the figures when the CPU engine cannot hold this network. */
export function assertCpuFits(config: SizeConfig, opts: { float64?: boolean } = {}): void {
  const need = estimateCpuBytes(config, opts);
  if (need > CPU_MEMORY_LIMIT_BYTES) {
    const params = graphParamCount(sizeGraph(config));
    throw new Error(
      `This network (${params.toLocaleString('en-US')} parameters, batch ${config.batch}) needs ` +
        `${formatBytes(need)} of memory; the CPU engine allows ${formatBytes(CPU_MEMORY_LIMIT_BYTES)}. ` +
        'Reduce depth, width or batch.',
    );
  }
}
