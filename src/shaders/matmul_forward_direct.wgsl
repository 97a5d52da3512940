// Forward of one Linear layer without shared memory (for software adapters such as SwiftShader, where
// workgroup barriers are expensive): with VEC (K and every offset a multiple of 4) each thread computes a
// 4×4 block of z from vec4 rows of a and W (16 vec4 FMAs per 8 loads); otherwise a 1×4 block per thread.
// Same bindings, uniforms and results as matmul_forward.wgsl.
// Prefix: activation and non-finite snippets, VEC, GATHER, STORE_Z, STORE_H, WG_X, WG_Y (8×8 with VEC,
// else 16×16); matmul_forward_io.wgsl (Dims, shared bindings) and matmul_forward_direct_io.wgsl in front.
@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  if (VEC) {
    let m0 = gid.y * 4u;
    let n0 = gid.x * 4u;
    if (m0 >= d.M || n0 >= d.N) { return; }
    let K4 = d.K / 4u;
    // Rows and columns past the edge load the last valid one (no branch in the loop) and are not stored.
    // Written out in full: SwiftShader's JIT neither unrolls loops nor keeps indexed arrays in registers,
    // and the looped form of this block measured 3–5× slower there.
    let r0 = (d.a_off + a_row(m0) * d.K) / 4u;
    let r1 = (d.a_off + a_row(min(m0 + 1u, d.M - 1u)) * d.K) / 4u;
    let r2 = (d.a_off + a_row(min(m0 + 2u, d.M - 1u)) * d.K) / 4u;
    let r3 = (d.a_off + a_row(min(m0 + 3u, d.M - 1u)) * d.K) / 4u;
    let w0 = (d.w_off + n0 * d.K) / 4u;
    let w1 = (d.w_off + min(n0 + 1u, d.N - 1u) * d.K) / 4u;
    let w2 = (d.w_off + min(n0 + 2u, d.N - 1u) * d.K) / 4u;
    let w3 = (d.w_off + min(n0 + 3u, d.N - 1u) * d.K) / 4u;
    var c00 = vec4<f32>(0.0); var c01 = vec4<f32>(0.0); var c02 = vec4<f32>(0.0); var c03 = vec4<f32>(0.0);
    var c10 = vec4<f32>(0.0); var c11 = vec4<f32>(0.0); var c12 = vec4<f32>(0.0); var c13 = vec4<f32>(0.0);
    var c20 = vec4<f32>(0.0); var c21 = vec4<f32>(0.0); var c22 = vec4<f32>(0.0); var c23 = vec4<f32>(0.0);
    var c30 = vec4<f32>(0.0); var c31 = vec4<f32>(0.0); var c32 = vec4<f32>(0.0); var c33 = vec4<f32>(0.0);
    for (var k = 0u; k < K4; k++) {
      let a0 = a4[r0 + k];
      let a1 = a4[r1 + k];
      let a2 = a4[r2 + k];
      let a3 = a4[r3 + k];
      let b0 = p4[w0 + k];
      let b1 = p4[w1 + k];
      let b2 = p4[w2 + k];
      let b3 = p4[w3 + k];
      c00 = fma(a0, b0, c00); c01 = fma(a0, b1, c01); c02 = fma(a0, b2, c02); c03 = fma(a0, b3, c03);
      c10 = fma(a1, b0, c10); c11 = fma(a1, b1, c11); c12 = fma(a1, b2, c12); c13 = fma(a1, b3, c13);
      c20 = fma(a2, b0, c20); c21 = fma(a2, b1, c21); c22 = fma(a2, b2, c22); c23 = fma(a2, b3, c23);
      c30 = fma(a3, b0, c30); c31 = fma(a3, b1, c31); c32 = fma(a3, b2, c32); c33 = fma(a3, b3, c33);
    }
    store_row(m0, n0, vec4<f32>(hsum(c00), hsum(c01), hsum(c02), hsum(c03)));
    store_row(m0 + 1u, n0, vec4<f32>(hsum(c10), hsum(c11), hsum(c12), hsum(c13)));
    store_row(m0 + 2u, n0, vec4<f32>(hsum(c20), hsum(c21), hsum(c22), hsum(c23)));
    store_row(m0 + 3u, n0, vec4<f32>(hsum(c30), hsum(c31), hsum(c32), hsum(c33)));
  } else {
    // Four outputs of one row per thread (each its own k-ordered chain, as one output per thread would be):
    // a small K (the first layer's 2 inputs) leaves little arithmetic per thread, so the row index, the
    // gathered row and a's values are loaded once for four outputs. Columns past N repeat the last one.
    let m = gid.y;
    let n0 = gid.x * 4u;
    if (m >= d.M || n0 >= d.N) { return; }
    let abase = d.a_off + a_row(m) * d.K;
    let w0 = d.w_off + n0 * d.K;
    let w1 = d.w_off + min(n0 + 1u, d.N - 1u) * d.K;
    let w2 = d.w_off + min(n0 + 2u, d.N - 1u) * d.K;
    let w3 = d.w_off + min(n0 + 3u, d.N - 1u) * d.K;
    var acc = vec4<f32>(0.0);
    for (var k = 0u; k < d.K; k++) {
      let w = vec4<f32>(params[w0 + k], params[w1 + k], params[w2 + k], params[w3 + k]);
      acc = fma(vec4<f32>(a_src[abase + k]), w, acc);
    }
    store_row(m, n0, acc);
  }
}
