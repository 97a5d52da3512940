// The URL codec: links ⇄ RunConfig. decodeConfig never throws and always returns a valid config; every value
// it had to change comes with a plain-English notice. encodeConfig writes short, stable links (defaults left out).
import { CONFIG_VERSION, DEFAULT_CONFIG, initParams, type RunConfig } from '../config';
import { formatNumber } from './fields';
import { applyEntries, normalizeConfig, NoticeList, type NormalizeResult } from './normalize';
import { splitQuery } from './query';
import { CONFIG_KEYS, MAX_QUERY_CHARS } from './schema';
import { quote } from './text';
import { migrateParams, parseVersion } from './version';

export { isValidConfig, normalizeConfig, type NormalizeResult } from './normalize';
export { CONFIG_KEYS, PAGE_KEYS, MAX_QUERY_CHARS } from './schema';

/** Read a config from a query string ('a=b&c=d', '?a=b') or a full URL. */
export function decodeConfig(query: string, base?: Readonly<RunConfig>): NormalizeResult {
  const notices = new NoticeList();
  const split = splitQuery(query);
  if (split.truncatedFrom !== undefined) {
    notices.add(
      `The link is too long (${split.truncatedFrom} characters); only its first ${MAX_QUERY_CHARS} were read.`,
    );
  }
  // Duplicate keys: the last one wins.
  const params = new Map<string, string>();
  for (const [key, value] of split.pairs) params.set(key, value);

  const { version, notice } = parseVersion(params.get('v'));
  if (notice !== undefined) notices.add(notice);
  params.delete('v');
  if (version < CONFIG_VERSION) for (const n of migrateParams(params, version)) notices.add(n);

  const newer = version > CONFIG_VERSION;
  const unknownKeys: string[] = [];
  const config = applyEntries(params, notices, { quietUnknown: newer, unknownKeys, base });
  if (newer) {
    const ignored = unknownKeys.length > 0 ? ` (${quote(unknownKeys.join(', '))})` : '';
    notices.add(
      `This link comes from a newer version of InitScope (v${version}); settings this version does not know were ignored${ignored}.`,
    );
  }
  return { config, notices: notices.list() };
}

export interface EncodeOptions {
  /**
   * Leave out settings the run does not use (initializer parameters the initializer ignores, the leaky-ReLU
   * slope for other activations, momentum without opt=momentum, `in` outside the probe dataset, noise for
   * datasets without it). Shorter links, but switching back to e.g. `normal` then shows the default std.
   */
  onlyActive?: boolean;
}

const NOISY_DATASETS: ReadonlySet<string> = new Set(['spiral', 'circles', 'xor', 'gaussians', 'moons']);

/** Which settings change what `config` runs; the others only matter after switching something else. */
export function isActiveSetting(config: RunConfig, key: keyof RunConfig): boolean {
  switch (key) {
    case 'gain':
    case 'mode':
    case 'std':
    case 'a':
    case 'value':
    case 'sparsity':
      return initParams(config.init).includes(key);
    case 'slope':
      return config.act === 'leaky_relu';
    case 'momentum':
      return config.opt === 'momentum';
    case 'rezero':
      return config.res === 1;
    case 'bstd':
      return config.bias === 'normal';
    case 'in':
      return config.data === 'probe';
    case 'noise':
      return NOISY_DATASETS.has(config.data);
    default:
      return true;
  }
}

function encodeValue(value: unknown): string {
  return typeof value === 'number' ? formatNumber(value) : encodeURIComponent(String(value));
}

/** 'v=1&depth=…': only non-default values, keys in CONFIG_KEYS order, numbers in shortest round-trip form. */
export function encodeConfig(config: RunConfig, options: EncodeOptions = {}): string {
  // Normalising first means even a hand-built, out-of-range config encodes to a link that decodes cleanly.
  const valid = normalizeConfig(config).config;
  const parts = [`v=${CONFIG_VERSION}`];
  const written = (key: keyof RunConfig) =>
    !Object.is(valid[key], DEFAULT_CONFIG[key]) && !(options.onlyActive && !isActiveSetting(valid, key));
  for (const key of CONFIG_KEYS) {
    // A bstd without a bias reads as bias=normal, so a written bstd brings its bias along even at the default.
    if (!written(key) && !(key === 'bias' && written('bstd'))) continue;
    parts.push(`${key}=${encodeValue(valid[key])}`);
  }
  return parts.join('&');
}
