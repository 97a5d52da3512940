// Normalization forward of one hidden layer (docs/LAYERS.md#normalizations), then φ:
//   û = (v − μ)·s, s = 1/√(σ² + ε) (biased σ²), u = γ û + β, h = φ(u).
// BATCH (BatchNorm): a group is a feature j over the rows; TRAIN uses the batch's μ, σ² and moves the
// running statistics (r ← 0.9 r + 0.1·batch value, the variance term unbiased: n/(n−1)·σ²) when the step
// is applied; otherwise (evaluation) μ, σ² are the running ones. Else (LayerNorm): a group is a row over its
// features, the same in training and evaluation. μ and s of each group are kept for the backward pass.
// NONE: no normalization, u = v (a residual block's a = φ(x) without norm: v is kept for φ' and satFrac).
// Prefix: activation and non-finite snippets, NONE, BATCH, TRAIN, STORE_U, STORE_STAT, EPS, PARAM_PERIOD,
// COOP, WG, group_reduce.wgsl.
struct P {
  rows: u32, feats: u32,
  src_off: u32, u_off: u32, h_off: u32, stat_off: u32, run_off: u32,
  g_off: u32, b_off: u32,
  nf_u: u32, nf_h: u32,
}
struct Step { step_size: f32, bc2_sqrt: f32, apply: u32, _pad: u32 }

@group(0) @binding(0) var<uniform> p: P;
// read_write although only read: the source can share a buffer with h (a residual block reads h¹).
@group(0) @binding(1) var<storage, read_write> src: array<f32>;
@group(0) @binding(2) var<storage, read> params: array<f32>;
@group(0) @binding(3) var<storage, read_write> u_out: array<f32>;
@group(0) @binding(4) var<storage, read_write> h_out: array<f32>;
@group(0) @binding(5) var<storage, read_write> stat: array<f32>;
@group(0) @binding(6) var<storage, read_write> running: array<f32>;
@group(0) @binding(7) var<storage, read_write> flags: array<atomic<u32>>;
@group(0) @binding(8) var<uniform> st: Step;

/**
 * γ and β of feature j: per feature, or with PARAM_PERIOD = C per channel of an NHWC sample whose
 * P·C values are the group (a conv network's GroupNorm(1, C)).
 */
fn param_index(j: u32) -> u32 {
  if (PARAM_PERIOD == 0u) { return j; }
  return j % max(PARAM_PERIOD, 1u);
}

/** Element k of group g, and its feature. */
fn elem(g: u32, k: u32) -> u32 { return select(g * p.feats + k, k * p.feats + g, BATCH); }
fn feat(g: u32, k: u32) -> u32 { return select(k, g, BATCH); }

fn put(e: u32, j: u32, uh: f32, v: f32) {
  var u = v;
  if (!NONE) { u = params[p.g_off + param_index(j)] * uh + params[p.b_off + param_index(j)]; }
  if (STORE_U) { u_out[p.u_off + e] = u; }
  if (is_nonfinite(u) && p.nf_u != NF_NONE) { atomicMin(&flags[NF_WORD], p.nf_u); }
  let h = act_f(u);
  h_out[p.h_off + e] = h;
  if (is_nonfinite(h) && p.nf_h != NF_NONE) { atomicMin(&flags[NF_WORD], p.nf_h); }
}

@compute @workgroup_size(WG)
fn main(
  @builtin(local_invocation_index) lt: u32,
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
) {
  let ln = lane(lt, wid, nwg);
  let g = ln.g;
  let valid = g < select(p.rows, p.feats, BATCH);
  let n = select(p.feats, p.rows, BATCH);
  let nf = f32(n);
  var mean = 0.0;
  var variance = 0.0;
  var inv = 1.0;
  if (!NONE) {
    if (TRAIN || !BATCH) {
      // The CPU reference sums in float64, where neither n·max|v| nor Σ(v − μ)² overflows for any float32
      // v; here the mean sums v/2^k (exact, 2^k ≥ n) and the spread is a scaled sum of squares (scale²·ssq,
      // as BLAS's nrm2), so an exploding layer normalizes like the reference instead of turning into NaN.
      let p2 = f32(1u << (32u - countLeadingZeros(n - 1u)));
      var s = 0.0;
      if (valid) { for (var k = ln.t; k < n; k += ln.step) { s += src[p.src_off + elem(g, k)] * (1.0 / p2); } }
      mean = group_sum2(vec2<f32>(s, 0.0), ln.t).x * (p2 / nf);
      var q = vec2<f32>(0.0); // (scale, ssq)
      if (valid) {
        for (var k = ln.t; k < n; k += ln.step) {
          let a = abs(src[p.src_off + elem(g, k)] - mean);
          if (a > q.x) {
            let r = q.x / a;
            q = vec2<f32>(a, 1.0 + q.y * r * r);
          } else if (a > 0.0) {
            let r = a / q.x;
            q.y += r * r;
          }
        }
      }
      q = group_ssq(q, ln.t);
      let sd = q.x * sqrt(q.y / nf); // biased σ, finite even where σ² is not
      variance = sd * sd;
      // ε is below float32 resolution of σ² once σ > 1e10; 1/σ avoids σ² overflowing there.
      inv = select(1.0 / sqrt(variance + EPS), 1.0 / sd, sd > 1e10);
    } else if (valid) {
      mean = running[p.run_off + g];
      variance = running[p.run_off + p.feats + g];
      inv = 1.0 / sqrt(variance + EPS);
    }
  }
  if (!valid) { return; }
  if (!NONE && STORE_STAT && ln.t == 0u) {
    stat[p.stat_off + 2u * g] = mean;
    stat[p.stat_off + 2u * g + 1u] = inv;
  }
  if (!NONE && BATCH && TRAIN && st.apply != 0u && ln.t == 0u) {
    let r = p.run_off + g;
    running[r] = 0.9 * running[r] + 0.1 * mean;
    running[r + p.feats] = 0.9 * running[r + p.feats] + 0.1 * (variance * (nf / (nf - 1.0)));
  }
  for (var k = ln.t; k < n; k += ln.step) {
    let e = elem(g, k);
    let v = src[p.src_off + e];
    put(e, feat(g, k), (v - mean) * inv, v);
  }
}
