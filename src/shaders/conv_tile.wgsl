// Register-tiled core of the conv GEMM (conv_gemm.wgsl with FORM 2, hardware GPUs), on the lines of
// matmul_tile.wgsl. The host defines T (register tile edge, 4 or 8), WGX × WGY (threads across n and down
// m) and TK (k depth of a workgroup tile: each thread loads LA vec4 of A and LB of B per k-tile, whole
// numbers). The including kernel defines, over the patch matrix that is never stored:
//   fn ct_rows(m: u32)  fn ct_cols(n: u32)   note the thread's 4 rows m…m+3 / columns n…n+3 (fixed for
//                                             the whole reduction, so their index arithmetic is done once)
//   fn fetch_a(q: u32) -> vec4<f32>          A at (those rows, q); 0 outside the matrix
//   fn fetch_b(q: u32) -> vec4<f32>          B at (q, those columns); 0 outside the matrix
// Each output is summed as acc = acc + a·b (multiply, then add: the single-output form's and the CPU
// reference's order, not fma) for q = 0, 1, … from +0; the k padding past Q adds 0·0 = +0, which leaves
// every value as it was. So the results are the single-output form's bit for bit, whatever the tile.

const BM: u32 = WGY * T; // rows of a block
const BN: u32 = WGX * T; // columns of a block
const MA: u32 = BM / 4u; // vec4 per k row of tile A
const NB: u32 = BN / 4u; // vec4 per k row of tile B
// One vec4 of padding per k row, as in matmul_tile.wgsl. Here every store is a whole vec4 (the fetches
// return 4 rows or 4 columns at one q, never 4 q), so it matters less than there; it keeps k rows of a
// power-of-two width from all starting in the same bank.
const TSA: u32 = MA + 1u;
const TSB: u32 = NB + 1u;
const F: u32 = T / 4u; // vec4 fragments per thread along m and along n
const THREADS: u32 = WGX * WGY;
const LA: u32 = TK * MA / THREADS;
const LB: u32 = TK * NB / THREADS;

var<workgroup> ct_a: array<vec4<f32>, TK * TSA>; // [q][m / 4]
var<workgroup> ct_b: array<vec4<f32>, TK * TSB>; // [q][n / 4]
// Thread (tx, ty) owns rows 4·(f·WGY + ty) + r and columns 4·(f·WGX + tx) + c: contiguous 4-wide
// fragments, so its tile reads are single vec4 loads and the WGX threads of a row read consecutive vec4.
var<private> ct_acc: array<vec4<f32>, T * F>; // [row i][column fragment]
// The weight grad's ∂b (conv_gemm.wgsl): the threads whose first column is n = 0 (lid.x = 0 of the first
// block column) add each k row of A to their rows' sums, q = 0, 1, … from +0 like ct_acc: the single
// form's order, so its bits. Rows as ct_acc: ct_bsum[f][r] is row 4·(f·WGY + ty) + r.
var<private> ct_own_b: bool;
var<private> ct_bsum: array<vec4<f32>, F>;

fn ct_block(lid: vec3<u32>, wid: vec3<u32>) {
  let t = lid.y * WGX + lid.x;
  for (var i = 0u; i < T * F; i++) { ct_acc[i] = vec4<f32>(0.0); }
  for (var f = 0u; f < F; f++) { ct_bsum[f] = vec4<f32>(0.0); }
  ct_own_b = MODE == 2u && wid.x == 0u && lid.x == 0u;
  // This workgroup's chunk of the reduction (split-K; unsplit, all of it). A split's chunk is a multiple of
  // TK, so only the last chunk's last k-tile reaches past Q (the fetches give 0 there), as unsplit.
  let q_lo = wid.z * d.chunk;
  let q_hi = min(d.Q, q_lo + d.chunk);
  // Thread t fills 4 rows of A (4 columns of B) at the k rows qa, qa + THREADS / MA, …: THREADS is a
  // multiple of MA (and NB), so its rows and columns stay the same through the reduction.
  let ra = t % MA;
  let qa = t / MA;
  let rb = t % NB;
  let qb = t / NB;
  ct_rows(wid.y * BM + 4u * ra);
  ct_cols(wid.x * BN + 4u * rb);
  // Register double buffering: the next k-tile's loads are issued before the current one is multiplied.
  var pa: array<vec4<f32>, LA>;
  var pb: array<vec4<f32>, LB>;
  for (var u = 0u; u < LA; u++) { pa[u] = fetch_a(q_lo + qa + u * (THREADS / MA)); }
  for (var u = 0u; u < LB; u++) { pb[u] = fetch_b(q_lo + qb + u * (THREADS / NB)); }
  let ktiles = (q_hi - q_lo + TK - 1u) / TK;
  for (var kt = 0u; kt < ktiles; kt++) {
    for (var u = 0u; u < LA; u++) { ct_a[(qa + u * (THREADS / MA)) * TSA + ra] = pa[u]; }
    for (var u = 0u; u < LB; u++) { ct_b[(qb + u * (THREADS / NB)) * TSB + rb] = pb[u]; }
    workgroupBarrier();
    if (kt + 1u < ktiles) {
      let q1 = q_lo + (kt + 1u) * TK;
      for (var u = 0u; u < LA; u++) { pa[u] = fetch_a(q1 + qa + u * (THREADS / MA)); }
      for (var u = 0u; u < LB; u++) { pb[u] = fetch_b(q1 + qb + u * (THREADS / NB)); }
    }
    for (var kk = 0u; kk < TK; kk++) {
      var a: array<vec4<f32>, F>;
      var b: array<vec4<f32>, F>;
      for (var f = 0u; f < F; f++) {
        a[f] = ct_a[kk * TSA + f * WGY + lid.y];
        b[f] = ct_b[kk * TSB + f * WGX + lid.x];
      }
      for (var fi = 0u; fi < F; fi++) {
        for (var r = 0u; r < 4u; r++) {
          let av = vec4<f32>(a[fi][r]);
          for (var fj = 0u; fj < F; fj++) {
            let i = (fi * 4u + r) * F + fj;
            ct_acc[i] += av * b[fj];
          }
        }
      }
      if (ct_own_b) {
        for (var f = 0u; f < F; f++) { ct_bsum[f] += a[f]; }
      }
    }
    workgroupBarrier();
  }
}

/** Global row / column of the thread's output (i, j), i, j < T. */
fn ct_row(lid: vec3<u32>, wid: vec3<u32>, i: u32) -> u32 {
  return wid.y * BM + 4u * ((i / 4u) * WGY + lid.y) + i % 4u;
}
fn ct_col(lid: vec3<u32>, wid: vec3<u32>, j: u32) -> u32 {
  return wid.x * BN + 4u * ((j / 4u) * WGX + lid.x) + j % 4u;
}
fn ct_get(i: u32, j: u32) -> f32 { return ct_acc[i * F + j / 4u][j % 4u]; }
fn ct_bias(i: u32) -> f32 { return ct_bsum[i / 4u][i % 4u]; }
