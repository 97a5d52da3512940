// Weight and bias gradient of one Linear layer for every net that has it: ∂W = δᵀ·a and ∂b = Σ_rows δ,
// one thread per (output j, input k), with k = fan_in standing for the bias. Written, not accumulated:
// every step overwrites every gradient, so nothing is zeroed.
// Table per net: 0 input a [rows, fan_in], 1 δ [rows, fan_out], 2 ∂W, 3 ∂b.
// Prefix: WG; grid_common.wgsl.
@group(0) @binding(0) var<uniform> g: Grid;
@group(0) @binding(1) var<storage, read_write> grads: array<f32>;
@group(0) @binding(2) var<storage, read> act: array<f32>;
@group(0) @binding(3) var<storage, read> tbl: array<u32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = item_index(gid);
  let n = gid.z;
  let cols = g.fan_in + 1u;
  if (i >= g.fan_out * cols) { return; }
  let j = i / cols;
  let k = i % cols;
  let a = entry(n, 0u);
  let d = entry(n, 1u);
  var acc = 0.0;
  if (k == g.fan_in) {
    for (var r = 0u; r < g.rows; r++) { acc += act[d + r * g.fan_out + j]; }
    grads[entry(n, 3u) + j] = acc;
  } else {
    for (var r = 0u; r < g.rows; r++) {
      acc = fma(act[d + r * g.fan_out + j], act[a + r * g.fan_in + k], acc);
    }
    grads[entry(n, 2u) + j * g.fan_in + k] = acc;
  }
}
