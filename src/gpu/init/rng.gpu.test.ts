// The WGSL Philox and accurate-math library against the CPU engine (Dawn in Node).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { philox4x32 } from '../../engine/rng/philox';
import { normalFromWords } from '../../engine/rng/sample';
import { nodeDevice } from '../node/nodeGpu';
import { runProbe } from './probe';

const parse = (s: string) => s.split(' ').map((w) => Number.parseInt(w, 16));
const KAT_10 = [
  ['00000000 00000000 00000000 00000000', '00000000 00000000', '6627e8d5 e169c58d bc57ac4c 9b00dbd8'],
  ['ffffffff ffffffff ffffffff ffffffff', 'ffffffff ffffffff', '408f276d 41c83b0e a20bc7c6 6d5451fd'],
  ['243f6a88 85a308d3 13198a2e 03707344', 'a4093822 299f31d0', 'd16cfe09 94fdcceb 5001e420 24126ea1'],
] as const;

/** xorshift32 words, deterministic. */
function words(n: number, seed = 0x9e3779b9): Uint32Array {
  const out = new Uint32Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x >>> 0;
  }
  return out;
}

const f32bits = new Float32Array(1);
const u32bits = new Uint32Array(f32bits.buffer);
const asF32 = (w: number) => {
  u32bits[0] = w;
  return f32bits[0];
};
const bitsOf = (x: number) => {
  f32bits[0] = x;
  return u32bits[0];
};
/** Spacing of float32 numbers at |y| (subnormals aside). */
const ulp = (y: number) => 2 ** (Math.floor(Math.log2(Math.abs(y))) - 23);

/** (hi, lo) pairs of a df probe as float64 sums, and the hi parts alone (the f32 result). */
function dfPairs(out: Uint32Array) {
  const n = out.length / 2;
  const sum = new Float64Array(n);
  const hi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    hi[i] = asF32(out[2 * i]);
    sum[i] = hi[i] + asF32(out[2 * i + 1]);
  }
  return { sum, hi };
}

describe('WGSL Philox4x32-10 and f32 math (Dawn)', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    ({ device } = await nodeDevice());
  });
  afterAll(() => device?.destroy());

  it('matches the Random123 known answers and the TS philox4x32 on 20 000 counters, bit for bit', async () => {
    const n = 20_000;
    const input = new Uint32Array(6 * (n + KAT_10.length));
    KAT_10.forEach(([ctr, key], i) => {
      input.set([...parse(ctr), ...parse(key)], 6 * i);
    });
    const rnd = words(6 * n, 12345);
    // Mix random words with the counters the engine really uses: (index, layer, stream, 0), (seed, 0).
    for (let i = 0; i < n; i++) {
      const b = 6 * (KAT_10.length + i);
      if (i % 2 === 0) input.set(rnd.subarray(6 * i, 6 * i + 6), b);
      else input.set([i * 7919, i % 13, i % 6, 0, rnd[6 * i], 0], b);
    }
    const out = await runProbe(device, 'philox', input);
    KAT_10.forEach(([, , want], i) => {
      expect(Array.from(out.subarray(4 * i, 4 * i + 4))).toEqual(parse(want));
    });
    let mismatches = 0;
    for (let i = 0; i < n + KAT_10.length; i++) {
      const want = philox4x32(input.subarray(6 * i, 6 * i + 4), input.subarray(6 * i + 4, 6 * i + 6));
      for (let j = 0; j < 4; j++) if (out[4 * i + j] !== want[j]) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('ln: within 0.7 ulp of the true value in f32, 2^-26 relative as a df pair', async () => {
    const xs: number[] = [];
    // Every uniform the sampler can produce is an odd multiple of 2^-24: take the extremes and a spread.
    for (let k = 1; k < 4000; k += 2) xs.push(k * 2 ** -24, 1 - k * 2 ** -24);
    for (const w of words(40_000, 777)) xs.push(((w >>> 8) | 1) * 2 ** -24);
    // General positive normal floats over many binades, and the m ≈ √2 switch.
    for (const w of words(40_000, 4242)) {
      const e = (w % 120) - 60;
      xs.push(Math.fround((1 + (w >>> 9) * 2 ** -23) * 2 ** e));
    }
    for (let d = -50; d <= 50; d++) xs.push(asF32(bitsOf(Math.SQRT2) + d), asF32(bitsOf(1) + d));
    const input = Uint32Array.from(xs, bitsOf);
    const { sum, hi } = dfPairs(await runProbe(device, 'ln', input));
    let maxUlp = 0;
    let maxRel = 0;
    for (let i = 0; i < input.length; i++) {
      const x = asF32(input[i]);
      const ref = Math.log(x);
      if (ref === 0) {
        expect(hi[i]).toBe(0);
        continue;
      }
      maxUlp = Math.max(maxUlp, Math.abs(hi[i] - ref) / ulp(ref));
      maxRel = Math.max(maxRel, Math.abs(sum[i] - ref) / Math.abs(ref));
    }
    console.info(
      `ln_f32: max error ${maxUlp.toFixed(3)} ulp; ln_df: max relative error ${maxRel.toExponential(2)}`,
    );
    expect(maxUlp).toBeLessThan(0.7);
    expect(maxRel).toBeLessThan(2 ** -26);
  });

  it('cos(2πu): within 0.6 ulp (or 2^-25 absolute near zeros) in f32, 2^-27 absolute as a df pair', async () => {
    const us: number[] = [0, 1, 0.5, 0.25, 0.75, 0.125, 0.375, 0.625, 0.875];
    for (const q of [0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1]) {
      for (let d = -40; d <= 40; d++) if (q + d * 2 ** -24 >= 0) us.push(q + d * 2 ** -24);
    }
    for (const w of words(60_000, 99)) us.push(((w >>> 8) | 1) * 2 ** -24);
    for (const w of words(20_000, 5)) us.push(Math.fround(w * 2 ** -32));
    const input = Uint32Array.from(us, (u) => bitsOf(Math.fround(u)));
    const { sum, hi } = dfPairs(await runProbe(device, 'cos2pi', input));
    let maxUlp = 0;
    let maxAbs = 0;
    for (let i = 0; i < input.length; i++) {
      const u = asF32(input[i]);
      const ref = Math.cos(2 * Math.PI * u);
      const err = Math.abs(hi[i] - ref);
      // Near a zero of cos the absolute error is what matters downstream (z = r·c).
      maxUlp = Math.max(maxUlp, Math.abs(ref) > 2 ** -4 ? err / ulp(ref) : err / 2 ** -25);
      maxAbs = Math.max(maxAbs, Math.abs(sum[i] - ref));
    }
    console.info(
      `cos_2pi_f32: max error ${maxUlp.toFixed(3)} ulp; cos_2pi_df: max abs error ${maxAbs.toExponential(2)}`,
    );
    expect(maxUlp).toBeLessThan(0.6);
    expect(maxAbs).toBeLessThan(2 ** -27);
  });

  it('Box–Muller z agrees with the CPU float64 normalFromWords: f32 within 1e-6 (and 1 ulp)', async () => {
    const pairs: number[] = [];
    // The largest radii come from the smallest u1 (x0 near 0); pair them with u2 near cos = ±1.
    for (let k = 0; k < 600; k++) {
      const x0 = k << 9;
      for (const x1 of [0, 0xffffffff, 0x7fffffff, 0x80000000, (k * 2654435761) >>> 0]) pairs.push(x0, x1);
    }
    const rnd = words(2 * 100_000, 31337);
    for (const w of rnd) pairs.push(w);
    const input = Uint32Array.from(pairs);
    const { sum } = dfPairs(await runProbe(device, 'boxMuller', input));
    let maxAbs = 0;
    let maxUlp = 0;
    let maxRel = 0;
    for (let i = 0; i < input.length / 2; i++) {
      const ref = normalFromWords(input[2 * i], input[2 * i + 1]);
      const cpu = Math.fround(ref);
      const gpu = Math.fround(sum[i]);
      maxAbs = Math.max(maxAbs, Math.abs(gpu - cpu));
      if (cpu !== 0) maxUlp = Math.max(maxUlp, Math.abs(gpu - cpu) / ulp(cpu));
      if (ref !== 0) maxRel = Math.max(maxRel, Math.abs(sum[i] - ref) / Math.abs(ref));
    }
    console.info(
      `Box–Muller: max |z_gpu − z_cpu| = ${maxAbs.toExponential(2)} (${maxUlp} ulp); df relative ${maxRel.toExponential(2)}`,
    );
    expect(maxAbs).toBeLessThanOrEqual(1e-6);
    expect(maxUlp).toBeLessThanOrEqual(1);
    expect(maxRel).toBeLessThan(2 ** -26);
  });
});
