// Count, mean and M2 of one range of a buffer in a single workgroup (LSUV's Var(z) of a layer on the
// first batch: init only, so one workgroup is plenty). Prefix: moments snippet.
struct P { off: u32, count: u32, _a: u32, _b: u32 }

@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read> src: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;

const WG: u32 = 256u;
var<workgroup> s_m: array<Moments, WG>;

@compute @workgroup_size(256)
fn main(@builtin(local_invocation_index) t: u32) {
  var m = moments_empty();
  for (var e = t; e < p.count; e += WG) { m = moments_push(m, src[p.off + e]); }
  s_m[t] = m;
  workgroupBarrier();
  for (var s = WG / 2u; s > 0u; s >>= 1u) {
    if (t < s) { s_m[t] = moments_merge(s_m[t], s_m[t + s]); }
    workgroupBarrier();
  }
  if (t == 0u) {
    out[0] = s_m[0].n;
    out[1] = s_m[0].mean;
    out[2] = s_m[0].m2;
  }
}
