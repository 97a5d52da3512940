// Per-layer statistics, first pass, per-thread form (software adapters: no barriers, no atomics): each
// thread reduces one contiguous chunk of one layer (its own histogram in private memory) into one partial.
// Same uniforms, bindings and partials as stats_act.wgsl. Prefix: stats_common.wgsl and its
// prefix, sat_src(layer, i) (the value φ was applied to: zs[i] or a binding of its own) and d_src(layer, i)
// (δ: ds[i], or the stream gradient; see statsActKernel).
// first: the layer of gid.y = 0 (see stats_act.wgsl).
struct P { count: u32, stride: u32, per_chunk: u32, chunks: u32, inf_bits: u32, first: u32 }

@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read> zs: array<f32>;
@group(0) @binding(2) var<storage, read> hs: array<f32>;
@group(0) @binding(3) var<storage, read> ds: array<f32>;
@group(0) @binding(4) var<storage, read_write> act_parts: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let chunk = gid.x;
  let layer = gid.y + p.first;
  if (chunk >= p.chunks) { return; }
  var hist: array<u32, BINS + 2u>;
  var acc = act_acc_empty(bitcast<f32>(p.inf_bits));
  let base = layer * p.stride;
  let lo = chunk * p.per_chunk;
  let hi = min(lo + p.per_chunk, p.count);
  for (var e = lo; e < hi; e++) {
    let h = hs[base + e];
    acc = act_acc_push(acc, zs[base + e], sat_src(layer, base + e), h, d_src(layer, base + e));
    let k = hist_slot(h);
    if (k >= 0) { hist[k] += 1u; }
  }
  let o = (layer * p.chunks + chunk) * PART;
  act_parts[o] = bitcast<u32>(acc.h.n);
  act_parts[o + 1u] = bitcast<u32>(acc.h.mean);
  act_parts[o + 2u] = bitcast<u32>(acc.h.m2);
  act_parts[o + 3u] = bitcast<u32>(acc.mn);
  act_parts[o + 4u] = bitcast<u32>(acc.mx);
  act_parts[o + 5u] = acc.zeros;
  act_parts[o + 6u] = acc.sats;
  act_parts[o + 7u] = bitcast<u32>(acc.z.mean);
  act_parts[o + 8u] = bitcast<u32>(acc.z.m2);
  act_parts[o + 9u] = bitcast<u32>(acc.d.mean);
  act_parts[o + 10u] = bitcast<u32>(acc.d.m2);
  for (var b = 0u; b < BINS + 2u; b++) { act_parts[o + HIST_AT_PART + b] = hist[b]; }
}
