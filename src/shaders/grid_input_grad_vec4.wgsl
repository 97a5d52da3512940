// grid_input_grad.wgsl's δ of the layer below where fan_in and fan_out are multiples of 8: δ_in = (δ·W) ⊙
// φ′(z_in), each thread an 8×8 block (8 rows × 8 inputs) read and written as vec4: per 4 columns j of δ,
// 16 vec4 loads (8 rows of δ, 4 rows of W × 2 halves) feed 64 vec4 multiply-adds. On a software adapter
// (SwiftShader) a storage load costs several multiply-adds, so the block's size is what sets the speed:
// twice the 4×4 block's multiply-adds per load. Each output is the same j-ordered fma chain as the scalar
// kernel, so the results are bit-identical (gridTrainer.gpu.test.ts compares both). Written out in full:
// SwiftShader's JIT keeps neither arrays nor inner loops in registers. Rows past the edge load the last
// valid row and are not stored. Bindings, table and prefix: grid_input_grad_vec4_io.wgsl.
@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let ni = net_item(gid);
  let n = ni.x;
  let i = ni.y;
  if (n >= g.nets) { return; }
  let cb = g.fan_in / 8u;
  if (i >= ((g.rows + 7u) / 8u) * cb) { return; }
  let r0 = (i / cb) * 8u;
  let k0 = (i % cb) * 8u;
  let J4 = g.fan_out / 4u;
  let K4 = g.fan_in / 4u;
  let d = entry(n, 0u) / 4u;
  let last = g.rows - 1u;
  let d0 = d + min(r0 + 0u, last) * J4;
  let d1 = d + min(r0 + 1u, last) * J4;
  let d2 = d + min(r0 + 2u, last) * J4;
  let d3 = d + min(r0 + 3u, last) * J4;
  let d4 = d + min(r0 + 4u, last) * J4;
  let d5 = d + min(r0 + 5u, last) * J4;
  let d6 = d + min(r0 + 6u, last) * J4;
  let d7 = d + min(r0 + 7u, last) * J4;
  let w = (entry(n, 2u) + k0) / 4u;
  var c00 = vec4<f32>(0.0); var c01 = vec4<f32>(0.0);
  var c10 = vec4<f32>(0.0); var c11 = vec4<f32>(0.0);
  var c20 = vec4<f32>(0.0); var c21 = vec4<f32>(0.0);
  var c30 = vec4<f32>(0.0); var c31 = vec4<f32>(0.0);
  var c40 = vec4<f32>(0.0); var c41 = vec4<f32>(0.0);
  var c50 = vec4<f32>(0.0); var c51 = vec4<f32>(0.0);
  var c60 = vec4<f32>(0.0); var c61 = vec4<f32>(0.0);
  var c70 = vec4<f32>(0.0); var c71 = vec4<f32>(0.0);
  for (var j4 = 0u; j4 < J4; j4++) {
    // W[4·j4 + q, k0..k0+7] for q = 0..3: two vec4 per row.
    let y = w + 4u * j4 * K4;
    let u00 = p4[y]; let u01 = p4[y + 1u];
    let u10 = p4[y + K4]; let u11 = p4[y + K4 + 1u];
    let u20 = p4[y + 2u * K4]; let u21 = p4[y + 2u * K4 + 1u];
    let u30 = p4[y + 3u * K4]; let u31 = p4[y + 3u * K4 + 1u];
    let v0 = dl4[d0 + j4];
    c00 = fma(vec4<f32>(v0.x), u00, c00); c01 = fma(vec4<f32>(v0.x), u01, c01);
    c00 = fma(vec4<f32>(v0.y), u10, c00); c01 = fma(vec4<f32>(v0.y), u11, c01);
    c00 = fma(vec4<f32>(v0.z), u20, c00); c01 = fma(vec4<f32>(v0.z), u21, c01);
    c00 = fma(vec4<f32>(v0.w), u30, c00); c01 = fma(vec4<f32>(v0.w), u31, c01);
    let v1 = dl4[d1 + j4];
    c10 = fma(vec4<f32>(v1.x), u00, c10); c11 = fma(vec4<f32>(v1.x), u01, c11);
    c10 = fma(vec4<f32>(v1.y), u10, c10); c11 = fma(vec4<f32>(v1.y), u11, c11);
    c10 = fma(vec4<f32>(v1.z), u20, c10); c11 = fma(vec4<f32>(v1.z), u21, c11);
    c10 = fma(vec4<f32>(v1.w), u30, c10); c11 = fma(vec4<f32>(v1.w), u31, c11);
    let v2 = dl4[d2 + j4];
    c20 = fma(vec4<f32>(v2.x), u00, c20); c21 = fma(vec4<f32>(v2.x), u01, c21);
    c20 = fma(vec4<f32>(v2.y), u10, c20); c21 = fma(vec4<f32>(v2.y), u11, c21);
    c20 = fma(vec4<f32>(v2.z), u20, c20); c21 = fma(vec4<f32>(v2.z), u21, c21);
    c20 = fma(vec4<f32>(v2.w), u30, c20); c21 = fma(vec4<f32>(v2.w), u31, c21);
    let v3 = dl4[d3 + j4];
    c30 = fma(vec4<f32>(v3.x), u00, c30); c31 = fma(vec4<f32>(v3.x), u01, c31);
    c30 = fma(vec4<f32>(v3.y), u10, c30); c31 = fma(vec4<f32>(v3.y), u11, c31);
    c30 = fma(vec4<f32>(v3.z), u20, c30); c31 = fma(vec4<f32>(v3.z), u21, c31);
    c30 = fma(vec4<f32>(v3.w), u30, c30); c31 = fma(vec4<f32>(v3.w), u31, c31);
    let v4 = dl4[d4 + j4];
    c40 = fma(vec4<f32>(v4.x), u00, c40); c41 = fma(vec4<f32>(v4.x), u01, c41);
    c40 = fma(vec4<f32>(v4.y), u10, c40); c41 = fma(vec4<f32>(v4.y), u11, c41);
    c40 = fma(vec4<f32>(v4.z), u20, c40); c41 = fma(vec4<f32>(v4.z), u21, c41);
    c40 = fma(vec4<f32>(v4.w), u30, c40); c41 = fma(vec4<f32>(v4.w), u31, c41);
    let v5 = dl4[d5 + j4];
    c50 = fma(vec4<f32>(v5.x), u00, c50); c51 = fma(vec4<f32>(v5.x), u01, c51);
    c50 = fma(vec4<f32>(v5.y), u10, c50); c51 = fma(vec4<f32>(v5.y), u11, c51);
    c50 = fma(vec4<f32>(v5.z), u20, c50); c51 = fma(vec4<f32>(v5.z), u21, c51);
    c50 = fma(vec4<f32>(v5.w), u30, c50); c51 = fma(vec4<f32>(v5.w), u31, c51);
    let v6 = dl4[d6 + j4];
    c60 = fma(vec4<f32>(v6.x), u00, c60); c61 = fma(vec4<f32>(v6.x), u01, c61);
    c60 = fma(vec4<f32>(v6.y), u10, c60); c61 = fma(vec4<f32>(v6.y), u11, c61);
    c60 = fma(vec4<f32>(v6.z), u20, c60); c61 = fma(vec4<f32>(v6.z), u21, c61);
    c60 = fma(vec4<f32>(v6.w), u30, c60); c61 = fma(vec4<f32>(v6.w), u31, c61);
    let v7 = dl4[d7 + j4];
    c70 = fma(vec4<f32>(v7.x), u00, c70); c71 = fma(vec4<f32>(v7.x), u01, c71);
    c70 = fma(vec4<f32>(v7.y), u10, c70); c71 = fma(vec4<f32>(v7.y), u11, c71);
    c70 = fma(vec4<f32>(v7.z), u20, c70); c71 = fma(vec4<f32>(v7.z), u21, c71);
    c70 = fma(vec4<f32>(v7.w), u30, c70); c71 = fma(vec4<f32>(v7.w), u31, c71);
  }
  let o = entry(n, 1u) / 4u;
  let p = entry(n, 3u) / 4u;
  store(r0 + 0u, k0, o, p, c00); store(r0 + 0u, k0 + 4u, o, p, c01);
  store(r0 + 1u, k0, o, p, c10); store(r0 + 1u, k0 + 4u, o, p, c11);
  store(r0 + 2u, k0, o, p, c20); store(r0 + 2u, k0 + 4u, o, p, c21);
  store(r0 + 3u, k0, o, p, c30); store(r0 + 3u, k0 + 4u, o, p, c31);
  store(r0 + 4u, k0, o, p, c40); store(r0 + 4u, k0 + 4u, o, p, c41);
  store(r0 + 5u, k0, o, p, c50); store(r0 + 5u, k0 + 4u, o, p, c51);
  store(r0 + 6u, k0, o, p, c60); store(r0 + 6u, k0 + 4u, o, p, c61);
  store(r0 + 7u, k0, o, p, c70); store(r0 + 7u, k0 + 4u, o, p, c71);
}
