// Per-layer statistics, second pass: one workgroup per hidden layer merges its stats_act chunks and its
// optimizer work items into the layer's slot of the stats block, moves the histogram there and clears the
// histogram accumulator for the next recorded step. The block keeps raw moments (count, mean, M2, sums
// of squares); the host turns them into std, rms, norms and ratios in float64.
// Prefix: moments snippet, BINS, HEADER (block words before layer 0), LAYER_WORDS, HIST_AT (first count
// word within a layer's slot).
struct P { chunks: u32, inf_bits: u32, _b: u32, _c: u32 } // inf_bits = 0x7f800000 (+∞ at run time)
struct LayerItems { first: u32, count: u32 }

@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read> act_parts: array<u32>;
@group(0) @binding(2) var<storage, read> opt_parts: array<f32>;
@group(0) @binding(3) var<storage, read> layer_items: array<LayerItems>;
@group(0) @binding(4) var<storage, read_write> hist: array<atomic<u32>>;
@group(0) @binding(5) var<storage, read_write> block: array<u32>;

// 128 threads: the seven per-thread partials of 256 would pass the 16 KiB default of workgroup memory.
const WG: u32 = 128u;
const PART: u32 = 12u;

var<workgroup> s_h: array<Moments, WG>;
var<workgroup> s_z: array<vec2<f32>, WG>;
var<workgroup> s_d: array<vec2<f32>, WG>;
var<workgroup> s_mm: array<vec2<f32>, WG>;
var<workgroup> s_cnt: array<vec2<u32>, WG>;
var<workgroup> s_w: array<Moments, WG>;
var<workgroup> s_sq: array<vec3<f32>, WG>;

fn f(i: u32) -> f32 { return bitcast<f32>(act_parts[i]); }

fn merge_pair(na: f32, a: vec2<f32>, nb: f32, b: vec2<f32>) -> vec2<f32> {
  let m = moments_merge(Moments(na, a.x, a.y), Moments(nb, b.x, b.y));
  return vec2<f32>(m.mean, m.m2);
}

@compute @workgroup_size(128)
fn main(@builtin(local_invocation_index) t: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let layer = wid.x;
  var h = moments_empty();
  var z = vec2<f32>(0.0);
  var d = vec2<f32>(0.0);
  let inf = bitcast<f32>(p.inf_bits);
  var mm = vec2<f32>(inf, -inf);
  var cnt = vec2<u32>(0u);
  for (var c = t; c < p.chunks; c += WG) {
    let o = (layer * p.chunks + c) * PART;
    let hb = Moments(f(o), f(o + 1u), f(o + 2u));
    z = merge_pair(h.n, z, hb.n, vec2<f32>(f(o + 7u), f(o + 8u)));
    d = merge_pair(h.n, d, hb.n, vec2<f32>(f(o + 9u), f(o + 10u)));
    h = moments_merge(h, hb);
    let lo = f(o + 3u);
    let hi = f(o + 4u);
    if (lo < mm.x) { mm.x = lo; }
    if (hi > mm.y) { mm.y = hi; }
    cnt += vec2<u32>(act_parts[o + 5u], act_parts[o + 6u]);
  }
  let li = layer_items[layer];
  var w = moments_empty();
  var sq = vec3<f32>(0.0);
  for (var i = t; i < li.count; i += WG) {
    let o = (li.first + i) * 8u;
    w = moments_merge(w, Moments(opt_parts[o], opt_parts[o + 1u], opt_parts[o + 2u]));
    sq += vec3<f32>(opt_parts[o + 3u], opt_parts[o + 4u], opt_parts[o + 5u]);
  }
  s_h[t] = h;
  s_z[t] = z;
  s_d[t] = d;
  s_mm[t] = mm;
  s_cnt[t] = cnt;
  s_w[t] = w;
  s_sq[t] = sq;
  workgroupBarrier();
  for (var s = WG / 2u; s > 0u; s >>= 1u) {
    if (t < s) {
      let a = s_h[t];
      let b = s_h[t + s];
      s_h[t] = moments_merge(a, b);
      s_z[t] = merge_pair(a.n, s_z[t], b.n, s_z[t + s]);
      s_d[t] = merge_pair(a.n, s_d[t], b.n, s_d[t + s]);
      let u = s_mm[t];
      let v = s_mm[t + s];
      s_mm[t] = vec2<f32>(select(u.x, v.x, v.x < u.x), select(u.y, v.y, v.y > u.y));
      s_cnt[t] += s_cnt[t + s];
      s_w[t] = moments_merge(s_w[t], s_w[t + s]);
      s_sq[t] += s_sq[t + s];
    }
    workgroupBarrier();
  }
  let o = HEADER + layer * LAYER_WORDS;
  if (t == 0u) {
    block[o] = bitcast<u32>(s_h[0].mean);
    block[o + 1u] = bitcast<u32>(s_h[0].m2);
    block[o + 2u] = bitcast<u32>(s_mm[0].x);
    block[o + 3u] = bitcast<u32>(s_mm[0].y);
    block[o + 4u] = s_cnt[0].x;
    block[o + 5u] = s_cnt[0].y;
    block[o + 6u] = bitcast<u32>(s_z[0].x);
    block[o + 7u] = bitcast<u32>(s_z[0].y);
    block[o + 8u] = bitcast<u32>(s_d[0].x);
    block[o + 9u] = bitcast<u32>(s_d[0].y);
    block[o + 10u] = bitcast<u32>(s_w[0].mean);
    block[o + 11u] = bitcast<u32>(s_w[0].m2);
    block[o + 12u] = bitcast<u32>(s_sq[0].x);
    block[o + 13u] = bitcast<u32>(s_sq[0].y);
    block[o + 14u] = bitcast<u32>(s_sq[0].z);
  }
  if (t < BINS + 2u) {
    let k = layer * (BINS + 2u) + t;
    block[o + HIST_AT + t] = atomicLoad(&hist[k]);
    atomicStore(&hist[k], 0u);
  }
}
