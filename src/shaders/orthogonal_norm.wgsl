// Newton–Schulz needs X scaled to spectral norm below √3. For the Gram matrix A = G·Gᵀ (or Gᵀ·G),
// ‖G‖₂² = ‖A‖₂ ≤ ‖A‖_F, so c = ‖A‖_F^(-1/2) gives ‖c·G‖₂ ≤ 1 — a tighter start than 1/‖G‖_F, which saves
// iterations. One workgroup reduces the sum of squares and writes c to scale[0].

struct NormParams {
  n: u32,
  _pad0: u32,
  _pad1: u32,
  _pad2: u32,
}

@group(0) @binding(0) var<uniform> params: NormParams;
@group(0) @binding(1) var<storage, read> gram: array<f32>;
@group(0) @binding(2) var<storage, read_write> scale: array<f32>;

var<workgroup> partial: array<f32, 256>;

@compute @workgroup_size(256)
fn main(@builtin(local_invocation_id) lid: vec3<u32>) {
  var s = 0.0;
  for (var i = lid.x; i < params.n; i += 256u) {
    let v = gram[i];
    s += v * v;
  }
  partial[lid.x] = s;
  workgroupBarrier();
  for (var stride = 128u; stride > 0u; stride >>= 1u) {
    if (lid.x < stride) {
      partial[lid.x] += partial[lid.x + stride];
    }
    workgroupBarrier();
  }
  if (lid.x == 0u) {
    // A zero matrix cannot come out of Gaussian sampling; keep the scale finite regardless.
    scale[0] = 1.0 / sqrt(sqrt(max(partial[0], 1e-30)));
  }
}
