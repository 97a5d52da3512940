// Sparse init, pass 2 (after W holds its normal values): an entry is zeroed when its key ranks among the
// `zeros` smallest of its column, ties going to the lower row — torch.nn.init.sparse_'s exact count per
// column, with the CPU engine's choice of entries (src/engine/init/sparse.ts).
// Each thread ranks one entry by counting over its column: rows² work per column, small next to a matmul.
// Needs init_sparse_params.wgsl in front.

@group(0) @binding(1) var<storage, read> keys: array<u32>;
@group(0) @binding(2) var<storage, read_write> w: array<f32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.y * nwg.x * 256u + gid.x;
  let cols = params.cols;
  if (i >= params.rows * cols) {
    return;
  }
  let row = i / cols;
  let col = i % cols;
  let mine = keys[i];
  var rank = 0u;
  for (var r = 0u; r < params.rows; r++) {
    let k = keys[r * cols + col];
    if (k < mine || (k == mine && r < row)) {
      rank++;
    }
  }
  if (rank < params.zeros) {
    w[i] = 0.0;
  }
}
