// Shared by the batched map's quad kernels (grid_*_quad.wgsl) and the MLP's quad backward
// (matmul_backward_quad.wgsl): where each lane of a quad works. A quad's four
// threads (consecutive items: the item count per net is a multiple of 4, so quads never straddle nets)
// compute one 16 × 16 block of the output, lane (p, q) = (lane / 2, lane % 2) its 8 × 8 part: rows 8p…,
// columns 8q…. Per step of the reduction a lane loads half of its 8 rows' operand ("own": rows ro…ro+3,
// picked by q) and gets the other half ("swapped": rs…rs+3) from the lane of the other q, which has the
// same rows, through quadSwapX; likewise its columns' operand, own co…co+3 picked by p, swapped cs…cs+3 from
// the lane of the other p through quadSwapY. (Lanes are the items' order: every adapter we know numbers a
// one-dimensional workgroup's invocations into subgroups in order; the bit-for-bit tests would catch one
// that does not.)
struct QuadHalves {
  ro: u32,
  rs: u32,
  co: u32,
  cs: u32,
}

/** Lane `lane` of quad `quad`, with `cb` blocks of 16 columns per block row. */
fn quad_halves(quad: u32, cb: u32, lane: u32) -> QuadHalves {
  let p = lane / 2u;
  let q = lane % 2u;
  let r = (quad / cb) * 16u + 8u * p;
  let c = (quad % cb) * 16u + 8u * q;
  return QuadHalves(r + 4u * q, r + 4u * (1u - q), c + 4u * p, c + 4u * (1u - p));
}
