// Optimizer step, workgroup form (hardware GPUs): every tensor of every layer in one dispatch, one work
// item (ITEM elements of one tensor, 256 threads × 16) per workgroup. With STATS, the items of hidden
// weights also reduce, through a workgroup tree, what the statistics need: moments of W before the
// update, ΣW², Σ(∂W)², Σ(ΔW)² of the update as stored.
// Prefix: moments and non-finite snippets, the optimizer constants, optimizer_update.wgsl, STATS, ITEM.
const WG: u32 = 256u;
var<workgroup> s_w: array<Moments, WG>;
var<workgroup> s_sq: array<vec3<f32>, WG>;

@compute @workgroup_size(256)
fn main(
  @builtin(local_invocation_index) t: u32,
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
) {
  let item_id = wid.y * nwg.x + wid.x;
  let valid = item_id < arrayLength(&items);
  var it = Item(0u, 0u, 0u, 0u);
  if (valid) { it = items[item_id]; }
  var w_mom = moments_empty();
  var sq = vec3<f32>(0.0);
  let lo = it.off + it.start;
  let hi = min(lo + ITEM, it.end);
  for (var o = lo + t; o < hi; o += WG) {
    let r = update_param(o, it.tensor);
    if (STATS) {
      let dw = r.z - r.x;
      w_mom = moments_push(w_mom, r.x);
      sq += vec3<f32>(r.x * r.x, r.y * r.y, dw * dw);
    }
  }
  if (STATS) {
    s_w[t] = w_mom;
    s_sq[t] = sq;
    workgroupBarrier();
    for (var s = WG / 2u; s > 0u; s >>= 1u) {
      if (t < s) {
        s_w[t] = moments_merge(s_w[t], s_w[t + s]);
        s_sq[t] += s_sq[t + s];
      }
      workgroupBarrier();
    }
    if (t == 0u && valid && it.tensor < HIDDEN) { write_partial(item_id, s_w[0], s_sq[0]); }
  }
}
