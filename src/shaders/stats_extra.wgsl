// Statistics of normalization outputs and of the residual stream (docs/LAYERS.md#statistics), first pass:
// per (chunk, hidden layer) the moments of u (NORM: the layer's normalization output), of the stream x^ℓ
// and of its gradient ∂L/∂x^ℓ (RES; layer 1's stream is h¹). COOP: a workgroup of WG threads per chunk,
// merged through a workgroup tree; else one thread per chunk. Partials: XPART floats per (layer, chunk):
// n, then (mean, M2) of u, x, g_x. Prefix: moments snippet, NORM, RES, COOP, WG, XPART.
// first: the layer of workgroup_id.y = 0 (0 for all layers at once; conv: one layer per dispatch, each
// with its own count).
struct P { count: u32, stride: u32, per_chunk: u32, chunks: u32, first: u32 }

@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read> us: array<f32>;
@group(0) @binding(2) var<storage, read> xs: array<f32>;
@group(0) @binding(3) var<storage, read> hs: array<f32>;
@group(0) @binding(4) var<storage, read> gxs: array<f32>;
@group(0) @binding(5) var<storage, read_write> parts: array<f32>;

struct Acc { u: Moments, x: Moments, g: Moments }

fn acc_merge(a: Acc, b: Acc) -> Acc {
  return Acc(moments_merge(a.u, b.u), moments_merge(a.x, b.x), moments_merge(a.g, b.g));
}

var<workgroup> s_acc: array<Acc, WG>;

@compute @workgroup_size(WG)
fn main(
  @builtin(local_invocation_index) lt: u32,
  @builtin(workgroup_id) wid: vec3<u32>,
) {
  let layer = wid.y + p.first;
  var chunk = wid.x;
  var t = lt;
  var step = WG;
  if (!COOP) {
    chunk = wid.x * WG + lt;
    t = 0u;
    step = 1u;
  }
  var acc = Acc(moments_empty(), moments_empty(), moments_empty());
  let base = layer * p.stride;
  if (chunk < p.chunks) {
    let lo = chunk * p.per_chunk;
    let hi = min(lo + p.per_chunk, p.count);
    for (var e = lo + t; e < hi; e += step) {
      if (NORM) { acc.u = moments_push(acc.u, us[base + e]); }
      if (RES) {
        var x: f32;
        if (layer == 0u) { x = hs[e]; } else { x = xs[base + e]; }
        acc.x = moments_push(acc.x, x);
        acc.g = moments_push(acc.g, gxs[base + e]);
      }
    }
  }
  if (COOP) {
    s_acc[t] = acc;
    workgroupBarrier();
    for (var s = WG / 2u; s > 0u; s >>= 1u) {
      if (t < s) { s_acc[t] = acc_merge(s_acc[t], s_acc[t + s]); }
      workgroupBarrier();
    }
    acc = s_acc[0];
  }
  if (t != 0u || chunk >= p.chunks) { return; }
  let o = (layer * p.chunks + chunk) * XPART;
  parts[o] = max(acc.u.n, acc.x.n);
  parts[o + 1u] = acc.u.mean;
  parts[o + 2u] = acc.u.m2;
  parts[o + 3u] = acc.x.mean;
  parts[o + 4u] = acc.x.m2;
  parts[o + 5u] = acc.g.mean;
  parts[o + 6u] = acc.g.m2;
}
