// Conv2d (stride 1, padding k//2) and the 2×2 average pool on NHWC maps, for one sample at a time: a
// sample's map is [side², C] row-major (position p = y·side + x, then channel), so a batch is one
// [B·side², C] matrix and a per-channel reduction is a per-column one. im2col turns the convolution into
// the engine's one GEMM: the patch matrix col [side², C·k²] times Wᵀ, W [N, C·k²] in PyTorch's
// [N, C, k, k] order (column = c·k² + ky·k + kx). The patch matrix of one sample is small (28²·C·k²);
// a whole batch's would not be, so the engine never builds it. The float32 engine uses the (ky, kx, c)
// column order instead (im2colHWC, col2imAddHWC, permuteKernel; also in WebAssembly, wasm/gemm.wat):
// there each kernel position's channels are one contiguous copy.
import type { Arr } from '../gemm';

/**
 * The patch matrix of one sample, col [side², C·k²], in either column order: column c·cs + t·ts of row p,
 * t = ky·k + kx, holds x[(y + ky − k//2)·side + (x + kx − k//2), c], or 0 outside the map.
 */
function im2colStrided(
  x: Arr,
  off: number,
  side: number,
  C: number,
  k: number,
  col: Arr,
  cs: number,
  ts: number,
) {
  const r = k >> 1;
  const K = C * k * k;
  for (let y = 0; y < side; y++)
    for (let xx = 0; xx < side; xx++) {
      const row = (y * side + xx) * K;
      for (let ky = 0; ky < k; ky++) {
        const sy = y + ky - r;
        const inY = sy >= 0 && sy < side;
        for (let kx = 0; kx < k; kx++) {
          const sx = xx + kx - r;
          const base = row + (ky * k + kx) * ts;
          if (!inY || sx < 0 || sx >= side) {
            for (let c = 0; c < C; c++) col[base + c * cs] = 0;
            continue;
          }
          const src = off + (sy * side + sx) * C;
          for (let c = 0; c < C; c++) col[base + c * cs] = x[src + c];
        }
      }
    }
}

/** The adjoint of im2colStrided: dx[(y + ky − r)·side + …, c] += dcol[p, c·cs + t·ts] (dx must start at 0). */
function col2imAddStrided(
  dcol: Arr,
  side: number,
  C: number,
  k: number,
  dx: Arr,
  off: number,
  cs: number,
  ts: number,
) {
  const r = k >> 1;
  const K = C * k * k;
  for (let y = 0; y < side; y++)
    for (let xx = 0; xx < side; xx++) {
      const row = (y * side + xx) * K;
      for (let ky = 0; ky < k; ky++) {
        const sy = y + ky - r;
        if (sy < 0 || sy >= side) continue;
        for (let kx = 0; kx < k; kx++) {
          const sx = xx + kx - r;
          if (sx < 0 || sx >= side) continue;
          const dst = off + (sy * side + sx) * C;
          const base = row + (ky * k + kx) * ts;
          for (let c = 0; c < C; c++) dx[dst + c] += dcol[base + c * cs];
        }
      }
    }
}

/** col[p, c·k² + ky·k + kx] (PyTorch's column order), see im2colStrided. */
export function im2col(x: Arr, off: number, side: number, C: number, k: number, col: Arr): void {
  im2colStrided(x, off, side, C, k, col, k * k, 1);
}

/** The adjoint of im2col: dx[(y + ky − r)·side + …, c] += dcol[p, c·k² + ky·k + kx] (dx must start at 0). */
export function col2imAdd(dcol: Arr, side: number, C: number, k: number, dx: Arr, off: number): void {
  col2imAddStrided(dcol, side, C, k, dx, off, k * k, 1);
}

/**
 * 2×2 average pool, stride 2, floor (F.avg_pool2d(x, 2)) of `rows` samples: out side ⌊side/2⌋; an odd
 * side's last row and column are dropped, as in PyTorch.
 */
export function avgPool2(x: Arr, out: Arr, rows: number, side: number, C: number): void {
  const so = side >> 1;
  for (let b = 0; b < rows; b++) {
    const ib = b * side * side * C;
    const ob = b * so * so * C;
    for (let y = 0; y < so; y++)
      for (let xx = 0; xx < so; xx++) {
        const p00 = ib + (2 * y * side + 2 * xx) * C;
        const p01 = p00 + C;
        const p10 = p00 + side * C;
        const p11 = p10 + C;
        const o = ob + (y * so + xx) * C;
        for (let c = 0; c < C; c++) out[o + c] = 0.25 * (x[p00 + c] + x[p01 + c] + x[p10 + c] + x[p11 + c]);
      }
  }
}

/** Backward of avgPool2: each input position of a window gets g/4; dropped positions get 0. */
export function avgPool2Backward(g: Arr, dx: Arr, rows: number, side: number, C: number): void {
  const so = side >> 1;
  dx.fill(0, 0, rows * side * side * C);
  for (let b = 0; b < rows; b++) {
    const ib = b * side * side * C;
    const ob = b * so * so * C;
    for (let y = 0; y < so; y++)
      for (let xx = 0; xx < so; xx++) {
        const p00 = ib + (2 * y * side + 2 * xx) * C;
        const o = ob + (y * so + xx) * C;
        for (let c = 0; c < C; c++) {
          const v = 0.25 * g[o + c];
          dx[p00 + c] = v;
          dx[p00 + C + c] = v;
          dx[p00 + side * C + c] = v;
          dx[p00 + side * C + C + c] = v;
        }
      }
  }
}

/** Mean over the side² positions of each sample and channel: [rows, side², C] → [rows, C]. */
export function meanPositions(x: Arr, out: Arr, rows: number, P: number, C: number): void {
  for (let b = 0; b < rows; b++) {
    const ib = b * P * C;
    for (let c = 0; c < C; c++) {
      let s = 0;
      for (let p = 0; p < P; p++) s += x[ib + p * C + c];
      out[b * C + c] = s / P;
    }
  }
}

/** Backward of meanPositions: every position of sample b, channel c gets g[b, c]/P. */
export function meanPositionsBackward(g: Arr, dx: Arr, rows: number, P: number, C: number): void {
  for (let b = 0; b < rows; b++)
    for (let p = 0; p < P; p++) {
      const o = (b * P + p) * C;
      for (let c = 0; c < C; c++) dx[o + c] = g[b * C + c] / P;
    }
}

/**
 * im2col with the columns in (ky, kx, c) order, the float32 engine's layout: col[p, (ky·k + kx)·C + c], so
 * each (ky, kx) is a contiguous run of C channels. Its products use W permuted to [N, k, k, C] (permuteKernel).
 */
export function im2colHWC(x: Arr, off: number, side: number, C: number, k: number, col: Arr): void {
  im2colStrided(x, off, side, C, k, col, 1, C);
}

/** The adjoint of im2colHWC: dx[(y + ky − r)·side + …, c] += dcol[p, (ky·k + kx)·C + c]. */
export function col2imAddHWC(dcol: Arr, side: number, C: number, k: number, dx: Arr, off: number): void {
  col2imAddStrided(dcol, side, C, k, dx, off, 1, C);
}

/** W [N, C, k, k] (PyTorch's order) → out [N, k, k, C] (im2colHWC's column order), or back with `inverse`. */
export function permuteKernel(W: Arr, out: Arr, N: number, C: number, kk: number, inverse: boolean): void {
  for (let n = 0; n < N; n++) {
    const base = n * C * kk;
    for (let c = 0; c < C; c++)
      for (let j = 0; j < kk; j++) {
        const torch = base + c * kk + j;
        const hwc = base + j * C + c;
        if (inverse) out[torch] = W[hwc];
        else out[hwc] = W[torch];
      }
  }
}
