// Stream ids: the third counter word of every Philox draw (docs/MATH.md#random-numbers: counter =
// (index, layer, stream, 0), key = (seed, 0)). Separate streams keep e.g. the sparse mask independent of
// the weight values drawn at the same index. The WGSL kernels use these numbers too: append new ids,
// never renumber.
export const STREAM = {
  /** Weight values W[i, j] (index = row·in + col). Orthogonal also draws its Gaussian G here. */
  weight: 0,
  /** Bias values b[i] (index = unit). */
  bias: 1,
  /** Ranking keys that choose which entries of a column `sparse` zeroes. */
  sparseMask: 2,
  /** Reserved for orthogonal; unused because orthogonal takes its Gaussian from the weight stream. */
  orthogonal: 3,
  /** Dataset generation. */
  data: 4,
  /** Mini-batch selection. */
  batch: 5,
} as const;

export type StreamName = keyof typeof STREAM;
export type StreamId = (typeof STREAM)[StreamName];
