// δ of the layer below for every net that has this layer: δ_in = (δ·W) ⊙ φ′(z_in), each thread a 4×4
// block (4 rows × 4 inputs; see grid_forward.wgsl for why). The head's dispatch writes δ of each net's own
// last hidden layer. Layers whose fan_in and fan_out are multiples of 8 take grid_input_grad_vec4.wgsl.
// δ comes through its own binding `dl`, the activation buffer from this dispatch's layer up, apart from
// the written range `act` (everything below): WebGPU forbids a buffer both written and read in one
// dispatch unless both bindings are writable and do not overlap, so it is read_write.
// Table per net: 0 δ [rows, fan_out] (in `dl`), 1 δ_in [rows, fan_in] (written), 2 W, 3 φ′ of the layer
// below. Prefix: WG; grid_common.wgsl.
@group(0) @binding(0) var<uniform> g: Grid;
@group(0) @binding(1) var<storage, read> params: array<f32>;
@group(0) @binding(2) var<storage, read_write> act: array<f32>;
@group(0) @binding(3) var<storage, read> tbl: array<u32>;
@group(0) @binding(4) var<storage, read_write> dl: array<f32>;

/** o, p: δ_in's and φ′'s offsets, looked up once per thread (each lookup is a gather). */
fn store(o: u32, p: u32, r: u32, k: u32, acc: f32) {
  if (r >= g.rows || k >= g.fan_in) { return; }
  let x = r * g.fan_in + k;
  act[o + x] = acc * act[p + x];
}

fn store_row(o: u32, p: u32, r: u32, k0: u32, v: vec4<f32>) {
  store(o, p, r, k0, v.x);
  store(o, p, r, k0 + 1u, v.y);
  store(o, p, r, k0 + 2u, v.z);
  store(o, p, r, k0 + 3u, v.w);
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let ni = net_item(gid);
  let n = ni.x;
  let i = ni.y;
  if (n >= g.nets) { return; }
  let cb = (g.fan_in + 3u) / 4u;
  if (i >= ((g.rows + 3u) / 4u) * cb) { return; }
  let r0 = (i / cb) * 4u;
  let k0 = (i % cb) * 4u;
  let J = g.fan_out;
  let d = entry(n, 0u);
  let d0 = d + r0 * J;
  let d1 = d + min(r0 + 1u, g.rows - 1u) * J;
  let d2 = d + min(r0 + 2u, g.rows - 1u) * J;
  let d3 = d + min(r0 + 3u, g.rows - 1u) * J;
  let w = entry(n, 2u);
  var c0 = vec4<f32>(0.0);
  var c1 = vec4<f32>(0.0);
  var c2 = vec4<f32>(0.0);
  var c3 = vec4<f32>(0.0);
  let k1 = min(k0 + 1u, g.fan_in - 1u);
  let k2 = min(k0 + 2u, g.fan_in - 1u);
  let k3 = min(k0 + 3u, g.fan_in - 1u);
  for (var j = 0u; j < J; j++) {
    let wr = w + j * g.fan_in;
    let wv = vec4<f32>(params[wr + k0], params[wr + k1], params[wr + k2], params[wr + k3]);
    c0 = fma(vec4<f32>(dl[d0 + j]), wv, c0);
    c1 = fma(vec4<f32>(dl[d1 + j]), wv, c1);
    c2 = fma(vec4<f32>(dl[d2 + j]), wv, c2);
    c3 = fma(vec4<f32>(dl[d3 + j]), wv, c3);
  }
  let o = entry(n, 1u);
  let p = entry(n, 3u);
  store_row(o, p, r0, k0, c0);
  store_row(o, p, r0 + 1u, k0, c1);
  store_row(o, p, r0 + 2u, k0, c2);
  store_row(o, p, r0 + 3u, k0, c3);
}
