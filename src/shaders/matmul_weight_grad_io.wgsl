// Uniform and bindings shared by both weight-gradient kernels (matmul_weight_grad.wgsl and its _direct
// variant): one Dims layout (weightGradWords) and one binding list (WEIGHT_GRAD_BINDINGS) serve either,
// so they are declared once, here, and concatenated in front of the kernel. Bindings 5, 6 (vec4 views)
// are the direct kernel's own.
struct Dims {
  M: u32, N: u32, K: u32,
  d_off: u32, h_off: u32, gw_off: u32, gb_off: u32, idx_off: u32,
  // Split-K (gpu/splitK.ts; tiled kernel only): rows per chunk (K when not split) and the elements between
  // chunks' slices of the partials buffer, which is then bound as `grads` (0 when not split).
  k_chunk: u32, slice: u32,
}

@group(0) @binding(0) var<uniform> d: Dims;
@group(0) @binding(1) var<storage, read> delta: array<f32>;
@group(0) @binding(2) var<storage, read> h_src: array<f32>;
@group(0) @binding(3) var<storage, read_write> grads: array<f32>;
@group(0) @binding(4) var<storage, read> idx: array<u32>;
