// The batch's rows of the dataset into the input block every net reads (it sits at word 0 of the
// activation buffer), and their labels. Rows come from the step record `cur` (words 4.. are row indices).
// One thread per (row, feature). Prefix: WG; grid_common.wgsl.
@group(0) @binding(0) var<uniform> g: Grid;
@group(0) @binding(1) var<storage, read> cur: array<u32>;
@group(0) @binding(2) var<storage, read> xs: array<f32>;
@group(0) @binding(3) var<storage, read> ys: array<u32>;
@group(0) @binding(4) var<storage, read_write> act: array<f32>;
@group(0) @binding(5) var<storage, read_write> labels: array<u32>;
@group(0) @binding(6) var<storage, read> tbl: array<u32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let ni = net_item(gid);
  let i = ni.y;
  if (ni.x >= g.nets) { return; }
  let r = i / g.fan_in;
  let k = i % g.fan_in;
  let row = cur[4u + r];
  act[i] = xs[row * g.fan_in + k];
  if (k == 0u) { labels[r] = ys[row]; }
}
