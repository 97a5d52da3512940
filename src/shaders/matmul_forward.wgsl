// Forward of one Linear layer, bias and activation fused: z = a·Wᵀ + b, h = φ(z), for a batch of M rows.
// a: [M, K] (previous activations, or rows of the data set picked by idx when GATHER), W: [N, K] (nn.Linear
// [out, in]), z and h: [M, N]. Prefix: activation and non-finite snippets, T/WG/TK, VEC (K and the offsets
// of a and W multiples of 4: vec4 loads), GATHER, STORE_Z, STORE_H.
// Needs matmul_forward_io.wgsl (Dims, bindings) in front.
// Vec4 views of a and W (bound to the real buffers only when VEC, see forwardResources).
@group(0) @binding(6) var<storage, read_write> a4: array<vec4<f32>>;
@group(0) @binding(7) var<storage, read> p4: array<vec4<f32>>;

fn a_k_fast(p: u32) -> bool { return true; }
fn b_n_fast(p: u32) -> bool { return false; }
fn a_sum(p: u32) -> bool { return false; }

fn load_a(m: u32, k: u32) -> f32 {
  if (m >= d.M || k >= d.K) { return 0.0; }
  var row = m;
  if (GATHER) { row = idx[d.idx_off + m]; }
  return a_src[d.a_off + row * d.K + k];
}

fn load_b(k: u32, n: u32) -> f32 {
  if (n >= d.N || k >= d.K) { return 0.0; }
  return params[d.w_off + n * d.K + k];
}

fn fetch_a(p: u32, m: u32, k: u32) -> vec4<f32> {
  if (VEC) {
    if (m >= d.M || k >= d.K) { return vec4<f32>(0.0); }
    var row = m;
    if (GATHER) { row = idx[d.idx_off + m]; }
    return a4[(d.a_off + row * d.K + k) / 4u];
  }
  return vec4<f32>(load_a(m, k), load_a(m, k + 1u), load_a(m, k + 2u), load_a(m, k + 3u));
}

fn fetch_b(p: u32, k: u32, n: u32) -> vec4<f32> {
  if (VEC) {
    if (n >= d.N || k >= d.K) { return vec4<f32>(0.0); }
    return p4[(d.w_off + n * d.K + k) / 4u];
  }
  return vec4<f32>(load_b(k, n), load_b(k + 1u, n), load_b(k + 2u, n), load_b(k + 3u, n));
}

fn store_zh(m: u32, n: u32, z: f32) {
  if (STORE_Z) { z_out[d.z_off + m * d.N + n] = z; }
  if (is_nonfinite(z) && d.nf_z != NF_NONE) { atomicMin(&flags[NF_WORD], d.nf_z); }
  if (STORE_H) {
    let h = act_f(z);
    h_out[d.h_off + m * d.N + n] = h;
    if (is_nonfinite(h) && d.nf_h != NF_NONE) { atomicMin(&flags[NF_WORD], d.nf_h); }
  }
}

@compute @workgroup_size(WG, WG)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  mm_block(0u, lid, wid, 0u, d.K);
  for (var i = 0u; i < T; i++) {
    let m = mm_row(lid, wid, i);
    for (var j = 0u; j < T; j++) {
      let n = mm_col(lid, wid, j);
      if (m < d.M && n < d.N) {
        store_zh(m, n, mm_get(i, j) + params[d.b_off + n]);
      }
    }
  }
}
