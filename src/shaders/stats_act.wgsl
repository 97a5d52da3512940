// Per-layer statistics of the forward and backward signals, first pass: every hidden layer at once
// (workgroup_id.y = layer), each workgroup reducing one chunk of its layer's batch × units values:
// moments, min, max, zero and saturated counts of h = φ(z); moments of z and of δ = ∂L/∂z; the histogram
// of h (workgroup atomics, then one global atomicAdd per bin). stats_finalize merges the chunks.
// Prefix: activation, moments snippets, BINS, HIST_LO, HIST_HI, HIST_SCALE = BINS/(HI−LO), HIST_SNAP
// (bool: LO·SCALE is an integer, so bin = floor(h·SCALE) − LO_SCALED exactly like the float64 reference's
// floor((h − LO)·SCALE)), HIST_LO_SCALED (i32), HIST_ABSORB (|h| at or below which float64 rounds h − LO to
// −LO), SAT_BELOW (smallest f32 ≥ 0.05·max|φ'|: |φ'(z)| < SAT_BELOW ⇔ saturated, as in float64).
struct P {
  count: u32,     // batch × units of one layer
  stride: u32,    // elements between consecutive layers in the z, h and δ buffers
  per_chunk: u32, // elements per workgroup (a multiple of 256)
  chunks: u32,
  inf_bits: u32,  // 0x7f800000: +∞ must come at run time (WGSL rejects an infinite constant)
}

@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read> zs: array<f32>;
@group(0) @binding(2) var<storage, read> hs: array<f32>;
@group(0) @binding(3) var<storage, read> ds: array<f32>;
// u32 words (floats stored as their bits): counts stay integers whatever the float mode of the device.
@group(0) @binding(4) var<storage, read_write> partials: array<u32>;
@group(0) @binding(5) var<storage, read_write> hist: array<atomic<u32>>;

const WG: u32 = 256u;
/** Words per partial: n, h (mean, m2, min, max), zeros, sats, z (mean, m2), δ (mean, m2). */
const PART: u32 = 12u;

var<workgroup> s_h: array<Moments, WG>;
var<workgroup> s_z: array<vec2<f32>, WG>;
var<workgroup> s_d: array<vec2<f32>, WG>;
var<workgroup> s_mm: array<vec2<f32>, WG>;
var<workgroup> s_cnt: array<vec2<u32>, WG>;
var<workgroup> w_hist: array<atomic<u32>, BINS + 2u>;

fn is_inf(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) == 0x7f800000u; }

fn hist_bin(v: f32) -> i32 {
  // v is in [LO, HI] here.
  var k: i32;
  if (HIST_SNAP) {
    let vv = select(v, 0.0, abs(v) <= HIST_ABSORB);
    k = i32(floor(vv * HIST_SCALE)) - HIST_LO_SCALED;
  } else {
    k = i32(floor((v - HIST_LO) * HIST_SCALE));
  }
  return clamp(k, 0, i32(BINS) - 1);
}

@compute @workgroup_size(256)
fn main(@builtin(local_invocation_index) t: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let layer = wid.y;
  let chunk = wid.x;
  if (t < BINS + 2u) { atomicStore(&w_hist[t], 0u); }
  workgroupBarrier();
  var hm = moments_empty();
  var zm = moments_empty();
  var dm = moments_empty();
  let inf = bitcast<f32>(p.inf_bits);
  var mn = inf;
  var mx = -inf;
  var zeros = 0u;
  var sats = 0u;
  let base = layer * p.stride;
  let lo = chunk * p.per_chunk;
  let hi = min(lo + p.per_chunk, p.count);
  for (var e = lo + t; e < hi; e += WG) {
    let z = zs[base + e];
    let h = hs[base + e];
    let dl = ds[base + e];
    hm = moments_push(hm, h);
    zm = moments_push(zm, z);
    dm = moments_push(dm, dl);
    // NaN fails both comparisons: skipped by min/max like the reference.
    if (h < mn) { mn = h; }
    if (h > mx) { mx = h; }
    if (h == 0.0) { zeros += 1u; }
    let g = act_df(z);
    if (g < SAT_BELOW && g > -SAT_BELOW) { sats += 1u; }
    if (h >= HIST_LO && h <= HIST_HI) {
      atomicAdd(&w_hist[hist_bin(h)], 1u);
    } else if (h < HIST_LO) {
      if (!is_inf(h)) { atomicAdd(&w_hist[BINS], 1u); }
    } else if (h > HIST_HI && !is_inf(h)) {
      atomicAdd(&w_hist[BINS + 1u], 1u);
    }
  }
  s_h[t] = hm;
  s_z[t] = vec2<f32>(zm.mean, zm.m2);
  s_d[t] = vec2<f32>(dm.mean, dm.m2);
  s_mm[t] = vec2<f32>(mn, mx);
  s_cnt[t] = vec2<u32>(zeros, sats);
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
    }
    workgroupBarrier();
  }
  if (t == 0u) {
    let o = (layer * p.chunks + chunk) * PART;
    partials[o] = bitcast<u32>(s_h[0].n);
    partials[o + 1u] = bitcast<u32>(s_h[0].mean);
    partials[o + 2u] = bitcast<u32>(s_h[0].m2);
    partials[o + 3u] = bitcast<u32>(s_mm[0].x);
    partials[o + 4u] = bitcast<u32>(s_mm[0].y);
    partials[o + 5u] = s_cnt[0].x;
    partials[o + 6u] = s_cnt[0].y;
    partials[o + 7u] = bitcast<u32>(s_z[0].x);
    partials[o + 8u] = bitcast<u32>(s_z[0].y);
    partials[o + 9u] = bitcast<u32>(s_d[0].x);
    partials[o + 10u] = bitcast<u32>(s_d[0].y);
  }
  if (t < BINS + 2u) {
    let c = atomicLoad(&w_hist[t]);
    if (c > 0u) { atomicAdd(&hist[layer * (BINS + 2u) + t], c); }
  }
}

/** Chan merge of (mean, m2) pairs whose counts are na and nb. */
fn merge_pair(na: f32, a: vec2<f32>, nb: f32, b: vec2<f32>) -> vec2<f32> {
  let m = moments_merge(Moments(na, a.x, a.y), Moments(nb, b.x, b.y));
  return vec2<f32>(m.mean, m.m2);
}
