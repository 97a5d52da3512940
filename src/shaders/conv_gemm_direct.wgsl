// Direct form of the conv GEMM (conv_gemm.wgsl), for software adapters (there a workgroup barrier costs
// more than the loads it saves, so no shared memory).

/**
 * A block of 4 outputs per thread, each summed in the tiled forms' q order, with the patch loops
 * unrolled into nested (channel, row, column) or (sample, y, x) loops: no divisions per term, and the zero
 * padding skipped, not added. The 4 outputs share the operand that costs index arithmetic: 4 consecutive
 * n (forward and input grad: one patch value feeds 4 channels) or 4 consecutive m (weight grad: one input
 * value feeds 4 output channels). Lanes past the edge read a clamped (valid) index and are never stored.
 */
fn direct_block(m: u32, n: u32) -> vec4<f32> {
  let s = i32(d.S);
  let k = i32(d.k);
  let r = k / 2;
  let kk = d.k * d.k;
  var acc = vec4<f32>(0.0);
  if (MODE == 2u) {
    // m..m+3 = o, n = (c, i, j): Σ_(b, y, x) δ[b, y, x, o] · x[b, y + i − r, x + j − r, c].
    let lim = d.M - 1u - m;
    let e = vec4<u32>(0u, min(1u, lim), min(2u, lim), min(3u, lim));
    let c = n / kk;
    let i = i32((n % kk) / d.k) - r;
    let j = i32(n % d.k) - r;
    for (var b = 0u; b < d.B; b++) {
      for (var y = max(0, -i); y < min(s, s - i); y++) {
        let row = (b * d.S + u32(y)) * d.S;
        let src = (b * d.S + u32(y + i)) * d.S;
        for (var x = max(0, -j); x < min(s, s - j); x++) {
          let v = maps[(src + u32(x + j)) * d.Cin + c];
          let di = (row + u32(x)) * d.Cout + m;
          acc += vec4<f32>(other[di + e.x], other[di + e.y], other[di + e.z], other[di + e.w]) * v;
        }
      }
    }
    return acc;
  }
  let lim = d.N - 1u - n;
  let e = vec4<u32>(0u, min(1u, lim), min(2u, lim), min(3u, lim));
  let P = d.S * d.S;
  let b = m / P;
  let y = i32((m % P) / d.S);
  let x = i32(m % d.S);
  // Forward: Σ_(c, i, j) x[b, y + i − r, x + j − r, c] · W[n, c, i, j] (sign +1);
  // input grad: Σ_(o, i, j) δ[b, y − i + r, x − j + r, o] · W[o, n, i, j] (sign −1).
  let sign = select(-1, 1, MODE == 0u);
  let ch = select(d.Cout, d.Cin, MODE == 0u);
  // Where W[n + e, c, i, j] (forward) or W[c, n + e, i, j] (input grad) sits, less c's and t's part.
  let lane = select(e * kk, e * d.Q, MODE == 0u);
  let base = select(n * kk, n * d.Q, MODE == 0u);
  let cStride = select(d.Cin * kk, kk, MODE == 0u);
  for (var c = 0u; c < ch; c++) {
    let wc = base + c * cStride;
    for (var i = 0; i < k; i++) {
      let yy = y + sign * (i - r);
      if (yy < 0 || yy >= s) { continue; }
      for (var j = 0; j < k; j++) {
        let xx = x + sign * (j - r);
        if (xx < 0 || xx >= s) { continue; }
        let v = maps[((b * d.S + u32(yy)) * d.S + u32(xx)) * ch + c];
        let w = wc + u32(i * k + j);
        acc += vec4<f32>(other[w + lane.x], other[w + lane.y], other[w + lane.z], other[w + lane.w]) * v;
      }
    }
  }
  return acc;
}

/**
 * The weight grad's ∂b[m..m+3] (conv_gemm.wgsl), by the threads of column 0 after their ∂W: δ at every
 * q = (b, y, x) in order from +0, the order of the single form and the register tiles (which add the
 * padding past Q as +0), so their bits. A pass of its own rather than a branch in direct_block's loop:
 * on a software adapter that branch costs every thread's every term; this costs 4 of them one more walk
 * over δ. Never split (software adapters): chunk z = 0.
 */
fn bias_block(m: u32) {
  let lim = d.M - 1u - m;
  let e = vec4<u32>(0u, min(1u, lim), min(2u, lim), min(3u, lim));
  var acc = vec4<f32>(0.0);
  for (var q = 0u; q < d.Q; q++) {
    let di = q * d.Cout + m;
    acc += vec4<f32>(other[di + e.x], other[di + e.y], other[di + e.z], other[di + e.w]);
  }
  for (var i = 0u; i < 4u && m + i < d.M; i++) { out[bias_at(0u, m + i)] = acc[i]; }
}

/** Store the block's valid outputs (forward: + bias) and post each to the non-finite check. */
fn store_block(m: u32, n: u32, acc: vec4<f32>) {
  for (var e = 0u; e < 4u; e++) {
    let mm = select(m, m + e, MODE == 2u);
    let nn = select(n + e, n, MODE == 2u);
    if (mm >= d.M || nn >= d.N) { return; }
    var v = acc[e];
    if (MODE == 0u) { v += bias[nn]; }
    out[out_at(0u, mm, nn)] = v;
    post_nf(v);
  }
}

@compute @workgroup_size(16, 16)
fn main(
  @builtin(local_invocation_id) lid: vec3<u32>,
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
) {
  // No shared memory and no barriers (on a software adapter a barrier costs more than the loads); the
  // workgroups are a flat list of 256 blocks each (convGemmGroups).
  let id = (wid.y * nwg.x + wid.x) * 256u + lid.y * 16u + lid.x;
  var m: u32;
  var n: u32;
  if (MODE == 2u) {
    let mb = (d.M + 3u) / 4u;
    m = (id % mb) * 4u;
    n = id / mb;
  } else {
    let nb = (d.N + 3u) / 4u;
    m = id / nb;
    n = (id % nb) * 4u;
  }
  if (m >= d.M || n >= d.N) { return; }
  store_block(m, n, direct_block(m, n));
  if (MODE == 2u && n == 0u) { bias_block(m); }
}
