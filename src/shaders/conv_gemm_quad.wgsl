// Quad form of the direct conv GEMM (conv_gemm_direct.wgsl), forward and input grad (the weight grad:
// conv_gemm_quad_weight.wgsl), for software
// adapters with the subgroups feature. On SwiftShader every per-lane storage load is a masked gather that
// costs several multiply-adds, and the direct form pays 1 map value + 4 weights per term for one vec4 of
// outputs. Here the four lanes of a quad take 8 consecutive rows m0..m0+7 (positions) and 16 consecutive
// columns, lane L the columns n = 16·cg + 4L: each lane loads the map values of two positions (m0 + L and
// m0 + 4 + L) and its 4 weights, and takes the other positions' values with quadBroadcast, which costs a
// fraction of a load. So a lane computes 8 positions × 4 columns for 6 loads, where the direct form
// spends 5 on one position.
// Each output is summed in the same (channel, row, column) order, each term added as acc + w·v. The
// padding is added as exact zeros, as the single form and the register tiles do (conv_gemm_single.wgsl;
// the direct form skips them): the same bits, since acc starts at +0 and adding ±0 never changes it
// (for finite weights; a non-finite one times a padding zero gives NaN here, as in the single form). The
// broadcasts need every lane of the quad in the loop, so lanes past the edge load a clamped (valid) index
// and only whole quads past M leave early. Prefixed by `enable subgroups` (convKernels.ts).

/** Position m as (b, y, x); rows past M take the last row (loaded, never stored). */
fn quad_pos(m: u32) -> vec3<i32> {
  let mm = min(m, d.M - 1u);
  let P = d.S * d.S;
  return vec3<i32>(i32(mm / P), i32((mm % P) / d.S), i32(mm % d.S));
}

/** maps[b, yy, xx, c] of a map with `ch` channels, or 0 in the padding (the load index is clamped). */
fn quad_load(p: vec3<i32>, dy: i32, dx: i32, c: u32, ch: u32) -> f32 {
  let s = i32(d.S);
  let yy = p.y + dy;
  let xx = p.z + dx;
  let ok = yy >= 0 && xx >= 0 && yy < s && xx < s;
  let at = (u32(p.x * s + clamp(yy, 0, s - 1)) * d.S + u32(clamp(xx, 0, s - 1))) * ch + c;
  return select(0.0, maps[at], ok);
}

/** Row mm, columns n..n+3 (forward: + bias); only valid outputs are stored and posted. */
fn quad_store(mm: u32, n: u32, acc: vec4<f32>) {
  if (mm >= d.M) { return; }
  for (var e = 0u; e < 4u; e++) {
    let nn = n + e;
    if (nn >= d.N) { return; }
    var v = acc[e];
    if (MODE == 0u) { v += bias[nn]; }
    out[mm * d.N + nn] = v;
    post_nf(v);
  }
}

@compute @workgroup_size(256)
fn main(
  @builtin(local_invocation_index) li: u32,
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
) {
  let id = (wid.y * nwg.x + wid.x) * 256u + li;
  let quad = id / 4u;
  let lane = id % 4u;
  let cgs = (d.N + 15u) / 16u;
  let m0 = (quad / cgs) * 8u;
  if (m0 >= d.M) { return; } // the whole quad: m0 is the same for its 4 lanes
  let n = (quad % cgs) * 16u + 4u * lane;
  // Columns past N load the last valid one (as the direct form's lanes past the edge).
  let nc = min(n, d.N - 1u);
  let lim = d.N - 1u - nc;
  let e = vec4<u32>(0u, min(1u, lim), min(2u, lim), min(3u, lim));
  let k = i32(d.k);
  let r = k / 2;
  let kk = d.k * d.k;
  let sign = select(-1, 1, MODE == 0u);
  let ch = select(d.Cout, d.Cin, MODE == 0u);
  let wlane = select(e * kk, e * d.Q, MODE == 0u);
  let base = select(nc * kk, nc * d.Q, MODE == 0u);
  let cStride = select(d.Cin * kk, kk, MODE == 0u);
  // This lane's two positions; lane P's are the quad's positions P and 4 + P.
  let pa = quad_pos(m0 + lane);
  let pb = quad_pos(m0 + 4u + lane);
  var acc0 = vec4<f32>(0.0);
  var acc1 = vec4<f32>(0.0);
  var acc2 = vec4<f32>(0.0);
  var acc3 = vec4<f32>(0.0);
  var acc4 = vec4<f32>(0.0);
  var acc5 = vec4<f32>(0.0);
  var acc6 = vec4<f32>(0.0);
  var acc7 = vec4<f32>(0.0);
  for (var c = 0u; c < ch; c++) {
    let wc = base + c * cStride;
    for (var i = 0; i < k; i++) {
      let dy = sign * (i - r);
      for (var j = 0; j < k; j++) {
        let dx = sign * (j - r);
        let va = quad_load(pa, dy, dx, c, ch);
        let vb = quad_load(pb, dy, dx, c, ch);
        let w = wc + u32(i * k + j);
        let wv = vec4<f32>(other[w + wlane.x], other[w + wlane.y], other[w + wlane.z], other[w + wlane.w]);
        acc0 += wv * quadBroadcast(va, 0u);
        acc1 += wv * quadBroadcast(va, 1u);
        acc2 += wv * quadBroadcast(va, 2u);
        acc3 += wv * quadBroadcast(va, 3u);
        acc4 += wv * quadBroadcast(vb, 0u);
        acc5 += wv * quadBroadcast(vb, 1u);
        acc6 += wv * quadBroadcast(vb, 2u);
        acc7 += wv * quadBroadcast(vb, 3u);
      }
    }
  }
  quad_store(m0, n, acc0);
  quad_store(m0 + 1u, n, acc1);
  quad_store(m0 + 2u, n, acc2);
  quad_store(m0 + 3u, n, acc3);
  quad_store(m0 + 4u, n, acc4);
  quad_store(m0 + 5u, n, acc5);
  quad_store(m0 + 6u, n, acc6);
  quad_store(m0 + 7u, n, acc7);
}
