// grid_forward_vec4.wgsl's forward where the device has subgroups and fan_out is a multiple of 16: four
// threads (a quad) share their loads. The quad computes 16 rows × 16 outputs, each lane (p, q) its 8×8 block
// (rows 8p…, outputs 8q…). Per 4 columns k, a lane loads half its 8 rows of a and half its 8 rows of W
// (8 vec4 instead of 16) and takes the other halves from the lanes that loaded them, with quadSwapX (the
// lane of the other q: same rows) and quadSwapY (the other p: same outputs). On a software adapter a
// storage load costs several multiply-adds and a swap a fraction of a load. The accumulators follow the
// halves (own, swapped), so no select in the loop; each output is still the same k-ordered fma chain as
// the scalar kernel (bit-identical results, gridTrainer.gpu.test.ts).
// Every lane of a quad takes part (items per net are a multiple of 4 and quads never straddle nets);
// rows past the edge load the last valid row and are not stored. Bindings, table and prefix:
// grid_forward_vec4_io.wgsl, after `enable subgroups`.
@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let ni = net_item(gid);
  let n = ni.x;
  let i = ni.y;
  if (n >= g.nets) { return; }
  let cb = g.fan_out / 16u;
  if (i >= ((g.rows + 15u) / 16u) * cb * 4u) { return; }
  let quad = i / 4u;
  // Own and swapped halves (grid_quad.wgsl): rows of a, and outputs (rows of W).
  let hv = quad_halves(quad, cb, i % 4u);
  let ro = hv.ro;
  let rs = hv.rs;
  let jo = hv.co;
  let js = hv.cs;
  let K4 = g.fan_in / 4u;
  let a = entry(n, 0u) / 4u;
  let last = g.rows - 1u;
  let a0 = a + min(ro + 0u, last) * K4;
  let a1 = a + min(ro + 1u, last) * K4;
  let a2 = a + min(ro + 2u, last) * K4;
  let a3 = a + min(ro + 3u, last) * K4;
  let w0 = entry(n, 2u) / 4u + jo * K4;
  let w1 = w0 + K4;
  let w2 = w1 + K4;
  let w3 = w2 + K4;
  var co0o = vec4<f32>(0.0); var co0s = vec4<f32>(0.0);
  var co1o = vec4<f32>(0.0); var co1s = vec4<f32>(0.0);
  var co2o = vec4<f32>(0.0); var co2s = vec4<f32>(0.0);
  var co3o = vec4<f32>(0.0); var co3s = vec4<f32>(0.0);
  var cs0o = vec4<f32>(0.0); var cs0s = vec4<f32>(0.0);
  var cs1o = vec4<f32>(0.0); var cs1s = vec4<f32>(0.0);
  var cs2o = vec4<f32>(0.0); var cs2s = vec4<f32>(0.0);
  var cs3o = vec4<f32>(0.0); var cs3s = vec4<f32>(0.0);
  for (var k4 = 0u; k4 < K4; k4++) {
    let u0 = p4[w0 + k4]; let u1 = p4[w1 + k4]; let u2 = p4[w2 + k4]; let u3 = p4[w3 + k4];
    let t0 = quadSwapY(u0); let t1 = quadSwapY(u1); let t2 = quadSwapY(u2); let t3 = quadSwapY(u3);
    let vo0 = in4[a0 + k4]; let vo1 = in4[a1 + k4]; let vo2 = in4[a2 + k4]; let vo3 = in4[a3 + k4];
    let vs0 = quadSwapX(vo0); let vs1 = quadSwapX(vo1); let vs2 = quadSwapX(vo2); let vs3 = quadSwapX(vo3);
    // W[outputs, k] for k = 4·k4 + 0..3: the own and the swapped 4 outputs.
    let xo = vec4<f32>(u0.x, u1.x, u2.x, u3.x); let xs = vec4<f32>(t0.x, t1.x, t2.x, t3.x);
    let yo = vec4<f32>(u0.y, u1.y, u2.y, u3.y); let ys = vec4<f32>(t0.y, t1.y, t2.y, t3.y);
    let zo = vec4<f32>(u0.z, u1.z, u2.z, u3.z); let zs = vec4<f32>(t0.z, t1.z, t2.z, t3.z);
    let wo = vec4<f32>(u0.w, u1.w, u2.w, u3.w); let ws = vec4<f32>(t0.w, t1.w, t2.w, t3.w);
    co0o = fma(vec4<f32>(vo0.x), xo, co0o); co0s = fma(vec4<f32>(vo0.x), xs, co0s);
    co0o = fma(vec4<f32>(vo0.y), yo, co0o); co0s = fma(vec4<f32>(vo0.y), ys, co0s);
    co0o = fma(vec4<f32>(vo0.z), zo, co0o); co0s = fma(vec4<f32>(vo0.z), zs, co0s);
    co0o = fma(vec4<f32>(vo0.w), wo, co0o); co0s = fma(vec4<f32>(vo0.w), ws, co0s);
    co1o = fma(vec4<f32>(vo1.x), xo, co1o); co1s = fma(vec4<f32>(vo1.x), xs, co1s);
    co1o = fma(vec4<f32>(vo1.y), yo, co1o); co1s = fma(vec4<f32>(vo1.y), ys, co1s);
    co1o = fma(vec4<f32>(vo1.z), zo, co1o); co1s = fma(vec4<f32>(vo1.z), zs, co1s);
    co1o = fma(vec4<f32>(vo1.w), wo, co1o); co1s = fma(vec4<f32>(vo1.w), ws, co1s);
    co2o = fma(vec4<f32>(vo2.x), xo, co2o); co2s = fma(vec4<f32>(vo2.x), xs, co2s);
    co2o = fma(vec4<f32>(vo2.y), yo, co2o); co2s = fma(vec4<f32>(vo2.y), ys, co2s);
    co2o = fma(vec4<f32>(vo2.z), zo, co2o); co2s = fma(vec4<f32>(vo2.z), zs, co2s);
    co2o = fma(vec4<f32>(vo2.w), wo, co2o); co2s = fma(vec4<f32>(vo2.w), ws, co2s);
    co3o = fma(vec4<f32>(vo3.x), xo, co3o); co3s = fma(vec4<f32>(vo3.x), xs, co3s);
    co3o = fma(vec4<f32>(vo3.y), yo, co3o); co3s = fma(vec4<f32>(vo3.y), ys, co3s);
    co3o = fma(vec4<f32>(vo3.z), zo, co3o); co3s = fma(vec4<f32>(vo3.z), zs, co3s);
    co3o = fma(vec4<f32>(vo3.w), wo, co3o); co3s = fma(vec4<f32>(vo3.w), ws, co3s);
    cs0o = fma(vec4<f32>(vs0.x), xo, cs0o); cs0s = fma(vec4<f32>(vs0.x), xs, cs0s);
    cs0o = fma(vec4<f32>(vs0.y), yo, cs0o); cs0s = fma(vec4<f32>(vs0.y), ys, cs0s);
    cs0o = fma(vec4<f32>(vs0.z), zo, cs0o); cs0s = fma(vec4<f32>(vs0.z), zs, cs0s);
    cs0o = fma(vec4<f32>(vs0.w), wo, cs0o); cs0s = fma(vec4<f32>(vs0.w), ws, cs0s);
    cs1o = fma(vec4<f32>(vs1.x), xo, cs1o); cs1s = fma(vec4<f32>(vs1.x), xs, cs1s);
    cs1o = fma(vec4<f32>(vs1.y), yo, cs1o); cs1s = fma(vec4<f32>(vs1.y), ys, cs1s);
    cs1o = fma(vec4<f32>(vs1.z), zo, cs1o); cs1s = fma(vec4<f32>(vs1.z), zs, cs1s);
    cs1o = fma(vec4<f32>(vs1.w), wo, cs1o); cs1s = fma(vec4<f32>(vs1.w), ws, cs1s);
    cs2o = fma(vec4<f32>(vs2.x), xo, cs2o); cs2s = fma(vec4<f32>(vs2.x), xs, cs2s);
    cs2o = fma(vec4<f32>(vs2.y), yo, cs2o); cs2s = fma(vec4<f32>(vs2.y), ys, cs2s);
    cs2o = fma(vec4<f32>(vs2.z), zo, cs2o); cs2s = fma(vec4<f32>(vs2.z), zs, cs2s);
    cs2o = fma(vec4<f32>(vs2.w), wo, cs2o); cs2s = fma(vec4<f32>(vs2.w), ws, cs2s);
    cs3o = fma(vec4<f32>(vs3.x), xo, cs3o); cs3s = fma(vec4<f32>(vs3.x), xs, cs3s);
    cs3o = fma(vec4<f32>(vs3.y), yo, cs3o); cs3s = fma(vec4<f32>(vs3.y), ys, cs3s);
    cs3o = fma(vec4<f32>(vs3.z), zo, cs3o); cs3s = fma(vec4<f32>(vs3.z), zs, cs3s);
    cs3o = fma(vec4<f32>(vs3.w), wo, cs3o); cs3s = fma(vec4<f32>(vs3.w), ws, cs3s);
  }
  // The bias of the own and the swapped 4 outputs, loaded once for the 8 rows.
  let bo = p4[(entry(n, 3u) + jo) / 4u];
  let bs = p4[(entry(n, 3u) + js) / 4u];
  let h = entry(n, 1u) / 4u;
  let dp = entry(n, 4u) / 4u;
  store(ro + 0u, jo, bo, h, dp, co0o); store(ro + 0u, js, bs, h, dp, co0s);
  store(ro + 1u, jo, bo, h, dp, co1o); store(ro + 1u, js, bs, h, dp, co1s);
  store(ro + 2u, jo, bo, h, dp, co2o); store(ro + 2u, js, bs, h, dp, co2s);
  store(ro + 3u, jo, bo, h, dp, co3o); store(ro + 3u, js, bs, h, dp, co3s);
  store(rs + 0u, jo, bo, h, dp, cs0o); store(rs + 0u, js, bs, h, dp, cs0s);
  store(rs + 1u, jo, bo, h, dp, cs1o); store(rs + 1u, js, bs, h, dp, cs1s);
  store(rs + 2u, jo, bo, h, dp, cs2o); store(rs + 2u, js, bs, h, dp, cs2s);
  store(rs + 3u, jo, bo, h, dp, cs3o); store(rs + 3u, js, bs, h, dp, cs3s);
}
