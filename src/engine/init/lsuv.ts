// LSUV (Mishkin & Matas 2015, "All you need is a good init"): start orthogonal, then for each layer in
// order, rescale W until the pre-activations z = W h + b have Var(z) = 1 on a batch. initializeNetwork
// returns the orthogonal start; the trainers (CPU and GPU) run the forward passes. These are the pieces
// both trainers share so they stop at the same point.

/** Stop when |Var(z) − 1| < LSUV_TOL. */
export const LSUV_TOL = 0.01;
/** At most this many rescalings per layer. */
export const LSUV_MAX_ITERS = 10;

/**
 * Factor to multiply W by so that Var(z) becomes 1: 1/√variance. A zero or non-finite variance cannot be
 * rescaled (the layer is dead or has already overflowed), so the factor is then 1 (leave W as it is).
 */
export function lsuvScaleFactor(variance: number): number {
  return variance > 0 && Number.isFinite(variance) ? 1 / Math.sqrt(variance) : 1;
}

/** Whether a layer's measured Var(z) is close enough to 1. */
export function lsuvConverged(variance: number): boolean {
  return Math.abs(variance - 1) < LSUV_TOL;
}
