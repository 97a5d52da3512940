// The input–output Jacobian's singular values for a network's current weights, with the mean-field
// prediction of their mean square (the CLI's `spectrum` command, the page's spectrum panel).
import type { RunConfig } from '../config';
import type { Dataset } from '../data';
import { networkDims } from '../memory';
import { inputJacobian, type LayerWeights } from './jacobian';
import { singularValues } from './svd';
import { type SpectrumTheory, spectrumTheory } from './theory';

export { inputJacobian, type Jacobian, type LayerWeights } from './jacobian';
export { singularValues } from './svd';
export { type SpectrumTheory, spectrumTheory } from './theory';

export interface SpectrumResult {
  /** Descending; min(N_0, N_L) of them. */
  singularValues: number[];
  /** Measured mean of σᵢ². */
  meanSquared: number;
  theory: SpectrumTheory;
  /** J's shape: rows = width N_L, cols = input dimension N_0. */
  rows: number;
  cols: number;
}

/** Multiply-adds the exact spectrum may take (forming J plus ~10 Jacobi sweeps): a few seconds on a CPU. */
export const SPECTRUM_MAX_WORK = 2e9;

function work(config: RunConfig): number {
  const dims = networkDims(config).slice(0, -1);
  const n0 = dims[0];
  let w = 0;
  for (let l = 1; l < dims.length; l++) w += dims[l] * dims[l - 1] * n0;
  const nL = dims[dims.length - 1];
  return w + 10 * Math.min(n0, nL) ** 2 * Math.max(n0, nL);
}

/**
 * The live spectrum in the training worker takes the worker from training while it runs: a tenth of the
 * budget (~0.3 s) keeps a page's run smooth.
 */
export const SPECTRUM_LIVE_MAX_WORK = 2e8;

/** Why the spectrum cannot be computed for this config (null when it can), within `maxWork` multiply-adds. */
export function spectrumRefusal(config: RunConfig, maxWork = SPECTRUM_MAX_WORK): string | null {
  if (config.norm !== 'none' || config.res !== 0)
    return 'The Jacobian spectrum is computed for plain MLPs (norm=none, res=0): normalization and residual blocks change J.';
  const w = work(config);
  if (w > maxWork)
    return `The exact Jacobian of this network needs ~${(w / 1e9).toPrecision(2)}·10⁹ multiply-adds; the limit here is ${maxWork / 1e9}·10⁹ (use a smaller width, depth or input; the CLI's spectrum command allows ${SPECTRUM_MAX_WORK / 1e9}·10⁹).`;
  return null;
}

/**
 * Singular values of ∂h^L/∂h^0 at the first training input, for `layers` (all Linear layers of the
 * network, the output layer last; only the hidden ones are used). Throws with spectrumRefusal's message.
 */
export function jacobianSpectrum(
  config: RunConfig,
  layers: readonly LayerWeights[],
  dataset: Pick<Dataset, 'inDim' | 'train'>,
  maxWork = SPECTRUM_MAX_WORK,
): SpectrumResult {
  const refusal = spectrumRefusal(config, maxWork);
  if (refusal !== null) throw new Error(refusal);
  const dims = networkDims(config).slice(0, -1);
  if (dataset.inDim !== dims[0])
    throw new Error(`jacobianSpectrum: the data has ${dataset.inDim} inputs, the network ${dims[0]}`);
  const x = dataset.train.x.subarray(0, dims[0]);
  const { J, rows, cols } = inputJacobian(layers, dims, config.act, config.slope, x);
  const sv = singularValues(J, rows, cols);
  let ms = 0;
  for (const s of sv) ms += s * s;
  let xSq = 0;
  for (const v of x) xSq += v * v;
  return {
    singularValues: Array.from(sv),
    meanSquared: ms / sv.length,
    theory: spectrumTheory(config, xSq / x.length),
    rows,
    cols,
  };
}
