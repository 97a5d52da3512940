// Hostile input: whatever a link holds, decodeConfig returns a valid config and short, printable notices.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeConfig, isValidConfig, normalizeConfig, PAGE_KEYS } from './codec';
import { CONFIG_KEYS } from './schema';

const HOSTILE_VALUES = [
  '',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '%',
  '%%',
  '%zz',
  '%E2%82',
  '%00',
  '&&&',
  '==',
  '=',
  '+',
  '1e309',
  '-1e309',
  '-0',
  '0x10',
  '0b11',
  '1_0',
  'NaN',
  'Infinity',
  '-Infinity',
  ' 5 ',
  '5abc',
  '.5',
  '5.',
  '1e-400',
  '9'.repeat(400),
  `0.${'0'.repeat(300)}1`,
  '__proto__',
  'constructor',
  'toString',
  '\u202e\u200b\ufeff',
  '\ud800',
  '\u0000\u0007\u001b[31m',
  'auto',
  'torch',
  'relu',
  '-',
  'e5',
  '1e',
  '--1',
];

const keyArb = fc.oneof(
  fc.constantFrom(...CONFIG_KEYS, 'v', ...PAGE_KEYS, '__proto__', 'constructor', 'prototype', ''),
  fc.string({ maxLength: 12 }),
);
const valueArb = fc.oneof(
  fc.constantFrom(...HOSTILE_VALUES),
  fc.double().map(String),
  fc.integer().map(String),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ maxLength: 20 }).map((s) => encodeURIComponent(s)),
);
const pairArb = fc
  .tuple(keyArb, valueArb, fc.constantFrom('=', '==', '', '=%'))
  .map(([k, v, eq]) => `${k}${eq}${v}`);
const soupArb = fc
  .tuple(
    fc.constantFrom('', '?', 'https://example.org/p?', '#', 'javascript:alert(1)?'),
    fc.array(pairArb, { maxLength: 30 }),
    fc.constantFrom('&', '&&', ';', '&amp;'),
  )
  .map(([prefix, pairs, sep]) => prefix + pairs.join(sep));

const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  soupArb,
  soupArb.map((s) => s.repeat(60)), // past the 8 KB cap
);

function checkDecode(input: string): void {
  const { config, notices } = decodeConfig(input);
  expect(isValidConfig(config)).toBe(true);
  expect(Array.isArray(notices)).toBe(true);
  for (const n of notices) {
    expect(typeof n).toBe('string');
    expect(n.length).toBeLessThanOrEqual(200);
    expect(n).not.toMatch(/[\p{Cc}\p{Cf}\p{Cs}]/u);
  }
}

describe('decodeConfig fuzz', () => {
  it('never throws and always yields a valid config (2,000 random and hostile strings)', () => {
    fc.assert(fc.property(anyString, checkDecode), { numRuns: 2000 });
  });

  it('survives each hostile value on each real key', () => {
    for (const key of [...CONFIG_KEYS, 'v'])
      for (const value of HOSTILE_VALUES) checkDecode(`${key}=${value}`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('handles a 1 MB string quickly', () => {
    const t0 = performance.now();
    checkDecode(`depth=5&${'x'.repeat(1 << 20)}`);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});

describe('normalizeConfig fuzz', () => {
  it('never throws on arbitrary objects and yields a valid config', () => {
    const objArb = fc.dictionary(keyArb, fc.oneof(fc.anything(), valueArb), { maxKeys: 12 });
    fc.assert(
      fc.property(objArb, (o) => {
        const { config, notices } = normalizeConfig(o as never);
        expect(isValidConfig(config)).toBe(true);
        for (const n of notices) expect(n.length).toBeLessThanOrEqual(200);
      }),
      { numRuns: 500 },
    );
  });
});
