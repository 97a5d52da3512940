// Sparse init, pass 1: the ranking key of every entry, the Philox word behind
// uniformAt(seed, row·cols + col, layer, STREAM.sparseMask) shifted right by 9 (it orders exactly like u).
// Needs philox.wgsl and init_sparse_params.wgsl in front.

@group(0) @binding(1) var<storage, read_write> keys: array<u32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.y * nwg.x * 256u + gid.x;
  if (i >= params.rows * params.cols) {
    return;
  }
  keys[i] = philox_at(params.seed, i, params.layer, params.stream).x >> 9u;
}
