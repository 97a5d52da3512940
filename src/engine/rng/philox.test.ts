import { describe, expect, it } from 'vitest';
import { mulhi32, philox4x32, philox4x32Rounds } from './philox';

const hex = (words: ArrayLike<number>) => Array.from(words, (w) => w.toString(16).padStart(8, '0')).join(' ');
const parse = (s: string) => s.split(' ').map((w) => Number.parseInt(w, 16));

// Random123 tests/kat_vectors (DEShawResearch/random123, lines "philox4x32 10"): counter[4] key[2] → out[4].
const KAT_10 = [
  ['00000000 00000000 00000000 00000000', '00000000 00000000', '6627e8d5 e169c58d bc57ac4c 9b00dbd8'],
  ['ffffffff ffffffff ffffffff ffffffff', 'ffffffff ffffffff', '408f276d 41c83b0e a20bc7c6 6d5451fd'],
  ['243f6a88 85a308d3 13198a2e 03707344', 'a4093822 299f31d0', 'd16cfe09 94fdcceb 5001e420 24126ea1'],
] as const;

// The same file's 7-round lines ("philox4x32 7"), which pin the round function independently of the count.
const KAT_7 = [
  ['00000000 00000000 00000000 00000000', '00000000 00000000', '5f6fb709 0d893f64 4f121f81 4f730a48'],
  ['ffffffff ffffffff ffffffff ffffffff', 'ffffffff ffffffff', '5207ddc2 45165e59 4d8ee751 8c52f662'],
  ['243f6a88 85a308d3 13198a2e 03707344', 'a4093822 299f31d0', '4dfccaba 190a87f0 c47362ba b6b5242a'],
] as const;

describe('philox4x32-10', () => {
  it.each(KAT_10)('matches the Random123 known answer for ctr %s key %s', (ctr, key, want) => {
    expect(hex(philox4x32(parse(ctr), parse(key)))).toBe(want);
  });

  it.each(KAT_7)('7 rounds match the Random123 known answer for ctr %s key %s', (ctr, key, want) => {
    expect(hex(philox4x32Rounds(parse(ctr), parse(key), 7))).toBe(want);
  });

  it('is a pure function of counter and key', () => {
    const a = philox4x32([5, 6, 7, 8], [9, 10]);
    const b = philox4x32([5, 6, 7, 8], [9, 10]);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(philox4x32([5, 6, 7, 9], [9, 10]))).not.toEqual(Array.from(a));
    expect(Array.from(philox4x32([5, 6, 7, 8], [9, 11]))).not.toEqual(Array.from(a));
  });
});

describe('mulhi32', () => {
  it('equals the high word of the exact 64-bit product', () => {
    const cases: Array<[number, number]> = [
      [0, 0],
      [0xffffffff, 0xffffffff],
      [0xd2511f53, 0xffffffff],
      [0xcd9e8d57, 0x80000000],
      [0x10000, 0x10000],
      [0xffff, 0xffff0001],
    ];
    let x = 0x12345678;
    for (let i = 0; i < 2000; i++) {
      // xorshift32 for varied operands
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const a = x >>> 0;
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      cases.push([a, x >>> 0]);
    }
    for (const [a, b] of cases) {
      const want = Number((BigInt(a) * BigInt(b)) >> 32n);
      expect(mulhi32(a, b)).toBe(want);
    }
  });
});
