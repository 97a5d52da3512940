// A small float64 implementation of docs/LAYERS.md (forward, backward, BatchNorm running statistics) for
// the WGSL tests: one training pass of a network with normalization and/or residual blocks, its per-layer
// statistics as the doc defines them, and its gradients. Written for clarity, not speed; test-only.
import { activationFns } from '../engine/activations';
import type { RunConfig } from '../engine/config';

type M = Float64Array; // row-major [rows, cols]

export interface RefParams {
  W: Float64Array[];
  b: Float64Array[];
  gamma: Float64Array[];
  beta: Float64Array[];
  /** α per hidden layer (1 where not trained). */
  alpha: number[];
  /** BatchNorm running mean and variance per hidden layer. */
  runMean: Float64Array[];
  runVar: Float64Array[];
}

export interface RefLayerStats {
  pre: { mean: number; std: number };
  act: { mean: number; std: number; satFrac: number };
  grad: { std: number; weightGradNorm: number };
  norm?: { mean: number; std: number };
  stream?: { std: number; gradStd: number };
}

export interface RefPass {
  loss: number;
  layers: RefLayerStats[];
  gW: Float64Array[];
  gb: Float64Array[];
  gGamma: Float64Array[];
  gBeta: Float64Array[];
  gAlpha: number[];
}

const EPS = 1e-5;

function moments(a: ArrayLike<number>) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  const mean = s / a.length;
  let q = 0;
  for (let i = 0; i < a.length; i++) q += (a[i] - mean) ** 2;
  return { mean, std: Math.sqrt(q / a.length) };
}

/** y = x Wᵀ + b, x [R, K], W [N, K]. */
function linear(x: M, W: M, b: M, R: number, K: number, N: number): M {
  const y = new Float64Array(R * N);
  for (let r = 0; r < R; r++)
    for (let n = 0; n < N; n++) {
      let s = b[n];
      for (let k = 0; k < K; k++) s += x[r * K + k] * W[n * K + k];
      y[r * N + n] = s;
    }
  return y;
}

interface NormCache {
  uhat: M;
  /** s per group (feature for batch, row for layer). */
  s: Float64Array;
}

/** Groups: BatchNorm a feature over rows; LayerNorm a row over features. */
function groupsOf(kind: 'batch' | 'layer', R: number, N: number): number[][] {
  const out: number[][] = [];
  if (kind === 'batch') for (let j = 0; j < N; j++) out.push(Array.from({ length: R }, (_, r) => r * N + j));
  else for (let r = 0; r < R; r++) out.push(Array.from({ length: N }, (_, j) => r * N + j));
  return out;
}

function normForward(
  kind: 'batch' | 'layer',
  v: M,
  R: number,
  N: number,
  gamma: M,
  beta: M,
  run: { mean: M; var: M } | null,
  train: boolean,
): { u: M; cache: NormCache } {
  const u = new Float64Array(R * N);
  const uhat = new Float64Array(R * N);
  const gs = groupsOf(kind, R, N);
  const s = new Float64Array(gs.length);
  gs.forEach((g, gi) => {
    let mean: number;
    let variance: number;
    if (kind === 'batch' && !train && run) {
      mean = run.mean[gi];
      variance = run.var[gi];
    } else {
      mean = g.reduce((a, e) => a + v[e], 0) / g.length;
      variance = g.reduce((a, e) => a + (v[e] - mean) ** 2, 0) / g.length;
      if (kind === 'batch' && train && run) {
        run.mean[gi] = 0.9 * run.mean[gi] + 0.1 * mean;
        run.var[gi] = 0.9 * run.var[gi] + 0.1 * ((variance * g.length) / (g.length - 1));
      }
    }
    s[gi] = 1 / Math.sqrt(variance + EPS);
    for (const e of g) {
      const j = e % N;
      uhat[e] = (v[e] - mean) * s[gi];
      u[e] = gamma[j] * uhat[e] + beta[j];
    }
  });
  return { u, cache: { uhat, s } };
}

/** ∂L/∂v from g = ∂L/∂u; adds ∂γ, ∂β. */
function normBackward(
  kind: 'batch' | 'layer',
  g: M,
  c: NormCache,
  R: number,
  N: number,
  gamma: M,
  dGamma: M,
  dBeta: M,
): M {
  const dv = new Float64Array(R * N);
  for (let e = 0; e < R * N; e++) {
    dGamma[e % N] += g[e] * c.uhat[e];
    dBeta[e % N] += g[e];
  }
  groupsOf(kind, R, N).forEach((grp, gi) => {
    const n = grp.length;
    let sg = 0;
    let sgu = 0;
    for (const e of grp) {
      const gh = g[e] * gamma[e % N];
      sg += gh;
      sgu += gh * c.uhat[e];
    }
    for (const e of grp) dv[e] = (c.s[gi] / n) * (n * g[e] * gamma[e % N] - sg - c.uhat[e] * sgu);
  });
  return dv;
}

export interface RefNet {
  config: RunConfig;
  dims: number[];
  p: RefParams;
}

export function refNet(
  config: RunConfig,
  dims: number[],
  W: ArrayLike<number>[],
  b: ArrayLike<number>[],
): RefNet {
  const L = dims.length - 2;
  const N = dims[1];
  const ones = () => new Float64Array(N).fill(1);
  return {
    config,
    dims,
    p: {
      W: W.map((w) => Float64Array.from(w)),
      b: b.map((x) => Float64Array.from(x)),
      gamma: Array.from({ length: L }, ones),
      beta: Array.from({ length: L }, () => new Float64Array(N)),
      alpha: Array.from({ length: L }, (_, i) => (config.res === 1 && config.rezero === 1 && i >= 1 ? 0 : 1)),
      runMean: Array.from({ length: L }, () => new Float64Array(N)),
      runVar: Array.from({ length: L }, ones),
    },
  };
}

/** Forward (training: batch statistics and the running update; else evaluation) to the logits. */
function forward(net: RefNet, X: M, R: number, train: boolean) {
  const { config, dims, p } = net;
  const L = dims.length - 2;
  const N = dims[1];
  const fn = activationFns(config.act, config.slope);
  const kind = config.norm === 'none' ? null : config.norm;
  const res = config.res === 1;
  const layers: {
    input: M;
    z: M;
    y: M;
    h: M;
    norm: { u: M; cache: NormCache } | null;
    xPrev?: M;
    x?: M;
  }[] = [];
  let h: M = X;
  let x: M = X;
  for (let i = 0; i < L; i++) {
    const K = dims[i];
    if (res && i >= 1) {
      const nm = kind
        ? normForward(kind, x, R, N, p.gamma[i], p.beta[i], { mean: p.runMean[i], var: p.runVar[i] }, train)
        : null;
      const v = nm ? nm.u : x;
      const a = v.map(fn.f);
      const z = linear(a, p.W[i], p.b[i], R, N, N);
      const xn = x.map((xv, e) => xv + p.alpha[i] * z[e]);
      layers.push({ input: a, z, y: v, h: a, norm: nm, xPrev: x, x: xn });
      x = xn;
    } else {
      const z = linear(h, p.W[i], p.b[i], R, K, N);
      const nm = kind
        ? normForward(kind, z, R, N, p.gamma[i], p.beta[i], { mean: p.runMean[i], var: p.runVar[i] }, train)
        : null;
      const u = nm ? nm.u : z;
      const hn = u.map(fn.f);
      layers.push({ input: h, z, y: u, h: hn, norm: nm, x: hn });
      h = hn;
      x = hn;
    }
  }
  const top = res ? x : h;
  const logits = linear(top, p.W[L], p.b[L], R, N, dims[L + 1]);
  return { layers, top, logits };
}

/** Softmax cross-entropy (mean over rows) and ∂L/∂logits. */
function crossEntropy(logits: M, y: ArrayLike<number>, R: number, C: number) {
  let loss = 0;
  const d = new Float64Array(R * C);
  for (let r = 0; r < R; r++) {
    let mx = -Infinity;
    for (let c = 0; c < C; c++) mx = Math.max(mx, logits[r * C + c]);
    let s = 0;
    for (let c = 0; c < C; c++) s += Math.exp(logits[r * C + c] - mx);
    loss += -(logits[r * C + y[r]] - mx - Math.log(s));
    for (let c = 0; c < C; c++)
      d[r * C + c] = (Math.exp(logits[r * C + c] - mx) / s - (c === y[r] ? 1 : 0)) / R;
  }
  return { loss: loss / R, d };
}

/** One training pass on rows `idx` of (x, y): loss, statistics per docs/LAYERS.md and all gradients. */
export function refPass(
  net: RefNet,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  idx: ArrayLike<number>,
): RefPass {
  const { config, dims, p } = net;
  if (config.loss !== 'ce') throw new Error('refPass: ce only');
  const L = dims.length - 2;
  const N = dims[1];
  const C = dims[L + 1];
  const R = idx.length;
  const n0 = dims[0];
  const X = new Float64Array(R * n0);
  const Y: number[] = [];
  for (let r = 0; r < R; r++) {
    for (let k = 0; k < n0; k++) X[r * n0 + k] = xs[idx[r] * n0 + k];
    Y.push(ys[idx[r]]);
  }
  const fn = activationFns(config.act, config.slope);
  const kind = config.norm === 'none' ? null : config.norm;
  const res = config.res === 1;
  const f = forward(net, X, R, true);
  const ce = crossEntropy(f.logits, Y, R, C);
  const gW = p.W.map((w) => new Float64Array(w.length));
  const gb = p.b.map((x) => new Float64Array(x.length));
  const gGamma = p.gamma.map((g) => new Float64Array(g.length));
  const gBeta = p.beta.map((g) => new Float64Array(g.length));
  const gAlpha = p.alpha.map(() => 0);
  const deltas: M[] = new Array(L);
  const streamGrads: M[] = new Array(L);
  const wgrad = (i: number, delta: M, input: M, K: number, Nout: number) => {
    for (let r = 0; r < R; r++)
      for (let n = 0; n < Nout; n++) {
        gb[i][n] += delta[r * Nout + n];
        for (let k = 0; k < K; k++) gW[i][n * K + k] += delta[r * Nout + n] * input[r * K + k];
      }
  };
  /** δ W (no φ'): [R, K] from δ [R, Nout], W [Nout, K]. */
  const igrad = (i: number, delta: M, K: number, Nout: number) => {
    const out = new Float64Array(R * K);
    for (let r = 0; r < R; r++)
      for (let k = 0; k < K; k++) {
        let s = 0;
        for (let n = 0; n < Nout; n++) s += delta[r * Nout + n] * p.W[i][n * K + k];
        out[r * K + k] = s;
      }
    return out;
  };
  wgrad(L, ce.d, f.top, N, C);
  let g = igrad(L, ce.d, N, C); // ∂L/∂(head input)
  for (let i = L - 1; i >= 0; i--) {
    const ly = f.layers[i];
    if (res && i >= 1) {
      const gx = g;
      streamGrads[i] = gx;
      const delta = gx.map((v) => p.alpha[i] * v);
      deltas[i] = delta;
      gAlpha[i] = gx.reduce((a, v, e) => a + v * ly.z[e], 0);
      wgrad(i, delta, ly.input, N, N);
      const da = igrad(i, delta, N, N);
      const dv = da.map((v, e) => v * fn.df(ly.y[e]));
      const dx =
        ly.norm && kind ? normBackward(kind, dv, ly.norm.cache, R, N, p.gamma[i], gGamma[i], gBeta[i]) : dv;
      g = gx.map((v, e) => v + dx[e]);
    } else {
      if (res) streamGrads[i] = g;
      const du = g.map((v, e) => v * fn.df(ly.y[e]));
      const delta =
        ly.norm && kind ? normBackward(kind, du, ly.norm.cache, R, N, p.gamma[i], gGamma[i], gBeta[i]) : du;
      deltas[i] = delta;
      wgrad(i, delta, ly.input, dims[i], N);
      if (i > 0) g = igrad(i, delta, dims[i], N);
    }
  }
  const maxD = Math.max(...Array.from({ length: 2001 }, (_, k) => Math.abs(fn.df(-10 + k / 100))));
  const layers: RefLayerStats[] = f.layers.map((ly, i) => {
    const sat = ly.y.reduce((a, v) => a + (Math.abs(fn.df(v)) < 0.05 * maxD ? 1 : 0), 0) / ly.y.length;
    const st: RefLayerStats = {
      pre: moments(ly.z),
      act: { ...moments(ly.h), satFrac: sat },
      grad: { std: moments(deltas[i]).std, weightGradNorm: Math.sqrt(gW[i].reduce((a, v) => a + v * v, 0)) },
    };
    if (kind) st.norm = moments(ly.y);
    if (res) st.stream = { std: moments(ly.x as M).std, gradStd: moments(streamGrads[i]).std };
    return st;
  });
  return { loss: ce.loss, layers, gW, gb, gGamma, gBeta, gAlpha };
}

/** SGD: every trained tensor ← tensor − lr·gradient. */
export function refSgd(net: RefNet, g: RefPass, lr: number): void {
  const { p } = net;
  const step = (ts: Float64Array[], gs: Float64Array[]) => {
    for (let i = 0; i < ts.length; i++) for (let k = 0; k < ts[i].length; k++) ts[i][k] -= lr * gs[i][k];
  };
  step(p.W, g.gW);
  step(p.b, g.gb);
  step(p.gamma, g.gGamma);
  step(p.beta, g.gBeta);
  if (net.config.rezero === 1) for (let i = 1; i < p.alpha.length; i++) p.alpha[i] -= lr * g.gAlpha[i];
}

/** Mean cross-entropy over a split in evaluation mode (BatchNorm's running statistics). */
export function refEvaluate(net: RefNet, xs: ArrayLike<number>, ys: ArrayLike<number>, n: number): number {
  const n0 = net.dims[0];
  const X = Float64Array.from({ length: n * n0 }, (_, e) => xs[e]);
  const f = forward(net, X, n, false);
  return crossEntropy(
    f.logits,
    Array.from({ length: n }, (_, r) => ys[r]),
    n,
    net.dims[net.dims.length - 1],
  ).loss;
}
