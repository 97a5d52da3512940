// Gradients of one Linear layer: ∂W = δᵀ · h (summed over the batch; δ already carries the loss's 1/B),
// ∂b = Σ_batch δ. δ: [K, M] (K = batch rows, M = out), h: [K, N] (N = in; rows of the data set picked by
// idx when GATHER), ∂W: [M, N], ∂b: [M]. Prefix: TM/TN, GATHER.
// Needs matmul_weight_grad_io.wgsl (Dims, bindings) in front.

const A_K_FAST: bool = false;
const B_N_FAST: bool = true;
const A_SUM: bool = true;

fn load_a(m: u32, k: u32) -> f32 {
  if (m >= d.M || k >= d.K) { return 0.0; }
  return delta[d.d_off + k * d.M + m];
}

fn load_b(k: u32, n: u32) -> f32 {
  if (n >= d.N || k >= d.K) { return 0.0; }
  var row = k;
  if (GATHER) { row = idx[d.idx_off + k]; }
  return h_src[d.h_off + row * d.N + n];
}

@compute @workgroup_size(16, 16)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  mm_block(lid, wid, d.K);
  for (var i = 0u; i < TM; i++) {
    let m = mm_row(lid, wid, i);
    if (m >= d.M) { continue; }
    for (var j = 0u; j < TN; j++) {
      let n = mm_col(lid, wid, j);
      if (n < d.N) { grads[d.gw_off + m * d.N + n] = mm_acc[i * TN + j]; }
    }
    // One column of threads in the first column of blocks owns the bias gradient of its rows.
    if (wid.x == 0u && lid.x == 0u) { grads[d.gb_off + m] = mm_asum[i]; }
  }
}
