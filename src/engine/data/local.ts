// The user's own dataset (data=local). It is never in a link or a config: each realm that trains on it —
// the page, its worker, the CLI with --csv — holds the parsed Dataset here, and datasetShape / loadDataset
// read it from here. A config asking for `local` where none is held gets a clear error (the page swaps in
// a built-in dataset with a notice before that can happen).
import type { Dataset } from './types';

let current: Dataset | null = null;

/** Hold `dataset` (name 'local') as this realm's own data; null forgets it. */
export function setLocalDataset(dataset: Dataset | null): void {
  if (dataset !== null && dataset.name !== 'local')
    throw new Error('setLocalDataset: the dataset must be named local');
  current = dataset;
}

export function localDataset(): Dataset | null {
  return current;
}

export const NO_LOCAL_DATA =
  'data=local means your own CSV file, which never leaves the browser that opened it; none is loaded here. ' +
  'Open a CSV file (or pass --csv FILE to the CLI).';

/** The held dataset, or a plain-English error. */
export function requireLocalDataset(): Dataset {
  if (current === null) throw new Error(NO_LOCAL_DATA);
  return current;
}
