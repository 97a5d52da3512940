// The head's forward folded into the training loss dispatch (one workgroup): prepare_row(r) computes the C
// logits of batch row r, z = a·Wᵀ + b, stores them (the loss reads them back in the same invocation, and
// LSUV reads them after the dispatch) and posts a non-finite logit, before the loss of loss_common.wgsl
// takes the row. Each logit is summed exactly as the head's separate forward kernel sums it, so logits,
// loss and ∂loss/∂logits are bit for bit those of the two dispatches it replaces:
//   HSUM4 (direct strategy, K and W's offset multiples of 4: matmul_forward_direct.wgsl's VEC form): four
//     k-strided fma chains of vec4 lanes, then (x + y) + (z + w);
//   otherwise one k-ordered fma chain (the direct 1×4 form, and the tiled core, whose k-tiles past K
//     add fma(0, 0, acc): PAD_K, applied once with a zero from the uniform so no compiler drops it; it
//     only turns −0 into +0).
// a (the head's input rows) and W are read as vec4 (their ranges are 16-byte multiples).
// Prefix: non-finite snippet, C, CE, EVAL (false), HSUM4, PAD_K; then loss_common.wgsl and a main.
struct Head {
  k: u32,      // inputs of the head (width)
  a_off: u32,  // first element of a
  w_off: u32,  // first element of W [C, K]
  b_off: u32,  // first element of b
  nf_z: u32,   // non-finite order of the logits
  zero: f32,   // 0.0, opaque to the compiler
}

@group(0) @binding(1) var<storage, read_write> logits: array<f32>;
@group(0) @binding(6) var<storage, read> a4: array<vec4<f32>>;
@group(0) @binding(7) var<storage, read> p4: array<vec4<f32>>;
@group(0) @binding(8) var<uniform> hd: Head;

fn ld_a(i: u32) -> f32 { return a4[i / 4u][i % 4u]; }
fn ld_p(i: u32) -> f32 { return p4[i / 4u][i % 4u]; }

/** Row r's logit n without the bias, in the separate head kernel's order. */
fn head_dot(r: u32, n: u32) -> f32 {
  let a0 = hd.a_off + r * hd.k;
  let w0 = hd.w_off + n * hd.k;
  if (HSUM4) {
    var c = vec4<f32>(0.0);
    for (var k4 = 0u; k4 < hd.k / 4u; k4++) { c = fma(a4[a0 / 4u + k4], p4[w0 / 4u + k4], c); }
    return (c.x + c.y) + (c.z + c.w);
  }
  var acc = 0.0;
  for (var k = 0u; k < hd.k; k++) { acc = fma(ld_a(a0 + k), ld_p(w0 + k), acc); }
  if (PAD_K) { acc = fma(hd.zero, hd.zero, acc); }
  return acc;
}

fn prepare_row(r: u32) {
  for (var n = 0u; n < C; n++) {
    let z = head_dot(r, n) + ld_p(hd.b_off + n);
    logits[r * C + n] = z;
    if (is_nonfinite(z) && hd.nf_z != NF_NONE) { atomicMin(&block[NF_WORD], hd.nf_z); }
  }
}
