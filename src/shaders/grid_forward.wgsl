// Forward of one Linear layer for every net that has it: z = a·Wᵀ + b per (row, output), then h = φ(z) and
// φ′(z) kept for backward (hidden layers) or z itself (HEAD: the logits). One thread per output.
// Table per net: 0 input, 1 output (h or logits), 2 W, 3 b, 4 φ′ (hidden only).
// Prefix: WG, HEAD, the activation snippet; grid_common.wgsl.
@group(0) @binding(0) var<uniform> g: Grid;
@group(0) @binding(1) var<storage, read> params: array<f32>;
@group(0) @binding(2) var<storage, read_write> act: array<f32>;
@group(0) @binding(3) var<storage, read> tbl: array<u32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = item_index(gid);
  let n = gid.z;
  if (i >= g.rows * g.fan_out) { return; }
  let r = i / g.fan_out;
  let j = i % g.fan_out;
  let a = entry(n, 0u) + r * g.fan_in;
  let w = entry(n, 2u) + j * g.fan_in;
  var acc = 0.0;
  for (var k = 0u; k < g.fan_in; k++) {
    acc = fma(act[a + k], params[w + k], acc);
  }
  let z = acc + params[entry(n, 3u) + j];
  if (HEAD) {
    act[entry(n, 1u) + i] = z;
  } else {
    act[entry(n, 1u) + i] = act_f(z);
    act[entry(n, 4u) + i] = act_df(z);
  }
}
