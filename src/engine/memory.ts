// Network sizes and the CPU engine's memory budget, known from the config alone, so an oversized network
// is refused with the figures before anything is allocated (a failed 9 GB allocation would kill the tab).
import type { RunConfig } from './config';
import { datasetShape } from './data/shape';
import { buildGraph } from './graph/build';
import { graphExtras } from './graph/kinds';

/** The most the CPU engine may allocate (bytes). Browsers cap a tab's heap at a few GB; stay well below. */
export const CPU_MEMORY_LIMIT_BYTES = 1.5e9;

type SizeConfig = Pick<RunConfig, 'depth' | 'width' | 'batch' | 'opt' | 'data' | 'in'> &
  Partial<Pick<RunConfig, 'norm' | 'res' | 'rezero'>>;

/** [inDim, width × depth, classes]: the sizes of every layer, input first. */
export function networkDims(config: Pick<RunConfig, 'depth' | 'width' | 'data' | 'in'>): number[] {
  const { inDim, classes } = datasetShape(config);
  return [inDim, ...new Array<number>(config.depth).fill(config.width), classes];
}

/** γ, β, α and the extra activation buffers of normalization and residual layers (graph/kinds.ts). */
function layerExtras(config: SizeConfig): { params: number; values: number } {
  const graph = buildGraph({ act: 'relu', slope: 0, norm: 'none', res: 0, rezero: 0, ...config });
  return graphExtras(graph, config.batch);
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
  const datasetBytes = (shape.nTrain + shape.nTest) * (4 * shape.inDim + 4);
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
    const params = paramCount(networkDims(config)) + layerExtras(config).params;
    throw new Error(
      `This network (${params.toLocaleString('en-US')} parameters, batch ${config.batch}) needs ` +
        `${formatBytes(need)} of memory; the CPU engine allows ${formatBytes(CPU_MEMORY_LIMIT_BYTES)}. ` +
        'Reduce depth, width or batch.',
    );
  }
}
