// Forward of one Linear layer without shared memory (for software adapters such as SwiftShader, where
// workgroup barriers are expensive): one output per thread, a dot product over k read as vec4 when
// VEC (K, and every offset, a multiple of 4). Same bindings, uniforms and results as matmul_forward.wgsl.
// Prefix: activation and non-finite snippets, VEC, GATHER, STORE_Z, STORE_H.
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

@compute @workgroup_size(16, 16)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let m = gid.y;
  let n = gid.x;
  if (m >= d.M || n >= d.N) { return; }
  var row = m;
  if (GATHER) { row = idx[d.idx_off + m]; }
  var acc = 0.0;
  if (VEC) {
    let K4 = d.K / 4u;
    let abase = (d.a_off + row * d.K) / 4u;
    let wbase = (d.w_off + n * d.K) / 4u;
    var acc4 = vec4<f32>(0.0);
    for (var k = 0u; k < K4; k++) { acc4 = fma(a4[abase + k], p4[wbase + k], acc4); }
    acc = (acc4.x + acc4.y) + (acc4.z + acc4.w);
  } else {
    let abase = d.a_off + row * d.K;
    let wbase = d.w_off + n * d.K;
    for (var k = 0u; k < d.K; k++) { acc = fma(a_src[abase + k], params[wbase + k], acc); }
  }
  let z = acc + params[d.b_off + n];
  if (STORE_Z) { z_out[d.z_off + m * d.N + n] = z; }
  if (is_nonfinite(z) && d.nf_z != NF_NONE) { atomicMin(&flags[NF_WORD], d.nf_z); }
  if (STORE_H) {
    let h = act_f(z);
    h_out[d.h_off + m * d.N + n] = h;
    if (is_nonfinite(h) && d.nf_h != NF_NONE) { atomicMin(&flags[NF_WORD], d.nf_h); }
  }
}
