import { describe, expect, it } from 'vitest';
import {
  fillNormal,
  fillStandardNormal,
  fillUniform,
  normalAt,
  normalFromWords,
  scaledNormalAt,
  symmetricUniformAt,
  uniformAt,
  uniformFromWord,
  wordAt,
} from './sample';
import { STREAM } from './streams';

const N = 200_000;

function moments(xs: ArrayLike<number>) {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  const mean = s / xs.length;
  let v = 0;
  for (let i = 0; i < xs.length; i++) v += (xs[i] - mean) ** 2;
  return { mean, variance: v / xs.length };
}

describe('uniform', () => {
  it('maps the extreme words inside (0, 1)', () => {
    expect(uniformFromWord(0)).toBe(2 ** -24);
    expect(uniformFromWord(0xffffffff)).toBe(1 - 2 ** -24);
  });

  it('uses the counter (index, layer, stream, 0) and key (seed, 0)', () => {
    // Random123 KAT: philox4x32-10 of counter 0, key 0 = 6627e8d5 e169c58d bc57ac4c 9b00dbd8.
    expect(wordAt(0, 0, 0, 0)).toBe(0x6627e8d5);
    expect(uniformAt(0, 0, 0, 0)).toBe(((0x6627e8d5 >>> 9) * 2 + 1) * 2 ** -24);
    expect(normalAt(0, 0, 0, 0)).toBe(normalFromWords(0x6627e8d5, 0xe169c58d));
  });

  it('is never 0 or 1, an odd multiple of 2^-24, and exact in float32 (u and 2u − 1)', () => {
    const us = new Float64Array(N);
    let bad = 0;
    for (let i = 0; i < N; i++) {
      const u = uniformAt(7, i, 3, STREAM.weight);
      us[i] = u;
      const k = u * 2 ** 24;
      const ok =
        u > 0 &&
        u < 1 &&
        Number.isInteger(k) &&
        k % 2 === 1 &&
        Math.fround(u) === u &&
        Math.fround(2 * u - 1) === 2 * u - 1;
      if (!ok) bad++;
    }
    expect(bad).toBe(0);
    const { mean, variance } = moments(us);
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.003);
    expect(Math.abs(variance / (1 / 12) - 1)).toBeLessThan(0.01);
  });

  it('fills U(−a, a) as f32(f32(a)·(2u − 1)) with the right moments and bounds', () => {
    const a = 0.3;
    const out = new Float32Array(N);
    fillUniform(out, a, 11, 2, STREAM.bias);
    const af = Math.fround(a);
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < N; i++) {
      min = Math.min(min, out[i]);
      max = Math.max(max, out[i]);
    }
    expect(max).toBeLessThanOrEqual(af);
    expect(min).toBeGreaterThanOrEqual(-af);
    expect(max).toBeGreaterThan(0.99 * a);
    expect(min).toBeLessThan(-0.99 * a);
    const { mean, variance } = moments(out);
    expect(Math.abs(mean)).toBeLessThan(0.003 * a);
    expect(Math.abs(variance / ((a * a) / 3) - 1)).toBeLessThan(0.01);
    for (const i of [0, 1, 999, N - 1]) {
      expect(out[i]).toBe(symmetricUniformAt(11, i, 2, STREAM.bias, a));
      expect(out[i]).toBe(Math.fround(af * Math.fround(2 * uniformAt(11, i, 2, STREAM.bias) - 1)));
    }
  });
});

describe('normal', () => {
  it('has mean 0, variance 1 and the Gaussian tail mass', () => {
    const zs = new Float64Array(N);
    fillStandardNormal(zs, 5, 0, STREAM.weight);
    const { mean, variance } = moments(zs);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(variance - 1)).toBeLessThan(0.01);
    let tail = 0;
    let m4 = 0;
    for (const z of zs) {
      if (Math.abs(z) > 2) tail++;
      m4 += z ** 4;
    }
    expect(Math.abs(tail / N - 0.0455)).toBeLessThan(0.003); // P(|z| > 2) = 0.04550
    expect(Math.abs(m4 / N - 3)).toBeLessThan(0.1); // E z⁴ = 3
    for (const i of [0, 17, N - 1]) expect(zs[i]).toBe(normalAt(5, i, 0, STREAM.weight));
  });

  it('fills N(0, std²) as f32(f32(std)·z), identical in float32 and float64 arrays', () => {
    const std = 0.37;
    const f32 = new Float32Array(N);
    const f64 = new Float64Array(N);
    fillNormal(f32, std, 9, 4, STREAM.weight, 1000);
    fillNormal(f64, std, 9, 4, STREAM.weight, 1000);
    expect(Array.from(f64)).toEqual(Array.from(f32));
    const { variance } = moments(f32);
    expect(Math.abs(Math.sqrt(variance) / std - 1)).toBeLessThan(0.01);
    // indexOffset: element i of the fill is the sample at index 1000 + i.
    expect(f32[3]).toBe(scaledNormalAt(9, 1003, 4, STREAM.weight, std));
    expect(f32[3]).toBe(Math.fround(Math.fround(std) * normalAt(9, 1003, 4, STREAM.weight)));
  });
});

describe('determinism', () => {
  it('same (seed, layer, stream) → same bits; any change → different values', () => {
    const base = new Float32Array(4096);
    const again = new Float32Array(4096);
    fillNormal(base, 1, 42, 1, STREAM.weight);
    fillNormal(again, 1, 42, 1, STREAM.weight);
    expect(new Uint32Array(again.buffer)).toEqual(new Uint32Array(base.buffer));
    const variants: Array<[number, number, number]> = [
      [43, 1, STREAM.weight],
      [42, 2, STREAM.weight],
      [42, 1, STREAM.bias],
    ];
    for (const [seed, layer, stream] of variants) {
      const other = new Float32Array(4096);
      fillNormal(other, 1, seed, layer, stream);
      let same = 0;
      for (let i = 0; i < other.length; i++) if (other[i] === base[i]) same++;
      expect(same).toBeLessThan(5);
    }
  });

  it('accepts the full uint32 seed range', () => {
    const u = uniformAt(4294967295, 0, 0, 0);
    expect(u > 0 && u < 1).toBe(true);
    expect(u).not.toBe(uniformAt(0, 0, 0, 0));
  });
});
