// Per-layer statistics of the forward and backward signals, first pass, workgroup form (hardware GPUs):
// every hidden layer at once (workgroup_id.y = layer), each workgroup reducing one chunk of its layer's
// batch × units values through a workgroup tree and workgroup atomics for the histogram, into one partial.
// stats_finalize merges a layer's partials. Prefix: stats_common.wgsl and its
// prefix, sat_src(layer, i) (the value φ was applied to: zs[i] or a binding of its own) and d_src(layer, i)
// (δ: ds[i], or the stream gradient; see statsActKernel).
struct P {
  count: u32,     // batch × units of one layer
  stride: u32,    // elements between consecutive layers in the z, h and δ buffers
  per_chunk: u32, // elements per workgroup
  chunks: u32,
  inf_bits: u32,  // 0x7f800000: +∞ must come at run time (WGSL rejects an infinite constant)
  first: u32,     // layer of workgroup_id.y = 0 (0 for all layers at once; conv: one layer per dispatch)
}

@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read> zs: array<f32>;
@group(0) @binding(2) var<storage, read> hs: array<f32>;
@group(0) @binding(3) var<storage, read> ds: array<f32>;
@group(0) @binding(4) var<storage, read_write> act_parts: array<u32>;

const WG: u32 = 256u;
var<workgroup> s_acc: array<ActAcc, WG>;
var<workgroup> w_hist: array<atomic<u32>, BINS + 2u>;

@compute @workgroup_size(256)
fn main(@builtin(local_invocation_index) t: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let layer = wid.y + p.first;
  let chunk = wid.x;
  if (t < BINS + 2u) { atomicStore(&w_hist[t], 0u); }
  workgroupBarrier();
  var acc = act_acc_empty(bitcast<f32>(p.inf_bits));
  let base = layer * p.stride;
  let lo = chunk * p.per_chunk;
  let hi = min(lo + p.per_chunk, p.count);
  for (var e = lo + t; e < hi; e += WG) {
    let h = hs[base + e];
    acc = act_acc_push(acc, zs[base + e], sat_src(layer, base + e), h, d_src(layer, base + e));
    let k = hist_slot(h);
    if (k >= 0) { atomicAdd(&w_hist[k], 1u); }
  }
  s_acc[t] = acc;
  workgroupBarrier();
  for (var s = WG / 2u; s > 0u; s >>= 1u) {
    if (t < s) { s_acc[t] = act_acc_merge(s_acc[t], s_acc[t + s]); }
    workgroupBarrier();
  }
  let o = (layer * p.chunks + chunk) * PART;
  if (t == 0u) { write_act_partial(o, s_acc[0]); }
  if (t < BINS + 2u) { act_parts[o + HIST_AT_PART + t] = atomicLoad(&w_hist[t]); }
}

fn write_act_partial(o: u32, a: ActAcc) {
  act_parts[o] = bitcast<u32>(a.h.n);
  act_parts[o + 1u] = bitcast<u32>(a.h.mean);
  act_parts[o + 2u] = bitcast<u32>(a.h.m2);
  act_parts[o + 3u] = bitcast<u32>(a.mn);
  act_parts[o + 4u] = bitcast<u32>(a.mx);
  act_parts[o + 5u] = a.zeros;
  act_parts[o + 6u] = a.sats;
  act_parts[o + 7u] = bitcast<u32>(a.z.mean);
  act_parts[o + 8u] = bitcast<u32>(a.z.m2);
  act_parts[o + 9u] = bitcast<u32>(a.d.mean);
  act_parts[o + 10u] = bitcast<u32>(a.d.m2);
}
