// Tiled matmul core shared by the forward, input-gradient and weight-gradient kernels.
// The including kernel defines:
//   const TM, TN: u32      outputs per thread along m and n (block = 16·TM × 16·TN)
//   const A_K_FAST: bool   A's k index is the contiguous one in memory (decides the coalesced load order)
//   const B_N_FAST: bool   B's n index is the contiguous one
//   const A_SUM: bool      also sum A over k for the thread's rows (bias gradient of the weight-grad kernel)
//   fn load_a(m: u32, k: u32) -> f32, fn load_b(k: u32, n: u32) -> f32   (must return 0 outside the matrix)
// Every thread of the workgroup runs mm_block (it has barriers); results land in mm_acc / mm_asum.
// Each output is a plain k-ordered sum, so results do not depend on the tile shape.

const WG: u32 = 16u;
const TK: u32 = 16u;
const BM: u32 = WG * TM;
const BN: u32 = WG * TN;

var<workgroup> tile_a: array<f32, TK * BM>; // [k][m]
var<workgroup> tile_b: array<f32, TK * BN>; // [k][n]
var<private> mm_acc: array<f32, TM * TN>;
var<private> mm_asum: array<f32, TM>;

fn mm_block(lid: vec3<u32>, wid: vec3<u32>, K: u32) {
  let t = lid.y * WG + lid.x;
  let m0 = wid.y * BM;
  let n0 = wid.x * BN;
  for (var i = 0u; i < TM * TN; i++) { mm_acc[i] = 0.0; }
  for (var i = 0u; i < TM; i++) { mm_asum[i] = 0.0; }
  let ktiles = (K + TK - 1u) / TK;
  for (var kt = 0u; kt < ktiles; kt++) {
    let k0 = kt * TK;
    for (var r = 0u; r < TM; r++) {
      let i = r * WG * WG + t;
      var m: u32; var k: u32;
      if (A_K_FAST) { m = i / TK; k = i % TK; } else { m = i % BM; k = i / BM; }
      tile_a[k * BM + m] = load_a(m0 + m, k0 + k);
    }
    for (var r = 0u; r < TN; r++) {
      let i = r * WG * WG + t;
      var n: u32; var k: u32;
      if (B_N_FAST) { n = i % BN; k = i / BN; } else { n = i / TK; k = i % TK; }
      tile_b[k * BN + n] = load_b(k0 + k, n0 + n);
    }
    workgroupBarrier();
    let kn = min(TK, K - k0);
    for (var kk = 0u; kk < kn; kk++) {
      var a: array<f32, TM>;
      for (var i = 0u; i < TM; i++) { a[i] = tile_a[kk * BM + lid.y + i * WG]; }
      for (var j = 0u; j < TN; j++) {
        let b = tile_b[kk * BN + lid.x + j * WG];
        for (var i = 0u; i < TM; i++) { mm_acc[i * TN + j] = fma(a[i], b, mm_acc[i * TN + j]); }
      }
      if (A_SUM) {
        for (var i = 0u; i < TM; i++) { mm_asum[i] += a[i]; }
      }
    }
    workgroupBarrier();
  }
}

/** Global row / column of the thread's output (i, j). */
fn mm_row(lid: vec3<u32>, wid: vec3<u32>, i: u32) -> u32 { return wid.y * BM + lid.y + i * WG; }
fn mm_col(lid: vec3<u32>, wid: vec3<u32>, j: u32) -> u32 { return wid.x * BN + lid.x + j * WG; }
