// ∂L/∂α of a ReZero block (docs/LAYERS.md): the sum of res_grad.wgsl's per-chunk partials of Σ g_x ⊙ z,
// by one workgroup (COOP: a tree over WG threads; else one thread, in order). Prefix: COOP, WG,
// group_reduce.wgsl.
struct P { chunks: u32, part_off: u32, out_off: u32, _pad: u32 }

@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read> parts: array<f32>;
@group(0) @binding(2) var<storage, read_write> grads: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(local_invocation_index) lt: u32) {
  var t = 0u;
  var step = 1u;
  if (COOP) {
    t = lt;
    step = WG;
  }
  var s = 0.0;
  if (COOP || lt == 0u) { for (var c = t; c < p.chunks; c += step) { s += parts[p.part_off + c]; } }
  let r = group_sum2(vec2<f32>(s, 0.0), t).x;
  if (lt == 0u) { grads[p.out_off] = r; }
}
