// Forward of one Linear layer without shared memory (for software adapters such as SwiftShader, where
// workgroup barriers are expensive): with VEC (K and every offset a multiple of 4) each thread computes a
// 4×4 block of z from vec4 rows of a and W (16 vec4 FMAs per 8 loads); otherwise one output per thread.
// Same bindings, uniforms and results as matmul_forward.wgsl.
// Prefix: activation and non-finite snippets, VEC, GATHER, STORE_Z, STORE_H, WG_X, WG_Y (8×8 with VEC,
// else 16×16).
struct Dims {
  M: u32, N: u32, K: u32,
  a_off: u32, w_off: u32, b_off: u32, z_off: u32, h_off: u32, idx_off: u32,
  nf_z: u32, nf_h: u32,
}

@group(0) @binding(0) var<uniform> d: Dims;
@group(0) @binding(1) var<storage, read_write> a_src: array<f32>;
@group(0) @binding(2) var<storage, read> params: array<f32>;
@group(0) @binding(3) var<storage, read_write> z_out: array<f32>;
@group(0) @binding(4) var<storage, read_write> h_out: array<f32>;
@group(0) @binding(5) var<storage, read> idx: array<u32>;
// The same buffers seen as vec4 (read-only, so aliasing them is allowed): fewer, wider loads.
@group(0) @binding(6) var<storage, read_write> a4: array<vec4<f32>>;
@group(0) @binding(7) var<storage, read> p4: array<vec4<f32>>;
@group(0) @binding(8) var<storage, read_write> flags: array<atomic<u32>>;

fn a_row(m: u32) -> u32 {
  if (GATHER) { return idx[d.idx_off + m]; }
  return m;
}

fn store(m: u32, n: u32, acc: f32) {
  let z = acc + params[d.b_off + n];
  if (STORE_Z) { z_out[d.z_off + m * d.N + n] = z; }
  if (is_nonfinite(z) && d.nf_z != NF_NONE) { atomicMin(&flags[NF_WORD], d.nf_z); }
  if (STORE_H) {
    let h = act_f(z);
    h_out[d.h_off + m * d.N + n] = h;
    if (is_nonfinite(h) && d.nf_h != NF_NONE) { atomicMin(&flags[NF_WORD], d.nf_h); }
  }
}

fn hsum(v: vec4<f32>) -> f32 { return (v.x + v.y) + (v.z + v.w); }

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  if (VEC) {
    let m0 = gid.y * 4u;
    let n0 = gid.x * 4u;
    if (m0 >= d.M || n0 >= d.N) { return; }
    let K4 = d.K / 4u;
    // Rows and columns past the edge load the last valid one (no branch in the loop) and are not stored.
    var ar: array<u32, 4>;
    var wr: array<u32, 4>;
    for (var i = 0u; i < 4u; i++) {
      ar[i] = (d.a_off + a_row(min(m0 + i, d.M - 1u)) * d.K) / 4u;
      wr[i] = (d.w_off + min(n0 + i, d.N - 1u) * d.K) / 4u;
    }
    var c: array<vec4<f32>, 16>;
    for (var k = 0u; k < K4; k++) {
      let a0 = a4[ar[0] + k];
      let a1 = a4[ar[1] + k];
      let a2 = a4[ar[2] + k];
      let a3 = a4[ar[3] + k];
      for (var j = 0u; j < 4u; j++) {
        let b = p4[wr[j] + k];
        c[j] = fma(a0, b, c[j]);
        c[4u + j] = fma(a1, b, c[4u + j]);
        c[8u + j] = fma(a2, b, c[8u + j]);
        c[12u + j] = fma(a3, b, c[12u + j]);
      }
    }
    for (var i = 0u; i < 4u; i++) {
      for (var j = 0u; j < 4u; j++) {
        if (m0 + i < d.M && n0 + j < d.N) { store(m0 + i, n0 + j, hsum(c[i * 4u + j])); }
      }
    }
  } else {
    let m = gid.y;
    let n = gid.x;
    if (m >= d.M || n >= d.N) { return; }
    let abase = d.a_off + a_row(m) * d.K;
    let wbase = d.w_off + n * d.K;
    var acc = 0.0;
    for (var k = 0u; k < d.K; k++) { acc = fma(a_src[abase + k], params[wbase + k], acc); }
    store(m, n, acc);
  }
}
