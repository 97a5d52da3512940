// Optimizer step, per-thread form (software adapters, where workgroup barriers are very slow): one work
// item (ITEM elements of one tensor) per thread; with STATS each thread writes its item's partial itself.
// Same bindings, items layout and partials as optimizer.wgsl.
// Prefix: moments and non-finite snippets, the optimizer constants, optimizer_update.wgsl, STATS, ITEM.
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let item_id = gid.y * nwg.x * 64u + gid.x;
  if (item_id >= arrayLength(&items)) { return; }
  let it = items[item_id];
  var w_mom = moments_empty();
  var sq = vec3<f32>(0.0);
  let lo = it.off + it.start;
  let hi = min(lo + ITEM, it.end);
  for (var o = lo; o < hi; o++) {
    let r = update_param(o, it.tensor);
    if (STATS) {
      let dw = r.z - r.x;
      w_mom = moments_push(w_mom, r.x);
      sq += vec3<f32>(r.x * r.x, r.y * r.y, dw * dw);
    }
  }
  if (STATS && it.tensor < HIDDEN) { write_partial(item_id, w_mom, sq); }
}
