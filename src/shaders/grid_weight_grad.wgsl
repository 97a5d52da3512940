// Weight and bias gradient of one Linear layer for every net that has it, ∂W = δᵀ·a and ∂b = Σ_rows δ,
// and the optimizer's update of those parameters right away (grid_update.wgsl): the layer's input
// gradient, which reads W, runs before (gridProgram.ts). Each thread a 4×4 block of ∂W (4 outputs × 4
// inputs; see grid_forward.wgsl for why) or the bias of 4 outputs.
// Layers whose fan_in and fan_out are multiples of 8 take grid_weight_grad_vec4.wgsl.
// Table per net: 0 input a [rows, fan_in], 1 δ [rows, fan_out], 2 W, 3 b (their optimizer state at the same
// offsets of s1, s2). Prefix: WG and grid_update.wgsl's constants; grid_common.wgsl, grid_update.wgsl.
@group(0) @binding(0) var<uniform> g: Grid;
@group(0) @binding(1) var<storage, read_write> params: array<f32>;
@group(0) @binding(2) var<storage, read> act: array<f32>;
@group(0) @binding(3) var<storage, read> tbl: array<u32>;
@group(0) @binding(4) var<storage, read_write> s1: array<f32>;
@group(0) @binding(5) var<storage, read_write> s2: array<f32>;
@group(0) @binding(6) var<storage, read> cur: array<u32>;

fn store(n: u32, j: u32, k: u32, acc: f32) {
  if (j >= g.fan_out || k >= g.fan_in) { return; }
  update(entry(n, 2u) + j * g.fan_in + k, acc);
}

fn store_row(n: u32, j: u32, k0: u32, v: vec4<f32>) {
  store(n, j, k0, v.x);
  store(n, j, k0 + 1u, v.y);
  store(n, j, k0 + 2u, v.z);
  store(n, j, k0 + 3u, v.w);
}

fn store_bias(n: u32, j: u32, acc: f32) {
  if (j < g.fan_out) { update(entry(n, 3u) + j, acc); }
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let ni = net_item(gid);
  let n = ni.x;
  let i = ni.y;
  if (n >= g.nets) { return; }
  // Items: the (J/4)·(K/4) blocks of ∂W, then the J/4 blocks of ∂b. The bias items come last so that
  // few SIMD groups mix the two loops (a software adapter runs both for a group that does).
  let kb = (g.fan_in + 3u) / 4u;
  let jb = (g.fan_out + 3u) / 4u;
  if (i >= jb * (kb + 1u)) { return; }
  let bias = i >= jb * kb;
  let j0 = select(i / kb, i - jb * kb, bias) * 4u;
  let j1 = min(j0 + 1u, g.fan_out - 1u);
  let j2 = min(j0 + 2u, g.fan_out - 1u);
  let j3 = min(j0 + 3u, g.fan_out - 1u);
  let J = g.fan_out;
  let K = g.fan_in;
  let d = entry(n, 1u);
  if (bias) {
    var s = vec4<f32>(0.0);
    for (var r = 0u; r < g.rows; r++) {
      let dr = d + r * J;
      s += vec4<f32>(act[dr + j0], act[dr + j1], act[dr + j2], act[dr + j3]);
    }
    store_bias(n, j0, s.x);
    store_bias(n, j0 + 1u, s.y);
    store_bias(n, j0 + 2u, s.z);
    store_bias(n, j0 + 3u, s.w);
    return;
  }
  let k0 = (i % kb) * 4u;
  let k1 = min(k0 + 1u, K - 1u);
  let k2 = min(k0 + 2u, K - 1u);
  let k3 = min(k0 + 3u, K - 1u);
  let a = entry(n, 0u);
  var c0 = vec4<f32>(0.0);
  var c1 = vec4<f32>(0.0);
  var c2 = vec4<f32>(0.0);
  var c3 = vec4<f32>(0.0);
  for (var r = 0u; r < g.rows; r++) {
    let ar = a + r * K;
    let av = vec4<f32>(act[ar + k0], act[ar + k1], act[ar + k2], act[ar + k3]);
    let dr = d + r * J;
    c0 = fma(vec4<f32>(act[dr + j0]), av, c0);
    c1 = fma(vec4<f32>(act[dr + j1]), av, c1);
    c2 = fma(vec4<f32>(act[dr + j2]), av, c2);
    c3 = fma(vec4<f32>(act[dr + j3]), av, c3);
  }
  store_row(n, j0, k0, c0);
  store_row(n, j0 + 1u, k0, c1);
  store_row(n, j0 + 2u, k0, c2);
  store_row(n, j0 + 3u, k0, c3);
}
