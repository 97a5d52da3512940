// The dataset contract shared by both trainers, the CLI and the page.
import type { DatasetName } from '../config';

export interface Split {
  /** Inputs, row-major [n, inDim], standardized with the training split's statistics. */
  x: Float32Array;
  /** Class labels in [0, classes). */
  y: Int32Array;
  n: number;
}

export interface Dataset {
  name: DatasetName;
  inDim: number;
  classes: number;
  train: Split;
  test: Split;
  /** Standardization applied to the raw inputs, per feature: x = (raw − mean) / std (probe: 0 and 1). */
  norm: { mean: number[]; std: number[] };
  /** mean(x²) over every training input entry: the input second moment of mean-field theory (q¹). */
  inputMeanSq: number;
}

/** Reads a file shipped under public/ (path relative to it, e.g. "data/x.bin"), reporting progress. */
export type FetchBytes = (
  path: string,
  onProgress?: (loaded: number, total: number) => void,
) => Promise<Uint8Array>;

export interface LoadDatasetOptions {
  /** How to read shipped files: fetch in the browser, fs in Node. Needed by `fashion` only. */
  fetchBytes?: FetchBytes;
  /** Download progress of file-backed datasets (bytes). */
  onProgress?: (loaded: number, total: number) => void;
}
