// Shared by the direct and quad forward kernels (matmul_forward_direct.wgsl, matmul_forward_quad.wgsl): the
// vec4 views of a and W, the gathered row, and the epilogue of one output (bias, φ, non-finite checks).
// The same buffers seen as vec4 (read-only, so aliasing them is allowed): fewer, wider loads.
@group(0) @binding(6) var<storage, read_write> a4: array<vec4<f32>>;
@group(0) @binding(7) var<storage, read> p4: array<vec4<f32>>;

fn a_row(m: u32) -> u32 {
  if (GATHER) { return idx[d.idx_off + m]; }
  return m;
}

fn store(m: u32, n: u32, acc: f32) { store_z(m, n, acc + params[d.b_off + n]); }

/** z (the sum plus the bias) at (m, n): stored, φ applied, both checked as the variant asks. */
fn store_z(m: u32, n: u32, z: f32) {
  if (STORE_Z) { z_out[d.z_off + m * d.N + n] = z; }
  if (is_nonfinite(z) && d.nf_z != NF_NONE) { atomicMin(&flags[NF_WORD], d.nf_z); }
  if (STORE_H) {
    let h = act_f(z);
    h_out[d.h_off + m * d.N + n] = h;
    if (is_nonfinite(h) && d.nf_h != NF_NONE) { atomicMin(&flags[NF_WORD], d.nf_h); }
  }
}

fn hsum(v: vec4<f32>) -> f32 { return (v.x + v.y) + (v.z + v.w); }

/** Outputs (m, n0..n0+3) of a 4×4 block, those inside the matrix. */
fn store_row(m: u32, n0: u32, v: vec4<f32>) {
  if (m >= d.M) { return; }
  for (var j = 0u; j < 4u; j++) {
    if (n0 + j < d.N) { store(m, n0 + j, v[j]); }
  }
}
