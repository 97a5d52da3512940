// Sums over one normalization group (snippet for norm_forward/norm_backward, docs/LAYERS.md). Two forms,
// chosen by the host with COOP: a workgroup of WG threads per group, reduced through a shared-memory tree
// (hardware GPUs); or one thread per group summing serially (software adapters, where a workgroup barrier
// costs more than the whole sum). Prefix: COOP, WG.
var<workgroup> red: array<vec2<f32>, WG>;

/** The group's total of each thread's partial pair (COOP), or the thread's own pair. Call uniformly. */
fn group_sum2(x: vec2<f32>, t: u32) -> vec2<f32> {
  if (!COOP) { return x; }
  red[t] = x;
  workgroupBarrier();
  for (var s = WG / 2u; s > 0u; s >>= 1u) {
    if (t < s) { red[t] += red[t + s]; }
    workgroupBarrier();
  }
  let r = red[0];
  workgroupBarrier();
  return r;
}

/** Merge of two scaled sums of squares (scale, ssq) meaning scale²·ssq (see norm_forward.wgsl). */
fn ssq_merge(a: vec2<f32>, b: vec2<f32>) -> vec2<f32> {
  let sc = max(a.x, b.x);
  if (sc == 0.0) { return vec2<f32>(0.0); }
  let ra = a.x / sc;
  let rb = b.x / sc;
  return vec2<f32>(sc, a.y * ra * ra + b.y * rb * rb);
}

/** The group's merged (scale, ssq) of each thread's pair (COOP), or the thread's own. Call uniformly. */
fn group_ssq(x: vec2<f32>, t: u32) -> vec2<f32> {
  if (!COOP) { return x; }
  red[t] = x;
  workgroupBarrier();
  for (var s = WG / 2u; s > 0u; s >>= 1u) {
    if (t < s) { red[t] = ssq_merge(red[t], red[t + s]); }
    workgroupBarrier();
  }
  let r = red[0];
  workgroupBarrier();
  return r;
}

/** (group, first element index step offset, stride) of this invocation. */
struct Lane { g: u32, t: u32, step: u32 }

fn lane(lt: u32, wid: vec3<u32>, nwg: vec3<u32>) -> Lane {
  let w = wid.x + wid.y * nwg.x;
  if (COOP) { return Lane(w, lt, WG); }
  return Lane(w * WG + lt, 0u, 1u);
}
