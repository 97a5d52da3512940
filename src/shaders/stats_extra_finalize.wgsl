// Statistics of normalization outputs and of the residual stream, second pass: one thread per hidden layer
// merges its chunks' partials (stats_extra.wgsl) in order and writes the layer's six words — (mean, M2)
// of u, x, g_x — after the per-layer slots of the stats block (gpu/statsLayout.ts, EXTRA_AT).
// Prefix: moments snippet, XPART, EXTRA_AT, EXTRA_WORDS.
struct P { chunks: u32, hidden: u32 }

@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read> parts: array<f32>;
@group(0) @binding(2) var<storage, read_write> block: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let layer = gid.x;
  if (layer >= p.hidden) { return; }
  var u = moments_empty();
  var x = moments_empty();
  var g = moments_empty();
  for (var c = 0u; c < p.chunks; c++) {
    let o = (layer * p.chunks + c) * XPART;
    let n = parts[o];
    u = moments_merge(u, Moments(n, parts[o + 1u], parts[o + 2u]));
    x = moments_merge(x, Moments(n, parts[o + 3u], parts[o + 4u]));
    g = moments_merge(g, Moments(n, parts[o + 5u], parts[o + 6u]));
  }
  let w = EXTRA_AT + layer * EXTRA_WORDS;
  block[w] = bitcast<u32>(u.mean);
  block[w + 1u] = bitcast<u32>(u.m2);
  block[w + 2u] = bitcast<u32>(x.mean);
  block[w + 3u] = bitcast<u32>(x.m2);
  block[w + 4u] = bitcast<u32>(g.mean);
  block[w + 5u] = bitcast<u32>(g.m2);
}
