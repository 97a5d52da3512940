// A conv network (arch=conv) on the CPU, docs/LAYERS.md#convolutional-networks: hidden layer i is a
// plain layer (z = Conv(h), u = Norm(z), h = φ(u)) or, with residual blocks from layer 2 on, pre-norm
// (v = Norm(x), a = φ(v), z = Conv(a), x ← x + α z), followed by a 2×2 average pool where the graph has
// one; the head averages the last map over H×W and applies a Linear map. Maps are NHWC ([rows·side², C]);
// the convolutions are im2col + a GEMM, one sample at a time. A float32 network accumulates its conv
// products in float32 (gemm32: the WebAssembly SIMD kernel on buffers in its arena where it runs, else the
// TypeScript reference gemm32.ts, the same bits either way) on patch matrices in (ky, kx, c) column order;
// a float64 network (the gradient checks) keeps float64 products through LinearOps (linearOps.ts) on the
// PyTorch-order patch matrix. The head always uses LinearOps. Buffers are allocated once for a batch
// capacity; a pass allocates only the per-sample subarray views the GEMM writes through.
import { maxAbsDerivative } from '../../activations';
import type { Activation, LossName } from '../../config';
import type { Split } from '../../data/types';
import { channelMajor, type FeatureMapLayer } from '../../featureMaps';
import { type NetworkGraph, poolOf, weightOp } from '../../graph';
import { actStats, gradStats, moments, preStats } from '../../stats/compute';
import { HIST_BINS, histogramRange } from '../../stats/histogramRange';
import { activateInPlace } from '../activate';
import type { Arr } from '../gemm';
import { gemm32, type Strided } from '../gemm32';
import { type LinearOps, TsLinearOps, WasmLinearOps } from '../linearOps';
import { type LossResult, lossAndGrad } from '../loss';
import type { NormMode, NormState } from '../normOps';
import type { StepProbe } from '../probe';
import type { TrainNet } from '../trainNet';
import { gemm32ScratchBytes, gemmScratchBytes, WasmArena } from '../wasm/arena';
import { convNormBackward, convNormForward, createConvNormState } from './convNorm';
import {
  avgPool2,
  avgPool2Backward,
  col2imAdd,
  col2imAddHWC,
  im2col,
  im2colHWC,
  meanPositions,
  meanPositionsBackward,
  permuteKernel,
} from './im2col';

export interface ConvNetSpec {
  graph: NetworkGraph;
  act: Activation;
  slope: number;
  loss: LossName;
  /** Most samples a pass handles (the batch size). */
  capacity: number;
  float64: boolean;
  /** Keep the TypeScript GEMM even where the WebAssembly one runs (tests and timing comparisons). */
  tsGemm?: boolean;
}

type Conv = { in: number; out: number; kernel: number; side: number };

/**
 * The float32 values and buffers ConvNet puts in the arena (every operand and result of a product) and
 * the scratch of its largest product. Keep in step with the constructor: the arena throws if this falls
 * short.
 */
function arenaPlan(
  convs: readonly (Conv & { pooled: boolean; block: boolean })[],
  shapes: readonly { rows: number; cols: number }[],
  B: number,
  width: number,
  classes: number,
  inDim: number,
): { floats: number; buffers: number; scratch: number } {
  let floats = 0;
  let buffers = 0;
  let scratch = 0;
  let maxMap = 0;
  let maxPatch = 0;
  let maxW = 0;
  for (const s of shapes) {
    floats += 2 * s.rows * s.cols + 2 * s.rows; // W, b, gW, gb
    buffers += 4;
    maxW = Math.max(maxW, s.rows * s.cols);
  }
  for (const c of convs) {
    const P = c.side * c.side;
    const K = c.in * c.kernel ** 2;
    floats += 2 * B * P * c.out; // z, h
    buffers += 4;
    if (c.pooled) floats += B * Math.floor(c.side / 2) ** 2 * c.out;
    if (c.block) floats += B * P * c.out; // x
    maxMap = Math.max(maxMap, P * Math.max(c.in, c.out));
    maxPatch = Math.max(maxPatch, P * K);
    scratch = Math.max(
      scratch,
      gemmScratchBytes(P, c.out, K),
      gemmScratchBytes(c.out, K, P),
      gemmScratchBytes(P, K, c.out),
      gemm32ScratchBytes(P, c.out, K),
      gemm32ScratchBytes(c.out, K, P),
      gemm32ScratchBytes(P, K, c.out),
    );
  }
  scratch = Math.max(
    scratch,
    gemmScratchBytes(B, classes, width),
    gemmScratchBytes(classes, width, B),
    gemmScratchBytes(B, width, classes),
  );
  floats += 3 * B * maxMap + maxPatch + 2 * maxW; // gA, gB, gC, col, tmpW, wPerm
  floats += 2 * B * width + 2 * B * classes + B * inDim; // gap, dgap, logits, dlogits, xBatch
  buffers += 11;
  return { floats, buffers, scratch };
}

function sumOf(a: Arr, count: number): number {
  let s = 0;
  for (let i = 0; i < count; i++) s += a[i];
  return s;
}

export class ConvNet implements TrainNet {
  readonly dims: readonly number[];
  readonly L: number;
  readonly W: Arr[] = [];
  readonly b: Arr[] = [];
  readonly gW: Arr[] = [];
  readonly gb: Arr[] = [];
  /** Per hidden layer: z, φ's output (h, or a in a residual block) and φ' beside it. */
  readonly z: Arr[] = [];
  readonly h: Arr[] = [];
  readonly d: Arr[] = [];
  /** The residual stream x^{i+1} of a block i ≥ 1 (x¹ is h[0]); empty arrays elsewhere. */
  readonly x: Arr[] = [];
  /** The pooled output of hidden layer i, or null when no pool follows it. */
  readonly pooled: (Arr | null)[] = [];
  readonly norms: NormState[] = [];
  readonly alpha: Arr[] = [];
  readonly gAlpha: Arr[] = [];
  readonly residual: boolean;
  readonly convs: Conv[];
  /** Head input: the last map averaged over its positions [rows, N], and its gradient. */
  readonly gap: Arr;
  private readonly dgap: Arr;
  readonly logits: Arr;
  readonly dlogits: Arr;
  readonly xBatch: Arr;
  readonly yBatch: Int32Array;
  readonly wSum: Float64Array;
  readonly inDim: number;
  readonly classes: number;
  private readonly N: number;
  /** Side of the last map (after its pool), which the head averages. */
  private readonly lastSide: number;
  // Scratch: gradients of maps (two taking turns, one for a block's branch), one sample's patch matrix
  // and its gradient, a weight-sized product.
  private readonly gA: Arr;
  private readonly gB: Arr;
  private readonly gC: Arr;
  private readonly col: Arr;
  private readonly tmpW: Arr;
  /** A conv layer's W in im2colHWC's column order, [N, k, k, C] (float32 networks). */
  private readonly wPerm: Arr;
  /** The products: WebAssembly SIMD on arena buffers, or the TypeScript reference. */
  private readonly ops: LinearOps;
  /**
   * A float32 network's conv products, accumulated in float32 (gemm32: the WebAssembly kernel, or its
   * TypeScript reference, the same bits); null in a float64 network, whose conv products stay on ops.
   */
  private readonly conv32:
    | ((
        A: Strided,
        B: Strided,
        C: Arr,
        M: number,
        N: number,
        K: number,
        bias: Arr | null,
        acc: boolean,
      ) => void)
    | null;
  /** Where the float32 operands of the products live when the WebAssembly GEMM runs (null: plain arrays). */
  readonly arena: WasmArena | null;
  /** Values the products need beside the net's buffers: the GEMM's packing scratch, or the transposes. */
  readonly productScratchValues: number;
  private readonly sums = new Float64Array(2);
  private readonly colAcc: Float64Array;
  private readonly maxDeriv: number;
  private readonly histRange: { lo: number; hi: number; bins: number };
  private normMode: NormMode = 'train';

  constructor(
    readonly spec: ConvNetSpec,
    params: readonly { W: ArrayLike<number>; b: ArrayLike<number> }[],
  ) {
    const g = spec.graph;
    const image = g.image;
    if (g.arch !== 'conv' || !image) throw new Error('ConvNet needs a conv graph');
    const F = spec.float64 ? Float64Array : Float32Array;
    const B = spec.capacity;
    this.L = g.hidden.length;
    this.N = g.width;
    this.inDim = g.inDim;
    this.classes = g.classes;
    this.residual = g.residual;
    this.dims = [g.inDim, ...g.hidden.map(() => g.width), g.classes];
    this.convs = g.hidden.map((layer) => {
      const op = weightOp(layer);
      if (op.kind !== 'conv2d') throw new Error(`layer ${layer.layer} is not a convolution`);
      return op;
    });
    const shapes = [
      ...this.convs.map((c) => ({ rows: c.out, cols: c.in * c.kernel ** 2 })),
      { rows: g.classes, cols: g.width },
    ];
    // float32 networks keep the products' operands in the WebAssembly GEMM's memory where it runs (float64
    // ones, the gradient checks, stay on the TypeScript reference).
    const plan = arenaPlan(
      this.convs.map((c, i) => ({ ...c, pooled: poolOf(g.hidden[i]) !== null, block: this.isBlock(i) })),
      shapes,
      B,
      g.width,
      g.classes,
      g.inDim,
    );
    this.arena =
      spec.float64 || spec.tsGemm ? null : WasmArena.create(plan.floats, plan.buffers, plan.scratch);
    const arena = this.arena;
    const buf = (n: number): Arr => (arena ? arena.alloc(n) : new F(n));
    const copy = (src: ArrayLike<number>): Arr => {
      const a = buf(src.length);
      a.set(src);
      return a;
    };
    let maxMap = 0;
    let maxPatch = 0;
    let maxW = 0;
    let maxDelta = B * g.classes;
    shapes.forEach((s, i) => {
      if (params[i].W.length !== s.rows * s.cols || params[i].b.length !== s.rows)
        throw new Error(`layer ${i + 1}: parameters do not match the graph`);
      this.W.push(copy(params[i].W));
      this.b.push(copy(params[i].b));
      this.gW.push(buf(s.rows * s.cols));
      this.gb.push(buf(s.rows));
      maxW = Math.max(maxW, s.rows * s.cols);
    });
    let side = image.side;
    for (let i = 0; i < this.L; i++) {
      const c = this.convs[i];
      const P = c.side * c.side;
      const n = B * P * c.out;
      this.z.push(buf(n));
      this.h.push(buf(n));
      this.d.push(new F(n));
      this.x.push(buf(this.isBlock(i) ? n : 0));
      const pool = poolOf(g.hidden[i]);
      this.pooled.push(pool ? buf(B * Math.floor(c.side / 2) ** 2 * c.out) : null);
      if (g.norm) this.norms.push(createConvNormState(g.norm, c.out, P, B, spec.float64));
      this.alpha.push(new F(1).fill(g.rezero && i > 0 ? 0 : 1));
      this.gAlpha.push(new F(1));
      maxMap = Math.max(maxMap, P * Math.max(c.in, c.out));
      maxPatch = Math.max(maxPatch, P * c.in * c.kernel ** 2);
      maxDelta = Math.max(maxDelta, P * c.out);
      side = pool ? Math.floor(c.side / 2) : c.side;
    }
    this.lastSide = side;
    this.gap = buf(B * this.N);
    this.dgap = buf(B * this.N);
    this.logits = buf(B * this.classes);
    this.dlogits = buf(B * this.classes);
    this.xBatch = buf(B * this.inDim);
    this.yBatch = new Int32Array(B);
    this.gA = buf(B * maxMap);
    this.gB = buf(B * maxMap);
    this.gC = buf(B * maxMap);
    this.col = buf(maxPatch);
    this.tmpW = buf(maxW);
    this.wPerm = buf(maxW);
    // The reference transposes δ (a sample's, or the head's), the product's other input and W into these.
    this.ops = arena
      ? new WasmLinearOps(arena, Math.max(this.N, g.classes))
      : new TsLinearOps(new F(maxDelta), new F(Math.max(maxPatch, B * this.N)), new F(maxW));
    this.conv32 = spec.float64
      ? null
      : arena
        ? (A, B, C, M, N, K, bias, acc) =>
            arena.gemm32(
              A as { data: Float32Array; si: number; sk: number },
              B as { data: Float32Array; si: number; sk: number },
              C as Float32Array,
              M,
              N,
              K,
              bias as Float32Array | null,
              acc,
            )
        : gemm32;
    this.productScratchValues = arena
      ? arena.scratchValues
      : maxDelta + Math.max(maxPatch, B * this.N) + maxW;
    this.colAcc = new Float64Array(Math.max(...this.convs.map((c) => c.out)));
    this.wSum = new Float64Array(this.L + 1);
    for (let i = 0; i <= this.L; i++) this.wSum[i] = sumOf(this.W[i], this.W[i].length);
    this.maxDeriv = maxAbsDerivative(spec.act, spec.slope);
    this.histRange = { ...histogramRange(spec.act), bins: HIST_BINS };
  }

  /** Whether hidden layer i (0-based) is a residual block (layer 1 never is). */
  isBlock(i: number): boolean {
    return this.residual && i > 0 && i < this.L;
  }

  extraParams(): { p: Arr[]; g: Arr[] } {
    const p = [...this.norms.map((n) => n.gamma), ...this.norms.map((n) => n.beta)];
    const g = [...this.norms.map((n) => n.gGamma), ...this.norms.map((n) => n.gBeta)];
    if (this.spec.graph.rezero)
      for (let i = 1; i < this.L; i++) {
        p.push(this.alpha[i]);
        g.push(this.gAlpha[i]);
      }
    return { p, g };
  }

  runningState(): Arr[] {
    return this.norms.flatMap((n) => [n.runMean, n.runVar]);
  }

  gather(split: Split, idx: Int32Array, rows: number): void {
    const n0 = this.inDim;
    for (let r = 0; r < rows; r++) {
      const src = idx[r] * n0;
      const dst = r * n0;
      for (let j = 0; j < n0; j++) this.xBatch[dst + j] = split.x[src + j];
      this.yBatch[r] = split.y[idx[r]];
    }
  }

  loadRows(x: ArrayLike<number>, start: number, rows: number): void {
    const off = start * this.inDim;
    for (let e = 0; e < rows * this.inDim; e++) this.xBatch[e] = x[off + e];
  }

  units(i: number): number {
    if (i === this.L) return this.classes;
    const c = this.convs[i];
    return c.side * c.side * c.out;
  }

  /** Values per sample of what hidden layer i hands upward (after its pool). */
  private outUnits(i: number): number {
    const c = this.convs[i];
    const s = this.pooled[i] ? Math.floor(c.side / 2) : c.side;
    return s * s * c.out;
  }

  /** What hidden layer i hands upward: its pooled output, or h (plain) / the stream x (block). */
  out(i: number): Arr {
    return this.pooled[i] ?? this.preOut(i);
  }

  /** Hidden layer i's output before its pool: h (plain; x¹ = h¹), or the stream x (block). */
  private preOut(i: number): Arr {
    return this.isBlock(i) ? this.x[i] : this.h[i];
  }

  /** Input of map i: the images, the layer below's output, or a block's own a = φ(v). */
  private input(i: number): Arr {
    if (i === 0) return this.xBatch;
    return this.isBlock(i) ? this.h[i] : this.out(i - 1);
  }

  setBatchStatsOnly(on: boolean): void {
    this.normMode = on ? 'batchStats' : 'train';
  }

  prepareInput(i: number, rows: number): void {
    if (i === this.L) this.headInput(rows);
    else if (this.isBlock(i)) this.blockBranch(i, rows, null, this.normMode);
  }

  private headInput(rows: number): void {
    meanPositions(this.out(this.L - 1), this.gap, rows, this.lastSide ** 2, this.N);
  }

  /** z of map i (the head's logits from gap; a conv layer's z from its input). */
  linear(i: number, rows: number): Arr {
    if (i === this.L) {
      this.ops.forward(this.gap, this.W[i], this.b[i], this.logits, rows, this.classes, this.N);
      return this.logits;
    }
    const { in: C, out: N, kernel: k, side } = this.convs[i];
    const P = side * side;
    const K = C * k * k;
    const input = this.input(i);
    const z = this.z[i];
    const c32 = this.conv32;
    if (c32) {
      // float32: patch columns in (ky, kx, c) order (contiguous copies), W permuted to match.
      permuteKernel(this.W[i], this.wPerm, N, C, k * k, false);
      for (let r = 0; r < rows; r++) {
        this.patches(input, r * P * C, side, C, k);
        const A = { data: this.col, si: K, sk: 1 };
        c32(A, { data: this.wPerm, si: K, sk: 1 }, z.subarray(r * P * N), P, N, K, this.b[i], false);
      }
      return z;
    }
    for (let r = 0; r < rows; r++) {
      im2col(input, r * P * C, side, C, k, this.col);
      this.ops.forward(this.col, this.W[i], this.b[i], z.subarray(r * P * N), P, N, K);
    }
    return z;
  }

  /** im2colHWC of one sample's map into col: in WebAssembly on arena buffers, else in TypeScript. */
  private patches(input: Arr, off: number, side: number, C: number, k: number): void {
    if (this.arena) this.arena.im2colHWC(input as Float32Array, off, side, C, k, this.col as Float32Array);
    else im2colHWC(input, off, side, C, k, this.col);
  }

  private normalize(i: number, v: Arr, rows: number, mode: NormMode, probe: StepProbe | null): void {
    const c = this.convs[i];
    const P = c.side * c.side;
    convNormForward(this.norms[i], v, this.h[i], rows, P, c.out, mode);
    const count = rows * P * c.out;
    if (!probe) return;
    probe.check(this.h[i], count, sumOf(this.h[i], count), i + 1, 'norm');
    if (probe.stats) probe.layers[i].norm = preStats(this.h[i], count);
  }

  private activate(i: number, rows: number, probe: StepProbe | null): void {
    const count = rows * this.units(i);
    activateInPlace(this.spec.act, this.spec.slope, this.h[i], this.d[i], count, this.sums);
    if (!probe) return;
    probe.check(this.h[i], count, this.sums[1], i + 1, 'act');
    if (probe.stats)
      probe.layers[i].act = actStats(
        this.h[i],
        this.d[i],
        { maxAbsDeriv: this.maxDeriv, hist: probe.hist ? this.histRange : undefined },
        count,
      );
  }

  /** A residual block's branch input: v = Norm(x) (or x) into h[i], then a = φ(v) in place. */
  private blockBranch(i: number, rows: number, probe: StepProbe | null, mode: NormMode): void {
    const xin = this.out(i - 1);
    if (this.norms.length > 0) this.normalize(i, xin, rows, mode, probe);
    else this.h[i].set(xin.subarray(0, rows * this.units(i)));
    this.activate(i, rows, probe);
  }

  finishLayer(i: number, rows: number, probe: StepProbe | null = null, mode: NormMode = this.normMode): void {
    const c = this.convs[i];
    const count = rows * this.units(i);
    if (this.isBlock(i)) {
      const xin = this.out(i - 1);
      const x = this.x[i];
      const z = this.z[i];
      const a = this.alpha[i][0];
      let s = 0;
      for (let e = 0; e < count; e++) {
        x[e] = xin[e] + a * z[e];
        s += x[e];
      }
      probe?.check(x, count, s, i + 1, 'stream');
    } else {
      if (this.norms.length > 0) this.normalize(i, this.z[i], rows, mode, probe);
      else this.h[i].set(this.z[i].subarray(0, count));
      this.activate(i, rows, probe);
    }
    const pooled = this.pooled[i];
    if (pooled) avgPool2(this.preOut(i), pooled, rows, c.side, c.out);
    if (this.residual && probe?.stats)
      probe.layers[i].stream = { std: moments(this.out(i), rows * this.outUnits(i)).std, gradStd: 0 };
  }

  forward(rows: number, probe: StepProbe | null, train = true): void {
    const mode: NormMode = train ? this.normMode : 'eval';
    for (let i = 0; i < this.L; i++) {
      if (this.isBlock(i)) this.blockBranch(i, rows, probe, mode);
      probe?.check(this.W[i], this.W[i].length, this.wSum[i], i + 1, 'weight');
      const z = this.linear(i, rows);
      const count = rows * this.units(i);
      if (probe) {
        if (probe.stats) probe.layers[i].pre = preStats(z, count);
        probe.check(z, count, sumOf(z, count), i + 1, 'pre');
      }
      this.finishLayer(i, rows, probe, mode);
    }
    const L = this.L;
    this.headInput(rows);
    probe?.check(this.W[L], this.W[L].length, this.wSum[L], L + 1, 'weight');
    this.linear(L, rows);
    const n = rows * this.classes;
    probe?.check(this.logits, n, sumOf(this.logits, n), L + 1, 'output');
  }

  loss(rows: number, y: Int32Array, withGrad: boolean): LossResult {
    return lossAndGrad(this.spec.loss, this.logits, y, rows, this.classes, withGrad ? this.dlogits : null);
  }

  /** ∂L/∂W_i = Σ_samples δᵀ·col and ∂L/∂b_i = Σ δ over samples and positions. */
  private convParamGrads(i: number, delta: Arr, rows: number, probe: StepProbe | null): void {
    const { in: C, out: N, kernel: k, side } = this.convs[i];
    const P = side * side;
    const K = C * k * k;
    const input = this.input(i);
    const gW = this.gW[i];
    const c32 = this.conv32;
    if (c32) {
      // float32: one sum over every sample's positions in order, accumulated sample after sample into
      // tmpW ([N, k, k, C]), then permuted back to PyTorch's order.
      const g = this.tmpW;
      g.fill(0, 0, N * K);
      for (let r = 0; r < rows; r++) {
        this.patches(input, r * P * C, side, C, k);
        const dr = delta.subarray(r * P * N);
        c32({ data: dr, si: 1, sk: N }, { data: this.col, si: 1, sk: K }, g, N, K, P, null, true);
      }
      permuteKernel(g, gW, N, C, k * k, true);
    } else {
      gW.fill(0);
      for (let r = 0; r < rows; r++) {
        im2col(input, r * P * C, side, C, k, this.col);
        this.ops.weightGrad(delta.subarray(r * P * N), this.col, this.tmpW, P, N, K);
        for (let e = 0; e < N * K; e++) gW[e] += this.tmpW[e];
      }
    }
    // Each channel's sum in position order, float64, all channels in one pass over δ.
    const all = rows * P;
    const acc = this.colAcc;
    acc.fill(0);
    for (let r = 0; r < all; r++) {
      const o = r * N;
      for (let c = 0; c < N; c++) acc[c] += delta[o + c];
    }
    for (let c = 0; c < N; c++) this.gb[i][c] = acc[c];
    if (probe?.stats) probe.layers[i].grad = gradStats(delta, gW, rows * P * N);
  }

  /** out = ∂L/∂(input of conv i) from δ = ∂L/∂z: per sample δ·W, scattered back by col2im. */
  private convInputGrad(i: number, delta: Arr, out: Arr, rows: number): void {
    const { in: C, out: N, kernel: k, side } = this.convs[i];
    const P = side * side;
    const K = C * k * k;
    out.fill(0, 0, rows * P * C);
    const c32 = this.conv32;
    if (c32) {
      permuteKernel(this.W[i], this.wPerm, N, C, k * k, false);
      for (let r = 0; r < rows; r++) {
        const dr = delta.subarray(r * P * N);
        c32({ data: dr, si: N, sk: 1 }, { data: this.wPerm, si: 1, sk: K }, this.col, P, K, N, null, false);
        if (this.arena)
          this.arena.col2imAddHWC(this.col as Float32Array, side, C, k, out as Float32Array, r * P * C);
        else col2imAddHWC(this.col, side, C, k, out, r * P * C);
      }
      return;
    }
    for (let r = 0; r < rows; r++) {
      this.ops.inputGrad(delta.subarray(r * P * N), this.W[i], this.col, P, N, K);
      col2imAdd(this.col, side, C, k, out, r * P * C);
    }
  }

  backward(rows: number, probe: StepProbe | null): void {
    const L = this.L;
    const C = this.classes;
    const N = this.N;
    probe?.check(this.dlogits, rows * C, sumOf(this.dlogits, rows * C), L + 1, 'grad');
    // The head: ∂W = dlogitsᵀ·gap, ∂b = Σ dlogits, ∂gap = dlogits·W, then spread over the positions.
    this.ops.paramGrads(this.dlogits, this.gap, this.gW[L], this.gb[L], rows, C, N);
    this.ops.inputGrad(this.dlogits, this.W[L], this.dgap, rows, C, N);
    let g = this.gA;
    let spare = this.gB;
    meanPositionsBackward(this.dgap, g, rows, this.lastSide ** 2, N);
    for (let i = L - 1; i >= 0; i--) {
      const c = this.convs[i];
      if (this.residual) {
        const n = rows * this.outUnits(i);
        probe?.check(g, n, sumOf(g, n), i + 1, 'stream');
        const st = probe?.stats ? probe.layers[i].stream : undefined;
        if (st) st.gradStd = moments(g, n).std;
      }
      if (this.pooled[i]) {
        avgPool2Backward(g, spare, rows, c.side, c.out);
        [g, spare] = [spare, g];
      }
      const count = rows * this.units(i);
      if (this.isBlock(i)) {
        this.blockBackward(i, g, spare, rows, probe);
        continue;
      }
      // δ = g ⊙ φ'(u), then through the norm: ∂L/∂z.
      const dphi = this.d[i];
      let s = 0;
      for (let e = 0; e < count; e++) {
        spare[e] = g[e] * dphi[e];
        s += spare[e];
      }
      if (this.norms.length > 0) {
        convNormBackward(this.norms[i], spare, spare, rows, c.side * c.side, c.out);
        s = sumOf(spare, count);
      }
      probe?.check(spare, count, s, i + 1, 'grad');
      this.convParamGrads(i, spare, rows, probe);
      if (i === 0) break;
      this.convInputGrad(i, spare, g, rows);
    }
  }

  /** g holds ∂L/∂x^ℓ on entry and ∂L/∂x^{ℓ−1} on exit (docs/LAYERS.md, residual backward). */
  private blockBackward(i: number, g: Arr, spare: Arr, rows: number, probe: StepProbe | null): void {
    const c = this.convs[i];
    const count = rows * this.units(i);
    const a = this.alpha[i][0];
    const z = this.z[i];
    let gAlpha = 0;
    let s = 0;
    for (let e = 0; e < count; e++) {
      gAlpha += g[e] * z[e];
      spare[e] = a * g[e];
      s += spare[e];
    }
    this.gAlpha[i][0] = gAlpha;
    probe?.check(spare, count, s, i + 1, 'grad');
    this.convParamGrads(i, spare, rows, probe);
    const da = this.gC;
    this.convInputGrad(i, spare, da, rows);
    const dphi = this.d[i];
    for (let e = 0; e < count; e++) da[e] *= dphi[e];
    if (this.norms.length > 0) convNormBackward(this.norms[i], da, da, rows, c.side * c.side, c.out);
    for (let e = 0; e < count; e++) g[e] += da[e];
  }

  /**
   * The maps of sample `index` of `x` (row-major images) through the network in evaluation mode: the input
   * and each layer's output before its pool, at most `maxChannels` channels each. Uses the pass buffers, so
   * call it between steps, like evaluation.
   */
  featureMaps(x: ArrayLike<number>, index: number, maxChannels: number): FeatureMapLayer[] {
    this.loadRows(x, index, 1);
    this.forward(1, null, false);
    const image = this.spec.graph.image!;
    const shown = (c: number) => Math.min(c, maxChannels);
    const out: FeatureMapLayer[] = [
      {
        layer: 0,
        side: image.side,
        channels: image.channels,
        data: channelMajor(this.xBatch, image.side, image.channels, shown(image.channels)),
      },
    ];
    for (let i = 0; i < this.L; i++) {
      const { side, out: C } = this.convs[i];
      out.push({ layer: i + 1, side, channels: C, data: channelMajor(this.preOut(i), side, C, shown(C)) });
    }
    return out;
  }

  weightStats(probe: StepProbe): void {
    if (!probe.stats) return;
    for (let i = 0; i < this.L; i++) probe.layers[i].weight.std = moments(this.W[i]).std;
  }
}
