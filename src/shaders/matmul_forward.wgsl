// Forward of one Linear layer, bias and activation fused: z = a·Wᵀ + b, h = φ(z), for a batch of M rows.
// a: [M, K] (previous activations, or rows of the data set picked by idx when GATHER), W: [N, K] (nn.Linear
// [out, in]), z and h: [M, N]. Prefix: activation and non-finite snippets, TM/TN, GATHER, STORE_Z, STORE_H.
struct Dims {
  M: u32, N: u32, K: u32,
  a_off: u32,   // element offset of a (or of the data set when GATHER)
  w_off: u32, b_off: u32,
  z_off: u32, h_off: u32,
  idx_off: u32, // first index used when GATHER
  nf_z: u32,    // non-finite orders of z and h (NF_NONE: not checked)
  nf_h: u32,
}

@group(0) @binding(0) var<uniform> d: Dims;
// read_write although only read: the same slab buffer is bound as h_out (storage read + write of one
// buffer in a dispatch is invalid, two read_write bindings are fine).
@group(0) @binding(1) var<storage, read_write> a_src: array<f32>;
@group(0) @binding(2) var<storage, read> params: array<f32>;
@group(0) @binding(3) var<storage, read_write> z_out: array<f32>;
@group(0) @binding(4) var<storage, read_write> h_out: array<f32>;
@group(0) @binding(5) var<storage, read> idx: array<u32>;
// Bindings 6, 7 are the direct kernel's vec4 views (unused here); 8 holds the step's non-finite word.
@group(0) @binding(8) var<storage, read_write> flags: array<atomic<u32>>;

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
