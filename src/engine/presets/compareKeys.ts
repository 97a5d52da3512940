// Settings a compare run may change; everything else (seed, data, batch, backend…) is shared by all runs.
// The one list behind the page link's `compare=` key, the presets' variants and the explorer's compare slots.
import type { RunConfig } from '../config';

export const COMPARE_KEYS = [
  'act',
  'slope',
  'init',
  'gain',
  'mode',
  'std',
  'a',
  'value',
  'sparsity',
  'bias',
  'bstd',
  'norm',
  'res',
  'rezero',
  'opt',
  'lr',
  'momentum',
] as const satisfies readonly (keyof RunConfig)[];
export type CompareKey = (typeof COMPARE_KEYS)[number];

/** One compare run: the settings it changes over the shared config. */
export type CompareOverride = Partial<Pick<RunConfig, CompareKey>>;
