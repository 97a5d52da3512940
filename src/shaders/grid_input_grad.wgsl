// δ of the layer below for every net that has this layer: δ_in = (δ·W) ⊙ φ′(z_in), one thread per
// (row, input). The head's dispatch writes δ of each net's own last hidden layer.
// Table per net: 0 δ [rows, fan_out], 1 δ_in [rows, fan_in] (written), 2 W, 3 φ′ of the layer below.
// Prefix: WG; grid_common.wgsl.
@group(0) @binding(0) var<uniform> g: Grid;
@group(0) @binding(1) var<storage, read> params: array<f32>;
@group(0) @binding(2) var<storage, read_write> act: array<f32>;
@group(0) @binding(3) var<storage, read> tbl: array<u32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = item_index(gid);
  let n = gid.z;
  if (i >= g.rows * g.fan_in) { return; }
  let r = i / g.fan_in;
  let k = i % g.fan_in;
  let d = entry(n, 0u) + r * g.fan_out;
  let w = entry(n, 2u) + k;
  var acc = 0.0;
  for (var j = 0u; j < g.fan_out; j++) {
    acc = fma(act[d + j], params[w + j * g.fan_in], acc);
  }
  act[entry(n, 1u) + i] = acc * act[entry(n, 3u) + i];
}
