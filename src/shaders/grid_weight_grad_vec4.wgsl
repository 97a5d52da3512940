// grid_weight_grad.wgsl's ∂W = δᵀ·a and ∂b = Σ_rows δ where fan_in and fan_out are multiples of 8, with
// the optimizer's update right away (grid_update_vec4.wgsl): each thread an 8×8 block of ∂W (8 outputs ×
// 8 inputs), per row 4 vec4 loads (8 δ, 8 inputs) for 64 multiply-adds, or the bias of 8 outputs. Every
// output sums its rows in order, as the scalar kernel does: bit-identical results. Items: the blocks of ∂W,
// then the bias blocks, so that few SIMD groups mix the two loops (a software adapter runs both for a
// group that does). Written out in full (see grid_forward_vec4.wgsl).
// Bindings, table and prefix: grid_weight_grad_vec4_io.wgsl, then grid_update_vec4.wgsl.
@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let ni = net_item(gid);
  let n = ni.x;
  let i = ni.y;
  if (n >= g.nets) { return; }
  let kb = g.fan_in / 8u;
  let jb = g.fan_out / 8u;
  if (i >= jb * (kb + 1u)) { return; }
  let J4 = g.fan_out / 4u;
  let K4 = g.fan_in / 4u;
  let d = entry(n, 1u) / 4u;
  if (i >= jb * kb) {
    let db = d + (i - jb * kb) * 2u;
    var s0 = vec4<f32>(0.0);
    var s1v = vec4<f32>(0.0);
    for (var r = 0u; r < g.rows; r++) {
      s0 += a4[db + r * J4];
      s1v += a4[db + r * J4 + 1u];
    }
    let b = entry(n, 3u) / 4u + (i - jb * kb) * 2u;
    update4(b, s0);
    update4(b + 1u, s1v);
    return;
  }
  let j0 = (i / kb) * 8u;
  let k0 = (i % kb) * 8u;
  let ab = (entry(n, 0u) + k0) / 4u;
  let db = d + j0 / 4u;
  var c00 = vec4<f32>(0.0); var c01 = vec4<f32>(0.0);
  var c10 = vec4<f32>(0.0); var c11 = vec4<f32>(0.0);
  var c20 = vec4<f32>(0.0); var c21 = vec4<f32>(0.0);
  var c30 = vec4<f32>(0.0); var c31 = vec4<f32>(0.0);
  var c40 = vec4<f32>(0.0); var c41 = vec4<f32>(0.0);
  var c50 = vec4<f32>(0.0); var c51 = vec4<f32>(0.0);
  var c60 = vec4<f32>(0.0); var c61 = vec4<f32>(0.0);
  var c70 = vec4<f32>(0.0); var c71 = vec4<f32>(0.0);
  for (var r = 0u; r < g.rows; r++) {
    let x0 = a4[ab + r * K4]; let x1 = a4[ab + r * K4 + 1u];
    let e0 = a4[db + r * J4]; let e1 = a4[db + r * J4 + 1u];
    c00 = fma(vec4<f32>(e0.x), x0, c00); c01 = fma(vec4<f32>(e0.x), x1, c01);
    c10 = fma(vec4<f32>(e0.y), x0, c10); c11 = fma(vec4<f32>(e0.y), x1, c11);
    c20 = fma(vec4<f32>(e0.z), x0, c20); c21 = fma(vec4<f32>(e0.z), x1, c21);
    c30 = fma(vec4<f32>(e0.w), x0, c30); c31 = fma(vec4<f32>(e0.w), x1, c31);
    c40 = fma(vec4<f32>(e1.x), x0, c40); c41 = fma(vec4<f32>(e1.x), x1, c41);
    c50 = fma(vec4<f32>(e1.y), x0, c50); c51 = fma(vec4<f32>(e1.y), x1, c51);
    c60 = fma(vec4<f32>(e1.z), x0, c60); c61 = fma(vec4<f32>(e1.z), x1, c61);
    c70 = fma(vec4<f32>(e1.w), x0, c70); c71 = fma(vec4<f32>(e1.w), x1, c71);
  }
  let w = (entry(n, 2u) + j0 * g.fan_in + k0) / 4u;
  update4(w, c00); update4(w + 1u, c01);
  update4(w + K4, c10); update4(w + K4 + 1u, c11);
  update4(w + 2u * K4, c20); update4(w + 2u * K4 + 1u, c21);
  update4(w + 3u * K4, c30); update4(w + 3u * K4 + 1u, c31);
  update4(w + 4u * K4, c40); update4(w + 4u * K4 + 1u, c41);
  update4(w + 5u * K4, c50); update4(w + 5u * K4 + 1u, c51);
  update4(w + 6u * K4, c60); update4(w + 6u * K4 + 1u, c61);
  update4(w + 7u * K4, c70); update4(w + 7u * K4 + 1u, c71);
}
