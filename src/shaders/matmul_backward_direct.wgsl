// Merged backward of one Linear layer without shared memory (software adapters; see
// matmul_forward_direct.wgsl): ∂W, ∂b (product 0) and δ of the layer below (product 1) in one dispatch of
// 8×8-thread workgroups, each product in the same per-thread forms as matmul_weight_grad_direct.wgsl and
// matmul_input_grad_direct.wgsl, so the results are bit for bit theirs.
// Prefix: activation (of the layer below) and non-finite snippets, W_VEC8 (δ as vec4, h 16-byte aligned,
// out a multiple of 8: 8×4 blocks of ∂W), W_VEC4 (h aligned only: 1×4 blocks), I_VEC44 (δ as vec4 and W aligned: 4×4 blocks of δp), I_VEC (W
// aligned only: 1×4 blocks); matmul_backward_io.wgsl, and one of matmul_delta_{vec4,f32}.wgsl.

/** ∂W (out × inp) and ∂b at thread g of product 0. */
fn weight_grad(g: vec2<u32>) {
  if (W_VEC8) {
    let M4 = d.out / 4u;
    let N4 = d.inp / 4u;
    let m8 = g.y;
    let n4 = g.x;
    if (2u * m8 >= M4 || n4 >= N4) { return; }
    var c0 = vec4<f32>(0.0); var c1 = vec4<f32>(0.0); var c2 = vec4<f32>(0.0); var c3 = vec4<f32>(0.0);
    var e0 = vec4<f32>(0.0); var e1 = vec4<f32>(0.0); var e2 = vec4<f32>(0.0); var e3 = vec4<f32>(0.0);
    var bs0 = vec4<f32>(0.0);
    var bs1 = vec4<f32>(0.0);
    // Written out in full: SwiftShader keeps only named variables in registers.
    for (var k = 0u; k < d.rows; k++) {
      let da = d.d_off / 4u + k * M4 + 2u * m8;
      let a0 = ld_d4(da);
      let a1 = ld_d4(da + 1u);
      let b = h4[(d.h_off + k * d.inp) / 4u + n4];
      c0 = fma(vec4<f32>(a0.x), b, c0); c1 = fma(vec4<f32>(a0.y), b, c1);
      c2 = fma(vec4<f32>(a0.z), b, c2); c3 = fma(vec4<f32>(a0.w), b, c3);
      e0 = fma(vec4<f32>(a1.x), b, e0); e1 = fma(vec4<f32>(a1.y), b, e1);
      e2 = fma(vec4<f32>(a1.z), b, e2); e3 = fma(vec4<f32>(a1.w), b, e3);
      bs0 += a0;
      bs1 += a1;
    }
    let base = d.gw_off + 8u * m8 * d.inp + 4u * n4;
    let N = d.inp;
    for (var j = 0u; j < 4u; j++) {
      grads[base + j] = c0[j];
      grads[base + N + j] = c1[j];
      grads[base + 2u * N + j] = c2[j];
      grads[base + 3u * N + j] = c3[j];
      grads[base + 4u * N + j] = e0[j];
      grads[base + 5u * N + j] = e1[j];
      grads[base + 6u * N + j] = e2[j];
      grads[base + 7u * N + j] = e3[j];
    }
    if (n4 == 0u) {
      for (var i = 0u; i < 4u; i++) {
        grads[d.gb_off + 8u * m8 + i] = bs0[i];
        grads[d.gb_off + 8u * m8 + 4u + i] = bs1[i];
      }
    }
  } else if (W_VEC4) {
    // δ scalar (e.g. the head's, out = 3), h as vec4: a 1×4 block of ∂W per thread, no component picking.
    let m = g.y;
    let n4 = g.x;
    let N4 = d.inp / 4u;
    if (m >= d.out || n4 >= N4) { return; }
    var acc = vec4<f32>(0.0);
    var bsum = 0.0;
    for (var k = 0u; k < d.rows; k++) {
      let a = ld_d(d.d_off + k * d.out + m);
      acc = fma(vec4<f32>(a), h4[(d.h_off + k * d.inp) / 4u + n4], acc);
      bsum += a;
    }
    let base = d.gw_off + m * d.inp + 4u * n4;
    for (var j = 0u; j < 4u; j++) { grads[base + j] = acc[j]; }
    if (n4 == 0u) { grads[d.gb_off + m] = bsum; }
  } else {
    let m = g.y;
    let n = g.x;
    if (m >= d.out || n >= d.inp) { return; }
    var acc = 0.0;
    var bsum = 0.0;
    for (var k = 0u; k < d.rows; k++) {
      let a = ld_d(d.d_off + k * d.out + m);
      acc = fma(a, ld_h(d.h_off + k * d.inp + n), acc);
      bsum += a;
    }
    grads[d.gw_off + m * d.inp + n] = acc;
    if (n == 0u) { grads[d.gb_off + m] = bsum; }
  }
}

/** δp at (m, 4·n4 .. 4·n4 + 3), when row m is inside the matrix. */
fn store_row(m: u32, n4: u32, acc: vec4<f32>) {
  if (m >= d.rows) { return; }
  let e = m * d.inp + 4u * n4;
  for (var j = 0u; j < 4u; j++) { store_delta(e + j, acc[j]); }
}

/** δp (rows × inp) at thread g of product 1. */
fn input_grad(g: vec2<u32>) {
  let M = d.rows;
  let K = d.out;
  if (I_VEC44) {
    let m0 = g.y * 4u;
    let n4 = g.x;
    let N4 = d.inp / 4u;
    if (m0 >= M || n4 >= N4) { return; }
    let K4 = K / 4u;
    let r0 = (d.d_off + m0 * K) / 4u;
    let r1 = (d.d_off + min(m0 + 1u, M - 1u) * K) / 4u;
    let r2 = (d.d_off + min(m0 + 2u, M - 1u) * K) / 4u;
    let r3 = (d.d_off + min(m0 + 3u, M - 1u) * K) / 4u;
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
      let a0 = ld_d4(r0 + k);
      let a1 = ld_d4(r1 + k);
      let a2 = ld_d4(r2 + k);
      let a3 = ld_d4(r3 + k);
      c0 = fma(vec4<f32>(a0.w), w3, fma(vec4<f32>(a0.z), w2, fma(vec4<f32>(a0.y), w1, fma(vec4<f32>(a0.x), w0, c0))));
      c1 = fma(vec4<f32>(a1.w), w3, fma(vec4<f32>(a1.z), w2, fma(vec4<f32>(a1.y), w1, fma(vec4<f32>(a1.x), w0, c1))));
      c2 = fma(vec4<f32>(a2.w), w3, fma(vec4<f32>(a2.z), w2, fma(vec4<f32>(a2.y), w1, fma(vec4<f32>(a2.x), w0, c2))));
      c3 = fma(vec4<f32>(a3.w), w3, fma(vec4<f32>(a3.z), w2, fma(vec4<f32>(a3.y), w1, fma(vec4<f32>(a3.x), w0, c3))));
    }
    store_row(m0, n4, c0);
    store_row(m0 + 1u, n4, c1);
    store_row(m0 + 2u, n4, c2);
    store_row(m0 + 3u, n4, c3);
  } else if (I_VEC) {
    let m = g.y;
    let N4 = d.inp / 4u;
    let n4 = g.x;
    if (m >= M || n4 >= N4) { return; }
    let dbase = d.d_off + m * K;
    let wbase = d.w_off / 4u + n4;
    var acc = vec4<f32>(0.0);
    for (var k = 0u; k < K; k++) { acc = fma(vec4<f32>(ld_d(dbase + k)), p4[wbase + k * N4], acc); }
    store_row(m, n4, acc);
  } else {
    let m = g.y;
    let n = g.x;
    if (m >= M || n >= d.inp) { return; }
    let dbase = d.d_off + m * K;
    var acc = 0.0;
    for (var k = 0u; k < K; k++) { acc = fma(ld_d(dbase + k), ld_p(d.w_off + k * d.inp + n), acc); }
    store_delta(m * d.inp + n, acc);
  }
}

@compute @workgroup_size(8, 8)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let y = wid.y * 8u + lid.y;
  if (wid.x < d.w_groups) {
    weight_grad(vec2<u32>(wid.x * 8u + lid.x, y));
  } else {
    input_grad(vec2<u32>((wid.x - d.w_groups) * 8u + lid.x, y));
  }
}
