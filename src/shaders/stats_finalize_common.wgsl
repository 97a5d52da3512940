// Statistics, second pass (snippet shared by the workgroup and per-thread forms): reading partials and
// writing a hidden layer's slot of the stats block. The block keeps raw moments (mean, M2, sums of
// squares); the host turns them into std, rms, norms and ratios in float64 (gpu/statsLayout.ts).
// Prefix: stats_common.wgsl and its prefix, HEADER (block words before layer 0), LAYER_WORDS, HIST_AT
// (first histogram word within a layer's slot).
struct P { chunks: u32, inf_bits: u32, hidden: u32, _c: u32 } // inf_bits = 0x7f800000 (+∞ at run time)
struct LayerItems { first: u32, count: u32 }

@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read> act_parts: array<u32>;
@group(0) @binding(2) var<storage, read> opt_parts: array<f32>;
@group(0) @binding(3) var<storage, read> layer_items: array<LayerItems>;
@group(0) @binding(4) var<storage, read_write> block: array<u32>;

fn pf(i: u32) -> f32 { return bitcast<f32>(act_parts[i]); }

fn read_act_partial(o: u32) -> ActAcc {
  let n = pf(o);
  return ActAcc(
    Moments(n, pf(o + 1u), pf(o + 2u)),
    Moments(n, pf(o + 7u), pf(o + 8u)),
    Moments(n, pf(o + 9u), pf(o + 10u)),
    pf(o + 3u),
    pf(o + 4u),
    act_parts[o + 5u],
    act_parts[o + 6u],
  );
}

/** Optimizer item partial: moments of W, then ΣW², Σg², ΣΔW². */
fn read_opt_partial(i: u32) -> Moments { return Moments(opt_parts[i * 8u], opt_parts[i * 8u + 1u], opt_parts[i * 8u + 2u]); }
fn read_opt_squares(i: u32) -> vec3<f32> { return vec3<f32>(opt_parts[i * 8u + 3u], opt_parts[i * 8u + 4u], opt_parts[i * 8u + 5u]); }

fn write_layer(layer: u32, a: ActAcc, w: Moments, sq: vec3<f32>) {
  let o = HEADER + layer * LAYER_WORDS;
  block[o] = bitcast<u32>(a.h.mean);
  block[o + 1u] = bitcast<u32>(a.h.m2);
  block[o + 2u] = bitcast<u32>(a.mn);
  block[o + 3u] = bitcast<u32>(a.mx);
  block[o + 4u] = a.zeros;
  block[o + 5u] = a.sats;
  block[o + 6u] = bitcast<u32>(a.z.mean);
  block[o + 7u] = bitcast<u32>(a.z.m2);
  block[o + 8u] = bitcast<u32>(a.d.mean);
  block[o + 9u] = bitcast<u32>(a.d.m2);
  block[o + 10u] = bitcast<u32>(w.mean);
  block[o + 11u] = bitcast<u32>(w.m2);
  block[o + 12u] = bitcast<u32>(sq.x);
  block[o + 13u] = bitcast<u32>(sq.y);
  block[o + 14u] = bitcast<u32>(sq.z);
}

/** Histogram slot b of a layer: the sum over its partials. */
fn write_hist_bin(layer: u32, b: u32) {
  var c = 0u;
  for (var k = 0u; k < p.chunks; k++) { c += act_parts[(layer * p.chunks + k) * PART + HIST_AT_PART + b]; }
  block[HEADER + layer * LAYER_WORDS + HIST_AT + b] = c;
}
