// Statistics, second pass, workgroup form (hardware GPUs): one workgroup per hidden layer merges the
// layer's stats_act partials and its optimizer items through a workgroup tree into the layer's slot.
// Prefix: stats_finalize_common.wgsl and its prefix.
// 128 threads: the per-thread partials of 256 would pass the 16 KiB default of workgroup memory.
const WG: u32 = 128u;

var<workgroup> s_acc: array<ActAcc, WG>;
var<workgroup> s_w: array<Moments, WG>;
var<workgroup> s_sq: array<vec3<f32>, WG>;

@compute @workgroup_size(128)
fn main(@builtin(local_invocation_index) t: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let layer = wid.x;
  var acc = act_acc_empty(bitcast<f32>(p.inf_bits));
  for (var c = t; c < p.chunks; c += WG) { acc = act_acc_merge(acc, read_act_partial((layer * p.chunks + c) * PART)); }
  let li = layer_items[layer];
  var w = moments_empty();
  var sq = vec3<f32>(0.0);
  for (var i = t; i < li.count; i += WG) {
    w = moments_merge(w, read_opt_partial(li.first + i));
    sq += read_opt_squares(li.first + i);
  }
  s_acc[t] = acc;
  s_w[t] = w;
  s_sq[t] = sq;
  workgroupBarrier();
  for (var s = WG / 2u; s > 0u; s >>= 1u) {
    if (t < s) {
      s_acc[t] = act_acc_merge(s_acc[t], s_acc[t + s]);
      s_w[t] = moments_merge(s_w[t], s_w[t + s]);
      s_sq[t] += s_sq[t + s];
    }
    workgroupBarrier();
  }
  if (t == 0u) { write_layer(layer, s_acc[0], s_w[0], s_sq[0]); }
  if (t < BINS + 2u) { write_hist_bin(layer, t); }
}
