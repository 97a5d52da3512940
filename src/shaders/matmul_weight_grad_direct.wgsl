// ∂W = δᵀ · h and ∂b = Σ_batch δ without shared memory (see matmul_forward_direct.wgsl). VEC (M, N and
// the offsets multiples of 4): each thread a 4×4 block from vec4 rows of δ and h; VEC8 (M also a multiple
// of 8): an 8×4 block. Same bindings (plus vec4 views) and uniforms as matmul_weight_grad.wgsl.
// Prefix: VEC, VEC8, GATHER, WG_X, WG_Y, matmul_weight_grad_io.wgsl (Dims, shared bindings).
@group(0) @binding(5) var<storage, read> d4: array<vec4<f32>>;
@group(0) @binding(6) var<storage, read> h4: array<vec4<f32>>;

fn h_row(k: u32) -> u32 {
  if (GATHER) { return idx[d.idx_off + k]; }
  return k;
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  if (VEC8) {
    // 8 rows (two vec4 of δ) × 4 columns per thread: more arithmetic per load, the fastest form measured on
    // SwiftShader (whose JIT keeps only named variables in registers, so everything is written out).
    let M4 = d.M / 4u;
    let N4 = d.N / 4u;
    let m8 = gid.y;
    let n4 = gid.x;
    if (2u * m8 >= M4 || n4 >= N4) { return; }
    var c0 = vec4<f32>(0.0); var c1 = vec4<f32>(0.0); var c2 = vec4<f32>(0.0); var c3 = vec4<f32>(0.0);
    var e0 = vec4<f32>(0.0); var e1 = vec4<f32>(0.0); var e2 = vec4<f32>(0.0); var e3 = vec4<f32>(0.0);
    var bs0 = vec4<f32>(0.0);
    var bs1 = vec4<f32>(0.0);
    for (var k = 0u; k < d.K; k++) {
      let da = d.d_off / 4u + k * M4 + 2u * m8;
      let a0 = d4[da];
      let a1 = d4[da + 1u];
      let b = h4[(d.h_off + h_row(k) * d.N) / 4u + n4];
      c0 = fma(vec4<f32>(a0.x), b, c0); c1 = fma(vec4<f32>(a0.y), b, c1);
      c2 = fma(vec4<f32>(a0.z), b, c2); c3 = fma(vec4<f32>(a0.w), b, c3);
      e0 = fma(vec4<f32>(a1.x), b, e0); e1 = fma(vec4<f32>(a1.y), b, e1);
      e2 = fma(vec4<f32>(a1.z), b, e2); e3 = fma(vec4<f32>(a1.w), b, e3);
      bs0 += a0;
      bs1 += a1;
    }
    let base = d.gw_off + 8u * m8 * d.N + 4u * n4;
    for (var j = 0u; j < 4u; j++) {
      grads[base + j] = c0[j];
      grads[base + d.N + j] = c1[j];
      grads[base + 2u * d.N + j] = c2[j];
      grads[base + 3u * d.N + j] = c3[j];
      grads[base + 4u * d.N + j] = e0[j];
      grads[base + 5u * d.N + j] = e1[j];
      grads[base + 6u * d.N + j] = e2[j];
      grads[base + 7u * d.N + j] = e3[j];
    }
    if (n4 == 0u) {
      for (var i = 0u; i < 4u; i++) {
        grads[d.gb_off + 8u * m8 + i] = bs0[i];
        grads[d.gb_off + 8u * m8 + 4u + i] = bs1[i];
      }
    }
  } else if (VEC) {
    let M4 = d.M / 4u;
    let N4 = d.N / 4u;
    let m4 = gid.y;
    let n4 = gid.x;
    if (m4 >= M4 || n4 >= N4) { return; }
    var c0 = vec4<f32>(0.0);
    var c1 = vec4<f32>(0.0);
    var c2 = vec4<f32>(0.0);
    var c3 = vec4<f32>(0.0);
    var bs = vec4<f32>(0.0);
    for (var k = 0u; k < d.K; k++) {
      let a = d4[d.d_off / 4u + k * M4 + m4];
      let b = h4[(d.h_off + h_row(k) * d.N) / 4u + n4];
      c0 = fma(vec4<f32>(a.x), b, c0);
      c1 = fma(vec4<f32>(a.y), b, c1);
      c2 = fma(vec4<f32>(a.z), b, c2);
      c3 = fma(vec4<f32>(a.w), b, c3);
      bs += a;
    }
    let base = d.gw_off + 4u * m4 * d.N + 4u * n4;
    for (var j = 0u; j < 4u; j++) {
      grads[base + j] = c0[j];
      grads[base + d.N + j] = c1[j];
      grads[base + 2u * d.N + j] = c2[j];
      grads[base + 3u * d.N + j] = c3[j];
    }
    if (n4 == 0u) {
      for (var i = 0u; i < 4u; i++) { grads[d.gb_off + 4u * m4 + i] = bs[i]; }
    }
  } else {
    let m = gid.y;
    let n = gid.x;
    if (m >= d.M || n >= d.N) { return; }
    var acc = 0.0;
    var bsum = 0.0;
    for (var k = 0u; k < d.K; k++) {
      let a = delta[d.d_off + k * d.M + m];
      acc = fma(a, h_src[d.h_off + h_row(k) * d.N + n], acc);
      bsum += a;
    }
    grads[d.gw_off + m * d.N + n] = acc;
    if (n == 0u) { grads[d.gb_off + m] = bsum; }
  }
}
