// What each RunConfig field accepts, in the order links spell them. One table drives decoding, validation,
// encoding and the test arbitrary, so a field added to RunConfig fails to typecheck here until it is described.
import {
  ACTIVATIONS,
  BACKENDS,
  DATASETS,
  FAN_MODES,
  INITIALIZERS,
  LIMITS,
  LOSSES,
  NORMS,
  OPTIMIZERS,
  type RunConfig,
} from '../config';

export interface NumberLimit {
  readonly min: number;
  readonly max: number;
  readonly int: boolean;
}

export type FieldSpec =
  | { readonly kind: 'number'; readonly limit: NumberLimit }
  | { readonly kind: 'enum'; readonly values: readonly string[]; readonly noun: string }
  /** 'auto' or a number within LIMITS.gain. */
  | { readonly kind: 'gain'; readonly limit: NumberLimit }
  /** 'auto' | 'zeros' | 'torch' | 'normal' or a constant within LIMITS.biasValue. */
  | { readonly kind: 'bias'; readonly words: readonly string[]; readonly limit: NumberLimit };

export type ConfigKey = keyof RunConfig;

const num = (limit: NumberLimit): FieldSpec => ({ kind: 'number', limit });
const oneOf = (values: readonly string[], noun: string): FieldSpec => ({ kind: 'enum', values, noun });

// Object literal typed by RunConfig's keys: a missing or extra key is a compile error. Its insertion order is
// the order of keys in encoded links (stable, and the order of the RunConfig interface).
const SPECS: { readonly [K in ConfigKey]: FieldSpec } = {
  depth: num(LIMITS.depth),
  width: num(LIMITS.width),
  act: oneOf(ACTIVATIONS, 'activation'),
  slope: num(LIMITS.slope),
  init: oneOf(INITIALIZERS, 'initializer'),
  gain: { kind: 'gain', limit: LIMITS.gain },
  mode: oneOf(FAN_MODES, 'fan mode'),
  std: num(LIMITS.std),
  a: num(LIMITS.a),
  value: num(LIMITS.value),
  sparsity: num(LIMITS.sparsity),
  bias: { kind: 'bias', words: ['auto', 'zeros', 'torch', 'normal'], limit: LIMITS.biasValue },
  bstd: num(LIMITS.bstd),
  norm: oneOf(NORMS, 'normalization'),
  res: num(LIMITS.res),
  rezero: num(LIMITS.rezero),
  data: oneOf(DATASETS, 'dataset'),
  in: num(LIMITS.in),
  noise: num(LIMITS.noise),
  loss: oneOf(LOSSES, 'loss'),
  batch: num(LIMITS.batch),
  lr: num(LIMITS.lr),
  opt: oneOf(OPTIMIZERS, 'optimizer'),
  momentum: num(LIMITS.momentum),
  seed: num(LIMITS.seed),
  backend: oneOf(BACKENDS, 'backend'),
};

/** Config keys in link order. */
export const CONFIG_KEYS: readonly ConfigKey[] = Object.freeze(Object.keys(SPECS) as ConfigKey[]);

// A Map, not the object, for lookups by untrusted names: `__proto__` or `constructor` find nothing here.
const SPEC_BY_KEY: ReadonlyMap<string, FieldSpec> = new Map(Object.entries(SPECS));

export function fieldSpec(key: string): FieldSpec | undefined {
  return SPEC_BY_KEY.get(key);
}

export function isConfigKey(key: string): key is ConfigKey {
  return SPEC_BY_KEY.has(key);
}

/** Query keys that belong to the page (presets, lessons, embeds, playback); the codec ignores them silently. */
export const PAGE_KEYS: readonly string[] = Object.freeze([
  'preset',
  'lesson',
  'step',
  'embed',
  'panels',
  'compare',
  'play',
  'steps',
  'speed',
  // The signal-propagation lab: view=map opens the trainability map (engine/map/link.ts).
  'view',
  'msw2',
  'mdepths',
  'msteps',
  'mmetric',
]);

/** Longest query the decoder reads (characters); the rest is dropped with a notice. */
export const MAX_QUERY_CHARS = 8192;
/** Longest notice, and the most notices one decode returns (the rest are summarised in one line). */
export const MAX_NOTICE_CHARS = 200;
export const MAX_NOTICES = 12;
/** Longest piece of user input quoted inside a notice (code points, ellipsis included). */
export const MAX_QUOTED_CHARS = 40;
