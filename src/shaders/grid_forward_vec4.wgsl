// grid_forward.wgsl's hidden-layer forward where fan_in and fan_out are multiples of 8: each thread an 8×8
// block (8 rows × 8 outputs), every operand read as vec4 along k (8 rows of a, 8 rows of W: 16 vec4 loads
// per 64 vec4 multiply-adds, against 8 scalar gathers per 16 in the 4×4 kernel) and written as vec4 rows.
// Per k the W values are regrouped into vec4 over the block's outputs, so each output is the same k-ordered
// fma chain as the scalar kernel: results are bit-identical (gridTrainer.gpu.test.ts compares them).
// Written out in full: SwiftShader's JIT keeps neither arrays nor inner loops in registers.
// Bindings, table and prefix: grid_forward_vec4_io.wgsl.
@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let ni = net_item(gid);
  let n = ni.x;
  let i = ni.y;
  if (n >= g.nets) { return; }
  let cb = g.fan_out / 8u;
  if (i >= ((g.rows + 7u) / 8u) * cb) { return; }
  let r0 = (i / cb) * 8u;
  let j0 = (i % cb) * 8u;
  let K4 = g.fan_in / 4u;
  let a = entry(n, 0u) / 4u;
  let last = g.rows - 1u;
  let a0 = a + min(r0 + 0u, last) * K4;
  let a1 = a + min(r0 + 1u, last) * K4;
  let a2 = a + min(r0 + 2u, last) * K4;
  let a3 = a + min(r0 + 3u, last) * K4;
  let a4 = a + min(r0 + 4u, last) * K4;
  let a5 = a + min(r0 + 5u, last) * K4;
  let a6 = a + min(r0 + 6u, last) * K4;
  let a7 = a + min(r0 + 7u, last) * K4;
  let w0 = entry(n, 2u) / 4u + j0 * K4;
  let w1 = w0 + K4;
  let w2 = w1 + K4;
  let w3 = w2 + K4;
  let w4 = w3 + K4;
  let w5 = w4 + K4;
  let w6 = w5 + K4;
  let w7 = w6 + K4;
  var c00 = vec4<f32>(0.0); var c01 = vec4<f32>(0.0);
  var c10 = vec4<f32>(0.0); var c11 = vec4<f32>(0.0);
  var c20 = vec4<f32>(0.0); var c21 = vec4<f32>(0.0);
  var c30 = vec4<f32>(0.0); var c31 = vec4<f32>(0.0);
  var c40 = vec4<f32>(0.0); var c41 = vec4<f32>(0.0);
  var c50 = vec4<f32>(0.0); var c51 = vec4<f32>(0.0);
  var c60 = vec4<f32>(0.0); var c61 = vec4<f32>(0.0);
  var c70 = vec4<f32>(0.0); var c71 = vec4<f32>(0.0);
  for (var k4 = 0u; k4 < K4; k4++) {
    let u0 = p4[w0 + k4]; let u1 = p4[w1 + k4]; let u2 = p4[w2 + k4]; let u3 = p4[w3 + k4];
    let t0 = p4[w4 + k4]; let t1 = p4[w5 + k4]; let t2 = p4[w6 + k4]; let t3 = p4[w7 + k4];
    // W[j0..j0+3, k] and W[j0+4..j0+7, k] for k = 4·k4 + 0..3.
    let x0 = vec4<f32>(u0.x, u1.x, u2.x, u3.x); let x1 = vec4<f32>(t0.x, t1.x, t2.x, t3.x);
    let y0 = vec4<f32>(u0.y, u1.y, u2.y, u3.y); let y1 = vec4<f32>(t0.y, t1.y, t2.y, t3.y);
    let z0 = vec4<f32>(u0.z, u1.z, u2.z, u3.z); let z1 = vec4<f32>(t0.z, t1.z, t2.z, t3.z);
    let w0 = vec4<f32>(u0.w, u1.w, u2.w, u3.w); let w1 = vec4<f32>(t0.w, t1.w, t2.w, t3.w);
    let v0 = in4[a0 + k4];
    c00 = fma(vec4<f32>(v0.x), x0, c00); c01 = fma(vec4<f32>(v0.x), x1, c01);
    c00 = fma(vec4<f32>(v0.y), y0, c00); c01 = fma(vec4<f32>(v0.y), y1, c01);
    c00 = fma(vec4<f32>(v0.z), z0, c00); c01 = fma(vec4<f32>(v0.z), z1, c01);
    c00 = fma(vec4<f32>(v0.w), w0, c00); c01 = fma(vec4<f32>(v0.w), w1, c01);
    let v1 = in4[a1 + k4];
    c10 = fma(vec4<f32>(v1.x), x0, c10); c11 = fma(vec4<f32>(v1.x), x1, c11);
    c10 = fma(vec4<f32>(v1.y), y0, c10); c11 = fma(vec4<f32>(v1.y), y1, c11);
    c10 = fma(vec4<f32>(v1.z), z0, c10); c11 = fma(vec4<f32>(v1.z), z1, c11);
    c10 = fma(vec4<f32>(v1.w), w0, c10); c11 = fma(vec4<f32>(v1.w), w1, c11);
    let v2 = in4[a2 + k4];
    c20 = fma(vec4<f32>(v2.x), x0, c20); c21 = fma(vec4<f32>(v2.x), x1, c21);
    c20 = fma(vec4<f32>(v2.y), y0, c20); c21 = fma(vec4<f32>(v2.y), y1, c21);
    c20 = fma(vec4<f32>(v2.z), z0, c20); c21 = fma(vec4<f32>(v2.z), z1, c21);
    c20 = fma(vec4<f32>(v2.w), w0, c20); c21 = fma(vec4<f32>(v2.w), w1, c21);
    let v3 = in4[a3 + k4];
    c30 = fma(vec4<f32>(v3.x), x0, c30); c31 = fma(vec4<f32>(v3.x), x1, c31);
    c30 = fma(vec4<f32>(v3.y), y0, c30); c31 = fma(vec4<f32>(v3.y), y1, c31);
    c30 = fma(vec4<f32>(v3.z), z0, c30); c31 = fma(vec4<f32>(v3.z), z1, c31);
    c30 = fma(vec4<f32>(v3.w), w0, c30); c31 = fma(vec4<f32>(v3.w), w1, c31);
    let v4 = in4[a4 + k4];
    c40 = fma(vec4<f32>(v4.x), x0, c40); c41 = fma(vec4<f32>(v4.x), x1, c41);
    c40 = fma(vec4<f32>(v4.y), y0, c40); c41 = fma(vec4<f32>(v4.y), y1, c41);
    c40 = fma(vec4<f32>(v4.z), z0, c40); c41 = fma(vec4<f32>(v4.z), z1, c41);
    c40 = fma(vec4<f32>(v4.w), w0, c40); c41 = fma(vec4<f32>(v4.w), w1, c41);
    let v5 = in4[a5 + k4];
    c50 = fma(vec4<f32>(v5.x), x0, c50); c51 = fma(vec4<f32>(v5.x), x1, c51);
    c50 = fma(vec4<f32>(v5.y), y0, c50); c51 = fma(vec4<f32>(v5.y), y1, c51);
    c50 = fma(vec4<f32>(v5.z), z0, c50); c51 = fma(vec4<f32>(v5.z), z1, c51);
    c50 = fma(vec4<f32>(v5.w), w0, c50); c51 = fma(vec4<f32>(v5.w), w1, c51);
    let v6 = in4[a6 + k4];
    c60 = fma(vec4<f32>(v6.x), x0, c60); c61 = fma(vec4<f32>(v6.x), x1, c61);
    c60 = fma(vec4<f32>(v6.y), y0, c60); c61 = fma(vec4<f32>(v6.y), y1, c61);
    c60 = fma(vec4<f32>(v6.z), z0, c60); c61 = fma(vec4<f32>(v6.z), z1, c61);
    c60 = fma(vec4<f32>(v6.w), w0, c60); c61 = fma(vec4<f32>(v6.w), w1, c61);
    let v7 = in4[a7 + k4];
    c70 = fma(vec4<f32>(v7.x), x0, c70); c71 = fma(vec4<f32>(v7.x), x1, c71);
    c70 = fma(vec4<f32>(v7.y), y0, c70); c71 = fma(vec4<f32>(v7.y), y1, c71);
    c70 = fma(vec4<f32>(v7.z), z0, c70); c71 = fma(vec4<f32>(v7.z), z1, c71);
    c70 = fma(vec4<f32>(v7.w), w0, c70); c71 = fma(vec4<f32>(v7.w), w1, c71);
  }
  let b0 = p4[(entry(n, 3u) + j0) / 4u];
  let b1 = p4[(entry(n, 3u) + j0) / 4u + 1u];
  let h = entry(n, 1u) / 4u;
  let dp = entry(n, 4u) / 4u;
  store(r0 + 0u, j0, b0, h, dp, c00); store(r0 + 0u, j0 + 4u, b1, h, dp, c01);
  store(r0 + 1u, j0, b0, h, dp, c10); store(r0 + 1u, j0 + 4u, b1, h, dp, c11);
  store(r0 + 2u, j0, b0, h, dp, c20); store(r0 + 2u, j0 + 4u, b1, h, dp, c21);
  store(r0 + 3u, j0, b0, h, dp, c30); store(r0 + 3u, j0 + 4u, b1, h, dp, c31);
  store(r0 + 4u, j0, b0, h, dp, c40); store(r0 + 4u, j0 + 4u, b1, h, dp, c41);
  store(r0 + 5u, j0, b0, h, dp, c50); store(r0 + 5u, j0 + 4u, b1, h, dp, c51);
  store(r0 + 6u, j0, b0, h, dp, c60); store(r0 + 6u, j0 + 4u, b1, h, dp, c61);
  store(r0 + 7u, j0, b0, h, dp, c70); store(r0 + 7u, j0 + 4u, b1, h, dp, c71);
}
