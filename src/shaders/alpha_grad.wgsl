// ∂L/∂α of a ReZero block (docs/LAYERS.md): Σ g_x ⊙ z over the batch × features, by one workgroup
// (COOP: a tree over WG threads; else one thread). Prefix: COOP, WG, group_reduce.wgsl.
struct P { count: u32, g_off: u32, z_off: u32, out_off: u32 }

@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read> gx: array<f32>;
@group(0) @binding(2) var<storage, read> zs: array<f32>;
@group(0) @binding(3) var<storage, read_write> grads: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(local_invocation_index) lt: u32) {
  var t = 0u;
  var step = 1u;
  if (COOP) {
    t = lt;
    step = WG;
  }
  var s = 0.0;
  if (COOP || lt == 0u) { for (var e = t; e < p.count; e += step) { s += gx[p.g_off + e] * zs[p.z_off + e]; } }
  let r = group_sum2(vec2<f32>(s, 0.0), t).x;
  if (lt == 0u) { grads[p.out_off] = r; }
}
