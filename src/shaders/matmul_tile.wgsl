// Tiled matmul core shared by the forward, input-gradient and weight-gradient kernels.
// The host defines T (register tile edge: 4 or 8), WG (threads per block edge: 8 or 16) and TK (k depth of a
// workgroup tile, 4·WG/T, so that every thread loads exactly one vec4 of A and one of B per k-tile).
// The including kernel defines, for each product `p` it computes (0, or 0 and 1 when one dispatch serves
// two products, as in matmul_backward.wgsl; p is workgroup-uniform, so the barriers stay uniform):
//   fn a_k_fast(p: u32) -> bool   A's k index is the contiguous one in memory (else m is)
//   fn b_n_fast(p: u32) -> bool   B's n index is the contiguous one (else k is)
//   fn a_sum(p: u32) -> bool      also sum A over k for the thread's rows (the bias gradient)
//   fn fetch_a(p: u32, m: u32, k: u32) -> vec4<f32>   A at (m, k) and the next 3 along its contiguous index
//   fn fetch_b(p: u32, k: u32, n: u32) -> vec4<f32>   the same for B; both return 0 outside the matrix
// Every thread of the workgroup runs mm_block (it has barriers); results are read with mm_get / mm_asum_at.
// Each output is a plain k-ordered chain of fma over [k_lo, k_hi) (zero-padded k adds exact zeros), so results
// do not depend on the tile shape and match the previous kernels bit for bit. k_lo is 0, or a split-K chunk's
// start (gpu/splitK.ts: a multiple of TK, and k_hi − k_lo is one too except in the last chunk, whose last
// tile reads past the matrix: zeros).

const BM: u32 = WG * T; // block edge, rows = columns
const B4: u32 = BM / 4u; // vec4 per tile row
// Row stride of the workgroup tiles in vec4: one vec4 of padding. Without it the transposing store of a
// k-contiguous operand (4 k rows per thread) hits the same bank from every thread of a row of the tile.
const TS: u32 = B4 + 1u;
const F: u32 = T / 4u; // vec4 fragments per thread along m and along n

var<workgroup> tile_a: array<vec4<f32>, TK * TS>; // [k][m / 4]
var<workgroup> tile_b: array<vec4<f32>, TK * TS>; // [k][n / 4]
// Thread (tx, ty) owns rows 4·(f·WG + ty) + r and columns 4·(f·WG + tx) + c: contiguous 4-wide fragments, so
// its tile reads are single vec4 loads, and the 16 threads of a row read 16 consecutive vec4 (no conflict).
var<private> mm_acc: array<vec4<f32>, T * F>; // [row i][column fragment]
var<private> mm_asum: array<vec4<f32>, F>;

/** (row or column, k) of the first element of thread t's vec4 load: 4 consecutive k of one row when the
 * operand is k-contiguous (TK/4 threads per row: coalesced), else 4 consecutive rows at one k. */
fn mm_slot(t: u32, k_fast: bool) -> vec2<u32> {
  if (k_fast) { return vec2<u32>(t / (TK / 4u), 4u * (t % (TK / 4u))); }
  return vec2<u32>(4u * (t % B4), t / B4);
}

fn mm_put_a(k_fast: bool, s: vec2<u32>, v: vec4<f32>) {
  if (k_fast) {
    let q = s.x / 4u;
    let c = s.x % 4u;
    for (var j = 0u; j < 4u; j++) { tile_a[(s.y + j) * TS + q][c] = v[j]; }
  } else {
    tile_a[s.y * TS + s.x / 4u] = v;
  }
}

fn mm_put_b(k_fast: bool, s: vec2<u32>, v: vec4<f32>) {
  if (k_fast) {
    let q = s.x / 4u;
    let c = s.x % 4u;
    for (var j = 0u; j < 4u; j++) { tile_b[(s.y + j) * TS + q][c] = v[j]; }
  } else {
    tile_b[s.y * TS + s.x / 4u] = v;
  }
}

fn mm_block(p: u32, lid: vec3<u32>, wid: vec3<u32>, k_lo: u32, k_hi: u32) {
  let t = lid.y * WG + lid.x;
  let m0 = wid.y * BM;
  let n0 = wid.x * BM;
  for (var i = 0u; i < T * F; i++) { mm_acc[i] = vec4<f32>(0.0); }
  for (var i = 0u; i < F; i++) { mm_asum[i] = vec4<f32>(0.0); }
  let ak = a_k_fast(p);
  let bk = !b_n_fast(p);
  let asum = a_sum(p);
  let sa = mm_slot(t, ak);
  let sb = mm_slot(t, bk);
  // Register double buffering: the next k-tile's loads are issued before the current one is multiplied.
  var pa = fetch_a(p, m0 + sa.x, k_lo + sa.y);
  var pb = fetch_b(p, k_lo + sb.y, n0 + sb.x);
  let ktiles = (k_hi - k_lo + TK - 1u) / TK;
  for (var kt = 0u; kt < ktiles; kt++) {
    mm_put_a(ak, sa, pa);
    mm_put_b(bk, sb, pb);
    workgroupBarrier();
    if (kt + 1u < ktiles) {
      let k1 = k_lo + (kt + 1u) * TK;
      pa = fetch_a(p, m0 + sa.x, k1 + sa.y);
      pb = fetch_b(p, k1 + sb.y, n0 + sb.x);
    }
    for (var kk = 0u; kk < TK; kk++) {
      var a: array<vec4<f32>, F>;
      var b: array<vec4<f32>, F>;
      for (var f = 0u; f < F; f++) {
        a[f] = tile_a[kk * TS + f * WG + lid.y];
        b[f] = tile_b[kk * TS + f * WG + lid.x];
      }
      for (var fi = 0u; fi < F; fi++) {
        for (var r = 0u; r < 4u; r++) {
          let av = vec4<f32>(a[fi][r]);
          for (var fj = 0u; fj < F; fj++) {
            let i = (fi * 4u + r) * F + fj;
            mm_acc[i] = fma(av, b[fj], mm_acc[i]);
          }
        }
      }
      if (asum) {
        for (var f = 0u; f < F; f++) { mm_asum[f] += a[f]; }
      }
    }
    workgroupBarrier();
  }
}

/** Global row / column of the thread's output (i, j), i, j < T. */
fn mm_row(lid: vec3<u32>, wid: vec3<u32>, i: u32) -> u32 {
  return wid.y * BM + 4u * ((i / 4u) * WG + lid.y) + i % 4u;
}
fn mm_col(lid: vec3<u32>, wid: vec3<u32>, j: u32) -> u32 {
  return wid.x * BM + 4u * ((j / 4u) * WG + lid.x) + j % 4u;
}
fn mm_get(i: u32, j: u32) -> f32 { return mm_acc[i * F + j / 4u][j % 4u]; }
fn mm_asum_at(i: u32) -> f32 { return mm_asum[i / 4u][i % 4u]; }
