// Which training rows step k uses: the single source of truth for both trainers. Sample position
// p = k·batch + j runs through epochs of n rows; epoch e visits the rows in a Philox-driven Fisher–Yates
// permutation (draws from the `batch` stream, counter (i, e, batch, 0)). A batch that crosses the end of an
// epoch continues into the next epoch's permutation, so every row is seen exactly once per epoch.
import { philox4x32Into } from '../rng/philox';
import { uniformFromWord } from '../rng/sample';
import { STREAM } from '../rng/streams';

interface CachedPerm {
  seed: number;
  n: number;
  epoch: number;
  perm: Int32Array;
}

// Two entries: a batch touches at most two consecutive epochs, and the next step usually reuses them.
const permCache: CachedPerm[] = [];
const words = new Uint32Array(4);

/** The row order of `epoch` (cached; callers must not modify it). */
export function epochPermutation(seed: number, epoch: number, n: number): Int32Array {
  for (const c of permCache) if (c.seed === seed && c.n === n && c.epoch === epoch) return c.perm;
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = n - 1; i > 0; i--) {
    philox4x32Into(i, epoch, STREAM.batch, 0, seed, 0, words);
    const j = Math.floor(uniformFromWord(words[0]) * (i + 1));
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  if (permCache.length >= 2) permCache.shift();
  permCache.push({ seed, n, epoch, perm });
  return perm;
}

/**
 * Row indices of training step `step` (0-based): `batch` entries in [0, n). Writes into `out` when given
 * (length ≥ batch) so a trainer allocates nothing per step.
 */
export function batchIndices(
  seed: number,
  step: number,
  batch: number,
  n: number,
  out?: Int32Array,
): Int32Array {
  const res = out ?? new Int32Array(batch);
  // step·batch stays far below 2^53 for any run a person can wait for.
  let p = step * batch;
  let j = 0;
  while (j < batch) {
    const epoch = Math.floor(p / n);
    const perm = epochPermutation(seed, epoch, n);
    const offset = p - epoch * n;
    const take = Math.min(batch - j, n - offset);
    for (let t = 0; t < take; t++) res[j + t] = perm[offset + t];
    j += take;
    p += take;
  }
  return res;
}
