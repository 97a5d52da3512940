// The merged backward's direct form (matmul_backward_direct.wgsl) where the device has subgroups and out and
// inp are multiples of 16: the four threads of a quad share their loads (as grid_*_quad.wgsl). Each product
// computes 16 × 16 blocks, one per quad, lane (p, q) = (lane / 2, lane % 2) the 8×8 part of rows 8p… and
// columns 8q…; of its 8 rows it loads the 4 that q picks ("own") and takes the other 4 from the lane of the
// other q through quadSwapX, of its 8 columns the 4 that p picks, the others through quadSwapY.
//  - product 0, ∂W (out × inp) and ∂b: per row k of the batch one vec4 of δ and one of h, instead of the
//    direct form's two and one for half the multiply-adds;
//  - product 1, δp (rows × inp): per 4 columns of δ, 4 vec4 of δ and 4 of W, where the direct form's 4×4
//    blocks load 8 for a quarter of the multiply-adds.
// Every output is the same fma chain, in the same order, as in the direct form (∂W and δp: one k-ordered
// chain per output; ∂b: a vec4 sum over rows), so the results are its bits. Rows of δp past the edge load
// the last valid row and are not stored; a quad leaves early only as a whole, since every lane must swap.
// Workgroups are QWG threads along x only: the first w_groups hold product 0's quads in order, the rest
// product 1's. Prefix: `enable subgroups`, QWG, activation (of the layer below) and non-finite snippets;
// matmul_backward_io.wgsl, matmul_delta_vec4.wgsl and grid_quad.wgsl (the lane layout, quad_halves) in front.

/** ∂W[m, n..n+3]. */
fn put_w(m: u32, n: u32, v: vec4<f32>) {
  let e = d.gw_off + m * d.inp + n;
  for (var j = 0u; j < 4u; j++) { grads[e + j] = v[j]; }
}

/** ∂W and ∂b of quad `quad`. */
fn weight_grad_quad(quad: u32, lane: u32) {
  let cb = d.inp / 16u;
  if (quad >= (d.out / 16u) * cb) { return; }
  let hv = quad_halves(quad, cb, lane);
  let M4 = d.out / 4u;
  let N4 = d.inp / 4u;
  let db = d.d_off / 4u + hv.ro / 4u;
  let hb = d.h_off / 4u + hv.co / 4u;
  // Rows (outputs of the layer) ro + i own, rs + i swapped; columns co… own (o), cs… swapped (s).
  var bias = vec4<f32>(0.0);
  var co0o = vec4<f32>(0.0); var co0s = vec4<f32>(0.0);
  var co1o = vec4<f32>(0.0); var co1s = vec4<f32>(0.0);
  var co2o = vec4<f32>(0.0); var co2s = vec4<f32>(0.0);
  var co3o = vec4<f32>(0.0); var co3s = vec4<f32>(0.0);
  var cs0o = vec4<f32>(0.0); var cs0s = vec4<f32>(0.0);
  var cs1o = vec4<f32>(0.0); var cs1s = vec4<f32>(0.0);
  var cs2o = vec4<f32>(0.0); var cs2s = vec4<f32>(0.0);
  var cs3o = vec4<f32>(0.0); var cs3s = vec4<f32>(0.0);
  for (var k = 0u; k < d.rows; k++) {
    let eo = ld_d4(db + k * M4);
    let xo = h4[hb + k * N4];
    let es = quadSwapX(eo);
    let xs = quadSwapY(xo);
    bias += eo;
    co0o = fma(vec4<f32>(eo.x), xo, co0o); co0s = fma(vec4<f32>(eo.x), xs, co0s);
    co1o = fma(vec4<f32>(eo.y), xo, co1o); co1s = fma(vec4<f32>(eo.y), xs, co1s);
    co2o = fma(vec4<f32>(eo.z), xo, co2o); co2s = fma(vec4<f32>(eo.z), xs, co2s);
    co3o = fma(vec4<f32>(eo.w), xo, co3o); co3s = fma(vec4<f32>(eo.w), xs, co3s);
    cs0o = fma(vec4<f32>(es.x), xo, cs0o); cs0s = fma(vec4<f32>(es.x), xs, cs0s);
    cs1o = fma(vec4<f32>(es.y), xo, cs1o); cs1s = fma(vec4<f32>(es.y), xs, cs1s);
    cs2o = fma(vec4<f32>(es.z), xo, cs2o); cs2s = fma(vec4<f32>(es.z), xs, cs2s);
    cs3o = fma(vec4<f32>(es.w), xo, cs3o); cs3s = fma(vec4<f32>(es.w), xs, cs3s);
  }
  // ∂b by the quads of the first column block, each lane its own 4 rows.
  if (quad % cb == 0u) {
    for (var i = 0u; i < 4u; i++) { grads[d.gb_off + hv.ro + i] = bias[i]; }
  }
  put_w(hv.ro, hv.co, co0o); put_w(hv.ro, hv.cs, co0s);
  put_w(hv.ro + 1u, hv.co, co1o); put_w(hv.ro + 1u, hv.cs, co1s);
  put_w(hv.ro + 2u, hv.co, co2o); put_w(hv.ro + 2u, hv.cs, co2s);
  put_w(hv.ro + 3u, hv.co, co3o); put_w(hv.ro + 3u, hv.cs, co3s);
  put_w(hv.rs, hv.co, cs0o); put_w(hv.rs, hv.cs, cs0s);
  put_w(hv.rs + 1u, hv.co, cs1o); put_w(hv.rs + 1u, hv.cs, cs1s);
  put_w(hv.rs + 2u, hv.co, cs2o); put_w(hv.rs + 2u, hv.cs, cs2s);
  put_w(hv.rs + 3u, hv.co, cs3o); put_w(hv.rs + 3u, hv.cs, cs3s);
}

/** δp[m, n..n+3] when row m is inside the matrix. */
fn put_d(m: u32, n: u32, v: vec4<f32>) {
  if (m >= d.rows) { return; }
  let e = m * d.inp + n;
  for (var j = 0u; j < 4u; j++) { store_delta(e + j, v[j]); }
}

/** δp of quad `quad`. */
fn input_grad_quad(quad: u32, lane: u32) {
  let cb = d.inp / 16u;
  if (quad >= ((d.rows + 15u) / 16u) * cb) { return; }
  let hv = quad_halves(quad, cb, lane);
  let K4 = d.out / 4u;
  let N4 = d.inp / 4u;
  let last = d.rows - 1u;
  let d0 = d.d_off / 4u + min(hv.ro, last) * K4;
  let d1 = d.d_off / 4u + min(hv.ro + 1u, last) * K4;
  let d2 = d.d_off / 4u + min(hv.ro + 2u, last) * K4;
  let d3 = d.d_off / 4u + min(hv.ro + 3u, last) * K4;
  let wb = d.w_off / 4u + hv.co / 4u;
  var co0o = vec4<f32>(0.0); var co0s = vec4<f32>(0.0);
  var co1o = vec4<f32>(0.0); var co1s = vec4<f32>(0.0);
  var co2o = vec4<f32>(0.0); var co2s = vec4<f32>(0.0);
  var co3o = vec4<f32>(0.0); var co3s = vec4<f32>(0.0);
  var cs0o = vec4<f32>(0.0); var cs0s = vec4<f32>(0.0);
  var cs1o = vec4<f32>(0.0); var cs1s = vec4<f32>(0.0);
  var cs2o = vec4<f32>(0.0); var cs2s = vec4<f32>(0.0);
  var cs3o = vec4<f32>(0.0); var cs3s = vec4<f32>(0.0);
  for (var k = 0u; k < K4; k++) {
    // W[4k + t, columns]: own u_t, swapped t_t.
    let y = wb + 4u * k * N4;
    let u0 = p4[y]; let u1 = p4[y + N4]; let u2 = p4[y + 2u * N4]; let u3 = p4[y + 3u * N4];
    let t0 = quadSwapY(u0); let t1 = quadSwapY(u1); let t2 = quadSwapY(u2); let t3 = quadSwapY(u3);
    let vo0 = ld_d4(d0 + k); let vo1 = ld_d4(d1 + k); let vo2 = ld_d4(d2 + k); let vo3 = ld_d4(d3 + k);
    let vs0 = quadSwapX(vo0); let vs1 = quadSwapX(vo1); let vs2 = quadSwapX(vo2); let vs3 = quadSwapX(vo3);
    co0o = fma(vec4<f32>(vo0.w), u3, fma(vec4<f32>(vo0.z), u2, fma(vec4<f32>(vo0.y), u1, fma(vec4<f32>(vo0.x), u0, co0o))));
    co0s = fma(vec4<f32>(vo0.w), t3, fma(vec4<f32>(vo0.z), t2, fma(vec4<f32>(vo0.y), t1, fma(vec4<f32>(vo0.x), t0, co0s))));
    co1o = fma(vec4<f32>(vo1.w), u3, fma(vec4<f32>(vo1.z), u2, fma(vec4<f32>(vo1.y), u1, fma(vec4<f32>(vo1.x), u0, co1o))));
    co1s = fma(vec4<f32>(vo1.w), t3, fma(vec4<f32>(vo1.z), t2, fma(vec4<f32>(vo1.y), t1, fma(vec4<f32>(vo1.x), t0, co1s))));
    co2o = fma(vec4<f32>(vo2.w), u3, fma(vec4<f32>(vo2.z), u2, fma(vec4<f32>(vo2.y), u1, fma(vec4<f32>(vo2.x), u0, co2o))));
    co2s = fma(vec4<f32>(vo2.w), t3, fma(vec4<f32>(vo2.z), t2, fma(vec4<f32>(vo2.y), t1, fma(vec4<f32>(vo2.x), t0, co2s))));
    co3o = fma(vec4<f32>(vo3.w), u3, fma(vec4<f32>(vo3.z), u2, fma(vec4<f32>(vo3.y), u1, fma(vec4<f32>(vo3.x), u0, co3o))));
    co3s = fma(vec4<f32>(vo3.w), t3, fma(vec4<f32>(vo3.z), t2, fma(vec4<f32>(vo3.y), t1, fma(vec4<f32>(vo3.x), t0, co3s))));
    cs0o = fma(vec4<f32>(vs0.w), u3, fma(vec4<f32>(vs0.z), u2, fma(vec4<f32>(vs0.y), u1, fma(vec4<f32>(vs0.x), u0, cs0o))));
    cs0s = fma(vec4<f32>(vs0.w), t3, fma(vec4<f32>(vs0.z), t2, fma(vec4<f32>(vs0.y), t1, fma(vec4<f32>(vs0.x), t0, cs0s))));
    cs1o = fma(vec4<f32>(vs1.w), u3, fma(vec4<f32>(vs1.z), u2, fma(vec4<f32>(vs1.y), u1, fma(vec4<f32>(vs1.x), u0, cs1o))));
    cs1s = fma(vec4<f32>(vs1.w), t3, fma(vec4<f32>(vs1.z), t2, fma(vec4<f32>(vs1.y), t1, fma(vec4<f32>(vs1.x), t0, cs1s))));
    cs2o = fma(vec4<f32>(vs2.w), u3, fma(vec4<f32>(vs2.z), u2, fma(vec4<f32>(vs2.y), u1, fma(vec4<f32>(vs2.x), u0, cs2o))));
    cs2s = fma(vec4<f32>(vs2.w), t3, fma(vec4<f32>(vs2.z), t2, fma(vec4<f32>(vs2.y), t1, fma(vec4<f32>(vs2.x), t0, cs2s))));
    cs3o = fma(vec4<f32>(vs3.w), u3, fma(vec4<f32>(vs3.z), u2, fma(vec4<f32>(vs3.y), u1, fma(vec4<f32>(vs3.x), u0, cs3o))));
    cs3s = fma(vec4<f32>(vs3.w), t3, fma(vec4<f32>(vs3.z), t2, fma(vec4<f32>(vs3.y), t1, fma(vec4<f32>(vs3.x), t0, cs3s))));
  }
  put_d(hv.ro, hv.co, co0o); put_d(hv.ro, hv.cs, co0s);
  put_d(hv.ro + 1u, hv.co, co1o); put_d(hv.ro + 1u, hv.cs, co1s);
  put_d(hv.ro + 2u, hv.co, co2o); put_d(hv.ro + 2u, hv.cs, co2s);
  put_d(hv.ro + 3u, hv.co, co3o); put_d(hv.ro + 3u, hv.cs, co3s);
  put_d(hv.rs, hv.co, cs0o); put_d(hv.rs, hv.cs, cs0s);
  put_d(hv.rs + 1u, hv.co, cs1o); put_d(hv.rs + 1u, hv.cs, cs1s);
  put_d(hv.rs + 2u, hv.co, cs2o); put_d(hv.rs + 2u, hv.cs, cs2s);
  put_d(hv.rs + 3u, hv.co, cs3o); put_d(hv.rs + 3u, hv.cs, cs3s);
}

@compute @workgroup_size(QWG)
fn main(@builtin(local_invocation_index) li: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let per = QWG / 4u;
  if (wid.x < d.w_groups) {
    weight_grad_quad(wid.x * per + li / 4u, li % 4u);
  } else {
    input_grad_quad((wid.x - d.w_groups) * per + li / 4u, li % 4u);
  }
}
