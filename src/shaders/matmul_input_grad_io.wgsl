// Uniform and bindings shared by both input-gradient kernels (matmul_input_grad.wgsl and its _direct
// variant): one Dims layout (inputGradWords) and one binding list (INPUT_GRAD_BINDINGS) serve either, so
// they are declared once, here, and concatenated in front of the kernel. Bindings 5 and 7 (vec4 views)
// are the direct kernel's own.
struct Dims {
  M: u32, N: u32, K: u32,
  d_off: u32, w_off: u32, z_off: u32, out_off: u32,
  nf_out: u32, // non-finite order of δp
}

@group(0) @binding(0) var<uniform> d: Dims;
@group(0) @binding(1) var<storage, read_write> delta: array<f32>; // read only; read_write because of aliasing
@group(0) @binding(2) var<storage, read> params: array<f32>;
@group(0) @binding(3) var<storage, read> z_src: array<f32>;
@group(0) @binding(4) var<storage, read_write> d_out: array<f32>;
@group(0) @binding(6) var<storage, read_write> flags: array<atomic<u32>>;
