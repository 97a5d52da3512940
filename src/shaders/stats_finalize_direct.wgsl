// Statistics, second pass, per-thread form (software adapters): one thread per hidden layer merges its
// partials in order. Prefix: stats_finalize_common.wgsl and its prefix.
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let layer = gid.x;
  if (layer >= p.hidden) { return; }
  var acc = act_acc_empty(bitcast<f32>(p.inf_bits));
  for (var c = 0u; c < p.chunks; c++) { acc = act_acc_merge(acc, read_act_partial((layer * p.chunks + c) * PART)); }
  let li = layer_items[layer];
  var w = moments_empty();
  var sq = vec3<f32>(0.0);
  for (var i = 0u; i < li.count; i++) {
    w = moments_merge(w, read_opt_partial(li.first + i));
    sq += read_opt_squares(li.first + i);
  }
  write_layer(layer, acc, w, sq);
  for (var b = 0u; b < BINS + 2u; b++) { write_hist_bin(layer, b); }
}
