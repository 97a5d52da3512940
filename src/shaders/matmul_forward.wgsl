// Forward of one Linear layer, bias and activation fused: z = a·Wᵀ + b, h = φ(z), for a batch of M rows.
// a: [M, K] (previous activations, or rows of the data set picked by idx when GATHER), W: [N, K] (nn.Linear
// [out, in]), z and h: [M, N]. Prefix: activation and non-finite snippets, TM/TN, GATHER, STORE_Z, STORE_H.
// Needs matmul_forward_io.wgsl (Dims, bindings) in front.

const A_K_FAST: bool = true;
const B_N_FAST: bool = false;
const A_SUM: bool = false;

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

fn store_zh(m: u32, n: u32, z: f32) {
  if (STORE_Z) { z_out[d.z_off + m * d.N + n] = z; }
  if (is_nonfinite(z) && d.nf_z != NF_NONE) { atomicMin(&flags[NF_WORD], d.nf_z); }
  if (STORE_H) {
    let h = act_f(z);
    h_out[d.h_off + m * d.N + n] = h;
    if (is_nonfinite(h) && d.nf_h != NF_NONE) { atomicMin(&flags[NF_WORD], d.nf_h); }
  }
}

@compute @workgroup_size(16, 16)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  mm_block(lid, wid, d.K);
  for (var i = 0u; i < TM; i++) {
    let m = mm_row(lid, wid, i);
    for (var j = 0u; j < TN; j++) {
      let n = mm_col(lid, wid, j);
      if (m < d.M && n < d.N) {
        store_zh(m, n, mm_acc[i * TN + j] + params[d.b_off + n]);
      }
    }
  }
}
