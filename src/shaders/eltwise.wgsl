// Elementwise steps of residual blocks (docs/LAYERS.md#the-network), one thread per element of a
// rows × feats slice. MODE:
//   1 RES_ADD  out = a + α·b          (x^ℓ = x^{ℓ−1} + α z)
//   2 SCALE    out = α·a              (∂L/∂z = α g_x)
//   3 ADD      out = a + b            (g_{x^{ℓ−1}} = g_x + ∂L/∂v, no normalization)
//   4 DACT     out = a ⊙ φ'(b)        (∂L/∂u¹ = ∂L/∂h¹ ⊙ φ'(u¹))
// α = params[alpha_off] with REZERO, else 1. Prefix: activation and non-finite snippets, MODE, REZERO.
struct P { count: u32, a_off: u32, b_off: u32, out_off: u32, alpha_off: u32, nf_out: u32 }

@group(0) @binding(0) var<uniform> p: P;
// All read_write: a, b and out may be slices of one buffer (the stream, or h).
@group(0) @binding(1) var<storage, read_write> a: array<f32>;
@group(0) @binding(2) var<storage, read_write> b: array<f32>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;
@group(0) @binding(4) var<storage, read> params: array<f32>;
@group(0) @binding(5) var<storage, read_write> flags: array<atomic<u32>>;

fn alpha() -> f32 {
  if (REZERO) { return params[p.alpha_off]; }
  return 1.0;
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let e = gid.x + gid.y * nwg.x * 64u;
  if (e >= p.count) { return; }
  var r: f32;
  if (MODE == 1u) {
    r = a[p.a_off + e] + alpha() * b[p.b_off + e];
  } else if (MODE == 2u) {
    r = alpha() * a[p.a_off + e];
  } else if (MODE == 3u) {
    r = a[p.a_off + e] + b[p.b_off + e];
  } else {
    r = a[p.a_off + e] * act_df(b[p.b_off + e]);
  }
  out[p.out_off + e] = r;
  if (is_nonfinite(r) && p.nf_out != NF_NONE) { atomicMin(&flags[NF_WORD], p.nf_out); }
}
