// The batch's images into the conv network's input maps: row r of dst is row idx[idx_off + r] of src (a
// training or held-out split, one NHWC image per row). The conv kernels read their input maps directly,
// so the MLP's gather-by-index inside the first matmul has no place there: this copy takes it.
struct P { rows: u32, row_len: u32, idx_off: u32, _pad: u32 }

@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read> src: array<f32>;
@group(0) @binding(2) var<storage, read> idx: array<u32>;
@group(0) @binding(3) var<storage, read_write> dst: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let e = gid.x + gid.y * nwg.x * 64u;
  if (e >= p.rows * p.row_len) { return; }
  let r = e / p.row_len;
  dst[e] = src[idx[p.idx_off + r] * p.row_len + e % p.row_len];
}
