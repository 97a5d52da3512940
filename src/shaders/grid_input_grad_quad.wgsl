// grid_input_grad_vec4.wgsl's δ of the layer below where the device has subgroups and fan_in is a
// multiple of 16: a quad of threads computes 16 rows × 16 inputs, lane (p, q) its 8×8 block (rows 8p…,
// inputs 8q…), and the lanes share their loads (see grid_forward_quad.wgsl). Per 4 columns j of δ a lane
// loads 4 of its 8 rows of δ (the half q picks; quadSwapX brings the other half from the lane of the other
// q) and, of the 4 rows of W, the half p picks of its 8 inputs (quadSwapY brings the other half): 8 vec4
// loads instead of 16 for the same 64 multiply-adds. Accumulators follow the halves (own, swapped); each
// output is the same j-ordered fma chain as the scalar kernel (bit-identical results).
// Bindings, table and prefix: grid_input_grad_vec4_io.wgsl, after `enable subgroups`.
@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let ni = net_item(gid);
  let n = ni.x;
  let i = ni.y;
  if (n >= g.nets) { return; }
  let cb = g.fan_in / 16u;
  if (i >= ((g.rows + 15u) / 16u) * cb * 4u) { return; }
  // Own and swapped halves (grid_quad.wgsl): rows of δ, and inputs (columns of W).
  let hv = quad_halves(i / 4u, cb, i % 4u);
  let ro = hv.ro;
  let rs = hv.rs;
  let ko = hv.co;
  let ks = hv.cs;
  let J4 = g.fan_out / 4u;
  let K4 = g.fan_in / 4u;
  let d = entry(n, 0u) / 4u;
  let last = g.rows - 1u;
  let d0 = d + min(ro + 0u, last) * J4;
  let d1 = d + min(ro + 1u, last) * J4;
  let d2 = d + min(ro + 2u, last) * J4;
  let d3 = d + min(ro + 3u, last) * J4;
  let w = (entry(n, 2u) + ko) / 4u;
  var co0o = vec4<f32>(0.0); var co0s = vec4<f32>(0.0);
  var co1o = vec4<f32>(0.0); var co1s = vec4<f32>(0.0);
  var co2o = vec4<f32>(0.0); var co2s = vec4<f32>(0.0);
  var co3o = vec4<f32>(0.0); var co3s = vec4<f32>(0.0);
  var cs0o = vec4<f32>(0.0); var cs0s = vec4<f32>(0.0);
  var cs1o = vec4<f32>(0.0); var cs1s = vec4<f32>(0.0);
  var cs2o = vec4<f32>(0.0); var cs2s = vec4<f32>(0.0);
  var cs3o = vec4<f32>(0.0); var cs3s = vec4<f32>(0.0);
  for (var j4 = 0u; j4 < J4; j4++) {
    // W[4·j4 + t, inputs] for t = 0..3: own half u, swapped half t.
    let y = w + 4u * j4 * K4;
    let u0 = p4[y]; let u1 = p4[y + K4]; let u2 = p4[y + 2u * K4]; let u3 = p4[y + 3u * K4];
    let t0 = quadSwapY(u0); let t1 = quadSwapY(u1); let t2 = quadSwapY(u2); let t3 = quadSwapY(u3);
    let vo0 = dl4[d0 + j4]; let vo1 = dl4[d1 + j4]; let vo2 = dl4[d2 + j4]; let vo3 = dl4[d3 + j4];
    let vs0 = quadSwapX(vo0); let vs1 = quadSwapX(vo1); let vs2 = quadSwapX(vo2); let vs3 = quadSwapX(vo3);
    co0o = fma(vec4<f32>(vo0.x), u0, co0o); co0s = fma(vec4<f32>(vo0.x), t0, co0s);
    co0o = fma(vec4<f32>(vo0.y), u1, co0o); co0s = fma(vec4<f32>(vo0.y), t1, co0s);
    co0o = fma(vec4<f32>(vo0.z), u2, co0o); co0s = fma(vec4<f32>(vo0.z), t2, co0s);
    co0o = fma(vec4<f32>(vo0.w), u3, co0o); co0s = fma(vec4<f32>(vo0.w), t3, co0s);
    co1o = fma(vec4<f32>(vo1.x), u0, co1o); co1s = fma(vec4<f32>(vo1.x), t0, co1s);
    co1o = fma(vec4<f32>(vo1.y), u1, co1o); co1s = fma(vec4<f32>(vo1.y), t1, co1s);
    co1o = fma(vec4<f32>(vo1.z), u2, co1o); co1s = fma(vec4<f32>(vo1.z), t2, co1s);
    co1o = fma(vec4<f32>(vo1.w), u3, co1o); co1s = fma(vec4<f32>(vo1.w), t3, co1s);
    co2o = fma(vec4<f32>(vo2.x), u0, co2o); co2s = fma(vec4<f32>(vo2.x), t0, co2s);
    co2o = fma(vec4<f32>(vo2.y), u1, co2o); co2s = fma(vec4<f32>(vo2.y), t1, co2s);
    co2o = fma(vec4<f32>(vo2.z), u2, co2o); co2s = fma(vec4<f32>(vo2.z), t2, co2s);
    co2o = fma(vec4<f32>(vo2.w), u3, co2o); co2s = fma(vec4<f32>(vo2.w), t3, co2s);
    co3o = fma(vec4<f32>(vo3.x), u0, co3o); co3s = fma(vec4<f32>(vo3.x), t0, co3s);
    co3o = fma(vec4<f32>(vo3.y), u1, co3o); co3s = fma(vec4<f32>(vo3.y), t1, co3s);
    co3o = fma(vec4<f32>(vo3.z), u2, co3o); co3s = fma(vec4<f32>(vo3.z), t2, co3s);
    co3o = fma(vec4<f32>(vo3.w), u3, co3o); co3s = fma(vec4<f32>(vo3.w), t3, co3s);
    cs0o = fma(vec4<f32>(vs0.x), u0, cs0o); cs0s = fma(vec4<f32>(vs0.x), t0, cs0s);
    cs0o = fma(vec4<f32>(vs0.y), u1, cs0o); cs0s = fma(vec4<f32>(vs0.y), t1, cs0s);
    cs0o = fma(vec4<f32>(vs0.z), u2, cs0o); cs0s = fma(vec4<f32>(vs0.z), t2, cs0s);
    cs0o = fma(vec4<f32>(vs0.w), u3, cs0o); cs0s = fma(vec4<f32>(vs0.w), t3, cs0s);
    cs1o = fma(vec4<f32>(vs1.x), u0, cs1o); cs1s = fma(vec4<f32>(vs1.x), t0, cs1s);
    cs1o = fma(vec4<f32>(vs1.y), u1, cs1o); cs1s = fma(vec4<f32>(vs1.y), t1, cs1s);
    cs1o = fma(vec4<f32>(vs1.z), u2, cs1o); cs1s = fma(vec4<f32>(vs1.z), t2, cs1s);
    cs1o = fma(vec4<f32>(vs1.w), u3, cs1o); cs1s = fma(vec4<f32>(vs1.w), t3, cs1s);
    cs2o = fma(vec4<f32>(vs2.x), u0, cs2o); cs2s = fma(vec4<f32>(vs2.x), t0, cs2s);
    cs2o = fma(vec4<f32>(vs2.y), u1, cs2o); cs2s = fma(vec4<f32>(vs2.y), t1, cs2s);
    cs2o = fma(vec4<f32>(vs2.z), u2, cs2o); cs2s = fma(vec4<f32>(vs2.z), t2, cs2s);
    cs2o = fma(vec4<f32>(vs2.w), u3, cs2o); cs2s = fma(vec4<f32>(vs2.w), t3, cs2s);
    cs3o = fma(vec4<f32>(vs3.x), u0, cs3o); cs3s = fma(vec4<f32>(vs3.x), t0, cs3s);
    cs3o = fma(vec4<f32>(vs3.y), u1, cs3o); cs3s = fma(vec4<f32>(vs3.y), t1, cs3s);
    cs3o = fma(vec4<f32>(vs3.z), u2, cs3o); cs3s = fma(vec4<f32>(vs3.z), t2, cs3s);
    cs3o = fma(vec4<f32>(vs3.w), u3, cs3o); cs3s = fma(vec4<f32>(vs3.w), t3, cs3s);
  }
  let o = entry(n, 1u) / 4u;
  let p = entry(n, 3u) / 4u;
  store(ro + 0u, ko, o, p, co0o); store(ro + 0u, ks, o, p, co0s);
  store(ro + 1u, ko, o, p, co1o); store(ro + 1u, ks, o, p, co1s);
  store(ro + 2u, ko, o, p, co2o); store(ro + 2u, ks, o, p, co2s);
  store(ro + 3u, ko, o, p, co3o); store(ro + 3u, ks, o, p, co3s);
  store(rs + 0u, ko, o, p, cs0o); store(rs + 0u, ks, o, p, cs0s);
  store(rs + 1u, ko, o, p, cs1o); store(rs + 1u, ks, o, p, cs1s);
  store(rs + 2u, ko, o, p, cs2o); store(rs + 2u, ks, o, p, cs2s);
  store(rs + 3u, ko, o, p, cs3o); store(rs + 3u, ks, o, p, cs3s);
}
