// The residual stream's statistics of one conv layer (docs/LAYERS.md#statistics): (mean, M2) of x^ℓ and of
// ∂L/∂x^ℓ over the `count` values of the map the layer hands upward — after its pool, so over fewer values
// than the layer's z, h and u, which is why this is not the one-count stats_extra pass. One workgroup of 256
// threads: Welford per thread, Chan merges through a workgroup tree, written into the layer's words 2–5 of
// the block's extra region (after stats_extra_finalize, which leaves them empty for a conv network).
// Prefix: moments snippet, EXTRA_AT, EXTRA_WORDS.
struct P { count: u32, layer: u32, _a: u32, _b: u32 }

@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read> xs: array<f32>;
@group(0) @binding(2) var<storage, read> gs: array<f32>;
@group(0) @binding(3) var<storage, read_write> block: array<f32>;

const WG: u32 = 256u;
var<workgroup> sx: array<Moments, WG>;
var<workgroup> sg: array<Moments, WG>;

@compute @workgroup_size(256)
fn main(@builtin(local_invocation_index) t: u32) {
  var mx = moments_empty();
  var mg = moments_empty();
  for (var e = t; e < p.count; e += WG) {
    mx = moments_push(mx, xs[e]);
    mg = moments_push(mg, gs[e]);
  }
  sx[t] = mx;
  sg[t] = mg;
  workgroupBarrier();
  for (var s = WG / 2u; s > 0u; s >>= 1u) {
    if (t < s) {
      sx[t] = moments_merge(sx[t], sx[t + s]);
      sg[t] = moments_merge(sg[t], sg[t + s]);
    }
    workgroupBarrier();
  }
  if (t == 0u) {
    let w = EXTRA_AT + p.layer * EXTRA_WORDS;
    block[w + 2u] = sx[0].mean;
    block[w + 3u] = sx[0].m2;
    block[w + 4u] = sg[0].mean;
    block[w + 5u] = sg[0].m2;
  }
}
