// Datasets: deterministic from the seed (Philox `data` stream), each with a held-out test split, inputs
// standardized with the training split's statistics (the probe is already N(0, 1) and is left as drawn).
import type { RunConfig } from '../config';
import { loadFashion } from './fashion';
import { requireLocalDataset } from './local';
import { DATA_SLOT, dataUniform, fillDataNormals } from './random';
import { PROBE_CLASSES, TWO_D_SIZES, datasetShape } from './shape';
import { applyStandardization, featureStats, meanSquare } from './standardize';
import { generateTwoD, twoDClasses, type TwoDName } from './twoD';
import type { Dataset, LoadDatasetOptions, Split } from './types';

export type { Dataset, FetchBytes, LoadDatasetOptions, Split } from './types';
export { batchIndices, epochPermutation } from './batches';
export { datasetShape, type DatasetShape } from './shape';
export { FASHION_PATH } from './fashion';
export { fetchReader } from './fetchReader';
export { localDataset, NO_LOCAL_DATA, setLocalDataset } from './local';

export type DatasetConfig = Pick<RunConfig, 'data' | 'seed' | 'noise' | 'in' | 'width'>;

export async function loadDataset(config: DatasetConfig, opts: LoadDatasetOptions = {}): Promise<Dataset> {
  if (config.data === 'fashion') {
    if (!opts.fetchBytes)
      throw new Error('The fashion dataset needs a file reader (loadDataset options.fetchBytes)');
    return loadFashion(opts.fetchBytes, opts.onProgress);
  }
  if (config.data === 'probe') return makeProbe(config);
  if (config.data === 'local') return requireLocalDataset();
  return makeTwoD(config.data, config.seed, config.noise);
}

function makeTwoD(name: TwoDName, seed: number, noise: number): Dataset {
  const tr = generateTwoD(name, seed, noise, TWO_D_SIZES.nTrain, DATA_SLOT.twoDTrain);
  const te = generateTwoD(name, seed, noise, TWO_D_SIZES.nTest, DATA_SLOT.twoDTest);
  const norm = featureStats(tr.x, TWO_D_SIZES.nTrain, 2);
  applyStandardization(tr.x, 2, norm);
  applyStandardization(te.x, 2, norm);
  return {
    name,
    inDim: 2,
    classes: twoDClasses(name),
    train: { ...tr, n: TWO_D_SIZES.nTrain },
    test: { ...te, n: TWO_D_SIZES.nTest },
    norm,
    inputMeanSq: meanSquare(tr.x),
  };
}

function makeProbe(config: DatasetConfig): Dataset {
  const { inDim, nTrain, nTest } = datasetShape(config);
  const split = (n: number, xSlot: number, ySlot: number): Split => {
    const x = new Float32Array(n * inDim);
    fillDataNormals(x, config.seed, xSlot);
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) y[i] = Math.floor(dataUniform(config.seed, i, ySlot) * PROBE_CLASSES);
    return { x, y, n };
  };
  const train = split(nTrain, DATA_SLOT.probeXTrain, DATA_SLOT.probeYTrain);
  return {
    name: 'probe',
    inDim,
    classes: PROBE_CLASSES,
    train,
    test: split(nTest, DATA_SLOT.probeXTest, DATA_SLOT.probeYTest),
    norm: { mean: new Array(inDim).fill(0), std: new Array(inDim).fill(1) },
    inputMeanSq: meanSquare(train.x),
  };
}
