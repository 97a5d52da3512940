// Uniform and normal samples from Philox, as docs/MATH.md#random-numbers fixes them, so that the WGSL kernels
// reproduce them: uniforms bit for bit, normals to float rounding.
//   counter = (index, layer, stream, 0), key = (seed, 0); index = element index inside the tensor.
//   u = ((x >>> 9)·2 + 1)·2^-24: an odd multiple of 2^-24, so 0 < u < 1 and u is exact in float32; 2u − 1
//   is then an odd multiple of 2^-23 in (−1, 1), also exact in float32.
//   z = √(−2 ln u1) · cos(2π u2) with u1 from word 0 and u2 from word 1 (Box–Muller, one output per counter).
// Scaled samples go through float32 exactly once more: U(−a, a) = f32(f32(a)·(2u − 1)) (one f32 multiply,
// identical on the GPU) and N(0, std²) = f32(f32(std)·z). The bulk fillers store these float32 values even
// into a Float64Array, so the float64 trainer starts from exactly the weights of the float32 one.
import { philox4x32Into } from './philox';

const TWO_POW_M24 = 2 ** -24;
const TWO_PI = 2 * Math.PI;

/** Reused output words; every function here fills it before reading it (single-threaded JS). */
const words = new Uint32Array(4);

export type FloatArray = Float32Array | Float64Array;

/** u ∈ (0, 1) from one Philox word: an odd multiple of 2^-24, never 0 or 1. */
export function uniformFromWord(x: number): number {
  return ((x >>> 9) * 2 + 1) * TWO_POW_M24;
}

/** Standard normal from two Philox words (Box–Muller, cosine branch), computed in float64. */
export function normalFromWords(x0: number, x1: number): number {
  const u1 = uniformFromWord(x0);
  const u2 = uniformFromWord(x1);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(TWO_PI * u2);
}

/** First Philox output word at (index, layer, stream) under `seed`: the raw bits behind uniformAt. */
export function wordAt(seed: number, index: number, layer: number, stream: number): number {
  philox4x32Into(index, layer, stream, 0, seed, 0, words);
  return words[0];
}

/** Uniform in (0, 1) for element `index` of `layer`'s tensor in `stream`. */
export function uniformAt(seed: number, index: number, layer: number, stream: number): number {
  philox4x32Into(index, layer, stream, 0, seed, 0, words);
  return uniformFromWord(words[0]);
}

/** Standard normal (float64) for element `index` of `layer`'s tensor in `stream`. */
export function normalAt(seed: number, index: number, layer: number, stream: number): number {
  philox4x32Into(index, layer, stream, 0, seed, 0, words);
  return normalFromWords(words[0], words[1]);
}

/** One U(−a, a) sample as stored in a tensor: f32(f32(a)·(2u − 1)). */
export function symmetricUniformAt(seed: number, index: number, layer: number, stream: number, a: number) {
  return Math.fround(Math.fround(a) * Math.fround(2 * uniformAt(seed, index, layer, stream) - 1));
}

/** One N(0, std²) sample as stored in a tensor: f32(f32(std)·z). */
export function scaledNormalAt(seed: number, index: number, layer: number, stream: number, std: number) {
  return Math.fround(Math.fround(std) * normalAt(seed, index, layer, stream));
}

/** out[i] = U(−a, a) sample of element indexOffset + i (float32 values, whatever the array type). */
export function fillUniform(
  out: FloatArray,
  a: number,
  seed: number,
  layer: number,
  stream: number,
  indexOffset = 0,
): void {
  const af = Math.fround(a);
  for (let i = 0; i < out.length; i++) {
    philox4x32Into(indexOffset + i, layer, stream, 0, seed, 0, words);
    // 2u − 1 is exact in float32, so no rounding is needed before the multiply.
    out[i] = Math.fround(af * (2 * uniformFromWord(words[0]) - 1));
  }
}

/** out[i] = N(0, std²) sample of element indexOffset + i (float32 values, whatever the array type). */
export function fillNormal(
  out: FloatArray,
  std: number,
  seed: number,
  layer: number,
  stream: number,
  indexOffset = 0,
): void {
  const sf = Math.fround(std);
  for (let i = 0; i < out.length; i++) {
    philox4x32Into(indexOffset + i, layer, stream, 0, seed, 0, words);
    out[i] = Math.fround(sf * normalFromWords(words[0], words[1]));
  }
}

/** out[i] = standard normal z of element indexOffset + i, unrounded in a Float64Array (orthogonal's G). */
export function fillStandardNormal(
  out: FloatArray,
  seed: number,
  layer: number,
  stream: number,
  indexOffset = 0,
): void {
  for (let i = 0; i < out.length; i++) {
    philox4x32Into(indexOffset + i, layer, stream, 0, seed, 0, words);
    out[i] = normalFromWords(words[0], words[1]);
  }
}
