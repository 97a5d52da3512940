// The three products of a Linear layer, behind one interface with two implementations that give the same
// bits: the TypeScript reference (transposes, then gemmNT along contiguous rows; float64 networks and
// runtimes without WebAssembly SIMD) and the WebAssembly SIMD GEMM reading the operands in place through
// strides (no transposes). Shapes: X [rows, nIn], W [nOut, nIn] row-major, δ [rows, nOut].
import { type Arr, gemmNT, rowSums, transpose } from './gemm';
import type { WasmArena } from './wasm/arena';

export interface LinearOps {
  /** out [rows, nOut] = X·Wᵀ + b. */
  forward(X: Arr, W: Arr, b: Arr, out: Arr, rows: number, nOut: number, nIn: number): void;
  /** gW [nOut, nIn] = δᵀ·X and gb = Σ over rows of δ. */
  paramGrads(delta: Arr, X: Arr, gW: Arr, gb: Arr, rows: number, nOut: number, nIn: number): void;
  /** gW [nOut, nIn] = δᵀ·X alone (a conv layer's per-sample product; its bias sum spans the batch). */
  weightGrad(delta: Arr, X: Arr, gW: Arr, rows: number, nOut: number, nIn: number): void;
  /** out [rows, nIn] = δ·W. */
  inputGrad(delta: Arr, W: Arr, out: Arr, rows: number, nOut: number, nIn: number): void;
}

/** The reference: every product as gemmNT after O(n²) transposes into the scratch buffers given. */
export class TsLinearOps implements LinearOps {
  constructor(
    private readonly deltaT: Arr,
    private readonly inputT: Arr,
    private readonly WT: Arr,
  ) {}

  forward(X: Arr, W: Arr, b: Arr, out: Arr, rows: number, nOut: number, nIn: number): void {
    gemmNT(X, W, out, rows, nOut, nIn, b);
  }

  paramGrads(delta: Arr, X: Arr, gW: Arr, gb: Arr, rows: number, nOut: number, nIn: number): void {
    this.weightGrad(delta, X, gW, rows, nOut, nIn);
    rowSums(this.deltaT, gb, nOut, rows);
  }

  weightGrad(delta: Arr, X: Arr, gW: Arr, rows: number, nOut: number, nIn: number): void {
    transpose(delta, this.deltaT, rows, nOut);
    transpose(X, this.inputT, rows, nIn);
    gemmNT(this.deltaT, this.inputT, gW, nOut, nIn, rows, null);
  }

  inputGrad(delta: Arr, W: Arr, out: Arr, rows: number, nOut: number, nIn: number): void {
    transpose(W, this.WT, nOut, nIn);
    gemmNT(delta, this.WT, out, rows, nIn, nOut, null);
  }
}

function owned(arena: WasmArena, a: Arr): Float32Array {
  if (!arena.owns(a)) throw new Error('WasmLinearOps: an operand lives outside the arena');
  return a;
}

/**
 * The WebAssembly SIMD GEMM on buffers of one arena. The bias gradient sums each column of δ in row order
 * in float64, the order rowSums uses on δᵀ, so it too matches the reference bit for bit.
 */
export class WasmLinearOps implements LinearOps {
  private readonly acc: Float64Array;

  constructor(
    private readonly arena: WasmArena,
    maxDim: number,
  ) {
    this.acc = new Float64Array(maxDim);
  }

  forward(X: Arr, W: Arr, b: Arr, out: Arr, rows: number, nOut: number, nIn: number): void {
    const a = this.arena;
    // A(m, k) = X[m, k]; B(n, k) = W[n, k].
    a.gemm(
      { data: owned(a, X), si: nIn, sk: 1 },
      { data: owned(a, W), si: nIn, sk: 1 },
      owned(a, out),
      rows,
      nOut,
      nIn,
      owned(a, b),
    );
  }

  paramGrads(delta: Arr, X: Arr, gW: Arr, gb: Arr, rows: number, nOut: number, nIn: number): void {
    this.weightGrad(delta, X, gW, rows, nOut, nIn);
    const acc = this.acc;
    acc.fill(0, 0, nOut);
    for (let r = 0; r < rows; r++) {
      const s = r * nOut;
      for (let o = 0; o < nOut; o++) acc[o] += delta[s + o];
    }
    for (let o = 0; o < nOut; o++) gb[o] = acc[o];
  }

  weightGrad(delta: Arr, X: Arr, gW: Arr, rows: number, nOut: number, nIn: number): void {
    const a = this.arena;
    // gW(o, j) = Σ_r δ[r, o]·X[r, j]: A(m, k) = δ[k, m], B(n, k) = X[k, n].
    a.gemm(
      { data: owned(a, delta), si: 1, sk: nOut },
      { data: owned(a, X), si: 1, sk: nIn },
      owned(a, gW),
      nOut,
      nIn,
      rows,
      null,
    );
  }

  inputGrad(delta: Arr, W: Arr, out: Arr, rows: number, nOut: number, nIn: number): void {
    const a = this.arena;
    // out(r, j) = Σ_o δ[r, o]·W[o, j]: A(m, k) = δ[m, k], B(n, k) = W[k, n].
    a.gemm(
      { data: owned(a, delta), si: nOut, sk: 1 },
      { data: owned(a, W), si: 1, sk: nIn },
      owned(a, out),
      rows,
      nIn,
      nOut,
      null,
    );
  }
}
