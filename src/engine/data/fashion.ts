// Fashion-MNIST subset: fetched lazily (only when a run asks for it), parsed, and standardized with ONE
// mean and std over all training pixels (per-pixel statistics would divide by zero on the always-black
// border). The result does not depend on the seed, so it is cached per file and shared by every run;
// trainers only read it.
import { FASHION_SHAPE } from './shape';
import { parseFashion } from './fashionFormat';
import { meanSquare } from './standardize';
import type { Dataset, FetchBytes, Split } from './types';

/** Path of the subset under public/. */
export const FASHION_PATH = 'data/fashion-mnist-subset.bin';

const cache = new Map<string, Promise<Dataset>>();

export function loadFashion(
  fetchBytes: FetchBytes,
  onProgress?: (loaded: number, total: number) => void,
): Promise<Dataset> {
  const hit = cache.get(FASHION_PATH);
  if (hit) return hit;
  const pending = fetchBytes(FASHION_PATH, onProgress).then(buildFashion);
  // A failed download must not poison later attempts.
  pending.catch(() => cache.delete(FASHION_PATH));
  cache.set(FASHION_PATH, pending);
  return pending;
}

/** Dataset from the file's bytes (exported for tests). */
export function buildFashion(bytes: Uint8Array): Dataset {
  const raw = parseFashion(bytes);
  const inDim = raw.rows * raw.cols;
  if (inDim !== FASHION_SHAPE.inDim || raw.classes !== FASHION_SHAPE.classes)
    throw new Error(`Fashion-MNIST file has ${inDim} pixels and ${raw.classes} classes, expected 784 and 10`);
  let sum = 0;
  let sumSq = 0;
  for (const p of raw.train.pixels) {
    const v = p / 255;
    sum += v;
    sumSq += v * v;
  }
  const count = raw.train.pixels.length;
  const mean = sum / count;
  const std = Math.sqrt(sumSq / count - mean * mean);
  const split = (s: { pixels: Uint8Array; labels: Uint8Array; n: number }): Split => {
    const x = new Float32Array(s.pixels.length);
    for (let e = 0; e < x.length; e++) x[e] = (s.pixels[e] / 255 - mean) / std;
    return { x, y: Int32Array.from(s.labels), n: s.n };
  };
  const train = split(raw.train);
  return {
    name: 'fashion',
    inDim,
    classes: raw.classes,
    train,
    test: split(raw.test),
    norm: { mean: new Array(inDim).fill(mean), std: new Array(inDim).fill(std) },
    inputMeanSq: meanSquare(train.x),
  };
}
