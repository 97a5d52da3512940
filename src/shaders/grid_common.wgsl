// Shared by the batched trainability-map kernels (src/gpu/lab/): one uniform struct for every dispatch and
// the per-net offset table. The network index is the dispatch's z; x (and y past 65535 workgroups of x)
// runs over the items of one net, WG threads per workgroup.
struct Grid {
  /** Nets this dispatch covers (the deepest `nets` of the grid). */
  nets: u32,
  /** Rows of the batch. */
  rows: u32,
  fan_in: u32,
  fan_out: u32,
  /** Where this dispatch's entries start in `tbl` (TBL_STRIDE words per net). */
  tbl: u32,
  /** Workgroups along x, to flatten a 2-D grid of workgroups into one item index. */
  nx: u32,
  /** Items of the optimizer's dispatch (every parameter of every net). */
  total: u32,
  /** Rows of the evaluated split (evaluation's per-sample outputs are [nets, eval_rows]). */
  eval_rows: u32,
}

const TBL_STRIDE: u32 = 8u;

fn item_index(gid: vec3<u32>) -> u32 {
  return gid.x + gid.y * g.nx * WG;
}

/** Word `field` of net n's entry in this dispatch's table. */
fn entry(n: u32, field: u32) -> u32 {
  return tbl[g.tbl + n * TBL_STRIDE + field];
}
