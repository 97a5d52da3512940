// Normalization backward (docs/LAYERS.md#normalizations), for groups of n values with g = ∂L/∂u,
// ĝ = g·γ, û = (v − μ)·s recomputed from the forward's μ and s:
//   ∂L/∂v = (s/n)·(n ĝ − Σĝ − û Σ(ĝ û))      ∂γ_j = Σ_rows g û      ∂β_j = Σ_rows g
// COLS: a group is a feature column over the rows (BatchNorm, or LayerNorm's ∂γ/∂β); else a row over its
// features (LayerNorm's ∂L/∂v). STAT_COLS: μ, s are per column (BatchNorm) rather than per row. PARAMS:
// write ∂γ_j, ∂β_j (COLS only). OUT: write ∂L/∂v, plus ∂L/∂x of the block above when RES (the residual
// stream's gradient: g_{x^{ℓ−1}} = g_x + Norm'(∂L/∂v)).
// Prefix: non-finite snippet, COLS, STAT_COLS, PARAMS, OUT, RES, COOP, WG, group_reduce.wgsl.
struct P {
  rows: u32, feats: u32,
  g_off: u32, v_off: u32, stat_off: u32, gam_off: u32, dgam_off: u32, dbeta_off: u32,
  out_off: u32, res_off: u32, nf_out: u32,
}

@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> gu: array<f32>;
// read_write although only read: v can share a buffer with h or the stream written elsewhere.
@group(0) @binding(2) var<storage, read_write> vs: array<f32>;
@group(0) @binding(3) var<storage, read> stat: array<f32>;
@group(0) @binding(4) var<storage, read> params: array<f32>;
@group(0) @binding(5) var<storage, read_write> grads: array<f32>;
@group(0) @binding(6) var<storage, read_write> out: array<f32>;
@group(0) @binding(7) var<storage, read_write> res: array<f32>;
@group(0) @binding(8) var<storage, read_write> flags: array<atomic<u32>>;

fn elem(g: u32, k: u32) -> u32 { return select(g * p.feats + k, k * p.feats + g, COLS); }
/** Row and feature of element k of group g. */
fn row_of(g: u32, k: u32) -> u32 { return select(g, k, COLS); }
fn feat_of(g: u32, k: u32) -> u32 { return select(k, g, COLS); }
// ROWS_PER_STAT: consecutive rows sharing one group's μ, s (a conv GroupNorm's ∂γ/∂β over the [B·P, C]
// matrix: P rows per sample); PARAM_PERIOD: γ per channel of a row of P·C values (see norm_forward.wgsl).
fn stat_index(g: u32, k: u32) -> u32 { return select(row_of(g, k) / ROWS_PER_STAT, feat_of(g, k), STAT_COLS); }
fn param_index(j: u32) -> u32 {
  if (PARAM_PERIOD == 0u) { return j; }
  return j % max(PARAM_PERIOD, 1u);
}

fn u_hat(g: u32, k: u32) -> f32 {
  let i = p.stat_off + 2u * stat_index(g, k);
  return (vs[p.v_off + elem(g, k)] - stat[i]) * stat[i + 1u];
}

@compute @workgroup_size(WG)
fn main(
  @builtin(local_invocation_index) lt: u32,
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
) {
  let ln = lane(lt, wid, nwg);
  let g = ln.g;
  let valid = g < select(p.rows, p.feats, COLS);
  let n = select(p.feats, p.rows, COLS);
  // Σg and Σ g û (COLS: per feature, so ĝ = γ_j g and Σĝ = γ_j Σg); rows: Σĝ and Σ ĝ û directly.
  var acc = vec2<f32>(0.0);
  if (valid) {
    for (var k = ln.t; k < n; k += ln.step) {
      var gv = gu[p.g_off + elem(g, k)];
      if (!COLS) { gv *= params[p.gam_off + param_index(feat_of(g, k))]; }
      acc += vec2<f32>(gv, gv * u_hat(g, k));
    }
  }
  let sums = group_sum2(acc, ln.t);
  if (!valid) { return; }
  if (PARAMS && ln.t == 0u) {
    grads[p.dgam_off + g] = sums.y;
    grads[p.dbeta_off + g] = sums.x;
  }
  if (!OUT) { return; }
  var sg = sums.x;
  var sgu = sums.y;
  var gam = 1.0;
  if (COLS) {
    gam = params[p.gam_off + g];
    sg *= gam;
    sgu *= gam;
  }
  let nf = f32(n);
  for (var k = ln.t; k < n; k += ln.step) {
    let e = elem(g, k);
    if (!COLS) { gam = params[p.gam_off + param_index(feat_of(g, k))]; }
    let s = stat[p.stat_off + 2u * stat_index(g, k) + 1u];
    let gh = gu[p.g_off + e] * gam;
    var dv = (s / nf) * ((nf * gh - sg) - u_hat(g, k) * sgu);
    if (RES) { dv = res[p.res_off + e] + dv; }
    out[p.out_off + e] = dv;
    if (is_nonfinite(dv)) { atomicMin(&flags[NF_WORD], p.nf_out); }
  }
}
