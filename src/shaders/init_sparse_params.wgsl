// Sparse init: the uniform both passes (init_sparse_keys, init_sparse_mask) read. The host binds one
// buffer to both dispatches, so the layout is written once, here, and concatenated in front of each.

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
