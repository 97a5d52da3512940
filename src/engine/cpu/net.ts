// The MLP on the CPU: parameters, gradients and every activation buffer, allocated once for a batch
// capacity; forward and backward passes that allocate nothing. Layer i (0-based, 0..L) is the Linear map
// dims[i] → dims[i+1] with W_i [out, in] row-major; layers 0..L−1 are hidden (z = W h + b, h = φ(z)),
// layer L is the linear output. Buffers are row-major [rows, units].
import { maxAbsDerivative } from '../activations';
import type { Activation, LossName } from '../config';
import type { Split } from '../data/types';
import { HIST_BINS, histogramRange } from '../stats/histogramRange';
import { actStats, gradStats, moments, preStats } from '../stats/compute';
import { activateInPlace } from './activate';
import { type Arr, gemmNT, rowSums, transpose } from './gemm';
import { type LossResult, lossAndGrad } from './loss';
import type { StepProbe } from './probe';

export interface NetSpec {
  dims: readonly number[];
  act: Activation;
  slope: number;
  loss: LossName;
  /** Most rows a pass handles (the batch size). */
  capacity: number;
  float64: boolean;
}

function sumOf(a: Arr, count: number): number {
  let s = 0;
  for (let i = 0; i < count; i++) s += a[i];
  return s;
}

export class CpuNet {
  readonly dims: readonly number[];
  /** Number of hidden layers. */
  readonly L: number;
  readonly W: Arr[] = [];
  readonly b: Arr[] = [];
  readonly gW: Arr[] = [];
  readonly gb: Arr[] = [];
  /** h and φ'(z) of hidden layer i (while a pass runs, h briefly holds z). */
  readonly h: Arr[] = [];
  readonly d: Arr[] = [];
  readonly logits: Arr;
  readonly dlogits: Arr;
  readonly xBatch: Arr;
  readonly yBatch: Int32Array;
  /** Σ W_i, kept current by the optimizer: the weight finiteness check of the next pass. */
  readonly wSum: Float64Array;
  private readonly deltaA: Arr;
  private readonly deltaB: Arr;
  private readonly deltaT: Arr;
  private readonly inputT: Arr;
  private readonly WT: Arr;
  private readonly sums = new Float64Array(2);
  private readonly maxDeriv: number;
  private readonly histRange: { lo: number; hi: number; bins: number };

  constructor(
    readonly spec: NetSpec,
    params: readonly { W: ArrayLike<number>; b: ArrayLike<number> }[],
  ) {
    const { dims, capacity: B } = spec;
    const F = spec.float64 ? Float64Array : Float32Array;
    this.dims = dims;
    this.L = dims.length - 2;
    let maxDim = 0;
    let maxW = 0;
    for (let i = 0; i <= this.L; i++) {
      const n = dims[i] * dims[i + 1];
      if (params[i].W.length !== n || params[i].b.length !== dims[i + 1])
        throw new Error(`layer ${i + 1}: parameters do not match dims ${dims.join('-')}`);
      this.W.push(F.from(params[i].W));
      this.b.push(F.from(params[i].b));
      this.gW.push(new F(n));
      this.gb.push(new F(dims[i + 1]));
      maxW = Math.max(maxW, n);
      maxDim = Math.max(maxDim, dims[i], dims[i + 1]);
    }
    for (let i = 0; i < this.L; i++) {
      this.h.push(new F(B * dims[i + 1]));
      this.d.push(new F(B * dims[i + 1]));
    }
    const C = dims[this.L + 1];
    this.logits = new F(B * C);
    this.dlogits = new F(B * C);
    this.xBatch = new F(B * dims[0]);
    this.yBatch = new Int32Array(B);
    this.deltaA = new F(B * maxDim);
    this.deltaB = new F(B * maxDim);
    this.deltaT = new F(B * maxDim);
    this.inputT = new F(B * maxDim);
    this.WT = new F(maxW);
    this.wSum = new Float64Array(this.L + 1);
    for (let i = 0; i <= this.L; i++) this.wSum[i] = sumOf(this.W[i], this.W[i].length);
    this.maxDeriv = maxAbsDerivative(spec.act, spec.slope);
    this.histRange = { ...histogramRange(spec.act), bins: HIST_BINS };
  }

  /** Copy rows idx[0..rows) of a split into xBatch / yBatch. */
  gather(split: Split, idx: Int32Array, rows: number): void {
    const n0 = this.dims[0];
    for (let r = 0; r < rows; r++) {
      const src = idx[r] * n0;
      const dst = r * n0;
      for (let j = 0; j < n0; j++) this.xBatch[dst + j] = split.x[src + j];
      this.yBatch[r] = split.y[idx[r]];
    }
  }

  /** Copy rows [start, start + rows) of row-major inputs into xBatch (inference). */
  loadRows(x: ArrayLike<number>, start: number, rows: number): void {
    const n0 = this.dims[0];
    const off = start * n0;
    for (let e = 0; e < rows * n0; e++) this.xBatch[e] = x[off + e];
  }

  /** Output of hidden layer i (or the network input for i = −1). */
  private input(i: number): Arr {
    return i === 0 ? this.xBatch : this.h[i - 1];
  }

  /** z of layer i for `rows` rows, into h[i] (hidden) or logits (output). */
  linear(i: number, rows: number): Arr {
    const out = i < this.L ? this.h[i] : this.logits;
    gemmNT(this.input(i), this.W[i], out, rows, this.dims[i + 1], this.dims[i], this.b[i]);
    return out;
  }

  /** φ in place on hidden layer i (h[i] holds z on entry); returns [Σz, Σh] (a reused array). */
  activate(i: number, rows: number): Float64Array {
    activateInPlace(this.spec.act, this.spec.slope, this.h[i], this.d[i], rows * this.dims[i + 1], this.sums);
    return this.sums;
  }

  /** Forward from xBatch to logits, with statistics and finiteness checks when a probe is given. */
  forward(rows: number, probe: StepProbe | null): void {
    for (let i = 0; i <= this.L; i++) {
      probe?.check(this.W[i], this.W[i].length, this.wSum[i], i + 1, 'weight');
      const z = this.linear(i, rows);
      const count = rows * this.dims[i + 1];
      if (i === this.L) {
        if (probe) probe.check(z, count, sumOf(z, count), i + 1, 'output');
        break;
      }
      if (probe?.stats) probe.layers[i].pre = preStats(z, count);
      const sums = this.activate(i, rows);
      if (!probe) continue;
      probe.check(z, count, sums[0], i + 1, 'pre');
      probe.check(this.h[i], count, sums[1], i + 1, 'act');
      if (probe.stats)
        probe.layers[i].act = actStats(
          this.h[i],
          this.d[i],
          { maxAbsDeriv: this.maxDeriv, hist: probe.hist ? this.histRange : undefined },
          count,
        );
    }
  }

  /** Loss and accuracy count of the current logits; fills dlogits when withGrad. */
  loss(rows: number, y: Int32Array, withGrad: boolean): LossResult {
    return lossAndGrad(
      this.spec.loss,
      this.logits,
      y,
      rows,
      this.dims[this.L + 1],
      withGrad ? this.dlogits : null,
    );
  }

  /** Backward from dlogits: fills gW, gb of every layer. */
  backward(rows: number, probe: StepProbe | null): void {
    let delta = this.dlogits;
    let spare = this.deltaA;
    for (let i = this.L; i >= 0; i--) {
      const nIn = this.dims[i];
      const nOut = this.dims[i + 1];
      const count = rows * nOut;
      if (i === this.L) probe?.check(delta, count, sumOf(delta, count), i + 1, 'grad');
      // ∂L/∂W_i = δᵀ·input: both transposed so the product runs along contiguous rows of length `rows`.
      transpose(delta, this.deltaT, rows, nOut);
      transpose(this.input(i), this.inputT, rows, nIn);
      gemmNT(this.deltaT, this.inputT, this.gW[i], nOut, nIn, rows, null);
      rowSums(this.deltaT, this.gb[i], nOut, rows);
      if (probe?.stats && i < this.L) probe.layers[i].grad = gradStats(delta, this.gW[i], count);
      if (i === 0) break;
      // δ_{i−1} = (δ_i·W_i) ⊙ φ'(z_{i−1}).
      transpose(this.W[i], this.WT, nOut, nIn);
      gemmNT(delta, this.WT, spare, rows, nIn, nOut, null);
      const dPrev = this.d[i - 1];
      const countPrev = rows * nIn;
      let s = 0;
      for (let e = 0; e < countPrev; e++) {
        spare[e] *= dPrev[e];
        s += spare[e];
      }
      probe?.check(spare, countPrev, s, i, 'grad');
      const next = spare;
      spare = delta === this.dlogits ? this.deltaB : delta;
      delta = next;
    }
  }

  /** Weight std and ‖∂L/∂W‖ are read before the update: fill the weight block of hidden layers. */
  weightStats(probe: StepProbe): void {
    if (!probe.stats) return;
    for (let i = 0; i < this.L; i++) probe.layers[i].weight.std = moments(this.W[i]).std;
  }
}
