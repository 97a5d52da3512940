// JSON has no Infinity or NaN (JSON.stringify would silently write null anyway, but without saying so in the
// types); the CLI and the page's export go through this mapping.
import type { JsonSafe, TheoryResult } from './types';

function safe(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(safe);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = safe(v);
    return out;
  }
  return value;
}

/** The theory with every non-finite number replaced by null. */
export function theoryToJSON(result: TheoryResult): JsonSafe<TheoryResult> {
  return safe(result) as JsonSafe<TheoryResult>;
}
