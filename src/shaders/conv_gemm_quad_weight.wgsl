// Quad form of the direct conv GEMM's weight grad (conv_gemm_direct.wgsl, MODE 2), for software adapters
// with the subgroups feature: dW[o, (c,i,j)] = Σ_(b,y,x) δ[b, y, x, o] · x[b, y + i − r, x + j − r, c].
// The direct form pays, per term, 1 input value + 4 δ values for one vec4 of outputs (4 channels o).
// Here a quad takes 16 channels o (lane L: o = 16·og + 4L..+3) and 8 columns n0..n0+7: each lane loads its
// 4 δ values and the input values of two columns (n0 + L and n0 + 4 + L), and takes the other columns'
// values with quadBroadcast, so a lane computes 4 channels × 8 columns for 6 loads.
// Each output is summed over (b, y, x) in order, each term added as acc + δ·v. All columns walk the whole
// map (their padding differs), so the padding is added as exact zeros, as the single form and the
// register tiles do: the same bits as the direct form, which skips them (acc starts at +0 and adding ±0
// never changes it; a non-finite δ times a padding zero gives NaN, as in the single form). Lanes past
// the edge load clamped (valid) indices and store nothing; only whole quads leave early. Few outputs
// (16 × 144 on the bench's row), so small workgroups (WG) to spread the quads over the CPU's threads.
// The quads of the first 8 columns (n0 = 0) also sum ∂b[m..m+3] (conv_gemm.wgsl), after their ∂W and
// not in its loop (a branch there costs every quad every term on a software adapter): δ at every
// q = (b, y, x) in order from +0, the direct form's order and so its bits. Never split (software
// adapters): chunk z = 0. Prefixed by `enable subgroups` (convKernels.ts).

/** Column n (clamped into N) as (c, i − r, j − r). */
fn wq_col(n: u32) -> vec3<i32> {
  let nn = min(n, d.N - 1u);
  let kk = d.k * d.k;
  let r = i32(d.k / 2u);
  return vec3<i32>(i32(nn / kk), i32((nn % kk) / d.k) - r, i32(nn % d.k) - r);
}

/** x[b, y + t.y, x + t.z, t.x], or 0 in the padding (the load index is clamped). */
fn wq_load(row: u32, y: i32, x: i32, t: vec3<i32>) -> f32 {
  let s = i32(d.S);
  let yy = y + t.y;
  let xx = x + t.z;
  let ok = yy >= 0 && xx >= 0 && yy < s && xx < s;
  let at = ((row + u32(clamp(yy, 0, s - 1))) * d.S + u32(clamp(xx, 0, s - 1))) * d.Cin + u32(t.x);
  return select(0.0, maps[at], ok);
}

/** Channels m..m+3 of column nn; only valid outputs are stored. */
fn wq_store(m: u32, nn: u32, acc: vec4<f32>) {
  if (nn >= d.N) { return; }
  for (var e = 0u; e < 4u; e++) {
    if (m + e >= d.M) { return; }
    out[out_at(0u, m + e, nn)] = acc[e];
    post_nf(acc[e]);
  }
}

@compute @workgroup_size(WG)
fn main(
  @builtin(local_invocation_index) li: u32,
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
) {
  let id = (wid.y * nwg.x + wid.x) * WG + li;
  let quad = id / 4u;
  let lane = id % 4u;
  let ngs = (d.N + 7u) / 8u;
  let og = quad / ngs;
  if (og * 16u >= d.M) { return; } // the whole quad
  let n0 = (quad % ngs) * 8u;
  let m = og * 16u + 4u * lane;
  let mc = min(m, d.M - 1u);
  let lim = d.M - 1u - mc;
  let e = vec4<u32>(mc, mc + min(1u, lim), mc + min(2u, lim), mc + min(3u, lim));
  let ta = wq_col(n0 + lane);
  let tb = wq_col(n0 + 4u + lane);
  let s = i32(d.S);
  var acc0 = vec4<f32>(0.0);
  var acc1 = vec4<f32>(0.0);
  var acc2 = vec4<f32>(0.0);
  var acc3 = vec4<f32>(0.0);
  var acc4 = vec4<f32>(0.0);
  var acc5 = vec4<f32>(0.0);
  var acc6 = vec4<f32>(0.0);
  var acc7 = vec4<f32>(0.0);
  for (var b = 0u; b < d.B; b++) {
    let row = b * d.S;
    for (var y = 0; y < s; y++) {
      for (var x = 0; x < s; x++) {
        let va = wq_load(row, y, x, ta);
        let vb = wq_load(row, y, x, tb);
        let di = ((row + u32(y)) * d.S + u32(x)) * d.Cout;
        let dv = vec4<f32>(other[di + e.x], other[di + e.y], other[di + e.z], other[di + e.w]);
        acc0 += dv * quadBroadcast(va, 0u);
        acc1 += dv * quadBroadcast(va, 1u);
        acc2 += dv * quadBroadcast(va, 2u);
        acc3 += dv * quadBroadcast(va, 3u);
        acc4 += dv * quadBroadcast(vb, 0u);
        acc5 += dv * quadBroadcast(vb, 1u);
        acc6 += dv * quadBroadcast(vb, 2u);
        acc7 += dv * quadBroadcast(vb, 3u);
      }
    }
  }
  wq_store(m, n0, acc0);
  wq_store(m, n0 + 1u, acc1);
  wq_store(m, n0 + 2u, acc2);
  wq_store(m, n0 + 3u, acc3);
  wq_store(m, n0 + 4u, acc4);
  wq_store(m, n0 + 5u, acc5);
  wq_store(m, n0 + 6u, acc6);
  wq_store(m, n0 + 7u, acc7);
  if (n0 == 0u) {
    var bsum = vec4<f32>(0.0);
    for (var q = 0u; q < d.Q; q++) {
      let di = q * d.Cout;
      bsum += vec4<f32>(other[di + e.x], other[di + e.y], other[di + e.z], other[di + e.w]);
    }
    for (var i = 0u; i < 4u && m + i < d.M; i++) { out[bias_at(0u, m + i)] = bsum[i]; }
  }
}
