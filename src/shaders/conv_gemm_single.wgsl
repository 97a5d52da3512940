// Single-output form of the conv GEMM (conv_gemm.wgsl): one 16×16 workgroup computes a 16×16 tile of C
// through shared-memory tiles of A and B, one output per thread. On a hardware GPU it serves outputs too
// small for register tiles to give every compute unit a workgroup (convTile.ts: usually the weight
// gradient, whose reduction may then be split across workgroups z).

const T: u32 = 16u;
var<workgroup> tileA: array<array<f32, 16>, 16>;
var<workgroup> tileB: array<array<f32, 16>, 16>;

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

@compute @workgroup_size(16, 16)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let m = wid.y * T + lid.y;
  let n = wid.x * T + lid.x;
  // This workgroup's chunk of the reduction (conv_gemm.wgsl: split-K; unsplit, all of it). A split's chunk
  // is a multiple of T, so only the last chunk's last tile reaches past Q (load_a / load_b give 0 there).
  let q_lo = wid.z * d.chunk;
  let q_hi = min(d.Q, q_lo + d.chunk);
  // The weight grad's ∂b: the threads of column 0 add their row of tile A, q = 0, 1, … from +0 (the padding
  // past Q adds +0, which changes nothing): the other forms' order, so their bits. Every thread adds (the
  // value is in hand for its product; one add per term), only column 0 stores: a branch in the loop would
  // make the warps of the first block column do 16 more shared loads per k-tile, and a split's workgroups
  // are as slow as the slowest; outside the weight grad bsum is never stored, so compiled away.
  let own_b = MODE == 2u && n == 0u;
  var acc = 0.0;
  var bsum = 0.0;
  for (var q0 = q_lo; q0 < q_hi; q0 += T) {
    tileA[lid.y][lid.x] = load_a(m, q0 + lid.x);
    tileB[lid.y][lid.x] = load_b(q0 + lid.y, n);
    workgroupBarrier();
    for (var t = 0u; t < T; t++) {
      let a = tileA[lid.y][t];
      acc += a * tileB[t][lid.x];
      bsum += a;
    }
    workgroupBarrier();
  }
  if (m < d.M && n < d.N) {
    if (MODE == 0u) { acc += bias[n]; }
    out[out_at(wid.z, m, n)] = acc;
    post_nf(acc);
    if (own_b) { out[bias_at(wid.z, m)] = bsum; }
  }
}
