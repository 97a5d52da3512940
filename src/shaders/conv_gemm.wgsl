// Conv2d (stride 1, padding k//2) on NHWC maps as an implicit GEMM: C[m, n] = Σ_q A(m, q)·B(q, n), with
// the patch matrix never stored — A and B read the maps and the weights through index arithmetic, and one
// 16×16 workgroup computes a 16×16 tile of C through shared-memory tiles of A and B (DIRECT: each thread
// sums a block of 4 values along q, for software adapters). MODE and DIRECT (prefix) pick the product (docs/LAYERS.md#convolutional-networks, W [Cout, Cin, k, k]):
//   0 forward       z[(b,p), o]    = bias[o] + Σ_(c,i,j) x[b, p + (i,j) − r, c] · W[o, c, i, j]
//   1 input grad   dx[(b,p), c]    = Σ_(o,i,j) δ[b, p − (i,j) + r, o] · W[o, c, i, j]
//   2 weight grad  dW[o, (c,i,j)]  = Σ_(b,p) δ[b, p, o] · x[b, p + (i,j) − r, c]
// Positions outside the map read 0 (zero padding). Every output value goes through post_nf (appended by
// convGemmKernel: the trainer's forward posts a non-finite z with order d.nf; a no-op otherwise).

struct Dims {
  B: u32,
  S: u32,
  Cin: u32,
  Cout: u32,
  k: u32,
  M: u32,
  N: u32,
  Q: u32,
  nf: u32,
}

@group(0) @binding(0) var<uniform> d: Dims;
// Forward and weight grad: the input maps x [B, S, S, Cin]; input grad: δ [B, S, S, Cout].
@group(0) @binding(1) var<storage, read> maps: array<f32>;
// Forward and input grad: W [Cout, Cin·k²]; weight grad: δ [B·S², Cout].
@group(0) @binding(2) var<storage, read> other: array<f32>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;
@group(0) @binding(4) var<storage, read> bias: array<f32>;

const T: u32 = 16u;
var<workgroup> tileA: array<array<f32, 16>, 16>;
var<workgroup> tileB: array<array<f32, 16>, 16>;

/** maps[b, y, x, c] of a map with `ch` channels, or 0 outside the S×S map. */
fn at(b: u32, y: i32, x: i32, c: u32, ch: u32) -> f32 {
  let s = i32(d.S);
  if (y < 0 || x < 0 || y >= s || x >= s) { return 0.0; }
  return maps[((b * d.S + u32(y)) * d.S + u32(x)) * ch + c];
}

fn load_a(m: u32, q: u32) -> f32 {
  if (m >= d.M || q >= d.Q) { return 0.0; }
  let kk = d.k * d.k;
  let r = i32(d.k / 2u);
  if (MODE == 2u) { return other[q * d.Cout + m]; }
  let P = d.S * d.S;
  let b = m / P;
  let p = m % P;
  let y = i32(p / d.S);
  let x = i32(p % d.S);
  let ch = q / kk;
  let i = i32((q % kk) / d.k);
  let j = i32(q % d.k);
  if (MODE == 0u) { return at(b, y + i - r, x + j - r, ch, d.Cin); }
  return at(b, y - i + r, x - j + r, ch, d.Cout);
}

fn load_b(q: u32, n: u32) -> f32 {
  if (q >= d.Q || n >= d.N) { return 0.0; }
  let kk = d.k * d.k;
  if (MODE == 0u) { return other[n * d.Q + q]; }
  if (MODE == 1u) {
    // q = (o, i, j), n = c: W[o, c, i, j].
    let o = q / kk;
    return other[(o * d.Cin + n) * kk + q % kk];
  }
  // MODE 2: q = (b, p), n = (c, i, j): x[b, p + (i, j) − r, c].
  let P = d.S * d.S;
  let b = q / P;
  let p = q % P;
  let r = i32(d.k / 2u);
  let c = n / kk;
  let i = i32((n % kk) / d.k);
  let j = i32(n % d.k);
  return at(b, i32(p / d.S) + i - r, i32(p % d.S) + j - r, c, d.Cin);
}

/**
 * DIRECT: a block of 4 outputs per thread, each summed in the tiled path's q order, with the patch loops
 * unrolled into nested (channel, row, column) or (sample, y, x) loops: no divisions per term, and the zero
 * padding skipped, not added. The 4 outputs share the operand that costs index arithmetic: 4 consecutive
 * n (forward and input grad: one patch value feeds 4 channels) or 4 consecutive m (weight grad: one input
 * value feeds 4 output channels). Lanes past the edge read a clamped (valid) index and are never stored.
 */
fn direct_block(m: u32, n: u32) -> vec4<f32> {
  let s = i32(d.S);
  let k = i32(d.k);
  let r = k / 2;
  let kk = d.k * d.k;
  var acc = vec4<f32>(0.0);
  if (MODE == 2u) {
    // m..m+3 = o, n = (c, i, j): Σ_(b, y, x) δ[b, y, x, o] · x[b, y + i − r, x + j − r, c].
    let lim = d.M - 1u - m;
    let e = vec4<u32>(0u, min(1u, lim), min(2u, lim), min(3u, lim));
    let c = n / kk;
    let i = i32((n % kk) / d.k) - r;
    let j = i32(n % d.k) - r;
    for (var b = 0u; b < d.B; b++) {
      for (var y = max(0, -i); y < min(s, s - i); y++) {
        let row = (b * d.S + u32(y)) * d.S;
        let src = (b * d.S + u32(y + i)) * d.S;
        for (var x = max(0, -j); x < min(s, s - j); x++) {
          let v = maps[(src + u32(x + j)) * d.Cin + c];
          let di = (row + u32(x)) * d.Cout + m;
          acc += vec4<f32>(other[di + e.x], other[di + e.y], other[di + e.z], other[di + e.w]) * v;
        }
      }
    }
    return acc;
  }
  let lim = d.N - 1u - n;
  let e = vec4<u32>(0u, min(1u, lim), min(2u, lim), min(3u, lim));
  let P = d.S * d.S;
  let b = m / P;
  let y = i32((m % P) / d.S);
  let x = i32(m % d.S);
  // Forward: Σ_(c, i, j) x[b, y + i − r, x + j − r, c] · W[n, c, i, j] (sign +1);
  // input grad: Σ_(o, i, j) δ[b, y − i + r, x − j + r, o] · W[o, n, i, j] (sign −1).
  let sign = select(-1, 1, MODE == 0u);
  let ch = select(d.Cout, d.Cin, MODE == 0u);
  // Where W[n + e, c, i, j] (forward) or W[c, n + e, i, j] (input grad) sits, less c's and t's part.
  let lane = select(e * kk, e * d.Q, MODE == 0u);
  let base = select(n * kk, n * d.Q, MODE == 0u);
  let cStride = select(d.Cin * kk, kk, MODE == 0u);
  for (var c = 0u; c < ch; c++) {
    let wc = base + c * cStride;
    for (var i = 0; i < k; i++) {
      let yy = y + sign * (i - r);
      if (yy < 0 || yy >= s) { continue; }
      for (var j = 0; j < k; j++) {
        let xx = x + sign * (j - r);
        if (xx < 0 || xx >= s) { continue; }
        let v = maps[((b * d.S + u32(yy)) * d.S + u32(xx)) * ch + c];
        let w = wc + u32(i * k + j);
        acc += vec4<f32>(other[w + lane.x], other[w + lane.y], other[w + lane.z], other[w + lane.w]) * v;
      }
    }
  }
  return acc;
}

/** DIRECT: store the block's valid outputs (forward: + bias) and post each to the non-finite check. */
fn store_block(m: u32, n: u32, acc: vec4<f32>) {
  for (var e = 0u; e < 4u; e++) {
    let mm = select(m, m + e, MODE == 2u);
    let nn = select(n + e, n, MODE == 2u);
    if (mm >= d.M || nn >= d.N) { return; }
    var v = acc[e];
    if (MODE == 0u) { v += bias[nn]; }
    out[mm * d.N + nn] = v;
    post_nf(v);
  }
}

@compute @workgroup_size(16, 16)
fn main(
  @builtin(local_invocation_id) lid: vec3<u32>,
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
) {
  if (DIRECT) {
    // Software adapters: no shared memory and no barriers (there a barrier costs more than the loads);
    // the workgroups are a flat list of 256 blocks each (convGemmGroups).
    let id = (wid.y * nwg.x + wid.x) * 256u + lid.y * T + lid.x;
    var m: u32;
    var n: u32;
    if (MODE == 2u) {
      let mb = (d.M + 3u) / 4u;
      m = (id % mb) * 4u;
      n = id / mb;
    } else {
      let nb = (d.N + 3u) / 4u;
      m = id / nb;
      n = (id % nb) * 4u;
    }
    if (m < d.M && n < d.N) { store_block(m, n, direct_block(m, n)); }
    return;
  }
  let m = wid.y * T + lid.y;
  let n = wid.x * T + lid.x;
  var acc = 0.0;
  for (var q0 = 0u; q0 < d.Q; q0 += T) {
    tileA[lid.y][lid.x] = load_a(m, q0 + lid.x);
    tileB[lid.y][lid.x] = load_b(q0 + lid.y, n);
    workgroupBarrier();
    for (var t = 0u; t < T; t++) { acc += tileA[lid.y][t] * tileB[t][lid.x]; }
    workgroupBarrier();
  }
  if (m < d.M && n < d.N) {
    if (MODE == 0u) { acc += bias[n]; }
    out[m * d.N + n] = acc;
    post_nf(acc);
  }
}
