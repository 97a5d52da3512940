// Per-group mean and biased variance of a map for the conv normalizations, one 64-thread workgroup per
// group, two passes (mean first, then the centered squares) like the CPU engine's normOps:
//   PER_CHANNEL (BatchNorm2d; also the conv bias gradient's sum): group c = column c of the [rows, C]
//                matrix, rows = B·H·W;
//   otherwise   (GroupNorm(1, C)): group b = sample b's `len` = H·W·C contiguous values.
// out[2g] = Σ x, out[2g + 1] = Σ (x − mean)² over the group's n values.

struct MomentDims {
  groups: u32,
  n: u32,
  C: u32,
  pad: u32,
}

@group(0) @binding(0) var<uniform> d: MomentDims;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;

const WG: u32 = 64u;
var<workgroup> part: array<f32, 64>;

fn value(g: u32, i: u32) -> f32 {
  if (PER_CHANNEL) { return x[i * d.C + g]; }
  return x[g * d.n + i];
}

fn reduce(lid: u32) -> f32 {
  workgroupBarrier();
  for (var s = WG / 2u; s > 0u; s >>= 1u) {
    if (lid < s) { part[lid] += part[lid + s]; }
    workgroupBarrier();
  }
  return part[0];
}

@compute @workgroup_size(64)
fn main(@builtin(local_invocation_id) lid3: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let g = wid.x;
  let lid = lid3.x;
  if (g >= d.groups) { return; }
  var s = 0.0;
  for (var i = lid; i < d.n; i += WG) { s += value(g, i); }
  part[lid] = s;
  let sum = reduce(lid);
  let mean = sum / f32(d.n);
  workgroupBarrier();
  var ss = 0.0;
  for (var i = lid; i < d.n; i += WG) {
    let c = value(g, i) - mean;
    ss += c * c;
  }
  part[lid] = ss;
  let total = reduce(lid);
  if (lid == 0u) {
    out[2u * g] = sum;
    out[2u * g + 1u] = total;
  }
}
