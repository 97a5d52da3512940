// Uniform and bindings shared by both forward kernels (matmul_forward.wgsl, matmul_forward_direct.wgsl):
// the host writes one Dims layout (forwardWords) and one binding list (FORWARD_BINDINGS) for either, so
// they are declared once, here, and concatenated in front of the kernel. Bindings 6, 7 (vec4 views) are
// the direct kernel's own.
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
// The step's non-finite word.
@group(0) @binding(8) var<storage, read_write> flags: array<atomic<u32>>;
