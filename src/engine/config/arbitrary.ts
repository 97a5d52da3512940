// fast-check arbitraries for RunConfig, for property tests anywhere in the project. Test-only: it imports
// fast-check (a dev dependency), so production code must not import this file.
import fc from 'fast-check';
import type { RunConfig } from '../config';
import { reconcile } from './consistency';
import { type FieldSpec, type NumberLimit, fieldSpec, CONFIG_KEYS } from './schema';

/** Numbers within a limit, biased toward the edges (min, max) and "nice" values as well as arbitrary doubles. */
export function arbitraryNumberIn(limit: NumberLimit): fc.Arbitrary<number> {
  if (limit.int) return fc.integer({ min: limit.min, max: limit.max });
  return fc
    .oneof(
      fc.constantFrom(limit.min, limit.max),
      fc.double({ min: limit.min, max: limit.max, noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: Math.ceil(limit.min), max: Math.floor(limit.max) }),
    )
    .map((x) => (x === 0 ? 0 : x)); // -0 is not canonical
}

function arbitraryField(spec: FieldSpec): fc.Arbitrary<unknown> {
  switch (spec.kind) {
    case 'number':
      return arbitraryNumberIn(spec.limit);
    case 'enum':
      return fc.constantFrom(...spec.values);
    case 'gain':
      return fc.oneof(fc.constant('auto'), arbitraryNumberIn(spec.limit));
    case 'bias':
      return fc.oneof(fc.constantFrom(...spec.words), arbitraryNumberIn(spec.limit));
  }
}

/** Any valid RunConfig (isValidConfig holds for every value). */
export function arbitraryRunConfig(): fc.Arbitrary<RunConfig> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const key of CONFIG_KEYS) fields[key] = arbitraryField(fieldSpec(key)!);
  // Cross-field rules (config/consistency.ts) are applied so every value is a config decoding keeps as is.
  return (fc.record(fields) as unknown as fc.Arbitrary<RunConfig>).map((c) => reconcile(c));
}
