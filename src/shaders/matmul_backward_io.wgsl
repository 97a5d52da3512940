// Uniform and bindings of the merged backward kernels (matmul_backward.wgsl, matmul_backward_direct.wgsl):
// one dispatch computes a Linear layer's weight gradient ∂W = δᵀh, ∂b = Σδ (product 0) and the input
// gradient of the layer below δp = (δ·W) ⊙ φ'(zp) (product 1), since both read the same δ. Layouts:
// δ [rows, out], h and zp and δp [rows, inp], W and ∂W [out, inp]. Workgroups with x < w_groups compute
// product 0 (x < w_groups · splits when its reduction is split, see below), the others product 1; each product
// checks its own extent.
// Eight bindings at most (WebGPU's default per stage): δ has one view, whose type the host picks
// (matmul_delta_vec4.wgsl or matmul_delta_f32.wgsl: two writable views of one range may not alias); W and
// h are read as vec4 only (their ranges are 16-byte multiples), scalars through ld_p / ld_h.
struct Dims {
  out: u32, inp: u32, rows: u32,
  d_off: u32, h_off: u32, w_off: u32, z_off: u32, out_off: u32, gw_off: u32, gb_off: u32,
  nf_out: u32,  // non-finite order of δp
  w_groups: u32, // workgroups along x of product 0 (of each chunk's, when split)
  // Split-K of product 0 (gpu/splitK.ts; tiled kernel only): its blocks repeat `splits` times along x, one
  // run per chunk of k_chunk rows, each written to its own slice (`slice` elements apart) of the partials
  // buffer, which is then bound as `grads`. Unsplit: 1, rows, 0.
  splits: u32, k_chunk: u32, slice: u32,
}

@group(0) @binding(0) var<uniform> d: Dims;
@group(0) @binding(2) var<storage, read> p4: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> h4: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read> z_src: array<f32>;
@group(0) @binding(5) var<storage, read_write> d_out: array<f32>;
@group(0) @binding(6) var<storage, read_write> grads: array<f32>;
@group(0) @binding(7) var<storage, read_write> flags: array<atomic<u32>>;

fn ld_p(i: u32) -> f32 { return p4[i / 4u][i % 4u]; }
fn ld_h(i: u32) -> f32 { return h4[i / 4u][i % 4u]; }

/** One element of δp: the product times φ'(zp), with the non-finite check. */
fn store_delta(e: u32, acc: f32) {
  let v = acc * act_df(z_src[d.z_off + e]);
  d_out[d.out_off + e] = v;
  if (is_nonfinite(v)) { atomicMin(&flags[NF_WORD], d.nf_out); }
}
