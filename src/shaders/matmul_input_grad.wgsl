// Backward signal through one Linear layer: δp = (δ · W) ⊙ φ'(zp), i.e. δ^{ℓ-1} = (W^ℓ)ᵀδ^ℓ ⊙ φ'(z^{ℓ-1})
// for a batch of M rows. δ: [M, K] (K = out), W: [K, N] ([out, in]), zp and δp: [M, N].
// Prefix: activation (of the layer below) and non-finite snippets, TM/TN.
// Needs matmul_input_grad_io.wgsl (Dims, bindings) in front.

const A_K_FAST: bool = true;
const B_N_FAST: bool = true;
const A_SUM: bool = false;

fn load_a(m: u32, k: u32) -> f32 {
  if (m >= d.M || k >= d.K) { return 0.0; }
  return delta[d.d_off + m * d.K + k];
}

fn load_b(k: u32, n: u32) -> f32 {
  if (n >= d.N || k >= d.K) { return 0.0; }
  return params[d.w_off + k * d.N + n];
}

@compute @workgroup_size(16, 16)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  mm_block(lid, wid, d.K);
  for (var i = 0u; i < TM; i++) {
    let m = mm_row(lid, wid, i);
    for (var j = 0u; j < TN; j++) {
      let n = mm_col(lid, wid, j);
      if (m < d.M && n < d.N) {
        let e = m * d.N + n;
        let v = mm_acc[i * TN + j] * act_df(z_src[d.z_off + e]);
        d_out[d.out_off + e] = v;
        if (is_nonfinite(v)) { atomicMin(&flags[NF_WORD], d.nf_out); }
      }
    }
  }
}
