// Orthogonal init on the GPU: W = gain · polar(G), G[i, j] = normalAt(seed, i·in + j, layer, weight),
// the same matrix the CPU engine starts from. The polar factor comes from Newton–Schulz with matmuls only:
//   A = X·Xᵀ (wide, out ≤ in) or Xᵀ·X (tall): the Gram matrix on the smaller side;
//   c = ‖A‖_F^(-1/2) reduced on the GPU, X ← c·X, so ‖X‖₂ ≤ 1 < √3;
//   then `iterations` times: X ← 1.5·X − 0.5·A·X (wide) or 1.5·X − 0.5·X·A (tall), A recomputed each time,
// the last one scaled by gain. X ping-pongs between W and a scratch buffer and ends in W.
import { u32Bits } from '../buffers';
import type { BindingResource } from '../kernel';
import type { InitEncoder } from './encoder';
import { grid1d, MATMUL_KERNEL, NORM_KERNEL, SCALE_KERNEL } from './kernels';
import { newtonSchulzIterationFlops, newtonSchulzIterations } from './newtonSchulz';

const TRANS_A = 1;
const TRANS_B = 2;
const ADD_D = 4;

/** Matmul uniform words: M, N, K, flags, α, β. */
function mmParams(M: number, N: number, K: number, flags: number, alpha: number, beta: number) {
  return [M, N, K, flags, u32Bits(alpha), u32Bits(beta), 0, 0];
}

/** Expects W to hold G (standard normal samples); leaves gain · polar(G) in W. */
export function encodeOrthogonal(
  enc: InitEncoder,
  W: BindingResource,
  rows: number,
  cols: number,
  gain: number,
  iterations = newtonSchulzIterations(rows, cols),
): void {
  if (iterations < 2 || iterations % 2 !== 0) throw new Error('encodeOrthogonal: iterations must be even');
  const device = enc.device;
  const n = rows * cols;
  const wide = rows <= cols;
  const g = wide ? rows : cols;
  const x2 = enc.scratchBuffer('orthogonal X', n * 4);
  const gram = enc.scratchBuffer('orthogonal gram', g * g * 4);
  const scale = enc.scratchBuffer('orthogonal scale', 4);
  const matmul = enc.kernel(MATMUL_KERNEL);
  // Each thread computes a 4×4 block; a workgroup 8×8 threads (see orthogonal_matmul.wgsl).
  const gramGroups = [Math.ceil(g / 32), Math.ceil(g / 32)];
  const updateGroups = [Math.ceil(cols / 32), Math.ceil(rows / 32)];
  const gramFlops = 2 * g * g * Math.max(rows, cols);
  const iterFlops = newtonSchulzIterationFlops(rows, cols);

  // Gram of X: wide X·Xᵀ [rows, rows] (B = X read transposed); tall Xᵀ·X [cols, cols] (A transposed).
  const gramParams = enc.arena.alloc(
    wide ? mmParams(rows, rows, cols, TRANS_B, 1, 0) : mmParams(cols, cols, rows, TRANS_A, 1, 0),
  );
  const encodeGram = (x: BindingResource) =>
    enc.dispatch(matmul, [gramParams, x, x, x, gram], gramGroups, gramFlops);
  // Update into `out`: wide A·X [rows, rows]·[rows, cols]; tall X·A [rows, cols]·[cols, cols].
  const updateParams = (s: number) =>
    enc.arena.alloc(mmParams(rows, cols, wide ? rows : cols, ADD_D, -0.5 * s, 1.5 * s));
  const stepParams = updateParams(1);
  const lastParams = updateParams(gain);
  const encodeUpdate = (x: BindingResource, out: BindingResource, params: GPUBufferBinding) =>
    enc.dispatch(matmul, [params, wide ? gram : x, wide ? x : gram, x, out], updateGroups, iterFlops / 2);

  encodeGram(W);
  enc.dispatch(enc.kernel(NORM_KERNEL), [enc.arena.alloc([g * g, 0, 0, 0]), gram, scale], [1]);
  enc.dispatch(enc.kernel(SCALE_KERNEL), [enc.arena.alloc([n, 0, 0, 0]), scale, W], grid1d(device, n));
  for (let t = 1; t <= iterations; t++) {
    const [x, out] = t % 2 === 1 ? [W, x2] : [x2, W];
    encodeGram(x);
    encodeUpdate(x, out, t === iterations ? lastParams : stepParams);
  }
}
