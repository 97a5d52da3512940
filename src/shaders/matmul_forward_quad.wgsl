// The direct forward's 4×4 blocks (matmul_forward_direct.wgsl, VEC) where the device has subgroups: the four
// threads of a quad share their loads. A quad computes 8 rows × 8 outputs, lane (p, q) = (lane / 2,
// lane % 2) the 4×4 block of rows 4p… and outputs 4q…. Per 4 columns k a lane loads 2 of its 4 rows of a
// (the pair q picks) and takes the other pair from the lane of the other q, which has the same rows
// (quadSwapX); likewise 2 of its 4 rows of W (the pair p picks), the other pair through quadSwapY. So 4
// vec4 loads and 4 swaps for 16 vec4 FMAs where the direct form loads 8: on SwiftShader a storage load is
// a gather costing several multiply-adds, a swap a shuffle.
// Each output keeps the direct form's vec4 accumulator (4 k-strided fma chains, then hsum), so the results
// are its bits. Rows and outputs past the edge load the last valid one and are not stored; the quad
// leaves early only as a whole (its 8 × 8 block starts past the matrix), since every lane must swap.
// A workgroup is QX × QY quads, a block of 8·QY rows × 8·QX outputs (the host uses 4 × 4: 32 × 32, the
// direct form's grid). Prefix: `enable subgroups`, GATHER, STORE_Z, STORE_H, QX, QY, activation and
// non-finite snippets; matmul_forward_io.wgsl and matmul_forward_direct_io.wgsl in front.

/** Output (m, n) of the quad's block when inside the matrix; b: the bias of output n. */
fn put(m: u32, n: u32, c: vec4<f32>, b: f32) {
  if (m < d.M && n < d.N) { store_z(m, n, hsum(c) + b); }
}

@compute @workgroup_size(4u * QX * QY)
fn main(@builtin(local_invocation_index) li: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let quad = li / 4u;
  let lane = li % 4u;
  let m8 = wid.y * 8u * QY + (quad / QX) * 8u;
  let n8 = wid.x * 8u * QX + (quad % QX) * 8u;
  if (m8 >= d.M || n8 >= d.N) { return; }
  let p = lane / 2u;
  let q = lane % 2u;
  // Own rows of a: mo, mo + 1; swapped: ms, ms + 1. Own rows of W: no, no + 1; swapped: ns, ns + 1.
  let mo = m8 + 4u * p + 2u * q;
  let ms = m8 + 4u * p + 2u * (1u - q);
  let no = n8 + 4u * q + 2u * p;
  let ns = n8 + 4u * q + 2u * (1u - p);
  let K4 = d.K / 4u;
  let lm = d.M - 1u;
  let ln = d.N - 1u;
  let r0 = (d.a_off + a_row(min(mo, lm)) * d.K) / 4u;
  let r1 = (d.a_off + a_row(min(mo + 1u, lm)) * d.K) / 4u;
  let w0 = (d.w_off + min(no, ln) * d.K) / 4u;
  let w1 = (d.w_off + min(no + 1u, ln) * d.K) / 4u;
  // c{row}{output}: rows o0, o1 (own), s0, s1 (swapped) by outputs o0, o1, s0, s1. Written out in full:
  // SwiftShader keeps only named variables in registers.
  var co0o0 = vec4<f32>(0.0); var co0o1 = vec4<f32>(0.0); var co0s0 = vec4<f32>(0.0); var co0s1 = vec4<f32>(0.0);
  var co1o0 = vec4<f32>(0.0); var co1o1 = vec4<f32>(0.0); var co1s0 = vec4<f32>(0.0); var co1s1 = vec4<f32>(0.0);
  var cs0o0 = vec4<f32>(0.0); var cs0o1 = vec4<f32>(0.0); var cs0s0 = vec4<f32>(0.0); var cs0s1 = vec4<f32>(0.0);
  var cs1o0 = vec4<f32>(0.0); var cs1o1 = vec4<f32>(0.0); var cs1s0 = vec4<f32>(0.0); var cs1s1 = vec4<f32>(0.0);
  for (var k = 0u; k < K4; k++) {
    let ao0 = a4[r0 + k];
    let ao1 = a4[r1 + k];
    let bo0 = p4[w0 + k];
    let bo1 = p4[w1 + k];
    let as0 = quadSwapX(ao0);
    let as1 = quadSwapX(ao1);
    let bs0 = quadSwapY(bo0);
    let bs1 = quadSwapY(bo1);
    co0o0 = fma(ao0, bo0, co0o0); co0o1 = fma(ao0, bo1, co0o1); co0s0 = fma(ao0, bs0, co0s0); co0s1 = fma(ao0, bs1, co0s1);
    co1o0 = fma(ao1, bo0, co1o0); co1o1 = fma(ao1, bo1, co1o1); co1s0 = fma(ao1, bs0, co1s0); co1s1 = fma(ao1, bs1, co1s1);
    cs0o0 = fma(as0, bo0, cs0o0); cs0o1 = fma(as0, bo1, cs0o1); cs0s0 = fma(as0, bs0, cs0s0); cs0s1 = fma(as0, bs1, cs0s1);
    cs1o0 = fma(as1, bo0, cs1o0); cs1o1 = fma(as1, bo1, cs1o1); cs1s0 = fma(as1, bs0, cs1s0); cs1s1 = fma(as1, bs1, cs1s1);
  }
  // The bias of each of the lane's 4 outputs, loaded once for its 4 rows (outputs past N: the last one's).
  let bias_o0 = params[d.b_off + min(no, ln)];
  let bias_o1 = params[d.b_off + min(no + 1u, ln)];
  let bias_s0 = params[d.b_off + min(ns, ln)];
  let bias_s1 = params[d.b_off + min(ns + 1u, ln)];
  put(mo, no, co0o0, bias_o0); put(mo, no + 1u, co0o1, bias_o1); put(mo, ns, co0s0, bias_s0); put(mo, ns + 1u, co0s1, bias_s1);
  put(mo + 1u, no, co1o0, bias_o0); put(mo + 1u, no + 1u, co1o1, bias_o1); put(mo + 1u, ns, co1s0, bias_s0); put(mo + 1u, ns + 1u, co1s1, bias_s1);
  put(ms, no, cs0o0, bias_o0); put(ms, no + 1u, cs0o1, bias_o1); put(ms, ns, cs0s0, bias_s0); put(ms, ns + 1u, cs0s1, bias_s1);
  put(ms + 1u, no, cs1o0, bias_o0); put(ms + 1u, no + 1u, cs1o1, bias_o1); put(ms + 1u, ns, cs1s0, bias_s0); put(ms + 1u, ns + 1u, cs1s1, bias_s1);
}
