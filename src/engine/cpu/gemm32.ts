// The readable reference of the WebAssembly gemm32 (wasm/gemm.wat): the float32 engine's conv products,
// accumulated in float32. Every output is C[m, n] (or +0 when not accumulating) plus, in order
// k = 0, 1, …, K−1, the float32 product A(m, k)·B(n, k), each step rounded to float32 (a product of two
// float32 values rounded once is IEEE float32 multiplication; the rounded sum of two float32 values is
// float32 addition), then the bias last: the same IEEE operations in the same order as the WebAssembly
// kernel, so the two agree bit for bit. Operands are strided: A(m, k) = a[m·sam + k·sak],
// B(n, k) = b[n·sbn + k·sbk]; C is row-major [M, N].
import type { Arr } from './gemm';

export interface Strided {
  data: Arr;
  si: number;
  sk: number;
}

const f = Math.fround;

export function gemm32(
  A: Strided,
  B: Strided,
  C: Arr,
  M: number,
  N: number,
  K: number,
  bias: Arr | null,
  accumulate: boolean,
): void {
  const { data: a, si: sam, sk: sak } = A;
  const { data: b, si: sbn, sk: sbk } = B;
  for (let m = 0; m < M; m++)
    for (let n = 0; n < N; n++) {
      let acc = accumulate ? C[m * N + n] : 0;
      let ia = m * sam;
      let ib = n * sbn;
      for (let k = 0; k < K; k++) {
        acc = f(acc + f(a[ia] * b[ib]));
        ia += sak;
        ib += sbk;
      }
      C[m * N + n] = bias ? f(acc + bias[n]) : acc;
    }
}
