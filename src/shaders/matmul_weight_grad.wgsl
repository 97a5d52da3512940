// Gradients of one Linear layer: ∂W = δᵀ · h (summed over the batch; δ already carries the loss's 1/B),
// ∂b = Σ_batch δ. δ: [K, M] (K = batch rows, M = out), h: [K, N] (N = in; rows of the data set picked by
// idx when GATHER), ∂W: [M, N], ∂b: [M]. Prefix: T/WG/TK, VEC (M, N and the offsets of δ and h multiples
// of 4: vec4 loads), GATHER. Needs matmul_weight_grad_io.wgsl (Dims, bindings) in front.
@group(0) @binding(5) var<storage, read> d4: array<vec4<f32>>;
@group(0) @binding(6) var<storage, read> h4: array<vec4<f32>>;

fn a_k_fast(p: u32) -> bool { return false; }
fn b_n_fast(p: u32) -> bool { return true; }
fn a_sum(p: u32) -> bool { return true; }

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

fn fetch_a(p: u32, m: u32, k: u32) -> vec4<f32> {
  if (VEC) {
    if (m >= d.M || k >= d.K) { return vec4<f32>(0.0); }
    return d4[(d.d_off + k * d.M + m) / 4u];
  }
  return vec4<f32>(load_a(m, k), load_a(m + 1u, k), load_a(m + 2u, k), load_a(m + 3u, k));
}

fn fetch_b(p: u32, k: u32, n: u32) -> vec4<f32> {
  if (VEC) {
    if (n >= d.N || k >= d.K) { return vec4<f32>(0.0); }
    var row = k;
    if (GATHER) { row = idx[d.idx_off + k]; }
    return h4[(d.h_off + row * d.N + n) / 4u];
  }
  return vec4<f32>(load_b(k, n), load_b(k, n + 1u), load_b(k, n + 2u), load_b(k, n + 3u));
}

@compute @workgroup_size(WG, WG)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  // Split-K: workgroup z is the chunk of batch rows, written to its own slice (z = 0 and slice 0 unsplit).
  let k_lo = wid.z * d.k_chunk;
  mm_block(0u, lid, wid, k_lo, min(d.K, k_lo + d.k_chunk));
  let base = wid.z * d.slice;
  for (var i = 0u; i < T; i++) {
    let m = mm_row(lid, wid, i);
    if (m >= d.M) { continue; }
    for (var j = 0u; j < T; j++) {
      let n = mm_col(lid, wid, j);
      if (n < d.N) { grads[base + d.gw_off + m * d.N + n] = mm_get(i, j); }
    }
    // One column of threads in the first column of blocks owns the bias gradient of its rows.
    if (wid.x == 0u && lid.x == 0u) { grads[base + d.gb_off + m] = mm_asum_at(i); }
  }
}
