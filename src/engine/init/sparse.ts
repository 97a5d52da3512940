// torch.nn.init.sparse_ with our counter-based RNG: in every column j of W [rows, cols], exactly
// zerosPerColumn = ceil(sparsity·rows) entries (see sparseZeroCount) are zero; the others are N(0, std²)
// from the weight stream.
// Which entries: those whose key uniformAt(seed, i·cols + j, layer, sparseMask) is among the smallest in
// the column, ties going to the lower row. The key is compared through its Philox word (x >>> 9), which
// orders exactly like u = ((x >>> 9)·2 + 1)·2^-24.
import type { FloatArray } from '../rng/sample';
import { fillNormal, wordAt } from '../rng/sample';
import { STREAM } from '../rng/streams';

export function fillSparse(
  out: FloatArray,
  rows: number,
  cols: number,
  zerosPerColumn: number,
  std: number,
  seed: number,
  layer: number,
): void {
  fillNormal(out, std, seed, layer, STREAM.weight);
  const zeros = Math.min(rows, zerosPerColumn);
  if (zeros === 0) return;
  // key·rows + row is an exact float64 (< 2^23 · 2^31) and distinct per row, so ordering these numbers
  // orders by key, then by row; the zeros are the entries up to the zeros-th smallest.
  const keys = new Float64Array(rows);
  const work = new Float64Array(rows);
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) {
      keys[i] = (wordAt(seed, i * cols + j, layer, STREAM.sparseMask) >>> 9) * rows + i;
    }
    work.set(keys);
    const threshold = kthSmallest(work, zeros - 1);
    for (let i = 0; i < rows; i++) if (keys[i] <= threshold) out[i * cols + j] = 0;
  }
}

/** The k-th smallest (0-based) of distinct values, by quickselect; reorders `a`. */
export function kthSmallest(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    // Hoare partition: afterwards a[lo..j] ≤ pivot ≤ a[i..hi].
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}
