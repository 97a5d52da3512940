// Random draws for dataset generation, all from the Philox `data` stream under the run's seed. The
// "layer" word of the counter separates independent draws (which split, which quantity); the GPU never
// regenerates data (it receives the arrays), so these may use all four Philox words per counter.
import { philox4x32Into } from '../rng/philox';
import { normalAt, uniformAt, uniformFromWord } from '../rng/sample';
import { STREAM } from '../rng/streams';

/** Counter "layer" slots of the data stream, one per independent quantity. */
export const DATA_SLOT = {
  twoDTrain: 0,
  twoDTest: 1,
  probeXTrain: 2,
  probeXTest: 3,
  probeYTrain: 4,
  probeYTest: 5,
  csvSplit: 6,
} as const;

/** Uniform in (0, 1) for draw `index` of `slot`. */
export function dataUniform(seed: number, index: number, slot: number): number {
  return uniformAt(seed, index, slot, STREAM.data);
}

/** Standard normal for draw `index` of `slot` (uses words 0 and 1 of its counter). */
export function dataNormal(seed: number, index: number, slot: number): number {
  return normalAt(seed, index, slot, STREAM.data);
}

const words = new Uint32Array(4);
const TWO_PI = 2 * Math.PI;

/**
 * out[e] ~ N(0, 1) for every e, four per Philox call: counter (⌊e/4⌋, slot, data, 0), words (0,1) and (2,3)
 * each give a Box–Muller pair (cos and sin branch). Four times cheaper than one normal per counter, which
 * matters for the probe set (up to 2^22 entries).
 */
export function fillDataNormals(out: Float32Array, seed: number, slot: number): void {
  const n = out.length;
  for (let block = 0, e = 0; e < n; block++, e += 4) {
    philox4x32Into(block, slot, STREAM.data, 0, seed, 0, words);
    const r1 = Math.sqrt(-2 * Math.log(uniformFromWord(words[0])));
    const t1 = TWO_PI * uniformFromWord(words[1]);
    const r2 = Math.sqrt(-2 * Math.log(uniformFromWord(words[2])));
    const t2 = TWO_PI * uniformFromWord(words[3]);
    out[e] = r1 * Math.cos(t1);
    if (e + 1 < n) out[e + 1] = r1 * Math.sin(t1);
    if (e + 2 < n) out[e + 2] = r2 * Math.cos(t2);
    if (e + 3 < n) out[e + 3] = r2 * Math.sin(t2);
  }
}
