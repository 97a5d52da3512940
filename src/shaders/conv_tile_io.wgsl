// The conv GEMM's operands for the register-tiled core (conv_tile.wgsl), and its entry point. A thread's 4
// rows of A and 4 columns of B stay fixed through the reduction, so the positions (b, y, x) of its rows
// (forward, input grad) or the patch offsets (c, i, j) of its columns (weight grad) are decoded once in
// ct_rows / ct_cols; each fetch then decodes only its q. The values fetched are the single-output form's
// load_a / load_b, zero padding and edges included, so the products are the same.

// Rows m…m+3: the first row, and for the forward and input grad each row's sample offset b·S², y and x.
var<private> ct_m: u32;
var<private> ct_base: vec4<u32>;
var<private> ct_y: vec4<i32>;
var<private> ct_x: vec4<i32>;
// Columns n…n+3: the first column, and for the weight grad each column's channel c and offsets i − r, j − r.
var<private> ct_n: u32;
var<private> ct_c: vec4<u32>;
var<private> ct_i: vec4<i32>;
var<private> ct_j: vec4<i32>;

fn ct_rows(m: u32) {
  ct_m = m;
  if (MODE == 2u) { return; }
  let P = d.S * d.S;
  for (var e = 0u; e < 4u; e++) {
    let p = (m + e) % P;
    ct_base[e] = (m + e) / P * P;
    ct_y[e] = i32(p / d.S);
    ct_x[e] = i32(p % d.S);
  }
}

fn ct_cols(n: u32) {
  ct_n = n;
  if (MODE != 2u) { return; }
  let kk = d.k * d.k;
  let r = i32(d.k / 2u);
  for (var e = 0u; e < 4u; e++) {
    ct_c[e] = (n + e) / kk;
    ct_i[e] = i32((n + e) % kk / d.k) - r;
    ct_j[e] = i32((n + e) % d.k) - r;
  }
}

/** A at rows ct_m…ct_m+3 and column q: a patch value (forward, input grad) or δ[q, m] (weight grad). */
fn fetch_a(q: u32) -> vec4<f32> {
  var v = vec4<f32>(0.0);
  if (q >= d.Q) { return v; }
  if (MODE == 2u) {
    for (var e = 0u; e < 4u; e++) {
      if (ct_m + e < d.M) { v[e] = other[q * d.Cout + ct_m + e]; }
    }
    return v;
  }
  // q = (c, i, j): the forward reads x at p + (i, j) − r, the input grad δ at p − (i, j) + r.
  let kk = d.k * d.k;
  let r = i32(d.k / 2u);
  let c = q / kk;
  let sign = select(-1, 1, MODE == 0u);
  let dy = sign * (i32(q % kk / d.k) - r);
  let dx = sign * (i32(q % d.k) - r);
  let ch = select(d.Cout, d.Cin, MODE == 0u);
  let s = i32(d.S);
  for (var e = 0u; e < 4u; e++) {
    let y = ct_y[e] + dy;
    let x = ct_x[e] + dx;
    if (ct_m + e < d.M && y >= 0 && x >= 0 && y < s && x < s) {
      v[e] = maps[(ct_base[e] + u32(y) * d.S + u32(x)) * ch + c];
    }
  }
  return v;
}

/** B at row q and columns ct_n…ct_n+3: W (forward, input grad) or a patch value (weight grad). */
fn fetch_b(q: u32) -> vec4<f32> {
  var v = vec4<f32>(0.0);
  if (q >= d.Q) { return v; }
  if (MODE == 0u) {
    for (var e = 0u; e < 4u; e++) {
      if (ct_n + e < d.N) { v[e] = other[(ct_n + e) * d.Q + q]; }
    }
    return v;
  }
  let kk = d.k * d.k;
  if (MODE == 1u) {
    // q = (o, i, j), n = c: W[o, c, i, j].
    let w = q / kk * d.Cin * kk + q % kk;
    for (var e = 0u; e < 4u; e++) {
      if (ct_n + e < d.N) { v[e] = other[w + (ct_n + e) * kk]; }
    }
    return v;
  }
  // q = (b, p), n = (c, i, j): x[b, p + (i, j) − r, c].
  let P = d.S * d.S;
  let base = q / P * P;
  let y0 = i32(q % P / d.S);
  let x0 = i32(q % d.S);
  let s = i32(d.S);
  for (var e = 0u; e < 4u; e++) {
    let y = y0 + ct_i[e];
    let x = x0 + ct_j[e];
    if (ct_n + e < d.N && y >= 0 && x >= 0 && y < s && x < s) {
      v[e] = maps[(base + u32(y) * d.S + u32(x)) * d.Cin + ct_c[e]];
    }
  }
  return v;
}

@compute @workgroup_size(WGX, WGY)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  ct_block(lid, wid);
  // Rows and columns grow with i and j, so the first one past the edge ends its loop.
  for (var i = 0u; i < T; i++) {
    let m = ct_row(lid, wid, i);
    if (m >= d.M) { break; }
    for (var j = 0u; j < T; j++) {
      let n = ct_col(lid, wid, j);
      if (n >= d.N) { break; }
      var v = ct_get(i, j);
      if (MODE == 0u) { v += bias[n]; }
      out[out_at(wid.z, m, n)] = v;
      post_nf(v);
    }
  }
  if (ct_own_b) {
    for (var i = 0u; i < T; i++) {
      let m = ct_row(lid, wid, i);
      if (m >= d.M) { break; }
      out[bias_at(wid.z, m)] = ct_bias(i);
    }
  }
}
