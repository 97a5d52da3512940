// Sparse init, pass 1: the ranking key of every entry, the Philox word behind
// uniformAt(seed, row·cols + col, layer, STREAM.sparseMask) shifted right by 9 (it orders exactly like u).
// Needs philox.wgsl in front.

struct SparseParams {
  rows: u32,
  cols: u32,
  zeros: u32,
  seed: u32,
  layer: u32,
  stream: u32,
  _pad0: u32,
  _pad1: u32,
}

@group(0) @binding(0) var<uniform> params: SparseParams;
@group(0) @binding(1) var<storage, read_write> keys: array<u32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.y * nwg.x * 256u + gid.x;
  if (i >= params.rows * params.cols) {
    return;
  }
  keys[i] = philox_at(params.seed, i, params.layer, params.stream).x >> 9u;
}
