// Backward signal through one Linear layer: δp = (δ · W) ⊙ φ'(zp), i.e. δ^{ℓ-1} = (W^ℓ)ᵀδ^ℓ ⊙ φ'(z^{ℓ-1})
// for a batch of M rows. δ: [M, K] (K = out), W: [K, N] ([out, in]), zp and δp: [M, N].
// Prefix: activation (of the layer below) and non-finite snippets, T/WG/TK, VEC (N, K and the offsets of δ
// and W multiples of 4: vec4 loads). Needs matmul_input_grad_io.wgsl (Dims, bindings) in front.
// Vec4 views of W and δ (δ's bound to the real buffer only when VEC, see inputGradResources).
@group(0) @binding(5) var<storage, read> p4: array<vec4<f32>>;
@group(0) @binding(7) var<storage, read_write> d4: array<vec4<f32>>;

fn a_k_fast(p: u32) -> bool { return true; }
fn b_n_fast(p: u32) -> bool { return true; }
fn a_sum(p: u32) -> bool { return false; }

fn load_a(m: u32, k: u32) -> f32 {
  if (m >= d.M || k >= d.K) { return 0.0; }
  return delta[d.d_off + m * d.K + k];
}

fn load_b(k: u32, n: u32) -> f32 {
  if (n >= d.N || k >= d.K) { return 0.0; }
  return params[d.w_off + k * d.N + n];
}

fn fetch_a(p: u32, m: u32, k: u32) -> vec4<f32> {
  if (VEC) {
    if (m >= d.M || k >= d.K) { return vec4<f32>(0.0); }
    return d4[(d.d_off + m * d.K + k) / 4u];
  }
  return vec4<f32>(load_a(m, k), load_a(m, k + 1u), load_a(m, k + 2u), load_a(m, k + 3u));
}

fn fetch_b(p: u32, k: u32, n: u32) -> vec4<f32> {
  if (VEC) {
    if (n >= d.N || k >= d.K) { return vec4<f32>(0.0); }
    return p4[(d.w_off + k * d.N + n) / 4u];
  }
  return vec4<f32>(load_b(k, n), load_b(k, n + 1u), load_b(k, n + 2u), load_b(k, n + 3u));
}

@compute @workgroup_size(WG, WG)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  mm_block(0u, lid, wid, 0u, d.K);
  for (var i = 0u; i < T; i++) {
    let m = mm_row(lid, wid, i);
    for (var j = 0u; j < T; j++) {
      let n = mm_col(lid, wid, j);
      if (m < d.M && n < d.N) {
        let e = m * d.N + n;
        let v = mm_get(i, j) * act_df(z_src[d.z_off + e]);
        d_out[d.out_off + e] = v;
        if (is_nonfinite(v)) { atomicMin(&flags[NF_WORD], d.nf_out); }
      }
    }
  }
}
