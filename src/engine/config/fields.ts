// Turning one raw value (a string from a link or the CLI, or a number from a preset) into a valid field value.
// Every path returns a value inside the limits; a changed or rejected value comes with a plain-English notice.
import { DEFAULT_CONFIG } from '../config';
import type { ConfigKey, FieldSpec, NumberLimit } from './schema';
import { quote } from './text';

export interface FieldResult {
  value: unknown;
  /** Set when the input was not taken as given. */
  notice?: string;
}

// Plain decimal notation with an optional exponent. Deliberately narrower than Number(): no hex (0x10),
// binary/octal, 'Infinity', underscores or surrounding junk, and an empty string is not 0.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** Shortest text that reads back as the same number (ECMAScript's Number→String guarantees the round trip). */
export function formatNumber(x: number): string {
  return Object.is(x, -0) ? '0' : String(x);
}

type NumberParse = { ok: true; value: number } | { ok: false; why: string };

function parseNumber(key: string, raw: unknown): NumberParse {
  if (typeof raw === 'number') {
    if (Number.isFinite(raw)) return { ok: true, value: raw };
    return { ok: false, why: `${key}=${quote(raw)} is not a finite number` };
  }
  if (typeof raw !== 'string') return { ok: false, why: `${key} must be a number, not ${quote(raw)}` };
  const text = raw.trim();
  if (text === '') return { ok: false, why: `${key} has no value` };
  if (!DECIMAL.test(text)) return { ok: false, why: `${key}=${quote(raw)} is not a number` };
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, why: `${key}=${quote(raw)} is too large to be a number` };
  return { ok: true, value };
}

/** Clamp into the limit and round integers; `shown` is how the input is quoted in a notice. */
function fitNumber(key: string, x: number, limit: NumberLimit, shown: string): FieldResult {
  if (x > limit.max) {
    return {
      value: limit.max,
      notice: `${key}=${shown} is above the maximum ${formatNumber(limit.max)}; using ${formatNumber(limit.max)}.`,
    };
  }
  if (x < limit.min) {
    return {
      value: limit.min,
      notice: `${key}=${shown} is below the minimum ${formatNumber(limit.min)}; using ${formatNumber(limit.min)}.`,
    };
  }
  if (limit.int && !Number.isInteger(x)) {
    // Limits are integers, so rounding cannot leave them.
    const r = Math.round(x);
    return { value: r, notice: `${key}=${shown} is not a whole number; using ${formatNumber(r)}.` };
  }
  // -0 and 0 are the same setting; keep one spelling so configs compare equal.
  return { value: x === 0 ? 0 : x };
}

function describeDefault(value: unknown): string {
  return typeof value === 'number' ? formatNumber(value) : String(value);
}

function reject(key: ConfigKey, why: string): FieldResult {
  return {
    value: DEFAULT_CONFIG[key],
    notice: `${why}; using the default ${describeDefault(DEFAULT_CONFIG[key])}.`,
  };
}

/** A word from a link, normalised: case-insensitive, '-' and ' ' read as '_' ('Leaky-ReLU' → 'leaky_relu'). */
function asWord(raw: unknown): string | undefined {
  return typeof raw === 'string' ? raw.trim().toLowerCase().replace(/[-\s]/g, '_') : undefined;
}

function numberField(key: ConfigKey, raw: unknown, limit: NumberLimit): FieldResult {
  const parsed = parseNumber(key, raw);
  if (!parsed.ok) return reject(key, parsed.why);
  return fitNumber(key, parsed.value, limit, quote(raw));
}

export function parseField(key: ConfigKey, spec: FieldSpec, raw: unknown): FieldResult {
  switch (spec.kind) {
    case 'number':
      return numberField(key, raw, spec.limit);
    case 'enum': {
      const word = asWord(raw);
      if (word !== undefined && spec.values.includes(word)) return { value: word };
      const list = spec.values.join(', ');
      const long = `${key}=${quote(raw)} is not a known ${spec.noun} (${list})`;
      // Long lists (initializers) would push the notice past its length budget; name the noun only then.
      return reject(key, long.length <= 150 ? long : `${key}=${quote(raw)} is not a known ${spec.noun}`);
    }
    case 'gain': {
      if (asWord(raw) === 'auto') return { value: 'auto' };
      const parsed = parseNumber(key, raw);
      if (!parsed.ok) return reject(key, `${key}=${quote(raw)} is neither auto nor a number`);
      return fitNumber(key, parsed.value, spec.limit, quote(raw));
    }
    case 'bias': {
      const word = asWord(raw);
      if (word !== undefined && spec.words.includes(word)) return { value: word };
      const parsed = parseNumber(key, raw);
      if (!parsed.ok) return reject(key, `${key}=${quote(raw)} is not ${spec.words.join(', ')} or a number`);
      return fitNumber(key, parsed.value, spec.limit, quote(raw));
    }
  }
}

/** Whether `value` is exactly what parseField would produce for some input (in range, canonical). */
export function isValidField(spec: FieldSpec, value: unknown): boolean {
  const validNumber = (x: unknown, limit: NumberLimit) =>
    typeof x === 'number' &&
    Number.isFinite(x) &&
    !Object.is(x, -0) &&
    x >= limit.min &&
    x <= limit.max &&
    (!limit.int || Number.isInteger(x));
  switch (spec.kind) {
    case 'number':
      return validNumber(value, spec.limit);
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value);
    case 'gain':
      return value === 'auto' || validNumber(value, spec.limit);
    case 'bias':
      return (typeof value === 'string' && spec.words.includes(value)) || validNumber(value, spec.limit);
  }
}
