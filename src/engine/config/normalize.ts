// Validation shared by every way a config arrives: links (decodeConfig), presets, the page and the CLI.
import { DEFAULT_CONFIG, type RunConfig } from '../config';
import { corrections, reconcile } from './consistency';
import { parseField, isValidField } from './fields';
import { CONFIG_KEYS, fieldSpec, MAX_NOTICES, PAGE_KEYS } from './schema';
import { clipNotice, quote } from './text';

export interface NormalizeResult {
  config: RunConfig;
  notices: string[];
}

export interface ApplyOptions {
  /** Do not report unknown keys one by one (a link from a newer version; the caller says so once). */
  quietUnknown?: boolean;
  /** Unknown keys seen, for the caller's summary. */
  unknownKeys?: string[];
  /**
   * The settings the entries override (a preset's, for a page link); DEFAULT_CONFIG when absent. The rules
   * between settings then judge the combination the run will use, not the entries against the defaults.
   */
  base?: Readonly<RunConfig>;
}

/** Bounded notice list: after MAX_NOTICES entries, one line counts the rest. */
export class NoticeList {
  private readonly items: string[] = [];
  private dropped = 0;

  add(text: string): void {
    if (this.items.length < MAX_NOTICES) this.items.push(clipNotice(text));
    else this.dropped++;
  }

  list(): string[] {
    if (this.dropped === 0) return [...this.items];
    const s = this.dropped === 1 ? '' : 's';
    return [
      ...this.items,
      `…and ${this.dropped} more problem${s} in these settings were corrected or ignored.`,
    ];
  }
}

/**
 * Build a config from (key, raw value) pairs: defaults, then each pair validated in order (a later pair for the
 * same key wins). Page keys and `v` are skipped silently; unknown keys are reported.
 */
export function applyEntries(
  entries: Iterable<readonly [string, unknown]>,
  notices: NoticeList,
  options: ApplyOptions = {},
): RunConfig {
  // Last one wins: collapse duplicates first so an overridden bad value does not leave a stale notice.
  const latest = new Map<string, unknown>();
  for (const [key, raw] of entries) {
    latest.delete(key);
    latest.set(key, raw);
  }
  const config: RunConfig = { ...(options.base ?? DEFAULT_CONFIG) };
  const assign = config as unknown as Record<string, unknown>;
  for (const [key, raw] of latest) {
    if (key === 'v' || PAGE_KEYS.includes(key)) continue;
    const spec = fieldSpec(key);
    if (spec === undefined) {
      options.unknownKeys?.push(key);
      if (!options.quietUnknown) notices.add(`Unknown setting "${quote(key)}" was ignored.`);
      continue;
    }
    const result = parseField(key as keyof RunConfig, spec, raw);
    // `key` is one of CONFIG_KEYS here (fieldSpec found it), so this cannot create a prototype-named property.
    assign[key] = result.value;
    if (result.notice !== undefined) notices.add(result.notice);
  }
  // A bias std alone means a Gaussian bias: `bstd=0.3` would otherwise be silently ignored by bias=auto.
  if (latest.has('bstd') && !latest.has('bias')) config.bias = 'normal';
  return reconcile(config, (text) => notices.add(text));
}

/**
 * Validate a partial config object (presets, the page, the CLI): missing fields take their defaults; bad
 * values become the default or the clamped value, each with a notice. Never throws.
 */
export function normalizeConfig(
  partial: Partial<Record<keyof RunConfig, unknown>> | null | undefined,
): NormalizeResult {
  const notices = new NoticeList();
  const entries: [string, unknown][] = [];
  if (partial !== null && partial !== undefined) {
    if (typeof partial !== 'object' || Array.isArray(partial)) {
      notices.add(`Settings must be an object, not ${quote(partial)}; using the defaults.`);
    } else {
      try {
        for (const key of Object.keys(partial)) {
          const raw = (partial as Record<string, unknown>)[key];
          // Partial<> allows explicit undefined: it means "not set".
          if (raw !== undefined) entries.push([key, raw]);
        }
      } catch {
        // A getter or proxy that throws: keep what was read.
        notices.add('Some settings could not be read and were ignored.');
      }
    }
  }
  const config = applyEntries(entries, notices);
  return { config, notices: notices.list() };
}

/** True when `c` is a complete, canonical RunConfig: exactly the known keys, every value valid, no -0. */
export function isValidConfig(c: unknown): c is RunConfig {
  if (typeof c !== 'object' || c === null || Array.isArray(c)) return false;
  const keys = Object.keys(c);
  if (keys.length !== CONFIG_KEYS.length) return false;
  const record = c as Record<string, unknown>;
  return (
    CONFIG_KEYS.every((key) => Object.hasOwn(record, key) && isValidField(fieldSpec(key)!, record[key])) &&
    corrections(c as RunConfig).length === 0
  );
}
