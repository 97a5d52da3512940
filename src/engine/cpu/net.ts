// The network on the CPU: parameters, gradients and every activation buffer, allocated once for a batch
// capacity; forward and backward passes that allocate nothing. Linear layer i (0-based, 0..L) maps
// dims[i] → dims[i+1] with W_i [out, in] row-major; layers 0..L−1 are hidden, layer L is the linear head.
// A hidden layer is plain (z = W h + b, u = Norm(z), h = φ(u)) or, with residual blocks, pre-norm
// residual (v = Norm(x), a = φ(v), z = W a + b, x ← x + α z): docs/LAYERS.md. With neither norm nor
// residual blocks this is the plain MLP, computed with exactly the same operations as before the graph.
// Buffers are row-major [rows, units].
import { maxAbsDerivative } from '../activations';
import type { Activation, LossName } from '../config';
import type { Split } from '../data/types';
import type { NetworkGraph } from '../graph';
import { HIST_BINS, histogramRange } from '../stats/histogramRange';
import { actStats, gradStats, moments, preStats } from '../stats/compute';
import { activateInPlace } from './activate';
import type { Arr } from './gemm';
import { type LinearOps, TsLinearOps, WasmLinearOps } from './linearOps';
import { type LossResult, lossAndGrad } from './loss';
import { createNormState, type NormMode, type NormState, normBackward, normForward } from './normOps';
import type { StepProbe } from './probe';
import type { TrainNet } from './trainNet';
import { gemmScratchBytes, WasmArena } from './wasm/arena';

export interface NetSpec {
  dims: readonly number[];
  act: Activation;
  slope: number;
  loss: LossName;
  /** Most rows a pass handles (the batch size). */
  capacity: number;
  float64: boolean;
  /** Keep the TypeScript GEMM even where the WebAssembly one runs (tests and timing comparisons). */
  tsGemm?: boolean;
  /** Normalization and residual structure; absent means the plain MLP. */
  graph?: Pick<NetworkGraph, 'norm' | 'residual' | 'rezero'>;
}

/**
 * The float32 values and buffers CpuNet allocates (the arena is sized from this, once) and the scratch of
 * its largest product. Keep in step with the constructor: the arena throws if this falls short.
 */
function arenaPlan(
  dims: readonly number[],
  B: number,
  separateZ: boolean,
  residual: boolean,
): { floats: number; buffers: number; scratch: number } {
  const L = dims.length - 2;
  let floats = 0;
  let buffers = 0;
  let scratch = 0;
  for (let i = 0; i <= L; i++) {
    floats += 2 * dims[i] * dims[i + 1] + 2 * dims[i + 1]; // W, b, gW, gb
    buffers += 4;
    const [nIn, nOut] = [dims[i], dims[i + 1]];
    scratch = Math.max(
      scratch,
      gemmScratchBytes(B, nOut, nIn),
      gemmScratchBytes(nOut, nIn, B),
      gemmScratchBytes(B, nIn, nOut),
    );
  }
  for (let i = 0; i < L; i++) {
    const per = 2 + (separateZ ? 1 : 0) + (residual && i > 0 ? 1 : 0); // h, d, z, x
    floats += per * B * dims[i + 1];
    buffers += per;
  }
  floats += B * (2 * dims[L + 1] + dims[0] + 3 * Math.max(...dims)); // logits, dlogits, xBatch, δ ×3
  buffers += 6;
  return { floats, buffers, scratch };
}

function sumOf(a: Arr, count: number): number {
  let s = 0;
  for (let i = 0; i < count; i++) s += a[i];
  return s;
}

export class CpuNet implements TrainNet {
  readonly dims: readonly number[];
  /** Number of hidden layers. */
  readonly L: number;
  readonly W: Arr[] = [];
  readonly b: Arr[] = [];
  readonly gW: Arr[] = [];
  readonly gb: Arr[] = [];
  /** Hidden layer i's φ output (h, or a in a residual block) and φ' beside it; briefly φ's input. */
  readonly h: Arr[] = [];
  readonly d: Arr[] = [];
  /** z of hidden layer i, kept apart from h when a norm or a residual add follows the Linear map. */
  readonly z: Arr[] = [];
  /** The residual stream x^{i+1} of hidden layer i ≥ 1 (x¹ is h[0]); empty without residual blocks. */
  readonly x: Arr[] = [];
  /** One normalization per hidden layer, or none. */
  readonly norms: NormState[] = [];
  /** ReZero's α per hidden layer (index 0 unused, layer 1 is plain) and its gradient. */
  readonly alpha: Arr[] = [];
  readonly gAlpha: Arr[] = [];
  readonly residual: boolean;
  readonly logits: Arr;
  readonly dlogits: Arr;
  readonly xBatch: Arr;
  readonly yBatch: Int32Array;
  /** Σ W_i, kept current by the optimizer: the weight finiteness check of the next pass. */
  readonly wSum: Float64Array;
  private readonly deltaA: Arr;
  private readonly deltaB: Arr;
  private readonly deltaT: Arr;
  /** The products of the Linear layers: WebAssembly SIMD on arena buffers, or the TypeScript reference. */
  private readonly ops: LinearOps;
  /** Where the float32 buffers live when the WebAssembly GEMM runs (null: plain typed arrays). */
  readonly arena: WasmArena | null;
  private readonly sums = new Float64Array(2);
  private readonly maxDeriv: number;
  private readonly histRange: { lo: number; hi: number; bins: number };
  /** Set while a pass normalizes with batch statistics without moving the running ones (LSUV). */
  private normMode: NormMode = 'train';

  constructor(
    readonly spec: NetSpec,
    params: readonly { W: ArrayLike<number>; b: ArrayLike<number> }[],
  ) {
    const { dims, capacity: B } = spec;
    const F = spec.float64 ? Float64Array : Float32Array;
    this.dims = dims;
    this.L = dims.length - 2;
    this.residual = spec.graph?.residual ?? false;
    const norm = spec.graph?.norm ?? null;
    const separateZ = norm !== null || this.residual;
    // float32 networks keep their buffers in the WebAssembly GEMM's memory where it runs (float64 ones,
    // the gradient checks, stay on the TypeScript reference).
    const plan = arenaPlan(dims, B, separateZ, this.residual);
    this.arena =
      spec.float64 || spec.tsGemm ? null : WasmArena.create(plan.floats, plan.buffers, plan.scratch);
    const arena = this.arena;
    const buf = (n: number): Arr => (arena ? arena.alloc(n) : new F(n));
    const copy = (src: ArrayLike<number>): Arr => {
      const a = buf(src.length);
      a.set(src);
      return a;
    };
    let maxDim = 0;
    let maxW = 0;
    for (let i = 0; i <= this.L; i++) {
      const n = dims[i] * dims[i + 1];
      if (params[i].W.length !== n || params[i].b.length !== dims[i + 1])
        throw new Error(`layer ${i + 1}: parameters do not match dims ${dims.join('-')}`);
      this.W.push(copy(params[i].W));
      this.b.push(copy(params[i].b));
      this.gW.push(buf(n));
      this.gb.push(buf(dims[i + 1]));
      maxW = Math.max(maxW, n);
      maxDim = Math.max(maxDim, dims[i], dims[i + 1]);
    }
    for (let i = 0; i < this.L; i++) {
      const n = B * dims[i + 1];
      this.h.push(buf(n));
      this.d.push(buf(n));
      if (separateZ) this.z.push(buf(n));
      if (this.residual && i > 0) this.x.push(buf(n));
      if (norm) this.norms.push(createNormState(norm, dims[i + 1], B, spec.float64));
      const trained = spec.graph?.rezero && i > 0;
      this.alpha.push(new F(1).fill(trained ? 0 : 1));
      this.gAlpha.push(new F(1));
    }
    const C = dims[this.L + 1];
    this.logits = buf(B * C);
    this.dlogits = buf(B * C);
    this.xBatch = buf(B * dims[0]);
    this.yBatch = new Int32Array(B);
    this.deltaA = buf(B * maxDim);
    this.deltaB = buf(B * maxDim);
    this.deltaT = buf(B * maxDim);
    // The reference needs δᵀ (deltaT), inputᵀ and Wᵀ for its transposes; the WebAssembly GEMM reads in place.
    this.ops = arena
      ? new WasmLinearOps(arena, maxDim)
      : new TsLinearOps(this.deltaT, new F(B * maxDim), new F(maxW));
    this.wSum = new Float64Array(this.L + 1);
    for (let i = 0; i <= this.L; i++) this.wSum[i] = sumOf(this.W[i], this.W[i].length);
    this.maxDeriv = maxAbsDerivative(spec.act, spec.slope);
    this.histRange = { ...histogramRange(spec.act), bins: HIST_BINS };
  }

  /** Whether hidden layer i (0-based) is a residual block (layer 1 never is). */
  isBlock(i: number): boolean {
    return this.residual && i > 0 && i < this.L;
  }

  units(i: number): number {
    return this.dims[i + 1];
  }

  /** Trained tensors beyond W and b, in the optimizer's order (γ…, β…, then ReZero's α…), with gradients. */
  extraParams(): { p: Arr[]; g: Arr[] } {
    const p = [...this.norms.map((n) => n.gamma), ...this.norms.map((n) => n.beta)];
    const g = [...this.norms.map((n) => n.gGamma), ...this.norms.map((n) => n.gBeta)];
    if (this.spec.graph?.rezero)
      for (let i = 1; i < this.L; i++) {
        p.push(this.alpha[i]);
        g.push(this.gAlpha[i]);
      }
    return { p, g };
  }

  /** State that is neither trained nor a buffer: BatchNorm's running statistics. */
  runningState(): Arr[] {
    return this.norms.flatMap((n) => [n.runMean, n.runVar]);
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

  /** What hidden layer i hands upward: h (plain), the stream x (residual; x¹ = h¹). */
  out(i: number): Arr {
    return this.residual && i > 0 ? this.x[i - 1] : this.h[i];
  }

  /** Input of Linear layer i: the network input, the layer below's output, or a block's own a = φ(v). */
  private input(i: number): Arr {
    if (i === 0) return this.xBatch;
    return this.isBlock(i) ? this.h[i] : this.out(i - 1);
  }

  /** z of Linear layer i for `rows` rows (into z[i], h[i] for the plain MLP, or logits); a block's a must be ready. */
  linear(i: number, rows: number): Arr {
    const out = i === this.L ? this.logits : this.z.length > 0 ? this.z[i] : this.h[i];
    this.ops.forward(this.input(i), this.W[i], this.b[i], out, rows, this.dims[i + 1], this.dims[i]);
    return out;
  }

  /** φ in place on h[i] (which holds φ's input); returns [Σ input, Σ output] (a reused array). */
  activate(i: number, rows: number): Float64Array {
    activateInPlace(this.spec.act, this.spec.slope, this.h[i], this.d[i], rows * this.dims[i + 1], this.sums);
    return this.sums;
  }

  /** Set normalizations to use batch statistics without moving BatchNorm's running ones (LSUV), or back. */
  setBatchStatsOnly(on: boolean): void {
    this.normMode = on ? 'batchStats' : 'train';
  }

  /** Make Linear layer i's input ready (a residual block's a = φ(Norm(x))); nothing for other layers. */
  prepareInput(i: number, rows: number): void {
    if (this.isBlock(i)) this.blockBranch(i, rows, null, this.normMode);
  }

  /** A residual block's branch input: v = Norm(x) (or x) into h[i], then a = φ(v) in place. */
  private blockBranch(i: number, rows: number, probe: StepProbe | null, mode: NormMode): void {
    const count = rows * this.dims[i + 1];
    const xin = this.out(i - 1);
    if (this.norms.length > 0) {
      normForward(this.norms[i], xin, this.h[i], rows, this.dims[i + 1], mode);
      this.noteNorm(i, count, probe);
    } else this.h[i].set(xin.subarray(0, count));
    const sums = this.activate(i, rows);
    this.noteAct(i, count, sums[1], probe);
  }

  /** Everything of hidden layer i after its Linear map: Norm and φ (plain) or the residual add (block). */
  finishLayer(i: number, rows: number, probe: StepProbe | null = null, mode: NormMode = this.normMode): void {
    const count = rows * this.dims[i + 1];
    if (this.isBlock(i)) {
      const xin = this.out(i - 1);
      const x = this.x[i - 1];
      const z = this.z[i];
      const a = this.alpha[i][0];
      let s = 0;
      for (let e = 0; e < count; e++) {
        x[e] = xin[e] + a * z[e];
        s += x[e];
      }
      probe?.check(x, count, s, i + 1, 'stream');
      this.noteStream(i, count, probe);
      return;
    }
    if (this.norms.length > 0) {
      normForward(this.norms[i], this.z[i], this.h[i], rows, this.dims[i + 1], mode);
      this.noteNorm(i, count, probe);
    } else if (this.z.length > 0) this.h[i].set(this.z[i].subarray(0, count));
    const sums = this.activate(i, rows);
    if (this.z.length === 0) probe?.check(this.h[i], count, sums[0], i + 1, 'pre');
    this.noteAct(i, count, sums[1], probe);
    if (this.residual) this.noteStream(i, count, probe);
  }

  private noteNorm(i: number, count: number, probe: StepProbe | null): void {
    if (!probe) return;
    const u = this.h[i];
    probe.check(u, count, sumOf(u, count), i + 1, 'norm');
    if (probe.stats) probe.layers[i].norm = preStats(u, count);
  }

  private noteAct(i: number, count: number, sum: number, probe: StepProbe | null): void {
    if (!probe) return;
    probe.check(this.h[i], count, sum, i + 1, 'act');
    if (probe.stats)
      probe.layers[i].act = actStats(
        this.h[i],
        this.d[i],
        { maxAbsDeriv: this.maxDeriv, hist: probe.hist ? this.histRange : undefined },
        count,
      );
  }

  private noteStream(i: number, count: number, probe: StepProbe | null): void {
    if (probe?.stats) probe.layers[i].stream = { std: moments(this.out(i), count).std, gradStd: 0 };
  }

  /**
   * Forward from xBatch to logits, with statistics and finiteness checks when a probe is given. `train`
   * false evaluates (BatchNorm with its running statistics).
   */
  forward(rows: number, probe: StepProbe | null, train = true): void {
    const mode: NormMode = train ? this.normMode : 'eval';
    for (let i = 0; i <= this.L; i++) this.forwardLayer(i, rows, probe, mode);
  }

  /** Linear layer i and what follows it (the head: only the map). */
  forwardLayer(i: number, rows: number, probe: StepProbe | null, mode: NormMode = this.normMode): void {
    if (this.isBlock(i)) this.blockBranch(i, rows, probe, mode);
    probe?.check(this.W[i], this.W[i].length, this.wSum[i], i + 1, 'weight');
    const z = this.linear(i, rows);
    const count = rows * this.dims[i + 1];
    if (i === this.L) {
      if (probe) probe.check(z, count, sumOf(z, count), i + 1, 'output');
      return;
    }
    if (probe?.stats) probe.layers[i].pre = preStats(z, count);
    // The plain MLP checks z after φ (it shares h's buffer, and φ's pass sums it); separate z now.
    if (this.z.length > 0) probe?.check(z, count, sumOf(z, count), i + 1, 'pre');
    this.finishLayer(i, rows, probe, mode);
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

  /** ∂L/∂W_i = δᵀ·input and ∂L/∂b_i = Σ δ. */
  private paramGrads(i: number, delta: Arr, rows: number, probe: StepProbe | null): void {
    const nIn = this.dims[i];
    const nOut = this.dims[i + 1];
    this.ops.paramGrads(delta, this.input(i), this.gW[i], this.gb[i], rows, nOut, nIn);
    if (probe?.stats && i < this.L) probe.layers[i].grad = gradStats(delta, this.gW[i], rows * nOut);
  }

  /** out = δ·W_i: the gradient with respect to Linear layer i's input. */
  private inputGrad(i: number, delta: Arr, out: Arr, rows: number): void {
    this.ops.inputGrad(delta, this.W[i], out, rows, this.dims[i + 1], this.dims[i]);
  }

  /** Backward from dlogits: fills the gradients of every parameter. */
  backward(rows: number, probe: StepProbe | null): void {
    const L = this.L;
    const C = this.dims[L + 1];
    probe?.check(this.dlogits, rows * C, sumOf(this.dlogits, rows * C), L + 1, 'grad');
    this.paramGrads(L, this.dlogits, rows, probe);
    // g: ∂L/∂(output of hidden layer i); δ: ∂L/∂z. The two spare buffers take turns.
    const g = this.deltaA;
    const spare = this.deltaB;
    this.inputGrad(L, this.dlogits, g, rows);
    for (let i = L - 1; i >= 0; i--) {
      const count = rows * this.dims[i + 1];
      if (this.residual) {
        let s = 0;
        for (let e = 0; e < count; e++) s += g[e];
        probe?.check(g, count, s, i + 1, 'stream');
        const st = probe?.stats ? probe.layers[i].stream : undefined;
        if (st) st.gradStd = moments(g, count).std;
      }
      if (this.isBlock(i)) {
        this.blockBackward(i, g, spare, rows, probe);
        continue;
      }
      // δ = g ⊙ φ'(u), then through the norm: ∂L/∂z.
      const delta = spare;
      const dphi = this.d[i];
      let s = 0;
      for (let e = 0; e < count; e++) {
        delta[e] = g[e] * dphi[e];
        s += delta[e];
      }
      if (this.norms.length > 0) {
        normBackward(this.norms[i], delta, delta, rows, this.dims[i + 1]);
        s = sumOf(delta, count);
      }
      probe?.check(delta, count, s, i + 1, 'grad');
      this.paramGrads(i, delta, rows, probe);
      if (i === 0) break;
      this.inputGrad(i, delta, g, rows);
    }
  }

  /**
   * A residual block's backward; g holds ∂L/∂x^ℓ on entry and ∂L/∂x^{ℓ−1} on exit:
   * δ = α g, ∂α = Σ g ⊙ z, ∂a = δ·W, ∂v = ∂a ⊙ φ'(v), ∂x^{ℓ−1} = g + Norm'(∂v).
   */
  private blockBackward(i: number, g: Arr, spare: Arr, rows: number, probe: StepProbe | null): void {
    const count = rows * this.dims[i + 1];
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
    this.paramGrads(i, spare, rows, probe);
    // ∂a into deltaT (free again once the weight gradient is formed), ⊙ φ'(v), through the norm, onto g.
    const da = this.deltaT;
    this.inputGrad(i, spare, da, rows);
    const dphi = this.d[i];
    for (let e = 0; e < count; e++) da[e] *= dphi[e];
    if (this.norms.length > 0) normBackward(this.norms[i], da, da, rows, this.dims[i + 1]);
    for (let e = 0; e < count; e++) g[e] += da[e];
  }

  /** Weight std and ‖∂L/∂W‖ are read before the update: fill the weight block of hidden layers. */
  weightStats(probe: StepProbe): void {
    if (!probe.stats) return;
    for (let i = 0; i < this.L; i++) probe.layers[i].weight.std = moments(this.W[i]).std;
  }
}
