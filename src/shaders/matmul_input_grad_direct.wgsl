// δp = (δ · W) ⊙ φ'(zp) without shared memory (see matmul_forward_direct.wgsl for why). VEC44 (N, K and
// the offsets multiples of 4): each thread a 4×4 block, δ read as vec4 along k and W as vec4 along n;
// VEC (N only): a 1×4 block; else one output per thread. Same bindings (plus vec4 views) and uniforms as
// matmul_input_grad.wgsl. Prefix: activation and non-finite snippets, VEC, VEC44, WG_X, WG_Y,
// matmul_input_grad_io.wgsl (Dims, shared bindings).
@group(0) @binding(5) var<storage, read> p4: array<vec4<f32>>;
// δ as vec4 (VEC44). Writable like `delta` (the buffer also holds δ of the layer below): bound to a spare
// buffer unless VEC44, and `delta` to a spare when VEC44, so no two writable views overlap.
@group(0) @binding(7) var<storage, read_write> d4: array<vec4<f32>>;

fn store_delta(e: u32, acc: f32) {
  let v = acc * act_df(z_src[d.z_off + e]);
  d_out[d.out_off + e] = v;
  if (is_nonfinite(v)) { atomicMin(&flags[NF_WORD], d.nf_out); }
}

/** δp at (m, 4·n4 .. 4·n4 + 3), when row m is inside the matrix. */
fn store_row(m: u32, n4: u32, acc: vec4<f32>) {
  if (m >= d.M) { return; }
  let e = m * d.N + 4u * n4;
  for (var j = 0u; j < 4u; j++) { store_delta(e + j, acc[j]); }
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  if (VEC44) {
    let m0 = gid.y * 4u;
    let n4 = gid.x;
    let N4 = d.N / 4u;
    if (m0 >= d.M || n4 >= N4) { return; }
    let K4 = d.K / 4u;
    // Written out in full (see matmul_forward_direct.wgsl: SwiftShader keeps no indexed arrays in registers).
    let r0 = (d.d_off + m0 * d.K) / 4u;
    let r1 = (d.d_off + min(m0 + 1u, d.M - 1u) * d.K) / 4u;
    let r2 = (d.d_off + min(m0 + 2u, d.M - 1u) * d.K) / 4u;
    let r3 = (d.d_off + min(m0 + 3u, d.M - 1u) * d.K) / 4u;
    let wbase = d.w_off / 4u + n4;
    var c0 = vec4<f32>(0.0);
    var c1 = vec4<f32>(0.0);
    var c2 = vec4<f32>(0.0);
    var c3 = vec4<f32>(0.0);
    for (var k = 0u; k < K4; k++) {
      let w0 = p4[wbase + (4u * k) * N4];
      let w1 = p4[wbase + (4u * k + 1u) * N4];
      let w2 = p4[wbase + (4u * k + 2u) * N4];
      let w3 = p4[wbase + (4u * k + 3u) * N4];
      let a0 = d4[r0 + k];
      let a1 = d4[r1 + k];
      let a2 = d4[r2 + k];
      let a3 = d4[r3 + k];
      c0 = fma(vec4<f32>(a0.w), w3, fma(vec4<f32>(a0.z), w2, fma(vec4<f32>(a0.y), w1, fma(vec4<f32>(a0.x), w0, c0))));
      c1 = fma(vec4<f32>(a1.w), w3, fma(vec4<f32>(a1.z), w2, fma(vec4<f32>(a1.y), w1, fma(vec4<f32>(a1.x), w0, c1))));
      c2 = fma(vec4<f32>(a2.w), w3, fma(vec4<f32>(a2.z), w2, fma(vec4<f32>(a2.y), w1, fma(vec4<f32>(a2.x), w0, c2))));
      c3 = fma(vec4<f32>(a3.w), w3, fma(vec4<f32>(a3.z), w2, fma(vec4<f32>(a3.y), w1, fma(vec4<f32>(a3.x), w0, c3))));
    }
    store_row(m0, n4, c0);
    store_row(m0 + 1u, n4, c1);
    store_row(m0 + 2u, n4, c2);
    store_row(m0 + 3u, n4, c3);
  } else if (VEC) {
    let m = gid.y;
    let N4 = d.N / 4u;
    let n4 = gid.x;
    if (m >= d.M || n4 >= N4) { return; }
    let dbase = d.d_off + m * d.K;
    let wbase = d.w_off / 4u + n4;
    var acc = vec4<f32>(0.0);
    for (var k = 0u; k < d.K; k++) { acc = fma(vec4<f32>(delta[dbase + k]), p4[wbase + k * N4], acc); }
    let e = m * d.N + 4u * n4;
    for (var j = 0u; j < 4u; j++) { store_delta(e + j, acc[j]); }
  } else {
    let m = gid.y;
    let n = gid.x;
    if (m >= d.M || n >= d.N) { return; }
    let dbase = d.d_off + m * d.K;
    var acc = 0.0;
    for (var k = 0u; k < d.K; k++) { acc = fma(delta[dbase + k], params[d.w_off + k * d.N + n], acc); }
    store_delta(m * d.N + n, acc);
  }
}
