// Merged backward of one Linear layer on the tiled core (matmul_tile.wgsl): product 0 is ∂W = δᵀh with
// ∂b = Σδ (A = δ read along out, B = h), product 1 is δp = (δ·W) ⊙ φ'(zp) (A = δ read along k = out,
// B = W). Same sums in the same order as matmul_weight_grad.wgsl and matmul_input_grad.wgsl.
// Prefix: activation (of the layer below) and non-finite snippets, T/WG/TK, D_VEC (δ as vec4), H_VEC (inp
// and h's offset multiples of 4), P_VEC (inp and W's offset multiples of 4); matmul_tile.wgsl,
// matmul_backward_io.wgsl, one of matmul_delta_{vec4,f32}.wgsl.

fn a_k_fast(p: u32) -> bool { return p == 1u; }
fn b_n_fast(p: u32) -> bool { return true; }
fn a_sum(p: u32) -> bool { return p == 0u; }

/** Product 0: A(m, k) = δ[k][m] (m = out); product 1: A(m, k) = δ[m][k] (k = out). Four along `out`. */
fn fetch_a(p: u32, m: u32, k: u32) -> vec4<f32> {
  var row = k;
  var col = m;
  if (p == 1u) { row = m; col = k; }
  if (row >= d.rows || col >= d.out) { return vec4<f32>(0.0); }
  let i = d.d_off + row * d.out + col;
  if (D_VEC) { return ld_d4(i / 4u); }
  var v = vec4<f32>(0.0);
  for (var j = 0u; j < 4u; j++) {
    if (col + j < d.out) { v[j] = ld_d(i + j); }
  }
  return v;
}

/** Product 0: B(k, n) = h[k][n]; product 1: B(k, n) = W[k][n]. Four along n = inp. */
fn fetch_b(p: u32, k: u32, n: u32) -> vec4<f32> {
  var K = d.rows;
  if (p == 1u) { K = d.out; }
  if (k >= K || n >= d.inp) { return vec4<f32>(0.0); }
  var v = vec4<f32>(0.0);
  if (p == 0u) {
    let i = d.h_off + k * d.inp + n;
    if (H_VEC) { return h4[i / 4u]; }
    for (var j = 0u; j < 4u; j++) {
      if (n + j < d.inp) { v[j] = ld_h(i + j); }
    }
  } else {
    let i = d.w_off + k * d.inp + n;
    if (P_VEC) { return p4[i / 4u]; }
    for (var j = 0u; j < 4u; j++) {
      if (n + j < d.inp) { v[j] = ld_p(i + j); }
    }
  }
  return v;
}

@compute @workgroup_size(WG, WG)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  // p and the block are uniform in the workgroup (workgroup_id and the uniform), so the early return and
  // the barriers in mm_block stay in uniform control flow.
  var p = 0u;
  var b = wid;
  var M = d.out;
  let w_all = d.w_groups * d.splits;
  // Product 0's chunk and its k range; product 1 sums over all of `out`.
  let chunk = wid.x / d.w_groups;
  var k_lo = chunk * d.k_chunk;
  var k_hi = min(d.rows, k_lo + d.k_chunk);
  var base = chunk * d.slice;
  b.x = wid.x % d.w_groups;
  if (wid.x >= w_all) {
    p = 1u;
    b.x = wid.x - w_all;
    M = d.rows;
    k_lo = 0u;
    k_hi = d.out;
  }
  if (b.y * BM >= M) { return; }
  mm_block(p, lid, b, k_lo, k_hi);
  for (var i = 0u; i < T; i++) {
    let m = mm_row(lid, b, i);
    if (m >= M) { continue; }
    for (var j = 0u; j < T; j++) {
      let n = mm_col(lid, b, j);
      if (n >= d.inp) { continue; }
      if (p == 0u) {
        grads[base + d.gw_off + m * d.inp + n] = mm_get(i, j);
      } else {
        store_delta(m * d.inp + n, mm_get(i, j));
      }
    }
    // One column of threads in the first column of product 0's blocks owns the bias gradient of its rows.
    if (p == 0u && b.x == 0u && lid.x == 0u) { grads[base + d.gb_off + m] = mm_asum_at(i); }
  }
}
