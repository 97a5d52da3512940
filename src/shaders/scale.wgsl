// x[off + k] *= s for k < count (LSUV rescales one layer's weights).
struct P { off: u32, count: u32, s: f32, _a: u32 }

@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> x: array<f32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let k = gid.y * nwg.x * 256u + gid.x;
  if (k < p.count) { x[p.off + k] *= p.s; }
}
