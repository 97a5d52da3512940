// grid_weight_grad_vec4.wgsl's ∂W and ∂b where the device has subgroups and fan_in and fan_out are
// multiples of 16: a quad of threads computes 16 outputs × 16 inputs of ∂W, lane (p, q) its 8×8 block
// (outputs 8p…, inputs 8q…), sharing loads (see grid_forward_quad.wgsl): per row, one vec4 of δ (the half q
// picks of its 8 outputs; quadSwapX brings the other) and one of a (the half p picks of its 8 inputs;
// quadSwapY brings the other) instead of two each, for 64 multiply-adds. Rows are summed in order as in
// the scalar kernel (bit-identical results), then the optimizer's update (grid_update_vec4.wgsl).
// ∂b rides along: the lanes of the first quad of each block row of ∂W (inputs 0–15) also sum the δ they
// load, row by row in order like the scalar kernel, each its own 4 outputs. Separate bias threads cost a
// dispatch of this grid a fifth more threads, and SwiftShader a workgroup that could leave a core idle.
// Bindings, table and prefix: grid_weight_grad_vec4_io.wgsl, then grid_update_vec4.wgsl, after
// `enable subgroups`.
@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let ni = net_item(gid);
  let n = ni.x;
  let i = ni.y;
  if (n >= g.nets) { return; }
  let wq = (g.fan_out / 16u) * (g.fan_in / 16u) * 4u;
  let J4 = g.fan_out / 4u;
  let K4 = g.fan_in / 4u;
  let d = entry(n, 1u) / 4u;
  if (i >= wq) { return; }
  let cb = g.fan_in / 16u;
  let quad = i / 4u;
  // Own and swapped halves (grid_quad.wgsl): outputs (columns of δ), and inputs (columns of a).
  let hv = quad_halves(quad, cb, i % 4u);
  let jo = hv.ro;
  let js = hv.rs;
  let ko = hv.co;
  let ks = hv.cs;
  let ab = (entry(n, 0u) + ko) / 4u;
  let db = d + jo / 4u;
  var bias = vec4<f32>(0.0);
  var co0o = vec4<f32>(0.0); var co0s = vec4<f32>(0.0);
  var co1o = vec4<f32>(0.0); var co1s = vec4<f32>(0.0);
  var co2o = vec4<f32>(0.0); var co2s = vec4<f32>(0.0);
  var co3o = vec4<f32>(0.0); var co3s = vec4<f32>(0.0);
  var cs0o = vec4<f32>(0.0); var cs0s = vec4<f32>(0.0);
  var cs1o = vec4<f32>(0.0); var cs1s = vec4<f32>(0.0);
  var cs2o = vec4<f32>(0.0); var cs2s = vec4<f32>(0.0);
  var cs3o = vec4<f32>(0.0); var cs3s = vec4<f32>(0.0);
  for (var r = 0u; r < g.rows; r++) {
    let xo = a4[ab + r * K4];
    let xs = quadSwapY(xo);
    let eo = a4[db + r * J4];
    bias += eo;
    let es = quadSwapX(eo);
    co0o = fma(vec4<f32>(eo.x), xo, co0o); co0s = fma(vec4<f32>(eo.x), xs, co0s);
    co1o = fma(vec4<f32>(eo.y), xo, co1o); co1s = fma(vec4<f32>(eo.y), xs, co1s);
    co2o = fma(vec4<f32>(eo.z), xo, co2o); co2s = fma(vec4<f32>(eo.z), xs, co2s);
    co3o = fma(vec4<f32>(eo.w), xo, co3o); co3s = fma(vec4<f32>(eo.w), xs, co3s);
    cs0o = fma(vec4<f32>(es.x), xo, cs0o); cs0s = fma(vec4<f32>(es.x), xs, cs0s);
    cs1o = fma(vec4<f32>(es.y), xo, cs1o); cs1s = fma(vec4<f32>(es.y), xs, cs1s);
    cs2o = fma(vec4<f32>(es.z), xo, cs2o); cs2s = fma(vec4<f32>(es.z), xs, cs2s);
    cs3o = fma(vec4<f32>(es.w), xo, cs3o); cs3s = fma(vec4<f32>(es.w), xs, cs3s);
  }
  if (quad % cb == 0u) { update4(entry(n, 3u) / 4u + jo / 4u, bias); }
  let w = entry(n, 2u) / 4u;
  update4(w + ((jo + 0u) * g.fan_in + ko) / 4u, co0o);
  update4(w + ((jo + 0u) * g.fan_in + ks) / 4u, co0s);
  update4(w + ((jo + 1u) * g.fan_in + ko) / 4u, co1o);
  update4(w + ((jo + 1u) * g.fan_in + ks) / 4u, co1s);
  update4(w + ((jo + 2u) * g.fan_in + ko) / 4u, co2o);
  update4(w + ((jo + 2u) * g.fan_in + ks) / 4u, co2s);
  update4(w + ((jo + 3u) * g.fan_in + ko) / 4u, co3o);
  update4(w + ((jo + 3u) * g.fan_in + ks) / 4u, co3s);
  update4(w + ((js + 0u) * g.fan_in + ko) / 4u, cs0o);
  update4(w + ((js + 0u) * g.fan_in + ks) / 4u, cs0s);
  update4(w + ((js + 1u) * g.fan_in + ko) / 4u, cs1o);
  update4(w + ((js + 1u) * g.fan_in + ks) / 4u, cs1s);
  update4(w + ((js + 2u) * g.fan_in + ko) / 4u, cs2o);
  update4(w + ((js + 2u) * g.fan_in + ks) / 4u, cs2s);
  update4(w + ((js + 3u) * g.fan_in + ko) / 4u, cs3o);
  update4(w + ((js + 3u) * g.fan_in + ks) / 4u, cs3s);
}
