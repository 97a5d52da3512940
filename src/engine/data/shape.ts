// Input dimension, class count and split sizes of each dataset, known from the config alone, so memory
// estimates and network dims never need the data itself.
import type { DatasetName, RunConfig } from '../config';
import { requireLocalDataset } from './local';

export interface DatasetShape {
  inDim: number;
  classes: number;
  nTrain: number;
  nTest: number;
}

/** Sizes of the generated 2-D sets. */
export const TWO_D_SIZES = { nTrain: 1000, nTest: 500 } as const;
/** Fashion-MNIST subset shipped in public/data (see scripts/convert-fashion.mjs). */
export const FASHION_SHAPE = { inDim: 784, classes: 10, nTrain: 12000, nTest: 2000 } as const;
export const PROBE_CLASSES = 10;

const TWO_D_CLASSES: Record<Exclude<DatasetName, 'probe' | 'fashion' | 'local'>, number> = {
  spiral: 3,
  circles: 2,
  xor: 2,
  gaussians: 4,
  moons: 2,
};

/** Probe input dimension: `in`, or the width when `in` is 0. */
export function probeInDim(config: Pick<RunConfig, 'in' | 'width'>): number {
  return config.in > 0 ? config.in : config.width;
}

/**
 * Probe sizes: 4,096 train / 1,024 test rows, fewer for very wide inputs so generation stays well under
 * a second (at most 2^22 training entries; never fewer than 512 rows).
 */
export function probeSizes(inDim: number): { nTrain: number; nTest: number } {
  const nTrain = Math.max(512, Math.min(4096, Math.floor(2 ** 22 / inDim)));
  return { nTrain, nTest: Math.floor(nTrain / 4) };
}

export function datasetShape(config: Pick<RunConfig, 'data' | 'in' | 'width'>): DatasetShape {
  if (config.data === 'fashion') return { ...FASHION_SHAPE };
  if (config.data === 'local') {
    const d = requireLocalDataset();
    return { inDim: d.inDim, classes: d.classes, nTrain: d.train.n, nTest: d.test.n };
  }
  if (config.data === 'probe') {
    const inDim = probeInDim(config);
    return { inDim, classes: PROBE_CLASSES, ...probeSizes(inDim) };
  }
  return { inDim: 2, classes: TWO_D_CLASSES[config.data], ...TWO_D_SIZES };
}
