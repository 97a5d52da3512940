// δp = (δ · W) ⊙ φ'(zp) without shared memory (see matmul_forward_direct.wgsl for why). With VEC (N and
// the offsets multiples of 4) each thread computes 4 adjacent outputs from vec4 rows of W.
// Same bindings (plus vec4 views) and uniforms as matmul_input_grad.wgsl. Prefix: activation and
// non-finite snippets, VEC.
struct Dims {
  M: u32, N: u32, K: u32,
  d_off: u32, w_off: u32, z_off: u32, out_off: u32,
  nf_out: u32,
}

@group(0) @binding(0) var<uniform> d: Dims;
@group(0) @binding(1) var<storage, read_write> delta: array<f32>;
@group(0) @binding(2) var<storage, read> params: array<f32>;
@group(0) @binding(3) var<storage, read> z_src: array<f32>;
@group(0) @binding(4) var<storage, read_write> d_out: array<f32>;
@group(0) @binding(5) var<storage, read> p4: array<vec4<f32>>;
@group(0) @binding(6) var<storage, read_write> flags: array<atomic<u32>>;

fn store_delta(e: u32, acc: f32) {
  let v = acc * act_df(z_src[d.z_off + e]);
  d_out[d.out_off + e] = v;
  if (is_nonfinite(v)) { atomicMin(&flags[NF_WORD], d.nf_out); }
}

@compute @workgroup_size(16, 16)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let m = gid.y;
  if (m >= d.M) { return; }
  let dbase = d.d_off + m * d.K;
  if (VEC) {
    let N4 = d.N / 4u;
    let n4 = gid.x;
    if (n4 >= N4) { return; }
    let wbase = d.w_off / 4u + n4;
    var acc = vec4<f32>(0.0);
    for (var k = 0u; k < d.K; k++) { acc = fma(vec4<f32>(delta[dbase + k]), p4[wbase + k * N4], acc); }
    let e = m * d.N + 4u * n4;
    for (var j = 0u; j < 4u; j++) { store_delta(e + j, acc[j]); }
  } else {
    let n = gid.x;
    if (n >= d.N) { return; }
    var acc = 0.0;
    for (var k = 0u; k < d.K; k++) { acc = fma(delta[dbase + k], params[d.w_off + k * d.N + n], acc); }
    store_delta(m * d.N + n, acc);
  }
}
