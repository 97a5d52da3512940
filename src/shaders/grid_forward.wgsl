// Forward of one Linear layer for every net that has it: z = a·Wᵀ + b, then h = φ(z) and φ′(z) kept for
// backward (hidden layers) or z itself (HEAD: the logits). Each thread computes a 4×4 block (4 rows × 4
// outputs) so every loaded value feeds 4 FMAs: on SwiftShader, where each load is a per-lane gather, one
// output per thread measured about 2× slower than the single-network trainer's direct kernels. The block is
// written out (no arrays, no inner loops): SwiftShader's JIT keeps neither in registers. Rows and outputs
// past the edge load the last valid one and are not stored.
// Table per net: 0 input, 1 output (h or logits), 2 W, 3 b, 4 φ′ (hidden only).
// DPHI false (evaluation, which never goes backward) skips φ′: half the stores.
// Prefix: WG, HEAD, DPHI, the activation snippet; grid_common.wgsl.
@group(0) @binding(0) var<uniform> g: Grid;
@group(0) @binding(1) var<storage, read> params: array<f32>;
@group(0) @binding(2) var<storage, read_write> act: array<f32>;
@group(0) @binding(3) var<storage, read> tbl: array<u32>;

fn store(n: u32, r: u32, j: u32, acc: f32) {
  if (r >= g.rows || j >= g.fan_out) { return; }
  let z = acc + params[entry(n, 3u) + j];
  let o = r * g.fan_out + j;
  if (HEAD) {
    act[entry(n, 1u) + o] = z;
  } else {
    if (DPHI) {
      let f = act_fdf(z);
      act[entry(n, 1u) + o] = f.x;
      act[entry(n, 4u) + o] = f.y;
    } else {
      act[entry(n, 1u) + o] = act_f(z);
    }
  }
}

fn store_row(n: u32, r: u32, j0: u32, v: vec4<f32>) {
  store(n, r, j0, v.x);
  store(n, r, j0 + 1u, v.y);
  store(n, r, j0 + 2u, v.z);
  store(n, r, j0 + 3u, v.w);
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let ni = net_item(gid);
  let n = ni.x;
  let i = ni.y;
  if (n >= g.nets) { return; }
  let cb = (g.fan_out + 3u) / 4u;
  if (i >= ((g.rows + 3u) / 4u) * cb) { return; }
  let r0 = (i / cb) * 4u;
  let j0 = (i % cb) * 4u;
  let K = g.fan_in;
  let a = entry(n, 0u);
  let a0 = a + r0 * K;
  let a1 = a + min(r0 + 1u, g.rows - 1u) * K;
  let a2 = a + min(r0 + 2u, g.rows - 1u) * K;
  let a3 = a + min(r0 + 3u, g.rows - 1u) * K;
  let w = entry(n, 2u);
  let w0 = w + j0 * K;
  let w1 = w + min(j0 + 1u, g.fan_out - 1u) * K;
  let w2 = w + min(j0 + 2u, g.fan_out - 1u) * K;
  let w3 = w + min(j0 + 3u, g.fan_out - 1u) * K;
  var c0 = vec4<f32>(0.0);
  var c1 = vec4<f32>(0.0);
  var c2 = vec4<f32>(0.0);
  var c3 = vec4<f32>(0.0);
  for (var k = 0u; k < K; k++) {
    let wv = vec4<f32>(params[w0 + k], params[w1 + k], params[w2 + k], params[w3 + k]);
    c0 = fma(vec4<f32>(act[a0 + k]), wv, c0);
    c1 = fma(vec4<f32>(act[a1 + k]), wv, c1);
    c2 = fma(vec4<f32>(act[a2 + k]), wv, c2);
    c3 = fma(vec4<f32>(act[a3 + k]), wv, c3);
  }
  store_row(n, r0, j0, c0);
  store_row(n, r0 + 1u, j0, c1);
  store_row(n, r0 + 2u, j0, c2);
  store_row(n, r0 + 3u, j0, c3);
}
