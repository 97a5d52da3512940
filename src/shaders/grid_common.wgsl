// Shared by the batched trainability-map kernels (src/gpu/lab/): one uniform struct for every dispatch and
// the per-net offset table. One dispatch covers every net that has its layer: the thread index runs over
// (net, item) pairs, net-major, so the nets' items pack whole workgroups (with the net as a separate z,
// a small net's half-empty workgroup cost SwiftShader as much as a full one: the batched step of eight
// width-8 nets measured slower than the eight nets one after another). x, then y past 65535 workgroups.
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
  /** Threads per net (the optimizer's dispatch: every parameter of every net, as one net). */
  items: u32,
  /** Rows of the evaluated split (evaluation's per-sample outputs are [nets, eval_rows]). */
  eval_rows: u32,
}

const TBL_STRIDE: u32 = 8u;

/** (net, item) of this thread; net ≥ g.nets past the end. */
fn net_item(gid: vec3<u32>) -> vec2<u32> {
  let f = gid.x + gid.y * g.nx * WG;
  return vec2<u32>(f / g.items, f % g.items);
}

/** Word `field` of net n's entry in this dispatch's table. */
fn entry(n: u32, field: u32) -> u32 {
  return tbl[g.tbl + n * TBL_STRIDE + field];
}
